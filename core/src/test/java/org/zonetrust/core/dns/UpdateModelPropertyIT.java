package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.zonetrust.testbed.Testbed;

/**
 * Random batches of TXT/A adds and deletes, each batch one UPDATE, end in the zone content that a
 * set model predicts (read back by AXFR). Few tries: each one creates a zone on the real BIND.
 */
class UpdateModelPropertyIT {

  /** One change: add or delete the record {@code owner TYPE value}. */
  record Op(boolean add, String owner, boolean txt, int value) {
    Record record(Name zone) {
      Name n = Name.fromConstantString(owner + "." + zone);
      if (txt) {
        return new TXTRecord(n, DClass.IN, 300, "v" + value);
      }
      try {
        return new ARecord(n, DClass.IN, 300, InetAddress.getByName("192.0.2." + value));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Provide
  Arbitrary<List<List<Op>>> batches() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.of(true, true, false),
                Arbitraries.of("a", "b", "c"),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 3))
            .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 15, shrinking = ShrinkingMode.OFF)
  void zoneContentEqualsTheModel(@ForAll("batches") List<List<Op>> batches) throws Exception {
    Testbed tb = Testbed.shared();
    Name zone = Name.fromConstantString(tb.createZone("model"));
    Rfc2136Updater updater = TestbedDns.updater(tb);
    Set<String> model = new TreeSet<>();
    for (List<Op> batch : batches) {
      DnsUpdate.Builder b = DnsUpdate.builder(zone);
      for (Op op : batch) {
        Record r = op.record(zone);
        if (op.add()) {
          b.add(r);
          model.add(TestbedDns.line(r));
        } else {
          b.delete(r);
          model.remove(TestbedDns.line(r));
        }
      }
      updater.apply(b.build());
    }
    assertThat(TestbedDns.content(tb, zone)).as("zone %s after %s", zone, batches).isEqualTo(model);
  }
}
