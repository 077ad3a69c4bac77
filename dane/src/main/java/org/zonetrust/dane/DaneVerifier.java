package org.zonetrust.dane;

import java.net.InetAddress;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.dane.internal.AddressChecker;
import org.zonetrust.dane.internal.JdkTrust;

/**
 * Checks that a service's TLS certificate matches its DNSSEC-validated TLSA records (RFC 6698, RFC
 * 7671, RFC 7672): for a mail domain it follows MX to every host and every A/AAAA address and does
 * SMTP STARTTLS on port 25 ({@link Builder#smtpPort}); for one service it connects directly or with
 * STARTTLS (SMTP, submission, IMAP, POP3). TLSA records are used only when their lookup is {@link
 * DnssecStatus#SECURE}; a certificate is never accepted before it matched, and nothing but QUIT or
 * LOGOUT is sent after the handshake (no mail is sent).
 *
 * <pre>{@code
 * DaneVerifier verifier = DaneVerifier.builder()
 *     .resolver(ValidatedResolver.trustingAd(new InetSocketAddress("127.0.0.1", 53), Duration.ofSeconds(5)))
 *     .clock(Clock.systemUTC())
 *     .build();
 * DaneReport report = verifier.checkMailDomain(Name.fromString("example.com."));
 * report.validated();  // true only when every address of every MX host matched
 * }</pre>
 *
 * <p>Network problems of one address are reported in its entry, never thrown. Thread-safe.
 */
public final class DaneVerifier {
  private final @Nullable ValidatedResolver resolver;
  private final TlsaLookup tlsa;
  private final AddressChecker checker;
  private final int smtpPort;

  private DaneVerifier(Builder b, TlsaLookup tlsa, Clock clock, Set<TrustAnchor> pkixAnchors) {
    this.resolver = b.resolver;
    this.tlsa = tlsa;
    this.checker = new AddressChecker(clock, b.timeout, pkixAnchors, b.ehloName);
    this.smtpPort = b.smtpPort;
  }

  /**
   * Starts a builder.
   *
   * @return a builder; {@link Builder#clock} and a resolver or TLSA lookup are required
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks a mail domain as a DANE SMTP client would (RFC 7672 section 2.2): a secure MX RRset (or
   * a secure denial, then the domain itself is the host), then for each MX host its A/AAAA records
   * and {@code _25._tcp.<host>} TLSA, then every address with SMTP STARTTLS. The reference names
   * for DANE-TA are the MX host and the mail domain (RFC 7672 section 3.2.2).
   *
   * @param domain the mail domain
   * @return one entry per address of every MX host (or one entry when the MX lookup failed)
   * @throws IllegalStateException if the verifier was built without a {@link ValidatedResolver}
   */
  public DaneReport checkMailDomain(Name domain) {
    ValidatedResolver r = requireResolver();
    ValidatedAnswer mx = r.query(domain, Type.MX);
    List<AddressCheck> checks = new ArrayList<>();
    if (mx.status() != DnssecStatus.SECURE) {
      checks.add(
          new AddressCheck(
              domain,
              null,
              smtpPort,
              outcomeOf(mx.status()),
              List.of(),
              "MX lookup: " + mx.detail() + ": DANE does not apply (RFC 7672 section 2.2.1)"));
      return new DaneReport(domain, checks);
    }
    List<MXRecord> mxs =
        mx.records().stream()
            .filter(MXRecord.class::isInstance)
            .map(MXRecord.class::cast)
            .sorted(Comparator.comparingInt(MXRecord::getPriority))
            .toList();
    if (mxs.size() == 1 && mxs.get(0).getTarget().equals(Name.root)) {
      checks.add(
          new AddressCheck(
              domain,
              null,
              smtpPort,
              DaneOutcome.NO_ADDRESS,
              List.of(),
              "null MX (RFC 7505): the domain accepts no mail"));
      return new DaneReport(domain, checks);
    }
    Set<Name> hosts = new LinkedHashSet<>();
    mxs.forEach(m -> hosts.add(m.getTarget()));
    if (hosts.isEmpty()) {
      hosts.add(domain);
    }
    for (Name host : hosts) {
      List<String> refs = List.of(text(host), text(domain));
      checks.addAll(checkHost(host, smtpPort, StartTls.SMTP, refs));
    }
    return new DaneReport(domain, checks);
  }

