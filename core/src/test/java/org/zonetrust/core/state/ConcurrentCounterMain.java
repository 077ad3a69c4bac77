package org.zonetrust.core.state;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Child process of {@link MultiProcessStateStoreTest}: increments a counter key with
 * compare-and-set loops, then repeatedly takes a shared lease and checks that nobody else is inside
 * it. Prints one line per lease grant ({@code token N}); exits with 3 on a mutual-exclusion
 * violation.
 *
 * <p>Arguments: store directory, id, increments, lease rounds.
 */
public final class ConcurrentCounterMain {

  private ConcurrentCounterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String id = args[1];
    int increments = Integer.parseInt(args[2]);
    int leaseRounds = Integer.parseInt(args[3]);
    FileStateStore store = FileStateStore.open(dir.resolve("store"), Clock.systemUTC());

    Files.createFile(dir.resolve("ready-" + id));
    while (!Files.exists(dir.resolve("go"))) {
      Thread.sleep(2);
    }

    for (int i = 0; i < increments; i++) {
      while (true) {
        Optional<Versioned> cur = store.get("counter");
        long n = cur.map(v -> Long.parseLong(new String(v.value(), US_ASCII))).orElse(0L);
        long expected = cur.map(Versioned::version).orElse(Versioned.ABSENT);
        byte[] next = Long.toString(n + 1).getBytes(US_ASCII);
        if (store.compareAndSet("counter", expected, next).isPresent()) {
          break;
        }
      }
    }

    int granted = 0;
    while (granted < leaseRounds) {
      Optional<Lease> lease = store.tryAcquire("locks/shared", id, Duration.ofMinutes(1));
      if (lease.isEmpty()) {
        Thread.sleep(1);
        continue;
      }
      try (Lease l = lease.get()) {
        granted++;
        String before = store.get("occupant").map(v -> new String(v.value(), US_ASCII)).orElse("");
        if (!before.isEmpty()) {
          System.out.println("VIOLATION " + id + " found " + before + " inside");
          System.exit(3);
        }
        store.put("occupant", id.getBytes(US_ASCII));
        Thread.sleep(1);
        String during = new String(store.get("occupant").orElseThrow().value(), US_ASCII);
        if (!during.equals(id)) {
          System.out.println("VIOLATION " + id + " saw " + during + " inside");
          System.exit(3);
        }
        store.put("occupant", new byte[0]);
        System.out.println("token " + l.fencingToken());
      }
    }
    System.out.flush();
  }
}
