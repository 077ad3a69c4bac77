package org.zonetrust.acme.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.zonetrust.acme.internal.ChallengePublisher.PublishedRecord;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/**
 * The write-ahead journal of challenge TXT values: one {@link StateStore} entry per order under
 * {@code acme/journal/}, written before anything is sent to a DNS server and dropped once the
 * values are removed again. Entries are merged and reduced with compare-and-set, so concurrent
 * writers of one entry never lose each other's values.
 *
 * <p>Format (UTF-8 text, every field URL-encoded): a header line, {@code order <key>}, {@code
 * writer <host> <pid> <process start ms> <instance>}, {@code written <epoch ms>}, then one {@code
 * record <zone> <owner> <value>} line per value.
 */
final class ChallengeJournal {
  /** Prefix of every journal key. */
  static final String PREFIX = "acme/journal/";

  private static final String HEADER = "zonetrust-acme-challenge-journal 1";
  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}");
  private static final int MAX_ATTEMPTS = 100;

  private final StateStore store;

  ChallengeJournal(StateStore store) {
    this.store = store;
  }

  /**
   * One journal entry.
   *
   * @param orderKey the order's key
   * @param writer who wrote it last
   * @param written when it was written last
   * @param records the TXT values that may be in DNS
   */
  record Entry(
      String orderKey, JournalOwner writer, Instant written, List<PublishedRecord> records) {
    Entry {
      records = List.copyOf(records);
    }
  }

  /** The store key of an order: the order key itself if it is a safe segment, else a hash. */
  static String keyOf(String orderKey) {
    if (SAFE_SEGMENT.matcher(orderKey).matches()) {
      return PREFIX + orderKey;
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(orderKey.getBytes(StandardCharsets.UTF_8));
      return PREFIX + "sha256-" + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }

  /** Adds records to the order's entry (creating it), atomically. */
  void add(String orderKey, JournalOwner writer, Instant now, List<PublishedRecord> records)
      throws StateStoreException {
    String key = keyOf(orderKey);
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Optional<Versioned> current = store.get(key);
      List<PublishedRecord> merged =
          current.isPresent()
              ? merge(decode(key, current.get().value()).records(), records)
              : merge(List.of(), records);
      byte[] value = encode(new Entry(orderKey, writer, now, merged));
      long expected = current.map(Versioned::version).orElse(Versioned.ABSENT);
      if (store.compareAndSet(key, expected, value).isPresent()) {
        return;
      }
    }
    throw new StateStoreException("journal entry " + key + " changed too often concurrently");
  }

  /**
   * Removes records from the order's entry, atomically; drops the entry when nothing is left.
   * Idempotent: an absent entry is fine.
   */
  void subtract(String orderKey, List<PublishedRecord> records) throws StateStoreException {
    String key = keyOf(orderKey);
    for (int i = 0; i < MAX_ATTEMPTS; i++) {
      Optional<Versioned> current = store.get(key);
      if (current.isEmpty()) {
        return;
      }
      Entry entry = decode(key, current.get().value());
      List<PublishedRecord> rest = minus(entry.records(), records);
      boolean done =
          rest.isEmpty()
              ? store.delete(key, current.get().version())
              : store
                  .compareAndSet(
                      key,
                      current.get().version(),
                      encode(new Entry(entry.orderKey(), entry.writer(), entry.written(), rest)))
                  .isPresent();
      if (done) {
        return;
      }
    }
    throw new StateStoreException("journal entry " + key + " changed too often concurrently");
  }

  /** Every journal key, in lexicographic order. */
  List<String> keys() throws StateStoreException {
    return store.list(PREFIX);
  }

  /** Reads one entry by its store key. */
  Optional<Entry> read(String key) throws StateStoreException {
    Optional<Versioned> v = store.get(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(decode(key, v.get().value()));
  }

  static byte[] encode(Entry e) {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    b.append("order ").append(enc(e.orderKey())).append('\n');
    JournalOwner w = e.writer();
    b.append("writer ")
        .append(enc(w.host()))
        .append(' ')
        .append(w.pid())
        .append(' ')
        .append(w.started())
        .append(' ')
        .append(enc(w.instance()))
        .append('\n');
    b.append("written ").append(e.written().toEpochMilli()).append('\n');
    for (PublishedRecord r : e.records()) {
      for (String v : r.values()) {
        b.append("record ")
            .append(enc(r.zone()))
            .append(' ')
            .append(enc(r.owner()))
            .append(' ')
            .append(enc(v))
            .append('\n');
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Entry decode(String key, byte[] data) throws StateStoreException {
    String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", -1);
    String order = null;
    JournalOwner writer = null;
    Instant written = null;
    Map<List<String>, Set<String>> records = new LinkedHashMap<>();
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new StateStoreException("journal entry " + key + " has an unknown format (line 1)");
    }
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ", -1);
      try {
        switch (f[0]) {
          case "order" -> order = field(f, 2, 1);
          case "writer" ->
              writer =
                  new JournalOwner(
                      field(f, 5, 1),
                      Long.parseLong(field(f, 5, 2)),
                      Long.parseLong(field(f, 5, 3)),
                      field(f, 5, 4));
          case "written" -> written = Instant.ofEpochMilli(Long.parseLong(field(f, 2, 1)));
          case "record" ->
              records
                  .computeIfAbsent(
                      List.of(field(f, 4, 1), field(f, 4, 2)), k -> new LinkedHashSet<>())
                  .add(field(f, 4, 3));
          default -> throw new IllegalArgumentException("unknown line type");
        }
      } catch (IllegalArgumentException ex) {
        throw new StateStoreException(
            "journal entry " + key + " is malformed at line " + (i + 1) + ": " + ex.getMessage());
      }
    }
    if (order == null || writer == null || written == null) {
      throw new StateStoreException(
          "journal entry " + key + " lacks its order, writer or written line");
    }
    List<PublishedRecord> out = new ArrayList<>();
    records.forEach((k, v) -> out.add(new PublishedRecord(k.get(0), k.get(1), List.copyOf(v))));
    return new Entry(order, writer, written, out);
  }

  /** Union of two record lists, grouped by zone and owner, values in first-seen order. */
  static List<PublishedRecord> merge(List<PublishedRecord> a, List<PublishedRecord> b) {
    Map<List<String>, Set<String>> m = new LinkedHashMap<>();
    for (List<PublishedRecord> list : List.of(a, b)) {
      for (PublishedRecord r : list) {
        m.computeIfAbsent(List.of(r.zone(), r.owner()), k -> new LinkedHashSet<>())
            .addAll(r.values());
      }
    }
    List<PublishedRecord> out = new ArrayList<>();
    m.forEach((k, v) -> out.add(new PublishedRecord(k.get(0), k.get(1), List.copyOf(v))));
    return out;
  }

  /** The records of {@code a} that are not in {@code b}. */
  static List<PublishedRecord> minus(List<PublishedRecord> a, List<PublishedRecord> b) {
    Map<List<String>, Set<String>> gone = new LinkedHashMap<>();
    for (PublishedRecord r : b) {
      gone.computeIfAbsent(List.of(r.zone(), r.owner()), k -> new LinkedHashSet<>())
          .addAll(r.values());
    }
    List<PublishedRecord> out = new ArrayList<>();
    for (PublishedRecord r : merge(a, List.of())) {
      Set<String> g = gone.getOrDefault(List.of(r.zone(), r.owner()), Set.of());
      List<String> left = r.values().stream().filter(v -> !g.contains(v)).toList();
      if (!left.isEmpty()) {
        out.add(new PublishedRecord(r.zone(), r.owner(), left));
      }
    }
    return out;
  }

  private static String field(String[] f, int count, int index) {
    if (f.length != count) {
      throw new IllegalArgumentException("expected " + count + " fields, got " + f.length);
    }
    return URLDecoder.decode(f[index], StandardCharsets.UTF_8);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
