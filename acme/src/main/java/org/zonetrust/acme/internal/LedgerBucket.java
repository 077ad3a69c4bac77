package org.zonetrust.acme.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.zonetrust.acme.AcmeException;

/**
 * The entries of one rate-limit bucket: when each counted order was admitted, and its token. Sorted
 * by time; entries older than the limit's period are pruned on every write.
 *
 * @param entries the entries, oldest first
 */
public record LedgerBucket(List<Entry> entries) {
  private static final String FORMAT = "ratelimit-bucket/1";

  /**
   * Copies.
   *
   * @param entries see the record component
   */
  public LedgerBucket {
    entries = List.copyOf(entries);
  }

  /**
   * One counted order.
   *
   * @param at when it was admitted
   * @param token the admission's token
   */
  public record Entry(Instant at, String token) {}

  /**
   * The entries still inside {@code (now - period, now]}.
   *
   * @param now the current instant
   * @param period the limit's period
   * @return the pruned bucket
   */
  public LedgerBucket prune(Instant now, java.time.Duration period) {
    Instant oldest = now.minus(period);
    return new LedgerBucket(entries.stream().filter(e -> e.at().isAfter(oldest)).toList());
  }

  /**
   * With one more entry.
   *
   * @param entry the entry (not older than the existing ones)
   * @return the bucket
   */
  public LedgerBucket plus(Entry entry) {
    List<Entry> list = new ArrayList<>(entries);
    list.add(entry);
    list.sort((a, b) -> a.at().compareTo(b.at()));
    return new LedgerBucket(list);
  }

  /**
   * Without the entries of one token.
   *
   * @param token the token
   * @return the bucket
   */
  public LedgerBucket minus(String token) {
    return new LedgerBucket(entries.stream().filter(e -> !e.token().equals(token)).toList());
  }

  /**
   * Encodes.
   *
   * @return the bytes
   */
  public byte[] encode() {
    List<String> items = new ArrayList<>();
    for (Entry e : entries) {
      items.add(e.at().toEpochMilli() + ":" + e.token());
    }
    return Fields.create(FORMAT).putList("entries", items).toBytes();
  }

  /**
   * Decodes.
   *
   * @param key the state key
   * @param bytes the value
   * @return the bucket
   * @throws AcmeException if malformed
   */
  public static LedgerBucket decode(String key, byte[] bytes) throws AcmeException {
    List<Entry> list = new ArrayList<>();
    for (String item : Fields.parse(key, bytes, FORMAT).list("entries")) {
      int colon = item.indexOf(':');
      try {
        list.add(
            new Entry(
                Instant.ofEpochMilli(Long.parseLong(item.substring(0, colon))),
                item.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw new AcmeException("malformed rate-limit entry at key " + key);
      }
    }
    list.sort((a, b) -> a.at().compareTo(b.at()));
    return new LedgerBucket(list);
  }
}
