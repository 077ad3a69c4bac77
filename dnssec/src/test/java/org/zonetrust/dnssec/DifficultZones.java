package org.zonetrust.dnssec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Generates the interop corpus: small zones that each stress one corner of signing, deterministic
 * from a seed (the same seed gives the same zone, record for record).
 *
 * <p>The shapes are in {@link Shape}; {@link #corpus(long)} makes one zone of each under its own
 * origin, {@link #generate} one zone under any origin (e.g. a child of the testbed's {@code
 * test.}).
 */
final class DifficultZones {
  /** Number of delegations in the TLD-like zone: thousands, yet quick for the three verifiers. */
  static final int TLD_DELEGATIONS = 2000;

  private DifficultZones() {}

  /** Which octets the escaped labels of {@link Shape#ESCAPED_LABELS} may hold. */
  enum Labels {
    /**
     * Every octet 0-255, printable specials such as {@code = , # ? { } !} included. ZoneTrust
     * writes every octet outside {@code [A-Za-z0-9_/-]} as {@code \DDD}, so the three verifiers
     * read its files whatever the names hold.
     */
    ALL_OCTETS,
    /**
     * Without the printable specials other than {@code ."();@$\\}: BIND's {@code dnssec-signzone}
     * and dnsjava's {@code Record.toString} write them unescaped, and kzonecheck 3.2 cannot read
     * such a file ("invalid domain name character"). For zones a peer signs ({@link PeerCorpusIT}).
     */
    PEER_SAFE
  }

  /** The corners of the corpus. */
  enum Shape {
    /**
     * Escaped bytes ({@code \.}, {@code \032}, {@code \000}, {@code \200}), printable specials
     * ({@code = , # ?} ...; not with {@link Labels#PEER_SAFE}), mixed case.
     */
    ESCAPED_LABELS("escaped", DifficultZones::escapedLabels),
    /** Empty non-terminals, single and in deep chains. */
    EMPTY_NON_TERMINALS("ents", DifficultZones::emptyNonTerminals),
    /** Wildcards at the apex, below an ENT ({@code *.sub}), beside data, and a name below one. */
    WILDCARDS("wildcards", DifficultZones::wildcards),
    /** Secure (NS+DS) and insecure (NS) delegations, glue, occluded data, ENT above a cut. */
    DELEGATIONS("delegations", Delegations::fill),
    /** RRsets of 100 TXT, 100 A and 100 AAAA records, long TXT strings, 30 MX at the apex. */
    LARGE_RRSETS("large", DifficultZones::largeRrsets),
    /** Names of exactly 255 octets in wire form, 63-octet labels (some with escapes). */
    MAX_LENGTH_NAMES("maxnames", DifficultZones::maxLengthNames),
    /** Data at the apex only (out-of-zone name server, so not even glue below it). */
    APEX_ONLY("apex", DifficultZones::apexOnly),
    /** CNAME chains, dangling and out-of-zone CNAMEs, DNAME with other data beside it. */
    CNAME_DNAME("aliases", DifficultZones::cnameDname),
    /** A TLD-like zone: {@link #TLD_DELEGATIONS} delegations, a third of them secure. */
    TLD_LIKE("tld", Delegations::tldLike),
    /** Unknown RR types in RFC 3597 form, empty, long, several per RRset, at the apex. */
    UNKNOWN_TYPES("unknown", DifficultZones::unknownTypes),
    /** A little of every other shape in one zone, for the algorithm matrix. */
    KITCHEN_SINK("sink", DifficultZones::kitchenSink);

    private final String id;
    private final Consumer<ZoneBuilder> filler;

    Shape(String id, Consumer<ZoneBuilder> filler) {
      this.id = id;
      this.filler = filler;
    }

    String id() {
      return id;
    }

    /** The origin used by {@link #corpus}: {@code <id>.zonetrust.example.}, or a TLD. */
    Name corpusOrigin() {
      return Name.fromConstantString(this == TLD_LIKE ? "zttld." : id + ".zonetrust.example.");
    }

    /** The name server used by {@link #corpus}: in the zone (with glue), except apex-only. */
    Name corpusNameServer() {
      return this == APEX_ONLY
          ? Name.fromConstantString("ns1.example.net.")
          : Name.fromConstantString("ns1." + corpusOrigin());
    }
  }

