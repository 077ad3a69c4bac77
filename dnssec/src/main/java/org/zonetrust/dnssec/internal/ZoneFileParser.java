package org.zonetrust.dnssec.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.zonetrust.dnssec.DnssecException;
import org.zonetrust.dnssec.ZoneFileException;

/**
 * Reads master files with dnsjava's {@link Master}, keeping the line of every record, bounding size
 * and record count, handling {@code $INCLUDE} itself (confined to the zone file's directory) and
 * finishing with {@link ZoneChecks}. Backs {@code org.zonetrust.dnssec.ZoneFile}.
 */
public final class ZoneFileParser {
  private static final int MAX_INCLUDE_DEPTH = 8;
  private static final Pattern TOKENIZER_MESSAGE =
      Pattern.compile("<none>:(\\d+): (.*)", Pattern.DOTALL);

  private final long maxBytes;
  private final int maxRecords;
  private final boolean allowIncludes;

  /**
   * Creates a parser.
   *
   * @param maxBytes the most bytes a zone file (with its includes) may have
   * @param maxRecords the most records it may hold
   * @param allowIncludes whether {@code $INCLUDE} of files in the zone file's directory is allowed
   */
  public ZoneFileParser(long maxBytes, int maxRecords, boolean allowIncludes) {
    this.maxBytes = maxBytes;
    this.maxRecords = maxRecords;
    this.allowIncludes = allowIncludes;
  }

  /** Where the records of one read go, with the source and line of each. */
  private final class Result {
    final ByteBudget budget = new ByteBudget(maxBytes);
    final List<Record> records = new ArrayList<>();
    final @Nullable Path dir;
    final @Nullable Path shownDir;
    int[] lines = new int[1024];
    String[] sources = new String[1024];

    Result(@Nullable Path dir, @Nullable Path shownDir) {
      this.dir = dir;
      this.shownDir = shownDir;
    }

    void add(Record r, String source, int line) throws ZoneFileException {
      int i = records.size();
      if (i >= maxRecords) {
        throw new ZoneFileException(
            source, line, "more than " + maxRecords + " records (the configured maximum)");
      }
      if (i == lines.length) {
        lines = Arrays.copyOf(lines, i * 2);
        sources = Arrays.copyOf(sources, i * 2);
      }
      records.add(r);
      lines[i] = line;
      sources[i] = source;
    }
  }

