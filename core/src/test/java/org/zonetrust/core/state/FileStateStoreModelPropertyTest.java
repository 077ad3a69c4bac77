package org.zonetrust.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random sequences of put / compare-and-set / delete behave like a map with version counters. */
class FileStateStoreModelPropertyTest {

  enum Kind {
    PUT,
    CAS,
    DELETE,
    GET
  }

  /** One operation; {@code useCurrent} means "expect the model's current version". */
  record Op(Kind kind, String key, boolean useCurrent, long version, byte[] value) {
    @Override
    public String toString() {
      return kind + "(" + key + ", " + (useCurrent ? "current" : version) + ")";
    }
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return op().list().ofMaxSize(30);
  }

  Arbitrary<Op> op() {
    return Combinators.combine(
            Arbitraries.of(Kind.class),
            Arbitraries.of("a", "a/b", "c/d/e"),
            Arbitraries.of(true, false),
            Arbitraries.longs().between(0, 6),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
        .as(Op::new);
  }

  @Property(tries = 60)
  void behavesLikeAnInMemoryModel(@ForAll("ops") List<Op> ops)
      throws IOException, StateStoreException {
    Path dir = Files.createTempDirectory("zt-model");
    try {
      FileStateStore store = FileStateStore.open(dir, Clock.systemUTC());
      Map<String, Long> counter = new HashMap<>();
      Map<String, byte[]> live = new TreeMap<>();
      for (Op op : ops) {
        long last = counter.getOrDefault(op.key(), 0L);
        long current = live.containsKey(op.key()) ? last : Versioned.ABSENT;
        long expected = op.useCurrent() ? current : op.version();
        switch (op.kind()) {
          case PUT -> {
            Versioned v = store.put(op.key(), op.value());
            counter.put(op.key(), last + 1);
            live.put(op.key(), op.value());
            assertThat(v.version()).isEqualTo(last + 1);
          }
          case CAS -> {
            Optional<Versioned> v = store.compareAndSet(op.key(), expected, op.value());
            if (expected == current) {
              counter.put(op.key(), last + 1);
              live.put(op.key(), op.value());
              assertThat(v).as(op.toString()).isPresent();
              assertThat(v.get().version()).isEqualTo(last + 1);
            } else {
              assertThat(v).as(op.toString()).isEmpty();
            }
          }
          case DELETE -> {
            boolean ok = expected != Versioned.ABSENT && expected == current;
            assertThat(store.delete(op.key(), expected)).as(op.toString()).isEqualTo(ok);
            if (ok) {
              live.remove(op.key());
            }
          }
          case GET -> {}
        }
        for (String k : List.of("a", "a/b", "c/d/e")) {
          Optional<Versioned> got = store.get(k);
          if (live.containsKey(k)) {
            assertThat(got).contains(new Versioned(k, counter.get(k), live.get(k)));
          } else {
            assertThat(got).isEmpty();
          }
        }
      }
      assertThat(store.list("")).containsExactlyElementsOf(new ArrayList<>(live.keySet()));
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
