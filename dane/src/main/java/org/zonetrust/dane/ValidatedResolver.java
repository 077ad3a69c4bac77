package org.zonetrust.dane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.dane.internal.DnsAnswers;

/**
 * A DNS resolver whose answers carry a DNSSEC status obtained only through a validated path: either
 * a validating resolver's AD bit over a link the host trusts ({@link #trustingAd}), or validation
 * in this process from a configured trust anchor ({@link #validating}, dnsjava's {@link
 * ValidatingResolver}). It is the {@link TlsaLookup} of {@link DaneVerifier} and also answers MX
 * and A/AAAA with their status (RFC 7672 section 2.2).
 *
 * <p>Queries go over UDP and are retried over TCP when the answer is truncated. Each query is
 * bounded by the timeout; a whole validation (which may take several queries) by four times it.
 * Answers are handled on one thread this object owns ({@link DnsQueries}), not on the common
 * fork-join pool (in-process validation still runs some of dnsjava's validator steps there). No
 * method throws for a DNS failure: a timeout or unreachable resolver is {@link
 * DnssecStatus#INDETERMINATE}, SERVFAIL from a validator {@link DnssecStatus#BOGUS}. Thread-safe.
 */
public final class ValidatedResolver implements TlsaLookup {
  private static final int EDNS_PAYLOAD = 1232;

  private final Resolver resolver;
  private final DnsQueries queries = new DnsQueries();
  private final boolean inProcess;
  private final Duration timeout;
  private final String description;

  ValidatedResolver(Resolver resolver, boolean inProcess, Duration timeout, String description) {
    this.resolver = resolver;
    this.inProcess = inProcess;
    this.timeout = timeout;
    this.description = description;
  }

  /**
   * Trusts the AD bit of a validating resolver, for a resolver reached over a trusted link
   * (loopback, or a link protected otherwise, RFC 6698 section 4.1). Queries are sent with the DO
   * and AD bits set; an answer without AD is insecure, SERVFAIL is bogus.
   *
   * @param resolver the validating resolver's address
   * @param timeout the timeout of one query
   * @return the resolver
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static ValidatedResolver trustingAd(InetSocketAddress resolver, Duration timeout) {
    SimpleResolver simple = simple(resolver, timeout);
    simple.setEDNS(0, EDNS_PAYLOAD, ExtendedFlags.DO);
    return new ValidatedResolver(simple, false, timeout, "resolver " + print(resolver));
  }

  /**
   * Validates in this process from trust anchors in a file (DS or DNSKEY records in master-file
   * form, as Unbound's {@code trust-anchor-file}), asking {@code upstream} (any recursive resolver;
   * its AD bit is ignored) for the records and signatures.
   *
   * @param upstream a recursive resolver
   * @param trustAnchorFile the trust anchors
   * @param timeout the timeout of one query
   * @param clock the time for signature validity
   * @return the resolver
   * @throws DaneException if the file cannot be read or holds no DS or DNSKEY record
   */
  public static ValidatedResolver validating(
      InetSocketAddress upstream, Path trustAnchorFile, Duration timeout, Clock clock)
      throws DaneException {
    try (InputStream in = Files.newInputStream(trustAnchorFile)) {
      return validating(upstream, in, timeout, clock, "trust anchor file " + trustAnchorFile);
    } catch (IOException e) {
      throw new DaneException("cannot read trust anchor file " + trustAnchorFile + ": " + e, e);
    }
  }

  /**
   * Validates in this process from the given trust anchors (DS or DNSKEY records).
   *
   * @param upstream a recursive resolver
   * @param anchors the trust anchors
   * @param timeout the timeout of one query
   * @param clock the time for signature validity
   * @return the resolver
   * @throws DaneException if no anchor is a DS or DNSKEY record
   */
  public static ValidatedResolver validating(
      InetSocketAddress upstream, List<Record> anchors, Duration timeout, Clock clock)
      throws DaneException {
    StringBuilder text = new StringBuilder();
    for (Record r : anchors) {
      text.append(r).append('\n');
    }
    try {
      return validating(
          upstream,
          new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
          timeout,
          clock,
          anchors.size() + " trust anchor record(s)");
    } catch (IOException e) {
      throw new DaneException("cannot load the trust anchors: " + e.getMessage(), e);
    }
  }

  private static ValidatedResolver validating(
      InetSocketAddress upstream, InputStream anchors, Duration timeout, Clock clock, String what)
      throws IOException, DaneException {
    ValidatingResolver validator = new ValidatingResolver(simple(upstream, timeout), clock);
    validator.loadTrustAnchors(anchors);
    if (validator.getTrustAnchors().items().isEmpty()) {
      throw new DaneException(what + " holds no DS or DNSKEY record to use as a trust anchor");
    }
    validator.setAddReasonToAdditional(true);
    return new ValidatedResolver(
        validator, true, timeout, "in-process validation via " + print(upstream) + " from " + what);
  }

  private static SimpleResolver simple(InetSocketAddress address, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, not " + timeout);
    }
    SimpleResolver simple = new SimpleResolver(address);
    simple.setTimeout(timeout);
    return simple;
  }

  private static String print(InetSocketAddress a) {
    return a.getAddress() == null
        ? a.getHostString() + ":" + a.getPort()
        : a.getAddress().getHostAddress() + "#" + a.getPort();
  }

  /**
   * Resolves one RRset with its DNSSEC status. CNAMEs in the answer are followed.
   *
   * @param name the absolute name
   * @param type the type, a dnsjava {@link Type} value
   * @return the records and their status; never throws for a DNS failure
   */
  public ValidatedAnswer query(Name name, int type) {
    Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
    if (!inProcess) {
      query.getHeader().setFlag(Flags.AD);
    }
    Duration overall = inProcess ? timeout.multipliedBy(4) : timeout.multipliedBy(2);
    try {
      Message response =
          queries
              .sendAsync(resolver, query)
              .toCompletableFuture()
              .get(overall.toMillis(), TimeUnit.MILLISECONDS);
      return DnsAnswers.interpret(name, type, response, description);
    } catch (TimeoutException e) {
      return indeterminate(name, type, "no answer within " + overall);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return indeterminate(
          name, type, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return indeterminate(name, type, "interrupted");
    }
  }

  private ValidatedAnswer indeterminate(Name name, int type, String why) {
    return new ValidatedAnswer(
        name,
        type,
        DnssecStatus.INDETERMINATE,
        List.of(),
        Type.string(type) + " " + name + " via " + description + ": " + why);
  }

  @Override
  public TlsaLookupResult lookup(Name owner) {
    ValidatedAnswer a = query(owner, Type.TLSA);
    List<TLSARecord> records =
        a.records().stream()
            .filter(TLSARecord.class::isInstance)
            .map(TLSARecord.class::cast)
            .toList();
    return new TlsaLookupResult(
        owner,
        a.status(),
        a.status() == DnssecStatus.SECURE || a.status() == DnssecStatus.INSECURE
            ? records
            : List.of(),
        a.detail());
  }

  @Override
  public String toString() {
    return description;
  }
}
