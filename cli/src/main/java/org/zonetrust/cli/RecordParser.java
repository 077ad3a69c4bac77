package org.zonetrust.cli;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Parses one resource record in zone-file presentation format, {@code NAME [TTL] [IN] TYPE RDATA},
 * with relative names taken relative to the zone.
 */
final class RecordParser {
  private static final Pattern FIELD = Pattern.compile("\\S+");

  private RecordParser() {}

  static Record parse(String text, Name origin, long defaultTtl) throws IOException {
    Matcher m = FIELD.matcher(text);
    Name name = Name.fromString(next(m, text, "owner name"), origin);
    String field = next(m, text, "type");
    long ttl = defaultTtl;
    if (Character.isDigit(field.charAt(0))) {
      try {
        ttl = Long.parseLong(field);
      } catch (NumberFormatException e) {
        throw new TextParseException("invalid TTL '" + field + "' in: " + text);
      }
      field = next(m, text, "type");
    }
    if (field.equalsIgnoreCase("IN")) {
      field = next(m, text, "type");
    } else if (DClass.value(field) >= 0 && Type.value(field) < 0) {
      throw new TextParseException("only class IN is supported, got " + field + " in: " + text);
    }
    int type = Type.value(field);
    if (type < 0) {
      throw new TextParseException("unknown record type '" + field + "' in: " + text);
    }
    String rdata = text.substring(m.end()).strip();
    return Record.fromString(name, type, DClass.IN, ttl, rdata, origin);
  }

  /** Parses {@code NAME TYPE} (for deleting a whole RRset). */
  /** An RRset's owner and type. */
  record RRsetRef(Name name, int type) {}

  static RRsetRef parseNameAndType(String text, Name origin) throws IOException {
    Matcher m = FIELD.matcher(text);
    Name name = Name.fromString(next(m, text, "owner name"), origin);
    String field = next(m, text, "type");
    int type = Type.value(field);
    if (type < 0) {
      throw new TextParseException("unknown record type '" + field + "' in: " + text);
    }
    if (m.find()) {
      throw new TextParseException("expected NAME TYPE only, got: " + text);
    }
    return new RRsetRef(name, type);
  }

  private static String next(Matcher m, String text, String what) throws TextParseException {
    if (!m.find()) {
      throw new TextParseException("missing " + what + " in: '" + text + "'");
    }
    return m.group();
  }
}
