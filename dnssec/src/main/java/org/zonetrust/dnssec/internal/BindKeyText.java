package org.zonetrust.dnssec.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyFileException;
import org.zonetrust.dnssec.KeyRole;
import org.zonetrust.dnssec.KeyTiming;

/**
 * The text of BIND's key files (format v1.3 as {@code dnssec-keygen} of BIND 9.18 writes it): the
 * public {@code .key} file (comments and one DNSKEY record), the {@code .private} file ({@code Tag:
 * value} lines) and the role lines of a {@code .state} file.
 */
public final class BindKeyText {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final List<String> TIMING =
      List.of("Created", "Publish", "Activate", "Inactive", "Delete");

  private BindKeyText() {}

  /**
   * A value of a {@code .private} file with the line it came from.
   *
   * @param value the text after the colon, trimmed
   * @param line the line number, from 1
   */
  public record Field(String value, int line) {}

  /**
   * A parsed {@code .private} file.
   *
   * @param algorithmCode the number on the {@code Algorithm:} line
   * @param algorithmLine the line of the {@code Algorithm:} line
   * @param material the decoded key material fields, by name
   * @param lines the line of each material field, by name
   * @param timing the timing lines
   */
  public record PrivateFile(
      int algorithmCode,
      int algorithmLine,
      Map<String, byte[]> material,
      Map<String, Integer> lines,
      KeyTiming timing) {}

  /**
   * A parsed {@code .key} file.
   *
   * @param dnskey the DNSKEY record (TTL 3600 when the file gives none)
   * @param line the line the record is on
   */
  public record PublicFile(DNSKEYRecord dnskey, int line) {}

