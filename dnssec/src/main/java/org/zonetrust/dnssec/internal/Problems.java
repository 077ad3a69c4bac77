package org.zonetrust.dnssec.internal;

import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.VerificationProblem;

/** Collects the problems of one verification run. */
final class Problems {
  private final List<VerificationProblem> list = new ArrayList<>();

  void add(Name owner, int type, String message) {
    list.add(new VerificationProblem(owner, type, message));
  }

  List<VerificationProblem> list() {
    return list;
  }
}
