package org.zonetrust.dnssec.internal.keys;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRole;

/**
 * Writes and reads {@link ZoneKeys} as a small line-oriented text (one line per key, version and
 * pending request), so that the state kept in the store can be read by an operator.
 */
public final class ZoneKeysCodec {
  private static final String MAGIC = "zonetrust-keys 1";

  private ZoneKeysCodec() {}

  /**
   * Encodes a state.
   *
   * @param s the state
   * @return UTF-8 text
   */
  public static byte[] encode(ZoneKeys s) {
    StringBuilder out = new StringBuilder(MAGIC).append('\n');
    out.append("flags ").append(s.everSecure()).append(' ').append(s.goInsecure()).append('\n');
    Instant unpublished = s.unpublished();
    if (unpublished != null) {
      out.append("unpublished ").append(unpublished).append('\n');
    }
    for (KeyEntry k : s.keys()) {
      out.append("key ")
          .append(
              String.join(
                  " ",
                  k.id(),
                  k.role().name(),
                  Integer.toString(k.algorithm().code()),
                  Integer.toString(k.keyTag()),
                  k.created().toString(),
                  k.lifetimeFrom().toString(),
                  Boolean.toString(k.retiring()),
                  Boolean.toString(k.rollRequested())))
          .append('\n');
    }
    versions(out, "dnskey", s.dnskey());
    versions(out, "data", s.data());
    versions(out, "ds", s.ds());
    PendingDs p = s.pending();
    if (p != null) {
      out.append("pending ")
          .append(set(p.desired()))
          .append(' ')
          .append(p.requestedAt())
          .append(' ')
          .append(p.lastRequest())
          .append(' ')
          .append(p.nextAlert())
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a state.
   *
   * @param bytes UTF-8 text written by {@link #encode}
   * @return the state
   * @throws IllegalArgumentException naming the line, if the text is not a state
   */
  public static ZoneKeys decode(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (lines.length == 0 || !lines[0].equals(MAGIC)) {
      throw new IllegalArgumentException("not a ZoneTrust key state (line 1)");
    }
    List<KeyEntry> keys = new ArrayList<>();
    List<Version> dnskey = new ArrayList<>();
    List<Version> data = new ArrayList<>();
    List<Version> ds = new ArrayList<>();
    PendingDs pending = null;
    boolean everSecure = false;
    boolean goInsecure = false;
    Instant unpublished = null;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(" ", -1);
      try {
        switch (f[0]) {
          case "flags" -> {
            everSecure = Boolean.parseBoolean(f[1]);
            goInsecure = Boolean.parseBoolean(f[2]);
          }
          case "key" ->
              keys.add(
                  new KeyEntry(
                      f[1],
                      KeyRole.valueOf(f[2]),
                      DnssecAlgorithm.fromCode(Integer.parseInt(f[3]))
                          .orElseThrow(() -> new IllegalArgumentException("algorithm " + f[3])),
                      Integer.parseInt(f[4]),
                      Instant.parse(f[5]),
                      Instant.parse(f[6]),
                      Boolean.parseBoolean(f[7]),
                      Boolean.parseBoolean(f[8])));
          case "unpublished" -> unpublished = Instant.parse(f[1]);
          case "dnskey" -> dnskey.add(new Version(Instant.parse(f[1]), parse(f[2]), parse(f[3])));
          case "data" -> data.add(new Version(Instant.parse(f[1]), parse(f[2]), Set.of()));
          case "ds" -> ds.add(new Version(Instant.parse(f[1]), parse(f[2]), Set.of()));
          case "pending" ->
              pending =
                  new PendingDs(
                      parse(f[1]), Instant.parse(f[2]), Instant.parse(f[3]), Instant.parse(f[4]));
          default -> throw new IllegalArgumentException("unknown entry '" + f[0] + "'");
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "damaged key state, line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new ZoneKeys(keys, dnskey, data, ds, pending, everSecure, goInsecure, unpublished);
  }

  private static void versions(StringBuilder out, String name, List<Version> versions) {
    for (Version v : versions) {
      out.append(name).append(' ').append(v.since()).append(' ').append(set(v.members()));
      if (name.equals("dnskey")) {
        out.append(' ').append(set(v.signers()));
      }
      out.append('\n');
    }
  }

  private static String set(Set<String> ids) {
    return ids.isEmpty() ? "-" : String.join(",", new TreeSet<>(ids));
  }

  private static Set<String> parse(@Nullable String field) {
    if (field == null || field.equals("-")) {
      return Set.of();
    }
    return Set.copyOf(Arrays.asList(field.split(",")));
  }
}
