package org.zonetrust.registrar.internal.cds;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.CDNSKEYRecord;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.registrar.ParentObservation;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.internal.UriQuery;
import org.zonetrust.registrar.spi.Capabilities;

/**
 * Publishes the desired set as CDS and CDNSKEY RRsets at the child's apex through the child zone's
 * {@link DnsUpdater} (setting {@code "dnsUpdater"}), for a parent that scans for them (RFC 7344,
 * RFC 8078). An insecure delegation is published as the delete form ({@code CDS 0 0 0 00}, {@code
 * CDNSKEY 0 3 0 AA==}). The parent acts on its own schedule, so {@link #converge} returns {@link
 * DsUpdateResult.Status#PENDING}; {@link #current} asks the parent's servers through the {@link
 * ParentObserver} (setting {@code "observer"}, else one with the system resolver).
 *
 * <p>A parent accepts CDS/CDNSKEY only from a signed child whose records validate with a key the
 * current DS points to (or, for bootstrapping, by its own policy): signing the child is the
 * caller's business.
 */
final class CdsDsUpdater implements RegistrarDsUpdater {
  static final Set<String> PARAMS = Set.of("delete", "ttl", "cdnskey");

  private final DnsUpdater dnsUpdater;
  private final @Nullable ParentObserver givenObserver;
  private @Nullable ParentObserver ownObserver;
  private final long ttl;
  private final boolean cdnskey;
  private final Capabilities capabilities;

  private CdsDsUpdater(
      DnsUpdater dnsUpdater,
      @Nullable ParentObserver observer,
      long ttl,
      boolean cdnskey,
      Capabilities capabilities) {
    this.dnsUpdater = dnsUpdater;
    this.givenObserver = observer;
    this.ttl = ttl;
    this.cdnskey = cdnskey;
    this.capabilities = capabilities;
  }

  static CdsDsUpdater create(RegistrarConfig config) throws RegistrarException {
    UriQuery q = UriQuery.parse(config.uri(), PARAMS);
    DnsUpdater updater =
        config
            .setting("dnsUpdater", DnsUpdater.class)
            .orElseThrow(
                () ->
                    UriQuery.configuration(
                        "the cds adapter publishes through the child zone's DnsUpdater: set"
                            + " setting(\"dnsUpdater\", Rfc2136Updater...)"));
    ParentObserver observer = config.setting("observer", ParentObserver.class).orElse(null);
    boolean delete = q.flag("delete", true);
    Capabilities caps =
        new Capabilities(
            Set.of(Capabilities.DataKind.DS_DATA, Capabilities.DataKind.KEY_DATA),
            Set.of(SecureDelegation.SHA256, SecureDelegation.SHA384),
            16,
            delete);
    return new CdsDsUpdater(updater, observer, q.ttl("ttl", 3600), q.flag("cdnskey", true), caps);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public SecureDelegation current(Name domain) throws RegistrarException {
    ParentObservation seen = observer().observe(domain);
    return seen.agreed()
        .orElseThrow(
            () ->
                new RegistrarException(
                    Reason.UNAVAILABLE,
                    "the servers of "
                        + seen.parentZone()
                        + " do not agree on the DS of "
                        + domain
                        + " (or one failed); ask again later:"
                        + seen.servers()));
  }

  @Override
  public DsUpdateResult converge(Name domain, SecureDelegation desired) throws RegistrarException {
    capabilities.check(domain.toString(), desired);
    List<Record> records = records(domain, desired);
    DnsUpdate.Builder update =
        DnsUpdate.builder(domain).deleteRRset(domain, Type.CDS).deleteRRset(domain, Type.CDNSKEY);
    records.forEach(update::add);
    try {
      dnsUpdater.apply(update.build());
    } catch (DnsUpdateException e) {
      Reason reason =
          switch (e.reason()) {
            case TSIG_REJECTED, NOT_AUTHORITATIVE -> Reason.AUTHENTICATION;
            case TIMEOUT -> Reason.TIMEOUT;
            case UNREACHABLE -> Reason.UNAVAILABLE;
            case INTERRUPTED -> Reason.INTERRUPTED;
            default -> Reason.PROTOCOL;
          };
      throw new RegistrarException(
          reason, "publishing CDS/CDNSKEY of " + domain + ": " + e.getMessage(), null, e);
    }
    String what = desired.isInsecure() ? "the delete form (RFC 8078)" : records.size() + " records";
    return DsUpdateResult.pending(
        desired,
        "CDS " + domain,
        "published CDS/CDNSKEY at " + domain + " (" + what + "); the parent acts when it scans");
  }

  /**
   * The CDS and CDNSKEY records that ask the parent for a delegation.
   *
   * @param domain the child zone's apex
   * @param desired the delegation
   * @return the records to publish
   */
  List<Record> records(Name domain, SecureDelegation desired) {
    List<Record> out = new ArrayList<>();
    if (desired.isInsecure()) {
      out.add(new CDSRecord(domain, DClass.IN, ttl, 0, 0, 0, new byte[] {0}));
      if (cdnskey) {
        out.add(new CDNSKEYRecord(domain, DClass.IN, ttl, 0, 3, 0, new byte[] {0}));
      }
      return out;
    }
    for (DsData d : desired.ds()) {
      out.add(
          new CDSRecord(
              domain, DClass.IN, ttl, d.keyTag(), d.algorithm(), d.digestType(), d.digest()));
    }
    if (cdnskey) {
      for (KeyData k : desired.keys()) {
        out.add(
            new CDNSKEYRecord(
                domain, DClass.IN, ttl, k.flags(), k.protocol(), k.algorithm(), k.publicKey()));
      }
    }
    return out;
  }

  private synchronized ParentObserver observer() {
    if (givenObserver != null) {
      return givenObserver;
    }
    ParentObserver o = ownObserver;
    if (o == null) {
      o = ParentObserver.builder().build();
      ownObserver = o;
    }
    return o;
  }

  @Override
  public synchronized void close() {
    if (ownObserver != null) {
      ownObserver.close();
    }
  }

  @Override
  public String toString() {
    return "CdsDsUpdater[" + dnsUpdater + "]";
  }
}
