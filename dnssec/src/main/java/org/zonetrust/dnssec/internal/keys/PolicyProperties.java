package org.zonetrust.dnssec.internal.keys;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.zonetrust.dnssec.Denial;
import org.zonetrust.dnssec.DigestType;
import org.zonetrust.dnssec.DnssecAlgorithm;
import org.zonetrust.dnssec.KeyRolloverPolicy;
import org.zonetrust.dnssec.RolloverMethod;
import org.zonetrust.dnssec.SignatureValidity;

/**
 * Reads a {@link KeyRolloverPolicy} from properties ({@code key = value}), starting from the preset
 * named by {@code base}. Every key and value is checked; an error names both.
 */
public final class PolicyProperties {
  private static final Set<String> KEYS =
      Set.of(
          "base",
          "name",
          "keys",
          "algorithm",
          "rsa-bits",
          "ksk-lifetime",
          "zsk-lifetime",
          "csk-lifetime",
          "zsk-method",
          "ksk-method",
          "dnskey-ttl",
          "max-zone-ttl",
          "ds-ttl",
          "parent-negative-ttl",
          "publish-safety",
          "retire-safety",
          "zone-propagation-delay",
          "parent-propagation-delay",
          "signature-validity",
          "signature-refresh",
          "signature-jitter",
          "signature-inception-offset",
          "soa-expire",
          "nsec3",
          "nsec3-iterations",
          "nsec3-salt",
          "nsec3-opt-out",
          "ds-digest",
          "cds",
          "parent-alert-after",
          "parent-check-interval",
          "parent-retry-interval");

  private final Properties p;

  private PolicyProperties(Properties p) {
    this.p = p;
  }

