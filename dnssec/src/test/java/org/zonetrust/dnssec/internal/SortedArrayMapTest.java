package org.zonetrust.dnssec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

/** The fast canonical sort agrees with {@link Name#compareTo} (RFC 4034 section 6.1). */
class SortedArrayMapTest {
  private static final Name ORIGIN = Name.fromConstantString("example.");

  @Provide
  Arbitrary<List<Name>> names() {
    Arbitrary<byte[]> label =
        Arbitraries.bytes()
            .map(b -> new byte[] {b})
            .injectDuplicates(0.2)
            .list()
            .ofMaxSize(4)
            .map(
                parts -> {
                  byte[] out = new byte[parts.size() + 1];
                  out[0] = 'a';
                  for (int i = 0; i < parts.size(); i++) {
                    out[i + 1] = parts.get(i)[0];
                  }
                  return out;
                });
    Arbitrary<byte[]> small =
        Arbitraries.of("a", "A", "b", "ab", "Ab", "*", "z").map(String::getBytes);
    Arbitrary<Name> name =
        Arbitraries.oneOf(label, small, small)
            .list()
            .ofMaxSize(4)
            .map(
                labels -> {
                  Name n = ORIGIN;
                  for (byte[] l : labels) {
                    try {
                      byte[] wire = new byte[l.length + 1];
                      wire[0] = (byte) l.length;
                      System.arraycopy(l, 0, wire, 1, l.length);
                      byte[] full = new byte[wire.length + n.toWire().length];
                      System.arraycopy(wire, 0, full, 0, wire.length);
                      System.arraycopy(n.toWire(), 0, full, wire.length, n.toWire().length);
                      n = new Name(full);
                    } catch (java.io.IOException e) {
                      throw new IllegalStateException(e);
                    }
                  }
                  return n;
                });
    return name.list().ofMaxSize(30);
  }

  @Property(tries = 300)
  void sortsLikeNameCompareTo(@ForAll("names") List<Name> names) {
    Name[] fast = names.toArray(new Name[0]);
    SortedArrayMap.sortCanonical(fast, n -> n);
    for (int i = 1; i < fast.length; i++) {
      assertThat(fast[i - 1].compareTo(fast[i]))
          .as("%s <= %s", fast[i - 1], fast[i])
          .isLessThanOrEqualTo(0);
    }
  }

  @Test
  void zeroOctetsAndPrefixes() {
    Name[] n = {
      Name.fromConstantString("a\\000.example."),
      Name.fromConstantString("b.a.example."),
      Name.fromConstantString("a.example."),
      Name.fromConstantString("\\255.example."),
      Name.fromConstantString("\\000.example."),
      Name.fromConstantString("A.B.example."),
      Name.fromConstantString("example.")
    };
    Name[] expected = n.clone();
    Arrays.sort(expected);
    SortedArrayMap.sortCanonical(n, x -> x);
    assertThat(n).containsExactly(expected);
  }
}