  /** One zone of every shape, each under {@link Shape#corpusOrigin()}, with all octets. */
  static List<TestZone> corpus(long seed) {
    List<TestZone> zones = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      zones.add(generate(shape, shape.corpusOrigin(), shape.corpusNameServer(), 1, seed));
    }
    return zones;
  }

  /**
   * One zone of {@code shape}.
   *
   * @param nameServer the apex NS target; glue is added when it lies inside the zone
   * @param serial the SOA serial
   */
  static TestZone generate(Shape shape, Name origin, Name nameServer, long serial, long seed) {
    return generate(shape, origin, nameServer, serial, seed, Labels.ALL_OCTETS);
  }

  /** One zone of {@code shape} whose escaped labels hold only the given octets. */
  static TestZone generate(
      Shape shape, Name origin, Name nameServer, long serial, long seed, Labels labels) {
    Random random = new Random(seed * 31 + shape.ordinal());
    ZoneBuilder zone = new ZoneBuilder(origin, nameServer, serial, random);
    zone.labels(labels);
    shape.filler.accept(zone);
    return zone.build(shape.id());
  }

  static void escapedLabels(ZoneBuilder z) {
    z.add("a\\.b", Type.A, z.ipv4());
    z.add("x.a\\.b", Type.TXT, "\"below a label with a dot\"");
    z.add("\\032space", Type.TXT, "\"space\"");
    z.add("\\000nul", Type.A, z.ipv4());
    z.add("\\200high", Type.A, z.ipv4());
    z.add("\\255", Type.A, z.ipv4());
    z.add("zzz", Type.A, z.ipv4());
    z.add("\\@at", Type.TXT, "\"at\"");
    z.add("semi\\;colon", Type.TXT, "\"semicolon\"");
    z.add("quote\\\"d", Type.TXT, "\"quote\"");
    z.add("back\\\\slash", Type.TXT, "\"backslash\"");
    z.add("a\\*b", Type.TXT, "\"not a wildcard\"");
    // The same owner in different case: one name; A records of both spellings form one RRset.
    z.add("MiXeD", Type.A, "192.0.2.10");
    z.add("mixed", Type.A, "192.0.2.11");
    z.add("mIxEd", Type.TXT, "\"mixed case\"");
    z.add("Sub.UPPER.Case", Type.A, z.ipv4());
    z.add("other.upper.CASE", Type.AAAA, z.ipv6());
    if (z.labels() == Labels.ALL_OCTETS) {
      z.add("eq\\=sign", Type.TXT, "\"=\"");
      z.add("comma\\,hash\\#", Type.MX, "10 mx\\?\\{brace\\}");
      z.add("mx\\?\\{brace\\}", Type.A, z.ipv4());
      z.add("all\\!\\%\\&\\+\\~\\^\\|\\[\\]\\:\\<\\>\\'\\`", Type.A, z.ipv4());
      z.add("alias\\=to", Type.CNAME, "eq\\=sign");
      z.add("srv\\,x", Type.SRV, "0 5 443 comma\\,hash\\#");
      z.add("slash/25", Type.PTR, "host\\=x.example.net.");
      z.add("txt-all-octets", Type.TXT, allOctetsTxt());
    }
    for (int i = 0; i < 20; i++) {
      z.add(
          randomEscapedLabel(z.random(), z.labels()) + (i % 4 == 0 ? ".esc" : ""),
          Type.A,
          z.ipv4());
    }
  }

  /** Two character-strings holding the octets 0 to 255 between them, each as {@code \DDD}. */
  private static String allOctetsTxt() {
    StringBuilder txt = new StringBuilder("\"");
    for (int octet = 0; octet < 256; octet++) {
      txt.append(octet == 128 ? "\" \"" : "").append(String.format("\\%03d", octet));
    }
    return txt.append('"').toString();
  }

  /**
   * A label of 1 to 12 random octets, every octet written as {@code \DDD}. The octets are letters,
   * digits, {@code -_/}, non-printable octets (0-32, 127-255) and specials: with {@link
   * Labels#ALL_OCTETS} every printable special ({@code ."();@$\*=,#?{}!%&+~^|[]:<>'`}), with {@link
   * Labels#PEER_SAFE} only those every presentation format escapes ({@code ."();@$\}). A label of
   * just {@code *} would be a wildcard, so {@code *} only comes with other octets.
   */
  static String randomEscapedLabel(Random random, Labels labels) {
    String specials =
        labels == Labels.ALL_OCTETS ? "-_/.\"();@$\\*=,#?{}!%&+~^|[]:<>'`" : "-_.\"();@$\\";
    int length = 1 + random.nextInt(12);
    StringBuilder label = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int octet =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(33);
            case 1 -> 127 + random.nextInt(129);
            case 2 -> specials.charAt(random.nextInt(specials.length()));
            default -> "abcXYZ019".charAt(random.nextInt(9));
          };
      label.append(String.format("\\%03d", octet));
    }
    return label.toString().equals("\\042") ? "\\042\\042" : label.toString();
  }

  static void emptyNonTerminals(ZoneBuilder z) {
    z.add("a.b.c.ent", Type.A, z.ipv4());
    z.add("x.y.z.deep.er.ent2", Type.TXT, "\"deep\"");
    z.add("leaf.ent3", Type.A, z.ipv4());
    z.add("other.ent3", Type.AAAA, z.ipv6());
    z.add("ent3a", Type.A, z.ipv4()); // sorts right after the ENT ent3
    for (int i = 0; i < 10; i++) {
      StringBuilder name = new StringBuilder(z.label());
      int depth = 1 + z.random().nextInt(4);
      for (int d = 0; d < depth; d++) {
        name.append('.').append(z.label());
      }
      z.add(name.toString(), Type.A, z.ipv4());
    }
  }

  static void wildcards(ZoneBuilder z) {
    z.add("*", Type.TXT, "\"apex wildcard\"");
    z.add("*", Type.A, z.ipv4());
    z.add("*.sub", Type.TXT, "\"wildcard below an empty non-terminal\"");
    z.add("wild", Type.A, z.ipv4());
    z.add("*.wild", Type.A, z.ipv4());
    z.add("*.wild", Type.MX, "10 mail.wild");
    z.add("exists.wild", Type.A, z.ipv4());
    z.add("*.a.b.c", Type.TXT, "\"wildcard at the end of an ENT chain\"");
    z.add("*.cn", Type.CNAME, "www");
    z.add("www", Type.A, z.ipv4());
    z.add("host.*.wild2", Type.A, z.ipv4()); // *.wild2 is an empty non-terminal
  }

  static void largeRrsets(ZoneBuilder z) {
    for (int i = 0; i < 100; i++) {
      z.add("txt", Type.TXT, "\"record " + i + " " + z.label() + "\"");
      z.add("many", Type.A, "10." + (i / 50) + "." + z.random().nextInt(256) + "." + i);
      z.add("v6", Type.AAAA, "2001:db8::" + Integer.toHexString(i) + ":" + z.label().length());
    }
    String chunk = "x".repeat(255);
    z.add("long", Type.TXT, "\"" + chunk + "\" \"" + chunk + "\" \"" + chunk + "\"");
    for (int i = 0; i < 30; i++) {
      z.add("@", Type.MX, (i * 10) + " mx" + i + ".example.net.");
    }
  }

  static void maxLengthNames(ZoneBuilder z) {
    Random random = z.random();
    int remaining = 255 - z.origin().length();
    z.add(Name.fromConstantString(prefix(remaining, random, "") + z.origin()), Type.A, z.ipv4());
    z.add(Name.fromConstantString(prefix(remaining, random, "") + z.origin()), Type.TXT, "\"max\"");
    // Escapes make the presentation form longer than 255 characters at 255 octets, which
    // ldns 1.8.3 cannot parse ("Syntax error"): escaped 63-octet labels go in a shorter name.
    z.add(Name.fromConstantString(prefix(130, random, "\\.") + z.origin()), Type.A, z.ipv4());
    // A 255-octet wildcard: "*" plus labels that are otherwise empty non-terminals.
    z.add(
        Name.fromConstantString("*." + prefix(remaining - 2, random, "") + z.origin()),
        Type.TXT,
        "\"max wildcard\"");
    String label63 = "m".repeat(62);
    z.add(label63 + "a", Type.A, z.ipv4());
    z.add(label63 + "b", Type.A, z.ipv4());
  }

  /**
   * Labels of 63 octets (the last one shorter) filling exactly {@code octets} octets of wire form,
   * each followed by a dot. {@code escape} (e.g. {@code \.}) becomes the first octet of each label.
   */
  static String prefix(int octets, Random random, String escape) {
    List<Integer> lengths = new ArrayList<>();
    int left = octets;
    while (left > 64) {
      lengths.add(63);
      left -= 64;
    }
    if (left == 1) { // a label needs two octets at least: borrow one from the previous label
      lengths.set(lengths.size() - 1, 62);
      left = 2;
    }
    lengths.add(left - 1);
    StringBuilder out = new StringBuilder();
    for (int length : lengths) {
      int start = 0;
      if (!escape.isEmpty()) {
        out.append(escape);
        start = 1;
      }
      for (int i = start; i < length; i++) {
        out.append((char) ('a' + random.nextInt(26)));
      }
      out.append('.');
    }
    return out.toString();
  }

  static void apexOnly(ZoneBuilder z) {
    z.add("@", Type.A, z.ipv4());
    z.add("@", Type.AAAA, z.ipv6());
    z.add("@", Type.MX, "10 mail.example.net.");
    z.add("@", Type.TXT, "\"v=spf1 -all\"");
    z.add("@", Type.CAA, "0 issue \"letsencrypt.org\"");
  }

  static void cnameDname(ZoneBuilder z) {
    z.add("www", Type.A, z.ipv4());
    z.add("alias", Type.CNAME, "www");
    z.add("c1", Type.CNAME, "c2");
    z.add("c2", Type.CNAME, "www");
    z.add("ext", Type.CNAME, "www.example.net.");
    z.add("dangling", Type.CNAME, "nowhere");
    z.add("redir", Type.DNAME, "target.example.net.");
    z.add("redir", Type.TXT, "\"DNAME may share its owner with other data\"");
    z.add("inner", Type.DNAME, "sub");
    z.add("host.sub", Type.A, z.ipv4());
    z.add("_443._tcp.www", Type.CNAME, "_tlsa.www");
    z.add("_tlsa.www", Type.TLSA, "3 1 1 " + "AB".repeat(32));
  }

  static void unknownTypes(ZoneBuilder z) {
    z.add("@", Type.value("TYPE65282"), "\\# 2 ABCD");
    z.add("unk", Type.value("TYPE65280"), "\\# 4 0A000001");
    z.add("unk", Type.value("TYPE65281"), "\\# 0");
    z.add("multi", Type.value("TYPE65280"), "\\# 3 010203");
    z.add("multi", Type.value("TYPE65280"), "\\# 1 FF");
    z.add("multi", Type.value("TYPE65280"), "\\# 2 0000");
    z.add("multi", Type.value("TYPE65280"), "\\# 4 01020300");
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      big.append(String.format("%02X", z.random().nextInt(256)));
    }
    z.add("big", Type.value("TYPE65283"), "\\# 1000 " + big);
    z.add("known", Type.A, "\\# 4 C0000201"); // a known type in RFC 3597 form
    z.add("below.unk", Type.value("TYPE65400"), "\\# 1 00");
  }

  static void kitchenSink(ZoneBuilder z) {
    z.add("a\\.b", Type.A, z.ipv4());
    z.add("\\032space", Type.TXT, "\"space\"");
    z.add("\\200high", Type.A, z.ipv4());
    z.add("MiXeD", Type.A, "192.0.2.10");
    z.add("mixed", Type.TXT, "\"mixed\"");
    z.add("a.b.c.ent", Type.A, z.ipv4());
    z.add("*", Type.TXT, "\"wildcard\"");
    z.add("*.sub", Type.A, z.ipv4());
    z.add("www", Type.A, z.ipv4());
    z.add("alias", Type.CNAME, "www");
    z.add("redir", Type.DNAME, "target.example.net.");
    z.add("unk", Type.value("TYPE65280"), "\\# 4 0A000001");
    for (int i = 0; i < 20; i++) {
      z.add("txt", Type.TXT, "\"record " + i + "\"");
    }
    // 253 octets, the longest name dnssec-signzone can sign with NSEC3 (it hashes "*." + name to
    // deny wildcards and fails on longer names); the sink is the reference zone for BIND too.
    int remaining = 253 - z.origin().length();
    z.add(
        Name.fromConstantString(prefix(remaining, z.random(), "") + z.origin()), Type.A, z.ipv4());
    Delegations.few(z);
  }
}