  /**
   * Checks one service: the host's A/AAAA records, {@code _<port>._tcp.<host>} TLSA, then every
   * address. The reference name for DANE-TA and PKIX usages is the host.
   *
   * @param host the TLSA base name
   * @param port the TCP port
   * @param mode direct TLS or a STARTTLS protocol
   * @return one entry per address (or one entry when the address lookup failed)
   * @throws IllegalStateException if the verifier was built without a {@link ValidatedResolver}
   * @throws IllegalArgumentException if the port is not in 1..65535
   */
  public DaneReport check(Name host, int port, StartTls mode) {
    requireResolver();
    TlsaEndpoint.tcp(port, host);
    return new DaneReport(host, checkHost(host, port, mode, List.of(text(host))));
  }

  /**
   * Checks one address of a service whose address is already known (no A/AAAA lookup): the TLSA
   * lookup at {@code _<port>._tcp.<host>} and the connection.
   *
   * @param host the TLSA base name, also sent as SNI and used as reference name
   * @param address the address to connect to
   * @param port the TCP port
   * @param mode direct TLS or a STARTTLS protocol
   * @return the entry for this address
   * @throws IllegalArgumentException if the port is not in 1..65535
   */
  public AddressCheck checkAddress(Name host, InetAddress address, int port, StartTls mode) {
    TlsaLookupResult records = tlsa.lookup(TlsaEndpoint.tcp(port, host).ownerName());
    return checker.check(host, address, port, mode, List.of(text(host)), records);
  }

  private List<AddressCheck> checkHost(Name host, int port, StartTls mode, List<String> refs) {
    ValidatedResolver r = requireResolver();
    ValidatedAnswer a = r.query(host, Type.A);
    ValidatedAnswer aaaa = r.query(host, Type.AAAA);
    String dns = "A: " + a.detail() + "; AAAA: " + aaaa.detail();
    DnssecStatus worst = worst(a.status(), aaaa.status());
    if (worst != DnssecStatus.SECURE) {
      return List.of(
          new AddressCheck(
              host,
              null,
              port,
              outcomeOf(worst),
              List.of(),
              "address lookup: " + dns + ": DANE needs secure address records (RFC 7672 2.2.2)"));
    }
    List<InetAddress> addresses = new ArrayList<>();
    for (Record rec : a.records()) {
      if (rec instanceof ARecord v4) {
        addresses.add(v4.getAddress());
      }
    }
    for (Record rec : aaaa.records()) {
      if (rec instanceof AAAARecord v6) {
        addresses.add(v6.getAddress());
      }
    }
    if (addresses.isEmpty()) {
      return List.of(new AddressCheck(host, null, port, DaneOutcome.NO_ADDRESS, List.of(), dns));
    }
    TlsaLookupResult records = tlsa.lookup(TlsaEndpoint.tcp(port, host).ownerName());
    List<AddressCheck> checks = new ArrayList<>();
    for (InetAddress address : addresses) {
      checks.add(checker.check(host, address, port, mode, refs, records));
    }
    return checks;
  }

  private ValidatedResolver requireResolver() {
    if (resolver == null) {
      throw new IllegalStateException(
          "this DaneVerifier has no ValidatedResolver for MX and address lookups: set"
              + " builder.resolver(...), or use checkAddress");
    }
    return resolver;
  }

  private static DnssecStatus worst(DnssecStatus a, DnssecStatus b) {
    for (DnssecStatus s :
        List.of(DnssecStatus.BOGUS, DnssecStatus.INDETERMINATE, DnssecStatus.INSECURE)) {
      if (a == s || b == s) {
        return s;
      }
    }
    return DnssecStatus.SECURE;
  }

