package org.zonetrust.core.internal.dns;

import org.xbill.DNS.Rcode;
import org.zonetrust.core.dns.DnsUpdateException.Reason;

/** Maps RFC 2136 / RFC 8945 response codes to {@link Reason}s. */
public final class RcodeMapping {
  private RcodeMapping() {}

  /**
   * The reason for an error response code.
   *
   * @param rcode the (extended) response code, not NOERROR
   * @return the reason
   */
  public static Reason reason(int rcode) {
    return switch (rcode) {
      case Rcode.REFUSED -> Reason.REFUSED;
      case Rcode.NOTAUTH -> Reason.NOT_AUTHORITATIVE;
      case Rcode.YXDOMAIN, Rcode.YXRRSET, Rcode.NXDOMAIN, Rcode.NXRRSET ->
          Reason.PREREQUISITE_FAILED;
      case Rcode.NOTZONE -> Reason.NOT_ZONE;
      // BADSIG has the same code as BADVERS; an UPDATE never uses EDNS versions
      case Rcode.BADSIG, Rcode.BADKEY, Rcode.BADTIME -> Reason.TSIG_REJECTED;
      default -> Reason.SERVER_ERROR;
    };
  }

  /**
   * The mnemonic of a response code, preferring the TSIG names for 16-18.
   *
   * @param rcode the response code
   * @return e.g. {@code REFUSED}, {@code BADSIG}
   */
  public static String mnemonic(int rcode) {
    return rcode >= Rcode.BADSIG && rcode <= Rcode.BADTIME
        ? Rcode.TSIGstring(rcode)
        : Rcode.string(rcode);
  }

  /**
   * What a reason means for the operator, appended to exception messages.
   *
   * @param reason the reason
   * @return a short explanation with the next step
   */
  public static String explain(Reason reason) {
    return switch (reason) {
      case REFUSED ->
          "the server refused the update; check its update policy for this key and zone";
      case NOT_AUTHORITATIVE ->
          "the server is not authoritative for the zone or does not accept this key;"
              + " send updates to the zone's primary";
      case TSIG_REJECTED ->
          "TSIG authentication failed; check the key name, algorithm and secret, and that"
              + " both clocks are right";
      case PREREQUISITE_FAILED -> "a prerequisite did not hold, nothing was changed";
      case NOT_ZONE -> "a name in the update is outside the zone";
      case SERVER_ERROR -> "the server could not apply the update";
      default -> reason.name();
    };
  }
}
