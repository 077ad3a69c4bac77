package org.zonetrust.registrar.internal.dnsupdate;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsQueries;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.internal.UriQuery;
import org.zonetrust.registrar.spi.Capabilities;
import org.zonetrust.registrar.spi.ChangePreview;

/**
 * DS records in a parent zone the platform runs: reads the DS RRset from the parent's primary and
 * converges it with one RFC 2136 update (delete the unwanted DS records, add the missing ones),
 * signed with the TSIG key named in the URI whose secret is the {@code "tsig"} secret.
 */
final class DnsUpdateDsUpdater implements RegistrarDsUpdater, ChangePreview {
  static final Set<String> PARAMS = Set.of("key", "algorithm", "zone", "ttl", "sha1", "timeout");
  private static final int MAX_RECORDS = 16;

  private final InetSocketAddress primary;
  private final @Nullable Name zone;
  private final long ttl;
  private final Duration timeout;
  private final Capabilities capabilities;
  private final Rfc2136Updater updater;
  private final DnsQueries queries = new DnsQueries();

  private DnsUpdateDsUpdater(
      InetSocketAddress primary,
      @Nullable Name zone,
      long ttl,
      Duration timeout,
      Capabilities capabilities,
      Rfc2136Updater updater) {
    this.primary = primary;
    this.zone = zone;
    this.ttl = ttl;
    this.timeout = timeout;
    this.capabilities = capabilities;
    this.updater = updater;
  }