  /**
   * Reads a policy.
   *
   * @param properties the properties
   * @return the policy
   * @throws IllegalArgumentException naming the key and value that are wrong, or the numbers that
   *     make the policy unsafe
   */
  public static KeyRolloverPolicy read(Properties properties) {
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown policy key '"
              + unknown.iterator().next()
              + "'"
              + (unknown.size() > 1
                  ? " (also " + List.copyOf(unknown).subList(1, unknown.size()) + ")"
                  : "")
              + "; known keys: "
              + new TreeSet<>(KEYS));
    }
    return new PolicyProperties(properties).build();
  }

  private KeyRolloverPolicy build() {
    KeyRolloverPolicy base =
        value(
            "base",
            v ->
                switch (v) {
                  case "default" -> KeyRolloverPolicy.defaults();
                  case "default-csk" -> KeyRolloverPolicy.defaultsCsk();
                  case "fast" -> KeyRolloverPolicy.fast();
                  default -> throw new IllegalArgumentException("use default, default-csk or fast");
                },
            KeyRolloverPolicy.defaults());
    KeyRolloverPolicy.Builder b = base.toBuilder();
    set("name", v -> b.name(v));
    set(
        "keys",
        v ->
            b.csk(
                switch (v) {
                  case "ksk-zsk" -> false;
                  case "csk" -> true;
                  default -> throw new IllegalArgumentException("use ksk-zsk or csk");
                }));
    set("algorithm", v -> b.algorithm(algorithm(v)));
    set("rsa-bits", v -> b.rsaBits(Integer.parseInt(v)));
    set("ksk-lifetime", v -> b.kskLifetime(duration(v)));
    set("zsk-lifetime", v -> b.zskLifetime(duration(v)));
    set("csk-lifetime", v -> b.cskLifetime(duration(v)));
    set("zsk-method", v -> b.zskMethod(method(v, "pre-publication", "double-signature")));
    set("ksk-method", v -> b.kskMethod(method(v, "double-ksk", "double-ds")));
    set("dnskey-ttl", v -> b.dnskeyTtl(duration(v)));
    set("max-zone-ttl", v -> b.maxZoneTtl(duration(v)));
    set("ds-ttl", v -> b.dsTtl(duration(v)));
    set("parent-negative-ttl", v -> b.parentNegativeTtl(duration(v)));
    set("publish-safety", v -> b.publishSafety(duration(v)));
    set("retire-safety", v -> b.retireSafety(duration(v)));
    set("zone-propagation-delay", v -> b.zonePropagationDelay(duration(v)));
    set("parent-propagation-delay", v -> b.parentPropagationDelay(duration(v)));
    set("soa-expire", v -> b.soaExpire(duration(v)));
    set("ds-digest", v -> b.dsDigest(digest(v)));
    set("cds", v -> b.publishCds(bool(v)));
    set("parent-alert-after", v -> b.parentAlertAfter(duration(v)));
    set("parent-check-interval", v -> b.parentCheckInterval(duration(v)));
    set("parent-retry-interval", v -> b.parentRetryInterval(duration(v)));
    SignatureValidity sv = base.signatureValidity();
    Duration validity = value("signature-validity", PolicyProperties::duration, sv.validity());
    Duration refresh = value("signature-refresh", PolicyProperties::duration, sv.refresh());
    Duration jitter = value("signature-jitter", PolicyProperties::duration, sv.jitter());
    Duration offset =
        value("signature-inception-offset", PolicyProperties::duration, sv.inceptionOffset());
    try {
      b.signatureValidity(SignatureValidity.of(validity, offset, jitter, refresh));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("signature-*: " + e.getMessage(), e);
    }
    b.denial(denial(base.denial()));
    return b.build();
  }

  private Denial denial(Denial base) {
    boolean nsec3 = value("nsec3", PolicyProperties::bool, base.isNsec3());
    if (!nsec3) {
      for (String k : List.of("nsec3-iterations", "nsec3-salt", "nsec3-opt-out")) {
        if (p.getProperty(k) != null) {
          throw new IllegalArgumentException(
              "policy key '" + k + "' = '" + p.getProperty(k) + "' needs nsec3 = true");
        }
      }
      return Denial.nsec();
    }
    int iterations =
        value("nsec3-iterations", Integer::parseInt, base.isNsec3() ? base.iterations() : 0);
    byte[] salt =
        value(
            "nsec3-salt",
            v -> v.equals("-") ? new byte[0] : HexFormat.of().parseHex(v),
            base.isNsec3() ? base.salt() : new byte[0]);
    boolean optOut = value("nsec3-opt-out", PolicyProperties::bool, base.optOut());
    try {
      return Denial.nsec3(iterations, salt, optOut);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("nsec3-*: " + e.getMessage(), e);
    }
  }

  private interface Setter {
    void accept(String value);
  }

  private void set(String key, Setter setter) {
    String v = p.getProperty(key);
    if (v != null) {
      value(
          key,
          s -> {
            setter.accept(s);
            return s;
          },
          "");
    }
  }

  private <T> T value(String key, Function<String, T> parse, T fallback) {
    String raw = p.getProperty(key);
    if (raw == null) {
      return fallback;
    }
    String v = raw.strip();
    try {
      return parse.apply(v);
    } catch (RuntimeException e) {
      String why = e.getMessage();
      throw new IllegalArgumentException(
          "policy key '"
              + key
              + "' has a bad value '"
              + v
              + "'"
              + (why == null || why.isBlank() || e instanceof NumberFormatException
                  ? ""
                  : ": " + why),
          e);
    }
  }

  /**
   * Parses a duration: ISO-8601 ({@code PT1H}, {@code P30D}) or a number with a unit {@code d},
   * {@code h}, {@code m} or {@code s}, or {@code 0}.
   *
   * @param text the text
   * @return the duration
   * @throws IllegalArgumentException if the text is not a non-negative duration
   */
  public static Duration duration(String text) {
    String v = text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    if (v.equals("0")) {
      return Duration.ZERO;
    }
    if (v.startsWith("p")) {
      try {
        d = Duration.parse(v.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "not a duration: use e.g. PT1H, P30D, 30d, 2h, 5m, 10s or 0", e);
      }
    } else {
      if (v.length() < 2 || !v.substring(0, v.length() - 1).matches("[0-9]{1,9}")) {
        throw new IllegalArgumentException(
            "not a duration: use e.g. PT1H, P30D, 30d, 2h, 5m, 10s or 0");
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      d =
          switch (v.charAt(v.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            case 's' -> Duration.ofSeconds(n);
            default ->
                throw new IllegalArgumentException(
                    "not a duration: use e.g. PT1H, P30D, 30d, 2h, 5m, 10s or 0");
          };
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("a duration must not be negative");
    }
    return d;
  }

  private static boolean bool(String v) {
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default -> throw new IllegalArgumentException("use true or false");
    };
  }

  private static DnssecAlgorithm algorithm(String v) {
    if (v.matches("[0-9]{1,3}")) {
      return DnssecAlgorithm.fromCode(Integer.parseInt(v))
          .orElseThrow(() -> new IllegalArgumentException(unknownAlgorithm()));
    }
    for (DnssecAlgorithm a : DnssecAlgorithm.values()) {
      if (a.mnemonic().equalsIgnoreCase(v) || a.name().equalsIgnoreCase(v)) {
        return a;
      }
    }
    throw new IllegalArgumentException(unknownAlgorithm());
  }

  private static String unknownAlgorithm() {
    StringBuilder s = new StringBuilder("use one of");
    for (DnssecAlgorithm a : DnssecAlgorithm.values()) {
      s.append(' ').append(a.mnemonic()).append(" (").append(a.code()).append(')');
    }
    return s.toString();
  }

  private static RolloverMethod method(String v, String first, String second) {
    if (!v.equals(first) && !v.equals(second)) {
      throw new IllegalArgumentException("use " + first + " or " + second);
    }
    return RolloverMethod.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  private static DigestType digest(String v) {
    return switch (v.toUpperCase(Locale.ROOT).replace("-", "")) {
      case "SHA256", "2" -> DigestType.SHA256;
      case "SHA384", "4" -> DigestType.SHA384;
      case "SHA1", "1" -> DigestType.SHA1;
      default -> throw new IllegalArgumentException("use SHA-256, SHA-384 or SHA-1");
    };
  }
}
