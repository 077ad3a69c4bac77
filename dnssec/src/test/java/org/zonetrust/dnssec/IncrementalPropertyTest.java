package org.zonetrust.dnssec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * For random small zones (empty non-terminals, wildcards, delegations with and without DS, glue and
 * occluded data) and random sequences of changes, {@code apply(sign(z), c)} gives exactly the
 * master file of {@code sign(z + c)} with the same Ed25519 keys and clock, for NSEC, NSEC3 and
 * NSEC3 opt-out; a change that makes the zone invalid is refused by both and leaves the signed zone
 * usable.
 */
class IncrementalPropertyTest {
  private static final List<String> OWNERS =
      List.of(
          "a", "b", "c", "a.b", "b.a", "c.a.b", "*.b", "*", "x.y.z", "m.n", "ns.a", "ns.d", "d",
          "e.d", "*.d", "q.e.d", "Up.Case");

  /**
   * One piece of data: kind 0 A, 1 TXT, 2 NS, 3 NS and DS, 4 AAAA, 5 DS alone, 6 a published DNSKEY
   * at the apex, 7 a CDS at the apex.
   */
  record Spec(String owner, int kind, int value) {
    List<Record> records() {
      Name n = Name.fromConstantString(owner + "." + SignerFixtures.ORIGIN);
      Name apex = SignerFixtures.ORIGIN;
      try {
        return switch (kind) {
          case 0 ->
              List.of(new ARecord(n, DClass.IN, 3600, InetAddress.getByName("192.0.2." + value)));
          case 1 -> List.of(new TXTRecord(n, DClass.IN, 3600, "v" + value));
          case 2 -> List.of(ns(n, value));
          case 3 -> List.of(ns(n, value), ds(n, value));
          case 4 ->
              List.of(
                  new AAAARecord(n, DClass.IN, 3600, InetAddress.getByName("2001:db8::" + value)));
          case 5 -> List.of(ds(n, value));
          case 6 -> {
            byte[] key = new byte[32];
            key[0] = (byte) value;
            yield List.of(new DNSKEYRecord(apex, DClass.IN, 3600, 256, 3, 15, key));
          }
          default -> {
            byte[] digest = new byte[32];
            digest[1] = (byte) value;
            yield List.of(new CDSRecord(apex, DClass.IN, 3600, 2000 + value, 15, 2, digest));
          }
        };
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    private static Record ns(Name n, int value) {
      return new NSRecord(
          n, DClass.IN, 3600, Name.fromConstantString("ns" + value + ".example.net."));
    }

    private static Record ds(Name n, int value) {
      byte[] digest = new byte[32];
      digest[0] = (byte) value;
      return new DSRecord(n, DClass.IN, 3600, 1000 + value, 13, 2, digest);
    }
  }

  /** One change: indexes of existing records to delete, and data to add. */
  record Change(List<Integer> deletions, List<Spec> additions) {}

  @Provide
  Arbitrary<List<Spec>> zone() {
    return spec(Arbitraries.of(0, 0, 1, 1, 2, 3, 4, 6, 7)).list().ofMaxSize(14);
  }

  @Provide
  Arbitrary<List<Change>> changes() {
    Arbitrary<Change> change =
        Combinators.combine(
                Arbitraries.integers().between(0, 1000).list().ofMaxSize(3),
                spec(Arbitraries.of(0, 1, 2, 3, 4, 5, 6, 7)).list().ofMaxSize(3))
            .as(Change::new);
    return change.list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Denial> denials() {
    return Arbitraries.of(Denial.nsec(), Denial.nsec3(), Denial.nsec3OptOut());
  }

  private static Arbitrary<Spec> spec(Arbitrary<Integer> kinds) {
    return Combinators.combine(Arbitraries.of(OWNERS), kinds, Arbitraries.integers().between(1, 3))
        .as(Spec::new);
  }

  @Property(tries = 300)
  void applyEqualsSigningTheChangedZone(
      @ForAll("zone") List<Spec> zone,
      @ForAll("changes") List<Change> changes,
      @ForAll("denials") Denial denial)
      throws Exception {
    ZoneSigner signer = SignerFixtures.signer(DnssecAlgorithm.ED25519, denial).threads(1).build();
    Set<Record> current = new LinkedHashSet<>(SignerFixtures.parse(SignerFixtures.APEX));
    int apexSize = current.size();
    zone.forEach(s -> current.addAll(s.records()));
    SignedZone signed = signer.sign(SignerFixtures.ORIGIN, current);
    for (Change c : changes) {
      List<Record> existing = new ArrayList<>(current).subList(apexSize, current.size());
      List<Record> deletions = new ArrayList<>();
      for (int i : c.deletions()) {
        if (!existing.isEmpty()) {
          deletions.add(existing.get(i % existing.size()));
        }
      }
      List<Record> additions = new ArrayList<>();
      c.additions().forEach(s -> additions.addAll(s.records()));
      Set<Record> next = new LinkedHashSet<>(current);
      next.removeAll(deletions);
      next.addAll(additions);

      SignedZone expected;
      try {
        expected = signer.sign(SignerFixtures.ORIGIN, next);
      } catch (DnssecException e) {
        String before = signed.toMasterFile();
        SignedZone s = signed;
        assertThatThrownBy(() -> signer.apply(s, ZoneChange.of(additions, deletions)))
            .isInstanceOf(DnssecException.class);
        assertThat(signed.toMasterFile()).isEqualTo(before);
        return;
      }
      SignedZone actual = signer.apply(signed, ZoneChange.of(additions, deletions));
      assertThat(actual.toMasterFile())
          .as("after deleting %s and adding %s", deletions, additions)
          .isEqualTo(expected.toMasterFile());
      assertThatThrownBy(signed::records).isInstanceOf(IllegalStateException.class);
      signed = actual;
      current.clear();
      current.addAll(next);
    }
    assertThat(SignerFixtures.verifyAllSignatures(signed.records(), SignerFixtures.T0))
        .isPositive();
  }
}
