package org.zonetrust.dnssec;

import java.util.List;

/** The three ways of authenticated denial the interop tests cover. */
enum DenialMode {
  NSEC(List.of()),
  /** RFC 9276 defaults: no extra iterations, empty salt. */
  NSEC3(List.of("-3", "-")),
  /** NSEC3 with opt-out: insecure delegations are left out of the chain. */
  NSEC3_OPT_OUT(List.of("-3", "-", "-A"));

  private final List<String> signzoneArgs;

  DenialMode(List<String> signzoneArgs) {
    this.signzoneArgs = signzoneArgs;
  }

  /** The {@code dnssec-signzone} options for this mode. */
  List<String> signzoneArgs() {
    return signzoneArgs;
  }
}
