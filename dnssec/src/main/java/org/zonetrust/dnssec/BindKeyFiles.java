package org.zonetrust.dnssec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.zonetrust.dnssec.internal.AtomicFiles;
import org.zonetrust.dnssec.internal.BindKeyText;
import org.zonetrust.dnssec.internal.KeyEncoding;
import org.zonetrust.dnssec.internal.KeyMaterial;

/**
 * Reads and writes BIND's key files, so that an operator who signs with BIND today keeps his keys
 * and his DS: {@code K<zone>+<alg>+<tag>.key} (the DNSKEY record), {@code .private} (format v1.3,
 * as {@code dnssec-keygen} of BIND 9.18 writes it) and, when present, {@code .state}.
 *
 * <p>The role of a key read from disk comes from its {@code .state} file ({@code KSK: yes} and
 * {@code ZSK: yes} make a CSK); without one, DNSKEY flags 257 mean KSK and 256 ZSK. Callers may
 * override the role where the flags allow it (a 257 key as CSK). A CSK is written like a KSK (flags
 * 257, no {@code .state}), so it reads back as a KSK unless the role is given.
 *
 * <p>Private files readable or writable by all users (any "other" permission bit) are refused;
 * group read (e.g. mode 0640 for a {@code bind} group) is accepted. Files are written with mode
 * 0600 ({@code .private}) and 0644 ({@code .key}), atomically, and never over an existing file.
 * Errors are {@link KeyFileException}s naming the file and line and never quoting private values.
 */
public final class BindKeyFiles {
  private static final Pattern FILE_NAME =
      Pattern.compile("K(.+)\\+([0-9]{3})\\+([0-9]{5})(\\.key|\\.private|\\.state)?");
  private static final long MAX_FILE_SIZE = 64 * 1024;

  private BindKeyFiles() {}

  /** The parts of a key file name. */
  private record KeyName(Path dir, String base, Name zone, int algorithm, int tag) {
    Path file(String extension) {
      return dir.resolve(base + extension);
    }
  }

  /**
   * Returns the base name BIND gives the key's files, e.g. {@code Kexample.com.+013+12345}.
   *
   * @param key the key
   * @return the name without extension
   */
  public static String baseName(SigningKey key) {
    return String.format(
        java.util.Locale.ROOT,
        "K%s+%03d+%05d",
        key.zone().canonicalize(),
        key.algorithm().code(),
        key.keyTag());
  }

  /**
   * Reads a key pair; the role comes from the {@code .state} file or the DNSKEY flags.
   *
   * @param file the {@code .key} or {@code .private} file, or the base name without extension
   * @return the key, with the DNSKEY TTL of the {@code .key} file (3600 if it gives none) and the
   *     timing of the {@code .private} file
   * @throws KeyFileException if a file is missing, malformed, for an unsupported algorithm, has
   *     unsafe permissions, or the private key does not match the public key
   */
  public static SigningKey read(Path file) throws KeyFileException {
    return read(file, null);
  }

  /**
   * Reads a key pair and gives it a role.
   *
   * @param file the {@code .key} or {@code .private} file, or the base name without extension
   * @param role the role, or {@code null} to take it from the {@code .state} file or the flags; a
   *     ZSK needs DNSKEY flags 256, a KSK or CSK 257
   * @return the key
   * @throws KeyFileException as {@link #read(Path)}, or if the role does not fit the flags
   */
  public static SigningKey read(Path file, @Nullable KeyRole role) throws KeyFileException {
    KeyName name = parseName(file);
    DNSKEYRecord dnskey = readDnskey(name);
    DnssecAlgorithm algorithm =
        DnssecAlgorithm.fromCode(dnskey.getAlgorithm())
            .orElseThrow(
                () ->
                    new KeyFileException(
                        name.file(".key"), BindKeyText.unsupported(dnskey.getAlgorithm())));
    KeyRole actual = role(name, dnskey, role);
    Path privateFile = name.file(".private");
    checkPermissions(privateFile);
    BindKeyText.PrivateFile parsed = BindKeyText.parsePrivate(privateFile, lines(privateFile));
    if (parsed.algorithmCode() != algorithm.code()) {
      throw new KeyFileException(
          privateFile,
          parsed.algorithmLine(),
          "algorithm " + parsed.algorithmCode() + " differs from " + algorithm.code() + " in .key");
    }
    KeyMaterial.Pair pair;
    try {
      pair = KeyMaterial.fromFields(algorithm, parsed.material());
    } catch (KeyMaterial.MaterialException e) {
      Integer line = parsed.lines().get(e.field());
      String problem = String.valueOf(e.getMessage());
      String what = e.field().isEmpty() ? problem : e.field() + ": " + problem;
      throw line == null
          ? new KeyFileException(privateFile, what)
          : new KeyFileException(privateFile, line, what);
    }
    byte[] derived = KeyEncoding.toDnskey(algorithm, pair.publicKey());
    if (!java.util.Arrays.equals(derived, dnskey.getKey())) {
      throw new KeyFileException(
          privateFile, "the private key does not match the public key in " + name.file(".key"));
    }
    SigningKey key;
    try {
      key =
          SigningKey.of(
                  name.zone(),
                  algorithm,
                  actual,
                  pair.publicKey(),
                  pair.privateKey(),
                  dnskey.getTTL())
              .withTiming(parsed.timing());
    } catch (IllegalStateException e) {
      throw new KeyFileException(privateFile, "the crypto provider refuses the key material", e);
    }
    if (key.keyTag() != name.tag()) {
      throw new KeyFileException(privateFile, "key tag " + key.keyTag() + " differs from the name");
    }
    return key;
  }

