package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNAMERecord;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Writes records as master-file lines (RFC 1035 section 5), one record a line with absolute names:
 * {@code owner TTL class type rdata}, separated by tabs.
 *
 * <p>Names, in the owner and inside RDATA, are written as {@link NamePresentation} does: every
 * octet outside {@code [A-Za-z0-9_/-]} as {@code \DDD}, so that BIND, ldns, Knot and dnsjava read
 * the file back to the same octets. The common types (A, AAAA, NS, CNAME, DNAME, PTR, MX, SRV, TXT,
 * SPF, SOA, DS, CDS, DNSKEY, CDNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, TLSA) are formatted here,
 * straight into a large buffer; other types use dnsjava's {@code rdataToString()} (unknown types
 * stay in the RFC 3597 form {@code \# length hex}), unless a name inside their RDATA needs escapes
 * dnsjava would not write, in which case the RDATA is written in the RFC 3597 form (see {@link
 * OtherRdata}).
 *
 * <p>Not thread-safe. {@link #flush()} must be called at the end.
 */
final class MasterFileWriter {
  private static final int BUFFER_CHARS = 1 << 16;

  private final TextSink out;
  // Consecutive records mostly share their owner Name object, and RRSIGs their signer: the last
  // rendering of each is kept (by identity: Name.equals ignores case).
  private final RenderedName owner = new RenderedName();
  private final RenderedName signer = new RenderedName();
  private final RenderedName rdataName = new RenderedName();

  MasterFileWriter(Writer writer) {
    this.out = new TextSink(writer, BUFFER_CHARS);
  }

  /**
   * Writes every record the source gives, in its order, and flushes into {@code writer} (which is
   * not flushed itself).
   *
   * @param writer where the text goes
   * @param source calls its argument once per record
   * @throws IOException if the writer fails
   */
  static void write(Writer writer, Consumer<Consumer<Record>> source) throws IOException {
    MasterFileWriter w = new MasterFileWriter(writer);
    try {
      source.accept(
          r -> {
            try {
              w.record(r);
            } catch (IOException e) {
              throw new WriteFailed(e);
            }
          });
    } catch (WriteFailed e) {
      throw e.io;
    }
    w.flush();
  }

  /** Returns the master file text of every record the source gives, in its order. */
  static String toText(Consumer<Consumer<Record>> source) {
    StringBuilderWriter text = new StringBuilderWriter();
    try {
      write(text, source);
    } catch (IOException e) {
      throw new IllegalStateException("a StringBuilder does not fail", e);
    }
    return text.toString();
  }

  /** Writes one record as one line. */
  void record(Record r) throws IOException {
    owner.write(out, r.getName());
    out.append('\t');
    out.decimal(r.getTTL());
    out.append('\t');
    int dclass = r.getDClass();
    out.append(dclass == DClass.IN ? "IN" : DClass.string(dclass));
    out.append('\t');
    out.append(Type.string(r.getType()));
    out.append('\t');
    if (!known(r)) {
      OtherRdata.write(out, r);
    }
    out.append('\n');
  }

  void flush() throws IOException {
    out.flush();
  }

  /** Writes the RDATA of the types formatted here; false for any other. */
  private boolean known(Record r) throws IOException {
    return switch (r.getType()) {
      case Type.A -> r instanceof ARecord a && a(a);
      case Type.AAAA -> r instanceof AAAARecord a && aaaa(a);
      case Type.NS -> r instanceof NSRecord ns && name(ns.getTarget());
      case Type.CNAME -> r instanceof CNAMERecord c && name(c.getTarget());
      case Type.DNAME -> r instanceof DNAMERecord d && name(d.getTarget());
      case Type.PTR -> r instanceof PTRRecord p && name(p.getTarget());
      case Type.MX -> r instanceof MXRecord mx && mx(mx);
      case Type.SRV -> r instanceof SRVRecord srv && srv(srv);
      case Type.TXT -> r instanceof TXTRecord txt && txt(txt.getStringsAsByteArrays());
      case Type.SPF -> r instanceof SPFRecord spf && txt(spf.getStringsAsByteArrays());
      case Type.SOA -> r instanceof SOARecord soa && soa(soa);
      case Type.DS, Type.CDS -> r instanceof DSRecord ds && ds(ds);
      case Type.DNSKEY, Type.CDNSKEY -> r instanceof DNSKEYRecord k && dnskey(k);
      case Type.RRSIG -> r instanceof RRSIGRecord sig && rrsig(sig);
      case Type.NSEC -> r instanceof NSECRecord nsec && nsec(nsec);
      case Type.NSEC3 -> r instanceof NSEC3Record nsec3 && nsec3(nsec3);
      case Type.NSEC3PARAM -> r instanceof NSEC3PARAMRecord p && nsec3param(p);
      case Type.TLSA -> r instanceof TLSARecord t && tlsa(t);
      default -> false;
    };
  }

  private boolean a(ARecord r) throws IOException {
    out.ipv4(r.getAddress().getAddress());
    return true;
  }

  private boolean aaaa(AAAARecord r) throws IOException {
    byte[] address = r.getAddress().getAddress();
    if (address.length == 4) { // Java turns an IPv4-mapped address into an Inet4Address
      out.append("::ffff:");
      out.ipv4(address);
    } else {
      out.ipv6(address);
    }
    return true;
  }

  private boolean name(Name name) throws IOException {
    rdataName.write(out, name);
    return true;
  }

  private boolean mx(MXRecord r) throws IOException {
    out.decimal(r.getPriority());
    out.append(' ');
    return name(r.getTarget());
  }

  private boolean srv(SRVRecord r) throws IOException {
    out.decimal(r.getPriority());
    out.append(' ');
    out.decimal(r.getWeight());
    out.append(' ');
    out.decimal(r.getPort());
    out.append(' ');
    return name(r.getTarget());
  }

  private boolean txt(java.util.List<byte[]> strings) throws IOException {
    boolean first = true;
    for (byte[] s : strings) {
      if (!first) {
        out.append(' ');
      }
      out.characterString(s);
      first = false;
    }
    return true;
  }

  private boolean soa(SOARecord r) throws IOException {
    rdataName.write(out, r.getHost());
    out.append(' ');
    rdataName.write(out, r.getAdmin());
    for (long v :
        new long[] {r.getSerial(), r.getRefresh(), r.getRetry(), r.getExpire(), r.getMinimum()}) {
      out.append(' ');
      out.decimal(v);
    }
    return true;
  }

  private boolean ds(DSRecord r) throws IOException {
    out.decimal(r.getFootprint());
    out.append(' ');
    out.decimal(r.getAlgorithm());
    out.append(' ');
    out.decimal(r.getDigestID());
    out.append(' ');
    out.hex(r.getDigest());
    return true;
  }

  private boolean dnskey(DNSKEYRecord r) throws IOException {
    out.decimal(r.getFlags());
    out.append(' ');
    out.decimal(r.getProtocol());
    out.append(' ');
    out.decimal(r.getAlgorithm());
    out.append(' ');
    out.base64(r.getKey());
    return true;
  }

  private boolean rrsig(RRSIGRecord r) throws IOException {
    out.append(Type.string(r.getTypeCovered()));
    out.append(' ');
    out.decimal(r.getAlgorithm());
    out.append(' ');
    out.decimal(r.getLabels());
    out.append(' ');
    out.decimal(r.getOrigTTL());
    out.append(' ');
    out.rrsigTime(r.getExpire().getEpochSecond());
    out.append(' ');
    out.rrsigTime(r.getTimeSigned().getEpochSecond());
    out.append(' ');
    out.decimal(r.getFootprint());
    out.append(' ');
    signer.write(out, r.getSigner());
    out.append(' ');
    out.base64(r.getSignature());
    return true;
  }

  private boolean nsec(NSECRecord r) throws IOException {
    rdataName.write(out, r.getNext());
    types(r.getTypes());
    return true;
  }

  private boolean nsec3(NSEC3Record r) throws IOException {
    hashParameters(r.getHashAlgorithm(), r.getFlags(), r.getIterations(), r.getSalt());
    out.append(' ');
    out.base32hex(r.getNext());
    types(r.getTypes());
    return true;
  }

  private boolean nsec3param(NSEC3PARAMRecord r) throws IOException {
    hashParameters(r.getHashAlgorithm(), r.getFlags(), r.getIterations(), r.getSalt());
    return true;
  }

  private void hashParameters(int algorithm, int flags, int iterations, byte[] salt)
      throws IOException {
    out.decimal(algorithm);
    out.append(' ');
    out.decimal(flags);
    out.append(' ');
    out.decimal(iterations);
    out.append(' ');
    if (salt == null || salt.length == 0) {
      out.append('-');
    } else {
      out.hex(salt);
    }
  }

  private void types(int[] types) throws IOException {
    for (int t : types) {
      out.append(' ');
      out.append(Type.string(t));
    }
  }

  private boolean tlsa(TLSARecord r) throws IOException {
    out.decimal(r.getCertificateUsage());
    out.append(' ');
    out.decimal(r.getSelector());
    out.append(' ');
    out.decimal(r.getMatchingType());
    out.append(' ');
    out.hex(r.getCertificateAssociationData());
    return true;
  }

  /** A name and its presentation form, rendered again only for another Name object. */
  private static final class RenderedName {
    private final char[] text = new char[NamePresentation.MAX_CHARS];
    private @Nullable Name name;
    private int length;

    @SuppressWarnings("ReferenceEquality") // on purpose: equal names may differ in case
    void write(TextSink out, Name n) throws IOException {
      if (n != name) {
        length = NamePresentation.render(n, text);
        name = n;
      }
      out.append(text, 0, length);
    }
  }

  /** Carries a writer's {@link IOException} through a {@link Consumer}. */
  private static final class WriteFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient IOException io;

    WriteFailed(IOException io) {
      super(io);
      this.io = io;
    }
  }

  /** An unsynchronized {@link java.io.StringWriter}. */
  private static final class StringBuilderWriter extends Writer {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void write(String s) {
      text.append(s);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
