package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.A6Record;
import org.xbill.DNS.AFSDBRecord;
import org.xbill.DNS.HIPRecord;
import org.xbill.DNS.IPSECKEYRecord;
import org.xbill.DNS.KXRecord;
import org.xbill.DNS.MBRecord;
import org.xbill.DNS.MDRecord;
import org.xbill.DNS.MFRecord;
import org.xbill.DNS.MGRecord;
import org.xbill.DNS.MINFORecord;
import org.xbill.DNS.MRRecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.NSAP_PTRRecord;
import org.xbill.DNS.NXTRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PXRecord;
import org.xbill.DNS.RPRecord;
import org.xbill.DNS.RTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SIGRecord;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.Section;
import org.xbill.DNS.TKEYRecord;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.UNKRecord;

/**
 * The RDATA of the types {@link MasterFileWriter} does not format itself: dnsjava's {@code
 * rdataToString()}, which writes unknown types as {@code \# length hex} (RFC 3597). dnsjava prints
 * names with printable specials such as {@code =} or {@code #} unescaped, which Knot cannot read;
 * when a name inside the RDATA has such octets, the RDATA is written in the RFC 3597 generic form
 * instead, which every reader accepts for known types too and which keeps the exact octets.
 */
final class OtherRdata {
  private OtherRdata() {}

  static void write(TextSink out, Record r) throws IOException {
    if (r instanceof UNKRecord) {
      generic(out, r);
      return;
    }
    for (Name name : embeddedNames(r)) {
      if (!NamePresentation.isPlain(name)) {
        generic(out, r);
        return;
      }
    }
    out.append(r.rdataToString());
  }

  /** Writes {@code \# length hex} of the record's RDATA, names in the case they have. */
  static void generic(TextSink out, Record r) throws IOException {
    byte[] wire =
        r.toWire(Section.ANSWER); // owner, type, class, TTL, RDLENGTH, RDATA; uncompressed
    int header = r.getName().length() + 10;
    byte[] rdata = java.util.Arrays.copyOfRange(wire, header, wire.length);
    out.append("\\# ");
    out.decimal(rdata.length);
    if (rdata.length > 0) {
      out.append(' ');
      out.hex(rdata);
    }
  }

  /** The names inside the RDATA of the dnsjava types not formatted by {@link MasterFileWriter}. */
  static List<Name> embeddedNames(Record r) {
    List<Name> names = new ArrayList<>(2);
    if (r instanceof AFSDBRecord x) {
      names.add(x.getHost());
    } else if (r instanceof KXRecord x) {
      names.add(x.getTarget());
    } else if (r instanceof RTRecord x) {
      names.add(x.getIntermediateHost());
    } else if (r instanceof MBRecord x) {
      names.add(x.getMailbox());
    } else if (r instanceof MDRecord x) {
      names.add(x.getMailAgent());
    } else if (r instanceof MFRecord x) {
      names.add(x.getMailAgent());
    } else if (r instanceof MGRecord x) {
      names.add(x.getMailbox());
    } else if (r instanceof MRRecord x) {
      names.add(x.getNewName());
    } else if (r instanceof NSAP_PTRRecord x) {
      names.add(x.getTarget());
    } else if (r instanceof RPRecord x) {
      names.add(x.getMailbox());
      names.add(x.getTextDomain());
    } else if (r instanceof MINFORecord x) {
      names.add(x.getResponsibleAddress());
      names.add(x.getErrorAddress());
    } else if (r instanceof PXRecord x) {
      names.add(x.getMap822());
      names.add(x.getMapX400());
    } else if (r instanceof NAPTRRecord x) {
      names.add(x.getReplacement());
    } else if (r instanceof SVCBBase x) {
      names.add(x.getTargetName());
    } else if (r instanceof HIPRecord x) {
      names.addAll(x.getRvServers());
    } else if (r instanceof IPSECKEYRecord x && x.getGateway() instanceof Name gateway) {
      names.add(gateway);
    } else if (r instanceof A6Record x && x.getPrefix() != null) {
      names.add(x.getPrefix());
    } else if (r instanceof NXTRecord x) {
      names.add(x.getNext());
    } else if (r instanceof SIGRecord x) {
      names.add(x.getSigner());
    } else if (r instanceof TKEYRecord x) {
      names.add(x.getAlgorithm());
    } else if (r instanceof TSIGRecord x) {
      names.add(x.getAlgorithm());
    }
    return names;
  }
}
