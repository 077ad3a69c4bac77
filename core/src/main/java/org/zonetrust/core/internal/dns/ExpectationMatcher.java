package org.zonetrust.core.internal.dns;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Record;
import org.zonetrust.core.dns.Expectation;

/** Decides whether an RRset meets an {@link Expectation}; records are compared by type and data. */
public final class ExpectationMatcher {
  private ExpectationMatcher() {}

  /**
   * Tests an authoritative answer.
   *
   * @param expected the expectation
   * @param rrset the RRset served (empty for NXDOMAIN / NODATA)
   * @return whether the expectation holds
   */
  public static boolean matches(Expectation expected, List<Record> rrset) {
    if (expected instanceof Expectation.Contains c) {
      return data(rrset).contains(key(c.record()));
    } else if (expected instanceof Expectation.Exactly e) {
      return data(rrset).equals(data(e.records()));
    } else if (expected instanceof Expectation.Absent) {
      return rrset.isEmpty();
    }
    throw new IllegalArgumentException("unknown expectation " + expected);
  }

  private static Set<ByteBuffer> data(List<Record> records) {
    Set<ByteBuffer> s = new HashSet<>();
    records.forEach(r -> s.add(key(r)));
    return s;
  }

  private static ByteBuffer key(Record r) {
    byte[] rdata = r.rdataToWireCanonical();
    ByteBuffer b = ByteBuffer.allocate(rdata.length + 2);
    b.putShort((short) r.getType()).put(rdata).flip();
    return b;
  }
}
