package org.zonetrust.registrar.internal.epp;

import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;

/**
 * What EPP result codes (RFC 5730 section 3) mean for the adapter; the table is in {@code
 * docs/registrar-epp.md}. 1000 and 1001 are handled by the caller, 2500-2502 by the session.
 */
final class EppResults {
  private EppResults() {}

  /** Whether a refusal of a domain:update is the registry saying no (a REJECTED result). */
  static boolean isRefusal(int code) {
    return switch (code) {
      case 2103, 2104, 2105, 2106, 2201, 2301, 2302, 2303, 2304, 2305, 2306, 2308 -> true;
      default -> false;
    };
  }

  /** The exception for a code that is not success and not a refusal. */
  static RegistrarException failure(EppOptions o, String what, EppResponse r) {
    Reason reason =
        switch (r.code()) {
          case 2200, 2501 -> Reason.AUTHENTICATION;
          case 2201 -> Reason.AUTHENTICATION;
          case 2101, 2102, 2307 -> Reason.UNSUPPORTED;
          case 2303 -> Reason.CONFIGURATION;
          case 2400, 2500, 2502 -> Reason.UNAVAILABLE;
          default -> Reason.PROTOCOL;
        };
    String kind = known(r.code()) ? "" : " (unknown result code)";
    return new RegistrarException(
        reason,
        "EPP "
            + o.where()
            + ": "
            + what
            + " failed: "
            + r.code()
            + kind
            + " "
            + r.message()
            + (r.svTrid().isEmpty() ? "" : " (svTRID " + r.svTrid() + ")"),
        r.code(),
        null);
  }

  static boolean known(int code) {
    return switch (code) {
      case 1000,
          1001,
          1300,
          1301,
          1500,
          2000,
          2001,
          2002,
          2003,
          2004,
          2005,
          2100,
          2101,
          2102,
          2103,
          2104,
          2105,
          2106,
          2200,
          2201,
          2202,
          2300,
          2301,
          2302,
          2303,
          2304,
          2305,
          2306,
          2307,
          2308,
          2400,
          2500,
          2501,
          2502 ->
          true;
      default -> false;
    };
  }
}
