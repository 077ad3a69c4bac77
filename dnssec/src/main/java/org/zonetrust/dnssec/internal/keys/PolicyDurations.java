package org.zonetrust.dnssec.internal.keys;

import java.time.Duration;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.RolloverMethod;

/** The waiting times a policy implies, and durations written for people. */
public final class PolicyDurations {
  private PolicyDurations() {}

  /**
   * The shortest rollover of a role under a policy, from the successor's creation to the deletion
   * of the old key, with a parent that answers at once.
   *
   * @param p the policy
   * @param role the role
   * @return the duration
   */
  public static Duration shortestRollover(KeyRolloverPolicy p, KeyRole role) {
    Duration sum = Duration.ZERO;
    for (Duration d : steps(p, role)) {
      sum = sum.plus(d);
    }
    return sum;
  }

  /**
   * Explains {@link #shortestRollover} as a sum, e.g. {@code "DNSKEY TTL 1h + ... = 1d 5h"}.
   *
   * @param p the policy
   * @param role the role
   * @return the explanation
   */
  public static String explain(KeyRolloverPolicy p, KeyRole role) {
    Duration[] s = steps(p, role);
    String[] names = stepNames(p, role);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      if (i > 0) {
        out.append(" + ");
      }
      out.append(names[i]).append(' ').append(human(s[i]));
    }
    return out.append(" = ").append(human(shortestRollover(p, role))).toString();
  }

  static Duration dnskeyWait(KeyRolloverPolicy p, Duration margin) {
    return p.dnskeyTtl().plus(p.zonePropagationDelay()).plus(margin);
  }

  static Duration dataWait(KeyRolloverPolicy p, Duration margin) {
    return p.maxZoneTtl().plus(p.zonePropagationDelay()).plus(margin);
  }

  static Duration dsWait(KeyRolloverPolicy p, Duration margin) {
    return p.dsTtl().plus(p.parentPropagationDelay()).plus(margin);
  }

  private static Duration[] steps(KeyRolloverPolicy p, KeyRole role) {
    Duration pub = p.publishSafety();
    Duration ret = p.retireSafety();
    return switch (role) {
      case ZSK ->
          p.zskMethod() == RolloverMethod.PRE_PUBLICATION
              ? new Duration[] {dnskeyWait(p, pub), dataWait(p, ret), dnskeyWait(p, ret)}
              : new Duration[] {
                max(dnskeyWait(p, pub), dataWait(p, pub)), max(dnskeyWait(p, ret), dataWait(p, ret))
              };
      case KSK ->
          p.kskMethod() == RolloverMethod.DOUBLE_KSK
              ? new Duration[] {dnskeyWait(p, pub), dsWait(p, ret), dnskeyWait(p, ret)}
              : new Duration[] {dsWait(p, pub), dnskeyWait(p, ret), dsWait(p, ret)};
      case CSK ->
          new Duration[] {
            dnskeyWait(p, pub), max(dataWait(p, ret), dsWait(p, ret)), dnskeyWait(p, ret)
          };
    };
  }

  private static String[] stepNames(KeyRolloverPolicy p, KeyRole role) {
    String pub = "(TTL + propagation + publish safety)";
    String ret = "(TTL + propagation + retire safety)";
    return switch (role) {
      case ZSK ->
          p.zskMethod() == RolloverMethod.PRE_PUBLICATION
              ? new String[] {"new DNSKEY " + pub, "old signatures " + ret, "old DNSKEY " + ret}
              : new String[] {"new DNSKEY and signatures " + pub, "old ones " + ret};
      case KSK ->
          p.kskMethod() == RolloverMethod.DOUBLE_KSK
              ? new String[] {"new DNSKEY " + pub, "DS swap " + ret, "old DNSKEY " + ret}
              : new String[] {"new DS " + pub, "DNSKEY swap " + ret, "old DS " + ret};
      case CSK ->
          new String[] {"new DNSKEY " + pub, "signature and DS swap " + ret, "old DNSKEY " + ret};
    };
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /**
   * Writes a duration the way operators read it: {@code 30d}, {@code 1d 2h 10m}, {@code 2s}.
   *
   * @param d the duration
   * @return the text
   */
  public static String human(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long s = d.toSeconds();
    StringBuilder out = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        if (out.length() > 0) {
          out.append(' ');
        }
        out.append(s / units[i]).append(names[i]);
        s %= units[i];
      }
    }
    return out.length() == 0 ? d.toString() : out.toString();
  }
}
