package org.zonetrust.registrar.internal.epp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.spi.Capabilities;
import org.zonetrust.registrar.spi.Capabilities.DataKind;
import org.zonetrust.registrar.spi.ChangePreview;

/**
 * The EPP adapter: one session per updater, commands serialised, {@code domain:info} to read and
 * {@code domain:update} with secDNS-1.1 {@code rem}/{@code add} to converge. A session the registry
 * ends (2500-2502) or drops is reopened and the whole operation retried once.
 */
final class EppDsUpdater implements RegistrarDsUpdater, ChangePreview {
  static final String PREVIEW_TRID = "DRY-RUN";

  private static final Logger LOG = LoggerFactory.getLogger(EppDsUpdater.class);

  private final EppOptions options;
  private final SecretSource secrets;
  private final EppXml xml = new EppXml();
  private final Capabilities capabilities;
  private final String trPrefix = EppSession.newPrefix();
  private final AtomicLong counter = new AtomicLong();
  private @Nullable EppSession session;
  private boolean closed;

  EppDsUpdater(EppOptions options, SecretSource secrets) {
    this.options = options;
    this.secrets = secrets;
    this.capabilities =
        new Capabilities(
            Set.of(options.keyData() ? DataKind.KEY_DATA : DataKind.DS_DATA),
            Set.of(SecureDelegation.SHA256, SecureDelegation.SHA384),
            16,
            true);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public synchronized SecureDelegation current(Name domain) throws RegistrarException {
    String name = name(domain);
    return run(s -> info(s, name));
  }

  @Override
  public synchronized DsUpdateResult converge(Name domain, SecureDelegation desired)
      throws RegistrarException {
    String name = name(domain);
    capabilities.check(name, desired);
    return run(s -> update(s, name, desired));
  }

  @Override
  public String preview(Name domain, SecureDelegation current, SecureDelegation desired)
      throws RegistrarException {
    String name = name(domain);
    capabilities.check(name, desired);
    Change c = change(current, desired);
    if (c == null) {
      return "nothing to send: the registry already holds exactly this for " + name;
    }
    return new String(c.frame(new EppMessages(xml), name, PREVIEW_TRID), StandardCharsets.UTF_8);
  }

  /** The secDNS difference one domain:update sends; shared by converge and preview. */
  private record Change(
      boolean removeAll,
      Set<DsData> remDs,
      Set<KeyData> remKeys,
      Set<DsData> addDs,
      Set<KeyData> addKeys) {
    byte[] frame(EppMessages messages, String name, String trid) {
      return messages.update(name, removeAll, remDs, remKeys, addDs, addKeys, trid);
    }
  }

  private @Nullable Change change(SecureDelegation now, SecureDelegation desired) {
    Set<DsData> wantDs = options.keyData() ? Set.of() : desired.ds();
    Set<KeyData> wantKeys = options.keyData() ? desired.keys() : Set.of();
    if (now.ds().equals(wantDs) && now.keys().equals(wantKeys)) {
      return null;
    }
    return new Change(
        wantDs.isEmpty() && wantKeys.isEmpty(),
        minus(now.ds(), wantDs),
        minus(now.keys(), wantKeys),
        minus(wantDs, now.ds()),
        minus(wantKeys, now.keys()));
  }

  private DsUpdateResult update(EppSession s, String name, SecureDelegation desired)
      throws RegistrarException, EppSession.Ended {
    Change c = change(info(s, name), desired);
    if (c == null) {
      return DsUpdateResult.unchanged(desired);
    }
    String trid = s.nextTrid();
    byte[] frame = c.frame(s.messages(), name, trid);
    EppResponse r = s.command(frame, trid, "domain:update " + name);
    LOG.info(
        "EPP {}: {} update (remove {}, add {}): {} {}",
        options.where(),
        name,
        c.removeAll() ? "all" : c.remDs().size() + c.remKeys().size(),
        c.addDs().size() + c.addKeys().size(),
        r.code(),
        r.message());
    String words = r.code() + " " + r.message();
    if (r.code() == 1000) {
      return DsUpdateResult.applied(desired, words);
    }
    if (r.code() == 1001) {
      return DsUpdateResult.pending(desired, r.svTrid(), words);
    }
    if (EppResults.isRefusal(r.code())) {
      return DsUpdateResult.rejected(desired, words);
    }
    throw EppResults.failure(options, "domain:update " + name, r);
  }

  private static <T> Set<T> minus(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.removeAll(b);
    return out;
  }

  private SecureDelegation info(EppSession s, String name)
      throws RegistrarException, EppSession.Ended {
    String trid = s.nextTrid();
    EppResponse r = s.command(s.messages().info(name, trid), trid, "domain:info " + name);
    if (r.code() != 1000) {
      throw EppResults.failure(options, "domain:info " + name, r);
    }
    Element infData = EppXml.child(r.extension(), EppXml.SEC_DNS, "infData");
    Set<DsData> ds = new HashSet<>();
    Set<KeyData> keys = new HashSet<>();
    try {
      for (Element d : EppXml.children(infData, EppXml.SEC_DNS, "dsData")) {
        ds.add(
            new DsData(
                Integer.parseInt(EppXml.text(d, EppXml.SEC_DNS, "keyTag")),
                Integer.parseInt(EppXml.text(d, EppXml.SEC_DNS, "alg")),
                Integer.parseInt(EppXml.text(d, EppXml.SEC_DNS, "digestType")),
                HexFormat.of().parseHex(EppXml.text(d, EppXml.SEC_DNS, "digest"))));
      }
      for (Element k : EppXml.children(infData, EppXml.SEC_DNS, "keyData")) {
        keys.add(
            new KeyData(
                Integer.parseInt(EppXml.text(k, EppXml.SEC_DNS, "flags")),
                Integer.parseInt(EppXml.text(k, EppXml.SEC_DNS, "protocol")),
                Integer.parseInt(EppXml.text(k, EppXml.SEC_DNS, "alg")),
                Base64.getMimeDecoder().decode(EppXml.text(k, EppXml.SEC_DNS, "pubKey"))));
      }
    } catch (IllegalArgumentException e) {
      throw new RegistrarException(
          Reason.PROTOCOL,
          "EPP " + options.where() + ": unreadable secDNS:infData for " + name + ": " + e,
          r.code(),
          e);
    }
    return new SecureDelegation(ds, keys);
  }

  @FunctionalInterface
  private interface Op<T> {
    T apply(EppSession s) throws RegistrarException, EppSession.Ended;
  }

  private <T> T run(Op<T> op) throws RegistrarException {
    if (closed) {
      throw new RegistrarException(Reason.CONFIGURATION, "EPP " + options.where() + ": closed");
    }
    for (int attempt = 0; ; attempt++) {
      if (Thread.currentThread().isInterrupted()) {
        throw new RegistrarException(
            Reason.INTERRUPTED, "EPP " + options.where() + ": interrupted");
      }
      try {
        return op.apply(session());
      } catch (EppSession.Ended e) {
        drop();
        if (attempt > 0) {
          throw new RegistrarException(
              Reason.UNAVAILABLE, e.getMessage() + " (after one retry)", e.code, e);
        }
        LOG.info("EPP {}: {}; reconnecting to retry once", options.where(), e.getMessage());
      } catch (RegistrarException | RuntimeException e) {
        drop();
        throw e;
      }
    }
  }

  private EppSession session() throws RegistrarException, EppSession.Ended {
    EppSession s = session;
    if (s != null && !s.alive()) {
      drop();
      s = null;
    }
    if (s == null) {
      s = EppSession.open(options, xml, secrets, trPrefix, counter);
      session = s;
    }
    return s;
  }

  private void drop() {
    EppSession s = session;
    session = null;
    if (s != null) {
      s.abandon();
    }
  }

  private static String name(Name domain) {
    return domain.toString(true);
  }

  @Override
  public synchronized void close() {
    closed = true;
    EppSession s = session;
    session = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public String toString() {
    return "EppDsUpdater[" + options.where() + ", clid " + options.clientId() + "]";
  }
}