  /**
   * Reads only the public half: the DNSKEY record of a {@code .key} file, for any algorithm (enough
   * to compute a DS).
   *
   * @param file the {@code .key} or {@code .private} file, or the base name without extension
   * @return the DNSKEY record, with TTL 3600 if the file gives none
   * @throws KeyFileException if the file is missing or malformed, or its owner, algorithm or key
   *     tag differ from its name
   */
  public static DNSKEYRecord readDnskey(Path file) throws KeyFileException {
    return readDnskey(parseName(file));
  }

  /**
   * Reads every key of a zone in a directory ({@code K<zone>+*.key} with its {@code .private}).
   *
   * @param dir the key directory
   * @param zone the zone
   * @return the keys, sorted by algorithm, role (KSK, ZSK, CSK) and key tag; empty if there are
   *     none
   * @throws KeyFileException naming the first broken key file, or the directory if it cannot be
   *     listed
   */
  public static List<SigningKey> readDirectory(Path dir, Name zone) throws KeyFileException {
    Objects.requireNonNull(zone, "zone");
    List<Path> candidates = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String n = p.getFileName().toString();
        Matcher m = FILE_NAME.matcher(n);
        if (m.matches() && ".key".equals(m.group(4)) && zone.equals(zoneOf(m.group(1)))) {
          candidates.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      throw new KeyFileException(dir, "no such directory");
    } catch (IOException e) {
      throw new KeyFileException(dir, "cannot list: " + e.getMessage(), e);
    }
    List<SigningKey> keys = new ArrayList<>();
    for (Path p : candidates) {
      keys.add(read(p));
    }
    keys.sort(
        Comparator.comparingInt((SigningKey k) -> k.algorithm().code())
            .thenComparing(SigningKey::role)
            .thenComparingInt(SigningKey::keyTag));
    return List.copyOf(keys);
  }