  /**
   * Reads a zone file.
   *
   * @param file the file
   * @param origin the zone apex, also the initial {@code $ORIGIN}
   * @return the records in file order
   * @throws ZoneFileException naming the file and line of the first problem
   */
  public List<Record> parse(Path file, Name origin) throws ZoneFileException {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new ZoneFileException(
            source, 0, "file has " + size + " bytes, more than the limit of " + maxBytes);
      }
      Path dir = null;
      if (allowIncludes) {
        Path parent = file.toAbsolutePath().getParent();
        dir = parent == null ? null : parent.toRealPath();
      }
      Result result = new Result(dir, file.getParent());
      try (InputStream in = Files.newInputStream(file)) {
        parseStream(result, in, source, origin, -1, 0);
      }
      return finish(result, origin, source);
    } catch (IOException e) {
      throw new ZoneFileException(source, 0, "cannot read: " + e, e);
    }
  }

  /**
   * Reads a zone from a reader; {@code $INCLUDE} is refused (there is no directory).
   *
   * @param reader the master file text
   * @param source the name used in messages
   * @param origin the zone apex, also the initial {@code $ORIGIN}
   * @return the records in input order
   * @throws ZoneFileException naming the source and line of the first problem
   */
  public List<Record> parse(Reader reader, String source, Name origin) throws ZoneFileException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
        text.append(buffer, 0, n);
        if (text.length() > maxBytes) {
          throw new ZoneFileException(source, 0, "more than the limit of " + maxBytes + " bytes");
        }
      }
    } catch (IOException e) {
      throw new ZoneFileException(source, 0, "cannot read: " + e, e);
    }
    Result result = new Result(null, null);
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    parseStream(result, new ByteArrayInputStream(bytes), source, origin, -1, 0);
    return finish(result, origin, source);
  }

  private void parseStream(
      Result result, InputStream in, String source, Name origin, long ttl, int depth)
      throws ZoneFileException {
    TrackingInput input = new TrackingInput(in, result.budget, allowIncludes);
    try (Master master = new Master(input, origin, ttl)) {
      // $INCLUDE never reaches Master when allowed (TrackingInput takes it out); otherwise it fails
      master.disableIncludes(true);
      while (true) {
        input.startRecord();
        Record r = master.nextRecord();
        for (TrackingInput.Include include : input.takeIncludes()) {
          include(result, include, source, origin, depth);
        }
        if (r == null) {
          return;
        }
        result.add(r, source, input.recordLine());
      }
    } catch (TrackingInput.TooLargeException e) {
      throw new ZoneFileException(source, input.line(), String.valueOf(e.getMessage()), e);
    } catch (IOException | RuntimeException e) {
      throw parseError(e, source, input);
    }
  }

  private void include(
      Result result, TrackingInput.Include include, String source, Name origin, int depth)
      throws ZoneFileException {
    int line = include.line();
    String name = include.file();
    if (name == null) {
      throw new ZoneFileException(source, line, "$INCLUDE names no file");
    }
    Path dir = result.dir;
    if (dir == null) {
      throw new ZoneFileException(
          source, line, "$INCLUDE is not possible when reading from a reader (no directory)");
    }
    if (depth >= MAX_INCLUDE_DEPTH) {
      throw new ZoneFileException(
          source, line, "$INCLUDE nested more than " + MAX_INCLUDE_DEPTH + " deep (a loop?)");
    }
    Path real;
    try {
      real = dir.resolve(name).normalize().toRealPath();
    } catch (IOException e) {
      throw new ZoneFileException(source, line, "$INCLUDE " + name + ": cannot read: " + e, e);
    }
    if (!real.startsWith(dir) || !Files.isRegularFile(real)) {
      throw new ZoneFileException(
          source,
          line,
          "$INCLUDE " + name + " is refused: only regular files in " + dir + " may be included");
    }
    Name includeOrigin = includeOrigin(include, origin, source);
    Path shownDir = result.shownDir;
    Path relative = dir.relativize(real);
    String includeSource = (shownDir == null ? relative : shownDir.resolve(relative)).toString();
    try (InputStream in = Files.newInputStream(real)) {
      parseStream(result, in, includeSource, includeOrigin, include.defaultTtl(), depth + 1);
    } catch (IOException e) {
      throw new ZoneFileException(source, line, "$INCLUDE " + name + ": cannot read: " + e, e);
    }
  }

  private static Name includeOrigin(TrackingInput.Include include, Name origin, String source)
      throws ZoneFileException {
    String explicit = include.explicitOrigin();
    String text = explicit != null ? explicit : include.currentOrigin();
    if (text == null) {
      return origin;
    }
    try {
      // as dnsjava's Master does for $ORIGIN: relative to the root
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      throw new ZoneFileException(
          source, include.line(), "invalid origin " + text + ": " + e.getMessage(), e);
    }
  }

  private static ZoneFileException parseError(Exception e, String source, TrackingInput input) {
    String message = String.valueOf(e.getMessage());
    Matcher m = TOKENIZER_MESSAGE.matcher(message);
    int line;
    String detail;
    if (m.matches()) {
      line = Integer.parseInt(m.group(1));
      detail = m.group(2);
    } else {
      line = input.recordLine();
      detail =
          e instanceof TextParseException ? message : e.getClass().getSimpleName() + ": " + message;
    }
    if (detail.contains("$INCLUDE")) {
      detail =
          "$INCLUDE is refused; allow it with ZoneFile.builder().allowIncludes(true) (files in the"
              + " zone file's directory only)";
    }
    return new ZoneFileException(source, line, detail, e);
  }

  private static List<Record> finish(Result result, Name origin, String source)
      throws ZoneFileException {
    String[] sources = result.sources;
    int[] lines = result.lines;
    try {
      ZoneChecks.check(origin, result.records, i -> sources[i] + ":" + lines[i]);
    } catch (ZoneCheckException e) {
      int i = e.index();
      throw i >= 0
          ? new ZoneFileException(sources[i], lines[i], e.detail(), e)
          : new ZoneFileException(source, 0, e.detail(), e);
    } catch (DnssecException e) {
      throw new ZoneFileException(source, 0, String.valueOf(e.getMessage()), e);
    }
    return Collections.unmodifiableList(result.records);
  }
}
