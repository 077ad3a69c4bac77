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
    switch (rcode) {
      case Rcode.REFUSED:
        return Reason.REFUSED;
      case Rcode.NOTAUTH:
        return Reason.NOT_AUTHORITATIVE;
      case Rcode.YXDOMAIN:
      case Rcode.YXRRSET:
      case Rcode.NXDOMAIN:
      case Rcode.NXRRSET:
        return Reason.PREREQUISITE_FAILED;
      case Rcode.NOTZONE:
        return Reason.NOT_ZONE;
      case Rcode.BADSIG: // same code as BADVERS; an UPDATE never uses EDNS versions
      case Rcode.BADKEY:
      case Rcode.BADTIME:
        return Reason.TSIG_REJECTED;
      default:
        return Reason.SERVER_ERROR;
    }
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
    switch (reason) {
      case REFUSED:
        return "the server refused the update; check its update policy for this key and zone";
      case NOT_AUTHORITATIVE:
        return "the server is not authoritative for the zone or does not accept this key;"
            + " send updates to the zone's primary";
      case TSIG_REJECTED:
        return "TSIG authentication failed; check the key name, algorithm and secret, and that"
            + " both clocks are right";
      case PREREQUISITE_FAILED:
        return "a prerequisite did not hold, nothing was changed";
      case NOT_ZONE:
        return "a name in the update is outside the zone";
      case SERVER_ERROR:
        return "the server could not apply the update";
      default:
        return reason.name();
    }
  }
}
