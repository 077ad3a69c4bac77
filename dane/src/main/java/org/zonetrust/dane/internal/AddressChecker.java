package org.zonetrust.dane.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Name;
import org.zonetrust.dane.AddressCheck;
import org.zonetrust.dane.DaneOutcome;
import org.zonetrust.dane.RecordCheck;
import org.zonetrust.dane.RecordVerdict;
import org.zonetrust.dane.StartTls;
import org.zonetrust.dane.TlsaEndpoint;
import org.zonetrust.dane.TlsaLookupResult;

/** The check of one address once its TLSA RRset is known: status, usability, then the handshake. */
public final class AddressChecker {
  private final Clock clock;
  private final Duration timeout;
  private final Set<TrustAnchor> pkixAnchors;
  private final String ehloName;

  /**
   * Creates a checker.
   *
   * @param clock the time for certificate validity
   * @param timeout connect and read timeout
   * @param pkixAnchors trust anchors for PKIX usages
   * @param ehloName the SMTP EHLO name
   */
  public AddressChecker(
      Clock clock, Duration timeout, Set<TrustAnchor> pkixAnchors, String ehloName) {
    this.clock = clock;
    this.timeout = timeout;
    this.pkixAnchors = Set.copyOf(pkixAnchors);
    this.ehloName = ehloName;
  }

  /**
   * Checks one address with the TLSA lookup's result: the status decides whether the records are
   * used; usable records are matched inside the handshake.
   *
   * @param host the TLSA base name (SNI)
   * @param address the address
   * @param port the TCP port
   * @param mode direct TLS or STARTTLS
   * @param refs the reference names for name checks
   * @param records the TLSA lookup's result
   * @return the entry for this address
   */
  public AddressCheck check(
      Name host,
      InetAddress address,
      int port,
      StartTls mode,
      List<String> refs,
      TlsaLookupResult records) {
    boolean smtp = mode == StartTls.SMTP || TlsaEndpoint.tcp(port, host).isSmtp();
    String owner = records.owner().toString();
    switch (records.status()) {
      case SECURE -> {}
      case INSECURE -> {
        return entry(
            host,
            address,
            port,
            DaneOutcome.INSECURE,
            owner + " is insecure, not used: " + records.detail());
      }
      case BOGUS -> {
        return entry(
            host,
            address,
            port,
            DaneOutcome.BOGUS,
            owner + " is bogus, not used: " + records.detail());
      }
      case INDETERMINATE -> {
        return entry(
            host, address, port, DaneOutcome.INDETERMINATE, owner + ": " + records.detail());
      }
    }
    if (records.records().isEmpty()) {
      return entry(host, address, port, DaneOutcome.NO_TLSA, owner + ": securely no TLSA records");
    }
    List<String> unusable = TlsaMatcher.unusableReasons(records.records(), smtp);
    if (unusable.stream().noneMatch(String::isEmpty)) {
      List<RecordCheck> checks = new ArrayList<>();
      for (int i = 0; i < unusable.size(); i++) {
        checks.add(
            new RecordCheck(records.records().get(i), RecordVerdict.UNUSABLE, unusable.get(i)));
      }
      return new AddressCheck(
          host,
          address,
          port,
          DaneOutcome.NO_USABLE_TLSA,
          checks,
          owner + ": all " + checks.size() + " TLSA records are unusable; treated as no TLSA");
    }
    MatchContext context = new MatchContext(refs, smtp, clock.instant(), pkixAnchors);
    TlsProbe.Outcome outcome =
        TlsProbe.probe(
            new InetSocketAddress(address, port),
            host.toString(true),
            mode,
            ehloName,
            timeout,
            chain -> TlsaMatcher.match(records.records(), chain, context));
    TlsaMatcher.Result match = outcome.match();
    return new AddressCheck(
        host,
        address,
        port,
        outcome.outcome(),
        match == null ? List.of() : match.records(),
        outcome.detail());
  }

  private static AddressCheck entry(
      Name host, InetAddress address, int port, DaneOutcome o, String detail) {
    return new AddressCheck(host, address, port, o, List.of(), detail);
  }
}
