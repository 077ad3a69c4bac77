package org.zonetrust.core.internal.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps keys to file paths and back; the only place that knows the on-disk naming.
 *
 * <p>A key {@code a/b/c} becomes the file {@code a/b/c,v} below an area directory: every segment
 * but the last is a directory named like the segment, and the last segment is a file with the
 * suffix {@code ,v}. The comma is outside the key alphabet, so a directory (key prefix) and a value
 * file never share a name, and {@code a} and {@code a/b} can both exist.
 *
 * <p>On-disk names are all lower case: each upper-case letter of a segment is written as the escape
 * character {@code ^} followed by the letter in lower case ({@code Key} becomes {@code ^key}).
 * {@code ^} is outside the key alphabet and legal in file names on Linux and macOS, so the encoding
 * is injective and reversible, and keys that differ only in case map to names that differ in more
 * than case: the store works on case-insensitive file systems too.
 *
 * <p>An encoded segment longer than {@value #MAX_CHUNK} characters (keys may have 512 characters,
 * so up to 1024 encoded, file names only 255 bytes) is split into chunks; every chunk but the last
 * is a directory with the suffix {@code ,+}. Chunks are cut by encoded length, never between {@code
 * ^} and its letter, and the last chunk has at least {@value #MIN_LAST_CHUNK} characters, so it is
 * never {@code .} or {@code ..}. Temporary files start with {@code ,tmp-} and are never mistaken
 * for values.
 */
public final class KeyLayout {

  /** Longest key, in characters. */
  public static final int MAX_KEY_LENGTH = 512;

  static final int MAX_CHUNK = 200;
  static final int MIN_LAST_CHUNK = 3;
  static final char ESCAPE = '^';
  static final String VALUE_SUFFIX = ",v";
  static final String CHUNK_SUFFIX = ",+";
  static final String TEMP_PREFIX = ",tmp-";

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

  private KeyLayout() {}

  /**
   * Checks a key against the syntax of {@code StateStore}.
   *
   * @param what "key" or "lease name", for the message
   * @param key the key
   * @return the key
   * @throws IllegalArgumentException if the key is outside the syntax, saying why
   */
  public static String requireValid(String what, String key) {
    if (key == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          what + " must have 1 to " + MAX_KEY_LENGTH + " characters, got " + key.length());
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(
            what + " '" + key + "' has an empty segment: use single '/' between segments");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            what + " '" + key + "' has a '.' or '..' segment, which is not allowed");
      }
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            what + " '" + sanitize(key) + "' may only contain A-Z a-z 0-9 . _ - and '/'");
      }
    }
    return key;
  }

  /**
   * The file holding {@code key} below {@code area}.
   *
   * @param area the area directory
   * @param key a valid key
   * @return the value file
   */
  public static Path fileFor(Path area, String key) {
    String[] segments = key.split("/", -1);
    Path p = area;
    for (int i = 0; i < segments.length; i++) {
      List<String> chunks = chunks(encode(segments[i]));
      for (int c = 0; c < chunks.size() - 1; c++) {
        p = p.resolve(chunks.get(c) + CHUNK_SUFFIX);
      }
      String last = chunks.get(chunks.size() - 1);
      p = p.resolve(i == segments.length - 1 ? last + VALUE_SUFFIX : last);
    }
    return p;
  }

  /**
   * The directory under which every key starting with {@code prefix} lives: the directory of the
   * prefix's complete segments (those before its last {@code /}).
   *
   * @param area the area directory
   * @param prefix a key prefix (need not be a valid key)
   * @return the directory to walk
   */
  public static Path searchRoot(Path area, String prefix) {
    int slash = prefix.lastIndexOf('/');
    if (slash <= 0) {
      return area;
    }
    String dirs = prefix.substring(0, slash);
    try {
      requireValid("prefix", dirs);
    } catch (IllegalArgumentException e) {
      return area;
    }
    Path file = fileFor(area, dirs);
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.length() - VALUE_SUFFIX.length()));
  }

  /**
   * The key stored in {@code file}, or null if the file is not a value file (a temporary file, a
   * stray file).
   *
   * @param area the area directory
   * @param file a regular file below it
   * @return the key, or null
   */
  public static @Nullable String keyOf(Path area, Path file) {
    Path rel = area.relativize(file);
    StringBuilder key = new StringBuilder();
    StringBuilder segment = new StringBuilder();
    int n = rel.getNameCount();
    for (int i = 0; i < n; i++) {
      String name = rel.getName(i).toString();
      if (i == n - 1) {
        if (!name.endsWith(VALUE_SUFFIX)) {
          return null;
        }
        segment.append(name, 0, name.length() - VALUE_SUFFIX.length());
      } else if (name.endsWith(CHUNK_SUFFIX)) {
        segment.append(name, 0, name.length() - CHUNK_SUFFIX.length());
        continue;
      } else {
        segment.append(name);
      }
      String decoded = decode(segment);
      if (decoded == null) {
        return null;
      }
      key.append(decoded);
      if (i < n - 1) {
        key.append('/');
      }
      segment.setLength(0);
    }
    try {
      String k = key.toString();
      // only the canonical name of a key counts: this rejects bad chunking and stray names
      return fileFor(area, requireValid("key", k)).equals(file) ? k : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Whether a file name is that of a temporary file.
   *
   * @param file the file
   * @return true for temporary files
   */
  public static boolean isTemp(Path file) {
    return file.getFileName().toString().startsWith(TEMP_PREFIX);
  }

  /**
   * A segment's on-disk form: each upper-case letter becomes {@code ^} and the lower-case letter.
   */
  static String encode(String segment) {
    StringBuilder b = new StringBuilder(segment.length() + 8);
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        b.append(ESCAPE).append((char) (c - 'A' + 'a'));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * The segment whose on-disk form is {@code encoded}, or null if it is not one (an upper-case
   * letter, or an escape not followed by a lower-case letter).
   */
  static @Nullable String decode(CharSequence encoded) {
    StringBuilder b = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == ESCAPE) {
        char next = ++i < encoded.length() ? encoded.charAt(i) : 0;
        if (next < 'a' || next > 'z') {
          return null;
        }
        b.append((char) (next - 'a' + 'A'));
      } else if (c >= 'A' && c <= 'Z') {
        return null;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Splits an encoded segment into chunks of at most {@value #MAX_CHUNK} characters, never between
   * an escape and its letter, the last chunk having at least {@value #MIN_LAST_CHUNK} characters.
   */
  static List<String> chunks(String encoded) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (encoded.length() - start > MAX_CHUNK) {
      int end = Math.min(start + MAX_CHUNK, encoded.length() - MIN_LAST_CHUNK);
      if (encoded.charAt(end - 1) == ESCAPE) {
        end--; // an escape only ever starts a pair, so the pair would straddle the cut
      }
      out.add(encoded.substring(start, end));
      start = end;
    }
    out.add(encoded.substring(start));
    return out;
  }

  private static String sanitize(String key) {
    StringBuilder b = new StringBuilder();
    key.codePoints()
        .limit(80)
        .forEach(c -> b.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : "?"));
    return b.toString();
  }
}