  /**
   * Writes a key's {@code .private} (mode 0600) and {@code .key} files as {@code dnssec-keygen}
   * does. A key without timing gets Created, Publish and Activate set to the clock's now.
   *
   * @param key the key
   * @param dir the key directory
   * @param clock the clock for the timing of a key that has none
   * @return the {@code .key} file
   * @throws KeyFileException if either file exists (nothing is written) or writing fails (nothing
   *     is left behind)
   */
  public static Path write(SigningKey key, Path dir, Clock clock) throws KeyFileException {
    KeyTiming timing = key.timing().isEmpty() ? KeyTiming.createdAt(clock.instant()) : key.timing();
    if (!Files.isDirectory(dir)) {
      throw new KeyFileException(dir, "no such directory");
    }
    String base = baseName(key);
    Path publicFile = dir.resolve(base + ".key");
    Path privateFile = dir.resolve(base + ".private");
    for (Path p : List.of(publicFile, privateFile)) {
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new KeyFileException(p, "exists; refusing to overwrite a key file");
      }
    }
    Map<String, byte[]> material = KeyMaterial.toFields(key.algorithm(), key.privateKey());
    byte[] privateText =
        BindKeyText.formatPrivate(key.algorithm(), material, timing)
            .getBytes(StandardCharsets.UTF_8);
    material.values().forEach(v -> java.util.Arrays.fill(v, (byte) 0));
    create(privateFile, privateText, AtomicFiles.PRIVATE);
    java.util.Arrays.fill(privateText, (byte) 0);
    try {
      create(
          publicFile,
          BindKeyText.formatPublic(key.dnskey(), timing).getBytes(StandardCharsets.UTF_8),
          AtomicFiles.PUBLIC);
    } catch (KeyFileException e) {
      try {
        Files.deleteIfExists(privateFile);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return publicFile;
  }

  private static void create(Path file, byte[] content, Set<PosixFilePermission> mode)
      throws KeyFileException {
    try {
      AtomicFiles.createNew(file, content, mode);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException(file, "exists; refusing to overwrite a key file");
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
    }
  }

  private static DNSKEYRecord readDnskey(KeyName name) throws KeyFileException {
    Path file = name.file(".key");
    BindKeyText.PublicFile parsed = BindKeyText.parsePublic(file, lines(file));
    DNSKEYRecord dnskey = parsed.dnskey();
    int line = parsed.line();
    if (!dnskey.getName().equals(name.zone())) {
      throw new KeyFileException(
          file, line, "owner " + dnskey.getName() + " differs from the zone in the file name");
    }
    if (dnskey.getAlgorithm() != name.algorithm()) {
      throw new KeyFileException(
          file, line, "algorithm " + dnskey.getAlgorithm() + " differs from the file name");
    }
    if (dnskey.getFootprint() != name.tag()) {
      throw new KeyFileException(
          file, line, "key tag " + dnskey.getFootprint() + " differs from the file name");
    }
    return dnskey;
  }

  private static KeyRole role(KeyName name, DNSKEYRecord dnskey, @Nullable KeyRole requested)
      throws KeyFileException {
    int flags = dnskey.getFlags();
    if (flags != KeyRole.KSK.flags() && flags != KeyRole.ZSK.flags()) {
      throw new KeyFileException(
          name.file(".key"),
          "DNSKEY flags "
              + flags
              + " are not supported (256 for a ZSK, 257 for a KSK or CSK;"
              + " revoked keys cannot be loaded)");
    }
    Optional<KeyRole> role = Optional.ofNullable(requested);
    Path state = name.file(".state");
    if (role.isEmpty() && Files.exists(state)) {
      role = BindKeyText.parseStateRole(state, lines(state));
    }
    KeyRole result = role.orElse(flags == KeyRole.KSK.flags() ? KeyRole.KSK : KeyRole.ZSK);
    if (result.flags() != flags) {
      throw new KeyFileException(
          name.file(".key"),
          "a " + result + " needs DNSKEY flags " + result.flags() + ", not " + flags);
    }
    return result;
  }

  private static KeyName parseName(Path file) throws KeyFileException {
    Path fileName = file.getFileName();
    Matcher m = FILE_NAME.matcher(fileName == null ? "" : fileName.toString());
    if (!m.matches()) {
      throw new KeyFileException(
          file, "not a BIND key file name (K<zone>+<algorithm>+<key tag>.key or .private)");
    }
    Name zone = zoneOf(m.group(1));
    if (zone == null) {
      throw new KeyFileException(file, "the zone in the file name is not a domain name");
    }
    String base = m.group(4) == null ? m.group(0) : m.group(0).substring(0, m.start(4));
    Path dir = file.toAbsolutePath().getParent();
    return new KeyName(
        Objects.requireNonNull(dir),
        base,
        zone,
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)));
  }

  private static @Nullable Name zoneOf(String text) {
    try {
      return Name.fromString(text, Name.root);
    } catch (TextParseException e) {
      return null;
    }
  }

  private static void checkPermissions(Path file) throws KeyFileException {
    try {
      PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
      if (view == null) {
        return;
      }
      Set<PosixFilePermission> mode = view.readAttributes().permissions();
      if (mode.contains(PosixFilePermission.OTHERS_READ)
          || mode.contains(PosixFilePermission.OTHERS_WRITE)
          || mode.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new KeyFileException(
            file,
            "private key file is accessible to all users ("
                + PosixFilePermissions.toString(mode)
                + "); refusing to use it: run chmod 600 on it");
      }
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "no such file");
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  private static List<String> lines(Path file) throws KeyFileException {
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new KeyFileException(file, "larger than " + MAX_FILE_SIZE + " bytes: not a key file");
      }
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "no such file");
    } catch (CharacterCodingException e) {
      throw new KeyFileException(file, "is not UTF-8 text");
    } catch (IOException e) {
      throw new KeyFileException(file, "cannot read: " + e.getMessage(), e);
    }
  }
}