  private static DaneOutcome outcomeOf(DnssecStatus s) {
    return switch (s) {
      case SECURE -> DaneOutcome.MATCHED;
      case INSECURE -> DaneOutcome.INSECURE;
      case BOGUS -> DaneOutcome.BOGUS;
      case INDETERMINATE -> DaneOutcome.INDETERMINATE;
    };
  }

  private static String text(Name name) {
    String s = name.toString(true);
    return s.toLowerCase(Locale.ROOT);
  }

  /** Builds a {@link DaneVerifier}; validates eagerly. */
  public static final class Builder {
    private @Nullable ValidatedResolver resolver;
    private @Nullable TlsaLookup tlsaLookup;
    private Duration timeout = Duration.ofSeconds(10);
    private @Nullable Clock clock;
    private @Nullable Set<TrustAnchor> pkixAnchors;
    private String ehloName = "dane-check.invalid";
    private int smtpPort = 25;

    private Builder() {}

    /**
     * The resolver for MX, A/AAAA and (unless {@link #tlsaLookup} is set) TLSA.
     *
     * @param resolver the validated resolver
     * @return this builder
     */
    public Builder resolver(ValidatedResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Another source of TLSA records (e.g. a cache); it must honour the {@link TlsaLookup} contract
     * and report only validated answers as secure.
     *
     * @param lookup the TLSA lookup
     * @return this builder
     */
    public Builder tlsaLookup(TlsaLookup lookup) {
      this.tlsaLookup = Objects.requireNonNull(lookup, "lookup");
      return this;
    }

    /**
     * The connect timeout and the timeout of every read (STARTTLS dialog, handshake). Default 10 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The clock for certificate validity (DANE-TA and PKIX usages). Required.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The trust anchors for PKIX usages 0 and 1 (never used for SMTP). Default: the JDK's.
     *
     * @param anchors the trust anchors, not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder pkixTrustAnchors(Set<TrustAnchor> anchors) {
      if (anchors.isEmpty()) {
        throw new IllegalArgumentException("PKIX trust anchors must not be empty");
      }
      this.pkixAnchors = Set.copyOf(anchors);
      return this;
    }

    /**
     * The PKIX trust anchors as certificates.
     *
     * @param roots the root certificates, not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder pkixRoots(List<X509Certificate> roots) {
      Set<TrustAnchor> anchors = new LinkedHashSet<>();
      roots.forEach(c -> anchors.add(new TrustAnchor(c, null)));
      return pkixTrustAnchors(anchors);
    }

    /**
     * The name sent with SMTP EHLO. Default {@code dane-check.invalid}.
     *
     * @param name a host name
     * @return this builder
     * @throws IllegalArgumentException if it is blank or has spaces or control characters
     */
    public Builder ehloName(String name) {
      if (name.isBlank() || !name.chars().allMatch(c -> c > 32 && c < 127)) {
        throw new IllegalArgumentException("EHLO name must be a host name: '" + name + "'");
      }
      this.ehloName = name;
      return this;
    }

    /**
     * The port {@link #checkMailDomain} connects to on MX hosts (and whose TLSA it looks up).
     * Default 25; another value is for test setups that cannot bind port 25.
     *
     * @param port 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder smtpPort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("SMTP port " + port + " is not in 1..65535");
      }
      this.smtpPort = port;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the verifier
     * @throws IllegalStateException if the clock, or both the resolver and the TLSA lookup, are
     *     missing
     */
    public DaneVerifier build() {
      if (clock == null) {
        throw new IllegalStateException("DaneVerifier needs a clock: builder.clock(Clock)");
      }
      TlsaLookup lookup = tlsaLookup != null ? tlsaLookup : resolver;
      if (lookup == null) {
        throw new IllegalStateException(
            "DaneVerifier needs a ValidatedResolver (builder.resolver) or a TlsaLookup");
      }
      Set<TrustAnchor> anchors = pkixAnchors != null ? pkixAnchors : JdkTrust.anchors();
      return new DaneVerifier(this, lookup, clock, anchors);
    }
  }
}