  /**
   * Parses a {@code .private} file.
   *
   * @param file the file, for messages
   * @param text its lines
   * @return the parsed file
   * @throws KeyFileException naming the file and line, never a value
   */
  public static PrivateFile parsePrivate(Path file, List<String> text) throws KeyFileException {
    Map<String, Field> fields = new LinkedHashMap<>();
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i);
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new KeyFileException(file, i + 1, "expected 'Tag: value'");
      }
      String tag = line.substring(0, colon).trim();
      if (fields.containsKey(tag)) {
        throw new KeyFileException(file, i + 1, tag + ": appears twice");
      }
      if (fields.isEmpty() && !tag.equals("Private-key-format")) {
        throw new KeyFileException(
            file, i + 1, "not a BIND private key file (no Private-key-format)");
      }
      fields.put(tag, new Field(line.substring(colon + 1).trim(), i + 1));
    }
    Field format = fields.get("Private-key-format");
    if (format == null) {
      throw new KeyFileException(file, "is empty");
    }
    if (!format.value().matches("v1\\.[0-9]+")) {
      throw new KeyFileException(
          file, format.line(), "unsupported Private-key-format " + format.value() + " (need v1.x)");
    }
    Field algorithm = fields.get("Algorithm");
    if (algorithm == null) {
      throw new KeyFileException(file, "no Algorithm: line (file truncated?)");
    }
    int code = algorithmCode(file, algorithm);
    Optional<DnssecAlgorithm> known = DnssecAlgorithm.fromCode(code);
    if (known.isEmpty()) {
      throw new KeyFileException(file, algorithm.line(), unsupported(code));
    }
    Map<String, byte[]> material = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    List<String> wanted = KeyMaterial.fields(known.get());
    for (Map.Entry<String, Field> e : fields.entrySet()) {
      String tag = e.getKey();
      int line = e.getValue().line();
      if (wanted.contains(tag)) {
        material.put(tag, base64(file, line, tag, e.getValue().value()));
        lines.put(tag, line);
      } else if (KeyMaterial.RSA_FIELDS.contains(tag) || tag.equals(KeyMaterial.PRIVATE_KEY)) {
        throw new KeyFileException(
            file, line, tag + ": does not belong in a " + known.get() + " key");
      } else if (tag.equals("Engine") || tag.equals("Label")) {
        throw new KeyFileException(
            file, line, "keys held in an HSM (" + tag + ":) are not supported");
      }
    }
    for (String tag : wanted) {
      if (!material.containsKey(tag)) {
        throw new KeyFileException(file, "no " + tag + ": line (file truncated?)");
      }
    }
    KeyTiming timing =
        new KeyTiming(
            time(file, fields.get(TIMING.get(0))),
            time(file, fields.get(TIMING.get(1))),
            time(file, fields.get(TIMING.get(2))),
            time(file, fields.get(TIMING.get(3))),
            time(file, fields.get(TIMING.get(4))));
    return new PrivateFile(code, algorithm.line(), material, lines, timing);
  }

  /**
   * Parses a {@code .key} file: comment lines, then one DNSKEY record on one line.
   *
   * @param file the file, for messages
   * @param text its lines
   * @return the record
   * @throws KeyFileException naming the file and line
   */
  public static PublicFile parsePublic(Path file, List<String> text) throws KeyFileException {
    @Nullable DNSKEYRecord found = null;
    int foundLine = 0;
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i).strip();
      if (line.isEmpty() || line.startsWith(";")) {
        continue;
      }
      if (found != null) {
        throw new KeyFileException(file, i + 1, "more than one record in a key file");
      }
      found = dnskey(file, i + 1, line);
      foundLine = i + 1;
    }
    if (found == null) {
      throw new KeyFileException(file, "holds no DNSKEY record (file truncated?)");
    }
    return new PublicFile(found, foundLine);
  }

  private static DNSKEYRecord dnskey(Path file, int lineNo, String line) throws KeyFileException {
    String[] t = line.split("\\s+");
    int i = 1;
    long ttl = 3600;
    if (i < t.length && t[i].matches("[0-9]+")) {
      ttl = Long.parseLong(t[i++]);
    }
    if (i < t.length && t[i].equalsIgnoreCase("IN")) {
      i++;
    }
    if (i >= t.length || !t[i].equalsIgnoreCase("DNSKEY")) {
      throw new KeyFileException(file, lineNo, "expected 'NAME [TTL] [IN] DNSKEY ...'");
    }
    String rdata = String.join(" ", List.of(t).subList(i + 1, t.length));
    try {
      Name owner = Name.fromString(t[0], Name.root);
      return (DNSKEYRecord) Record.fromString(owner, Type.DNSKEY, DClass.IN, ttl, rdata, Name.root);
    } catch (IOException | RuntimeException e) {
      throw new KeyFileException(file, lineNo, "invalid DNSKEY record: " + e.getMessage());
    }
  }

  /**
   * Reads the role lines ({@code KSK: yes}, {@code ZSK: yes}) of a {@code .state} file.
   *
   * @param file the file, for messages
   * @param text its lines
   * @return the role, or empty if the file says neither KSK nor ZSK
   * @throws KeyFileException if a role line is neither yes nor no
   */
  public static Optional<KeyRole> parseStateRole(Path file, List<String> text)
      throws KeyFileException {
    boolean ksk = false;
    boolean zsk = false;
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i).strip();
      if (line.startsWith("KSK:") || line.startsWith("ZSK:")) {
        String value = line.substring(4).strip();
        if (!value.equals("yes") && !value.equals("no")) {
          throw new KeyFileException(file, i + 1, line.substring(0, 4) + " must be yes or no");
        }
        if (line.startsWith("KSK:")) {
          ksk = value.equals("yes");
        } else {
          zsk = value.equals("yes");
        }
      }
    }
    if (ksk && zsk) {
      return Optional.of(KeyRole.CSK);
    }
    return ksk ? Optional.of(KeyRole.KSK) : zsk ? Optional.of(KeyRole.ZSK) : Optional.empty();
  }

  /**
   * Formats a {@code .private} file as {@code dnssec-keygen} writes it.
   *
   * @param algorithm the algorithm
   * @param material the material fields in BIND's order
   * @param timing the timing lines to write
   * @return the file's text
   */
  public static String formatPrivate(
      DnssecAlgorithm algorithm, Map<String, byte[]> material, KeyTiming timing) {
    StringBuilder b = new StringBuilder();
    b.append("Private-key-format: v1.3\n");
    b.append("Algorithm: ").append(algorithm.code()).append(" (").append(algorithm.mnemonic());
    b.append(")\n");
    Base64.Encoder enc = Base64.getEncoder();
    material.forEach(
        (tag, value) -> b.append(tag).append(": ").append(enc.encodeToString(value)).append('\n'));
    List<Optional<Instant>> times = times(timing);
    for (int i = 0; i < TIMING.size(); i++) {
      int n = i;
      times
          .get(i)
          .ifPresent(
              t -> b.append(TIMING.get(n)).append(": ").append(STAMP.format(t)).append('\n'));
    }
    return b.toString();
  }

  /**
   * Formats a {@code .key} file as {@code dnssec-keygen} writes it: header comments, then the
   * DNSKEY record on one line.
   *
   * @param dnskey the record
   * @param timing the timing shown in the comments
   * @return the file's text
   */
  public static String formatPublic(DNSKEYRecord dnskey, KeyTiming timing) {
    StringBuilder b = new StringBuilder();
    boolean ksk = (dnskey.getFlags() & DNSKEYRecord.Flags.SEP_KEY) != 0;
    b.append("; This is a ").append(ksk ? "key-signing" : "zone-signing").append(" key, keyid ");
    b.append(dnskey.getFootprint()).append(", for ").append(dnskey.getName()).append('\n');
    List<Optional<Instant>> times = times(timing);
    for (int i = 0; i < TIMING.size(); i++) {
      int n = i;
      times
          .get(i)
          .ifPresent(
              t ->
                  b.append("; ")
                      .append(TIMING.get(n))
                      .append(": ")
                      .append(STAMP.format(t))
                      .append(" (")
                      .append(CTIME.format(t))
                      .append(")\n"));
    }
    b.append(dnskey.getName()).append(' ').append(dnskey.getTTL()).append(" IN DNSKEY ");
    b.append(dnskey.rdataToString()).append('\n');
    return b.toString();
  }

  private static List<Optional<Instant>> times(KeyTiming t) {
    return List.of(t.created(), t.publish(), t.activate(), t.inactive(), t.delete());
  }

  private static int algorithmCode(Path file, Field f) throws KeyFileException {
    String v = f.value();
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 3) {
      throw new KeyFileException(file, f.line(), "Algorithm: must start with a number");
    }
    return Integer.parseInt(v.substring(0, end));
  }

  /**
   * Says that ZoneTrust does not sign with an algorithm.
   *
   * @param code the algorithm number
   * @return the message
   */
  public static String unsupported(int code) {
    return "algorithm "
        + code
        + " ("
        + org.xbill.DNS.DNSSEC.Algorithm.string(code)
        + ") is not supported; ZoneTrust signs with 8, 13, 14, 15 and 16";
  }

  private static byte[] base64(Path file, int line, String tag, String value)
      throws KeyFileException {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      // the decoder's message quotes the offending character: never pass it on
      throw new KeyFileException(file, line, tag + ": is not valid base64");
    }
  }

  private static Optional<Instant> time(Path file, @Nullable Field f) throws KeyFileException {
    if (f == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(f.value(), STAMP).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new KeyFileException(file, f.line(), "expected a time YYYYMMDDHHMMSS");
    }
  }

  /**
   * Formats an instant as BIND's key files do.
   *
   * @param t the instant
   * @return {@code YYYYMMDDHHMMSS} in UTC
   */
  public static String stamp(Instant t) {
    return STAMP.format(t);
  }
}