  static DnsUpdateDsUpdater create(RegistrarConfig config) throws RegistrarException {
    var uri = config.uri();
    UriQuery q = UriQuery.parse(uri, PARAMS);
    String host = uri.getHost();
    if (host == null || uri.getPort() < 1) {
      throw UriQuery.configuration(
          "a dnsupdate URI names the parent's primary with host and port:"
              + " dnsupdate://192.0.2.53:53?key=KEY., not "
              + uri);
    }
    InetSocketAddress primary;
    try {
      primary = new InetSocketAddress(InetAddress.getByName(hostOf(host)), uri.getPort());
    } catch (UnknownHostException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION, "cannot resolve the parent's primary " + host, null, e);
    }
    Name zone = null;
    Optional<String> zoneParam = q.get("zone");
    if (zoneParam.isPresent()) {
      zone = name(zoneParam.get(), "zone");
    }
    long ttl = q.ttl("ttl", 3600);
    Duration timeout = Duration.ofSeconds(q.ttl("timeout", 10));
    if (timeout.isZero()) {
      throw UriQuery.configuration("timeout must be at least 1 second");
    }
    Set<Integer> digests =
        new LinkedHashSet<>(List.of(SecureDelegation.SHA256, SecureDelegation.SHA384));
    if (q.flag("sha1", false)) {
      digests.add(SecureDelegation.SHA1);
    }
    Capabilities caps =
        new Capabilities(Set.of(Capabilities.DataKind.DS_DATA), digests, MAX_RECORDS, true);
    Rfc2136Updater.Builder b =
        Rfc2136Updater.builder().server(primary).timeout(timeout).clock(config.clock());
    Optional<String> keyName = q.get("key");
    if (keyName.isPresent()) {
      b.tsigKey(tsigKey(config, keyName.get(), q.get("algorithm").orElse("hmac-sha256")));
    } else if (q.get("algorithm").isPresent()) {
      throw UriQuery.configuration("algorithm is given without key: add key=KEYNAME.");
    }
    return new DnsUpdateDsUpdater(primary, zone, ttl, timeout, caps, b.build());
  }

  private static TsigKey tsigKey(RegistrarConfig config, String keyName, String algorithm)
      throws RegistrarException {
    TsigAlgorithm alg;
    try {
      alg = TsigAlgorithm.fromDnsName(algorithm.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION,
          "unknown TSIG algorithm " + algorithm + " (hmac-sha256, hmac-sha512, hmac-sha1)",
          null,
          e);
    }
    char[] secret =
        config
            .secrets()
            .secret("tsig")
            .orElseThrow(
                () ->
                    UriQuery.configuration(
                        "the TSIG key "
                            + keyName
                            + " needs its secret: give the secret \"tsig\" in the SecretSource"));
    try {
      return TsigKey.of(keyName, alg, new String(secret));
    } catch (IllegalArgumentException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION, "TSIG key " + keyName + ": " + e.getMessage(), null, null);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public SecureDelegation current(Name domain) throws RegistrarException {
    Message query = Message.newQuery(Record.newRecord(domain, Type.DS, DClass.IN));
    query.getHeader().unsetFlag(Flags.RD);
    Message m;
    try {
      SimpleResolver r = new SimpleResolver(primary);
      r.setTimeout(timeout);
      m = queries.send(r, query);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new RegistrarException(
          Reason.INTERRUPTED, "interrupted reading the DS of " + domain, null, e);
    } catch (IOException e) {
      throw new RegistrarException(
          Reason.UNAVAILABLE,
          "cannot read the DS of " + domain + " from " + where() + ": " + e.getMessage(),
          null,
          e);
    }
    int rcode = m.getRcode();
    if (!m.getHeader().getFlag(Flags.AA) || (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN)) {
      throw new RegistrarException(
          Reason.PROTOCOL,
          where()
              + " gave no authoritative answer for the DS of "
              + domain
              + " ("
              + Rcode.string(rcode)
              + "): is it the primary of the parent zone?",
          rcode,
          null);
    }
    List<DSRecord> ds = new ArrayList<>();
    for (Record rec : m.getSection(Section.ANSWER)) {
      if (rec instanceof DSRecord d && rec.getName().equals(domain)) {
        ds.add(d);
      }
    }
    return SecureDelegation.ofDsRecords(ds);
  }

  @Override
  public DsUpdateResult converge(Name domain, SecureDelegation desired) throws RegistrarException {
    capabilities.check(domain.toString(), desired);
    SecureDelegation want = desired.dsOnly();
    SecureDelegation have = current(domain);
    if (have.equals(want)) {
      return DsUpdateResult.unchanged(desired);
    }
    Name parent = parent(domain);
    DnsUpdate update = update(domain, parent, have, want);
    try {
      updater.apply(update);
    } catch (DnsUpdateException e) {
      throw translate(domain, parent, e);
    }
    return DsUpdateResult.applied(
        desired,
        where()
            + " applied the update of "
            + parent
            + ": "
            + minus(want, have).size()
            + " DS added, "
            + minus(have, want).size()
            + " removed");
  }

  @Override
  public String preview(Name domain, SecureDelegation current, SecureDelegation desired)
      throws RegistrarException {
    capabilities.check(domain.toString(), desired);
    SecureDelegation want = desired.dsOnly();
    SecureDelegation have = current.dsOnly();
    if (have.equals(want)) {
      return "nothing to send: " + where() + " already serves exactly this DS RRset of " + domain;
    }
    Name parent = parent(domain);
    return "RFC 2136 UPDATE to "
        + where()
        + " (TSIG-signed when sent):\n"
        + update(domain, parent, have, want).toMessage();
  }

  private Name parent(Name domain) throws RegistrarException {
    Name parent = zone != null ? zone : new Name(domain, 1);
    if (!domain.subdomain(parent) || domain.equals(parent)) {
      throw UriQuery.configuration(domain + " is not below the parent zone " + parent);
    }
    return parent;
  }

  /** The one update converge sends and preview shows: delete unwanted DS, add missing ones. */
  private DnsUpdate update(Name domain, Name parent, SecureDelegation have, SecureDelegation want) {
    DnsUpdate.Builder update = DnsUpdate.builder(parent);
    for (DsData d : minus(have, want)) {
      update.delete(d.toRecord(domain, 0));
    }
    for (DsData d : minus(want, have)) {
      update.add(d.toRecord(domain, ttl));
    }
    return update.build();
  }

  private static List<DsData> minus(SecureDelegation a, SecureDelegation b) {
    List<DsData> out = new ArrayList<>();
    for (DsData d : a.ds()) {
      if (!b.ds().contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  private RegistrarException translate(Name domain, Name parent, DnsUpdateException e) {
    String what = "DNS UPDATE of the DS of " + domain + " in " + parent + " at " + where() + ": ";
    return switch (e.reason()) {
      case TSIG_REJECTED, NOT_AUTHORITATIVE ->
          new RegistrarException(
              Reason.AUTHENTICATION,
              what
                  + "the server rejected the TSIG key or is not authoritative ("
                  + e.getMessage()
                  + ")",
              null,
              e);
      case REFUSED, NOT_ZONE, PREREQUISITE_FAILED, SERVER_ERROR, TOO_LARGE ->
          new RegistrarException(Reason.PROTOCOL, what + e.getMessage(), null, e);
      case TIMEOUT -> new RegistrarException(Reason.TIMEOUT, what + e.getMessage(), null, e);
      case UNREACHABLE ->
          new RegistrarException(Reason.UNAVAILABLE, what + e.getMessage(), null, e);
      case BAD_RESPONSE -> new RegistrarException(Reason.PROTOCOL, what + e.getMessage(), null, e);
      case INTERRUPTED ->
          new RegistrarException(Reason.INTERRUPTED, what + e.getMessage(), null, e);
    };
  }

  private String where() {
    return primary.getAddress().getHostAddress() + " port " + primary.getPort();
  }

  private static String hostOf(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static Name name(String text, String what) throws RegistrarException {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION, what + " " + text + " is not a DNS name", null, e);
    }
  }

  @Override
  public String toString() {
    return "DnsUpdateDsUpdater["
        + where()
        + ", zone "
        + (zone == null ? "(parent of each domain)" : zone)
        + "]";
  }
}
