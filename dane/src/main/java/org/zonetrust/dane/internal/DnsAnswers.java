package org.zonetrust.dane.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.dane.DnssecStatus;
import org.zonetrust.dane.ValidatedAnswer;

/**
 * Reads the DNSSEC status of a validating resolver's response: AD set means secure; SERVFAIL means
 * bogus (a validator answers SERVFAIL when validation fails; an extended DNS error outside the
 * DNSSEC codes turns it into indeterminate); NOERROR or NXDOMAIN without AD means insecure.
 */
public final class DnsAnswers {
  /** The dnsjava ValidatingResolver puts its reason in a TXT record of this class. */
  private static final int REASON_CLASS = 65280;

  private DnsAnswers() {}

  /**
   * Interprets a response.
   *
   * @param name the name asked for
   * @param type the type asked for
   * @param response the response
   * @param via who answered, for the detail
   * @return the records of {@code type} (CNAMEs in the answer followed) and their status
   */
  public static ValidatedAnswer interpret(Name name, int type, Message response, String via) {
    int rcode = response.getRcode();
    boolean ad = response.getHeader().getFlag(Flags.AD);
    String why = reasons(response);
    String rcodeText = Rcode.string(rcode);
    if (rcode == Rcode.SERVFAIL) {
      DnssecStatus status = dnssecError(response) ? DnssecStatus.BOGUS : DnssecStatus.INDETERMINATE;
      if (status == DnssecStatus.BOGUS || why.isEmpty()) {
        return new ValidatedAnswer(
            name,
            type,
            DnssecStatus.BOGUS,
            List.of(),
            via + " answered SERVFAIL (validation failed)" + (why.isEmpty() ? "" : ": " + why));
      }
      return new ValidatedAnswer(name, type, status, List.of(), via + " answered SERVFAIL: " + why);
    }
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return new ValidatedAnswer(
          name,
          type,
          DnssecStatus.INDETERMINATE,
          List.of(),
          via + " answered " + rcodeText + (why.isEmpty() ? "" : ": " + why));
    }
    List<Record> records = rcode == Rcode.NXDOMAIN ? List.of() : follow(name, type, response);
    String what =
        records.isEmpty()
            ? (rcode == Rcode.NXDOMAIN ? "NXDOMAIN" : "no " + Type.string(type) + " records")
            : records.size() + " " + Type.string(type) + " record(s)";
    if (ad) {
      return new ValidatedAnswer(name, type, DnssecStatus.SECURE, records, what + ", secure (AD)");
    }
    return new ValidatedAnswer(
        name,
        type,
        DnssecStatus.INSECURE,
        records,
        what + ", not validated (no AD)" + (why.isEmpty() ? "" : ": " + why));
  }

  private static List<Record> follow(Name name, int type, Message response) {
    List<Record> answer = response.getSection(Section.ANSWER);
    Name current = name;
    Set<Name> seen = new HashSet<>();
    while (seen.add(current)) {
      List<Record> found = new ArrayList<>();
      Name next = null;
      for (Record r : answer) {
        if (!r.getName().equals(current)) {
          continue;
        }
        if (r.getType() == type) {
          found.add(r);
        } else if (r instanceof CNAMERecord c && type != Type.CNAME) {
          next = c.getTarget();
        }
      }
      if (!found.isEmpty() || next == null) {
        return found;
      }
      current = next;
    }
    return List.of();
  }

  private static boolean dnssecError(Message response) {
    OPTRecord opt = response.getOPT();
    if (opt == null) {
      return false;
    }
    for (EDNSOption o : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
      if (o instanceof ExtendedErrorCodeOption e) {
        int code = e.getErrorCode();
        // 1, 2 and 5..12 are DNSSEC validation failures (RFC 8914 section 4)
        if (code == 1 || code == 2 || (code >= 5 && code <= 12)) {
          return true;
        }
        return false;
      }
    }
    return true;
  }

  private static String reasons(Message response) {
    List<String> parts = new ArrayList<>();
    OPTRecord opt = response.getOPT();
    if (opt != null) {
      for (EDNSOption o : opt.getOptions(EDNSOption.Code.EDNS_EXTENDED_ERROR)) {
        if (o instanceof ExtendedErrorCodeOption e) {
          parts.add(
              "EDE "
                  + e.getErrorCode()
                  + (e.getText() == null || e.getText().isEmpty() ? "" : " " + e.getText()));
        }
      }
    }
    for (Record r : response.getSection(Section.ADDITIONAL)) {
      if (r.getDClass() == REASON_CLASS && r instanceof TXTRecord t) {
        parts.add(String.join(" ", t.getStrings()));
      }
    }
    return String.join("; ", parts);
  }
}
