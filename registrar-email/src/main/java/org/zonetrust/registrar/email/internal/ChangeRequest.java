package org.zonetrust.registrar.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.SecureDelegation;

/**
 * One DS change request as a person and a program read it: the domain, the DS set the parent should
 * hold in the end, what to add and remove from what DNS shows now, and a change id derived from the
 * domain and the desired set alone (so asking again for the same set gives the same id).
 *
 * @param changeId the change id, e.g. {@code zt-ds-3f2a9c...}
 * @param domain the child zone
 * @param desired the DS set the parent should hold
 * @param add DS records to add
 * @param remove DS records to remove
 * @param requestedAt when the request was written
 */
record ChangeRequest(
    String changeId,
    Name domain,
    Set<DsData> desired,
    Set<DsData> add,
    Set<DsData> remove,
    Instant requestedAt) {

  static final String BEGIN = "-----BEGIN ZONETRUST DS CHANGE-----";
  static final String END = "-----END ZONETRUST DS CHANGE-----";
  private static final String CRLF = "\r\n";

  ChangeRequest {
    desired = ordered(desired);
    add = ordered(add);
    remove = ordered(remove);
  }

  /**
   * Writes the request for a domain.
   *
   * @param domain the child zone
   * @param desired what the parent should hold (DS data only)
   * @param current what DNS shows at the parent now
   * @param now the clock's time
   * @return the request
   */
  static ChangeRequest of(
      Name domain, SecureDelegation desired, SecureDelegation current, Instant now) {
    Set<DsData> add = new LinkedHashSet<>(desired.ds());
    add.removeAll(current.ds());
    Set<DsData> remove = new LinkedHashSet<>(current.ds());
    remove.removeAll(desired.ds());
    return new ChangeRequest(changeId(domain, desired), domain, desired.ds(), add, remove, now);
  }

  /**
   * The change id: {@code zt-ds-} and 20 hex digits of SHA-256 over the lower-cased domain and the
   * desired DS records in their stable order.
   *
   * @param domain the child zone
   * @param desired the desired set
   * @return the id
   */
  static String changeId(Name domain, SecureDelegation desired) {
    StringBuilder in = new StringBuilder("zonetrust-ds-change-v1\n");
    in.append(domain.toString(false).toLowerCase(Locale.ROOT)).append('\n');
    for (DsData d : desired.ds()) {
      in.append(d).append('\n');
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(in.toString().getBytes(StandardCharsets.UTF_8));
      return "zt-ds-" + HexFormat.of().formatHex(h, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** The domain as written in the request (absolute, lower case). */
  String domainName() {
    return domain.toString(false).toLowerCase(Locale.ROOT);
  }

  String subject() {
    return "DS change request for "
        + domain.toString(true).toLowerCase(Locale.ROOT)
        + " ["
        + changeId
        + "]";
  }

  /** The whole plain-text body, with CRLF line ends (as it is signed and sent). */
  String body() {
    List<String> l = new ArrayList<>();
    String d = domain.toString(true).toLowerCase(Locale.ROOT);
    l.add("Hello,");
    l.add("");
    if (desired.isEmpty()) {
      l.add("please remove every DS record of the domain " + d + " at its parent zone.");
      l.add("The delegation becomes insecure (not signed with DNSSEC).");
    } else {
      l.add("please change the DS records of the domain " + d + " at its parent zone");
      l.add("so that the parent holds exactly these DS records:");
      l.add("");
      for (DsData ds : desired) {
        l.add("    " + presentation(ds));
      }
    }
    l.add("");
    section(l, "Add these DS records:", add);
    section(l, "Remove these DS records:", remove);
    l.add("Change id: " + changeId + " (please quote it in any reply).");
    l.add("We will see the change in DNS; no confirmation by e-mail is needed.");
    l.add("");
    l.add("The block below says the same for programs:");
    l.add("");
    l.addAll(block());
    l.add("");
    return String.join(CRLF, l) + CRLF;
  }

  /** The machine-readable block, one {@code key: value} per line. */
  List<String> block() {
    List<String> l = new ArrayList<>();
    l.add(BEGIN);
    l.add("version: 1");
    l.add("change-id: " + changeId);
    l.add("domain: " + domainName());
    l.add("requested: " + requestedAt);
    l.add("insecure: " + desired.isEmpty());
    for (DsData ds : desired) {
      l.add("ds: " + ds);
    }
    for (DsData ds : add) {
      l.add("add: " + ds);
    }
    for (DsData ds : remove) {
      l.add("remove: " + ds);
    }
    l.add(END);
    return l;
  }

  private void section(List<String> l, String title, Set<DsData> records) {
    if (records.isEmpty()) {
      return;
    }
    l.add(title);
    l.add("");
    for (DsData ds : records) {
      l.add("    " + presentation(ds));
    }
    l.add("");
  }

  private String presentation(DsData ds) {
    return domainName() + " IN DS " + ds;
  }

  private static Set<DsData> ordered(Set<DsData> in) {
    return SecureDelegation.ofDs(in).ds();
  }
}
