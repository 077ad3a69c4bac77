package org.zonetrust.dane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;

/**
 * Test-only {@link TlsaLookup}: asks the testbed's validating Unbound over loopback (a trusted
 * link) with the DO bit; AD means SECURE, SERVFAIL means BOGUS (Unbound answers SERVFAIL for data
 * that fails validation), an answer without AD is INSECURE. The real validated lookup is the {@code
 * verifier} helper's; this one only feeds the planner's tests.
 */
final class UnboundTlsaLookup implements TlsaLookup {
  private final InetSocketAddress unbound;

  UnboundTlsaLookup(InetSocketAddress unbound) {
    this.unbound = unbound;
  }

  @Override
  public TlsaLookupResult lookup(Name owner) {
    SimpleResolver resolver = new SimpleResolver(unbound);
    resolver.setTimeout(Duration.ofSeconds(5));
    resolver.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
    Message answer;
    try {
      answer = resolver.send(Message.newQuery(Record.newRecord(owner, Type.TLSA, DClass.IN)));
    } catch (IOException e) {
      return new TlsaLookupResult(owner, DnssecStatus.INDETERMINATE, List.of(), e.toString());
    }
    int rcode = answer.getRcode();
    if (rcode == Rcode.SERVFAIL) {
      return new TlsaLookupResult(owner, DnssecStatus.BOGUS, List.of(), "SERVFAIL from Unbound");
    }
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return new TlsaLookupResult(
          owner, DnssecStatus.INDETERMINATE, List.of(), Rcode.string(rcode) + " from Unbound");
    }
    List<TLSARecord> records =
        answer.getSection(Section.ANSWER).stream()
            .filter(r -> r instanceof TLSARecord && r.getName().equals(owner))
            .map(TLSARecord.class::cast)
            .toList();
    boolean ad = answer.getHeader().getFlag(Flags.AD);
    return new TlsaLookupResult(
        owner,
        ad ? DnssecStatus.SECURE : DnssecStatus.INSECURE,
        records,
        Rcode.string(rcode) + (ad ? ", AD" : ", no AD"));
  }
}
