package org.zonetrust.acme.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdater;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.event.ZoneTrustEvent;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;

/** Builds publishers, updaters and direct queries against the testbed, for the ITs. */
final class PublisherTestbed {
  /** Secret of the wrong key: never the testbed's. */
  static final String WRONG_SECRET =
      Base64.getEncoder().encodeToString("not-the-testbed-secret-32-bytes!".getBytes());

  private PublisherTestbed() {}

  static TsigKey key(Testbed tb) {
    return TsigKey.of(
        tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), tb.tsigSecret());
  }

  static Rfc2136Updater updater(Testbed tb) {
    return updater(tb, key(tb));
  }

  static Rfc2136Updater updater(Testbed tb, TsigKey key) {
    return Rfc2136Updater.builder()
        .server(tb.bind())
        .tsigKey(key)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  static Rfc2136Updater wrongKeyUpdater(Testbed tb) {
    return updater(
        tb,
        TsigKey.of(tb.tsigKeyName(), TsigAlgorithm.fromDnsName(tb.tsigAlgorithm()), WRONG_SECRET));
  }

  /**
   * The resolver for CNAME and zone lookups: BIND itself, which is authoritative for {@code test.}
   * and every child zone, so a lookup sees a change at once (the testbed's Unbound caches answers
   * for up to 5 s).
   */
  static SimpleResolver resolver(Testbed tb) {
    SimpleResolver r = new SimpleResolver(tb.bind());
    r.setTimeout(Duration.ofSeconds(3));
    return r;
  }

  static PropagationChecker.Builder checker(Testbed tb, Duration timeout) {
    Name ns1 = name(tb.primaryNameServer());
    Name ns2 = name(tb.secondaryNameServer());
    return PropagationChecker.builder()
        .resolver(resolver(tb))
        .port(
            (ns, address) -> {
              if (ns.equals(ns1)) {
                return tb.bindPort();
              } else if (ns.equals(ns2)) {
                return tb.knotPort();
              }
              throw new IllegalArgumentException("unexpected name server " + ns);
            })
        .queryTimeout(Duration.ofSeconds(1))
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .timeout(timeout);
  }

  static StateStore store(Path dir) throws Exception {
    return FileStateStore.open(dir, Clock.systemUTC());
  }

  static DnsChallengePublisherBuilder publisher(
      Testbed tb, StateStore store, DnsUpdater updater, PropagationChecker checker) {
    return DnsChallengePublisher.builder()
        .stateStore(store)
        .dnsUpdater(updater)
        .propagationChecker(checker)
        .resolver(resolver(tb));
  }

  static Name name(String s) {
    return Name.fromConstantString(s.endsWith(".") ? s : s + ".");
  }

  /** The TXT strings at {@code owner}, asked of {@code server} directly (RD=0). */
  static List<String> txt(InetSocketAddress server, String owner) throws IOException {
    SimpleResolver r = new SimpleResolver(server);
    r.setTimeout(Duration.ofSeconds(3));
    Message q = Message.newQuery(Record.newRecord(name(owner), Type.TXT, DClass.IN));
    q.getHeader().unsetFlag(Flags.RD);
    List<String> out = new ArrayList<>();
    for (Record rec : r.send(q).getSection(Section.ANSWER)) {
      if (rec instanceof TXTRecord t) {
        out.addAll(t.getStrings());
      }
    }
    return out;
  }

  /** Adds one TXT value at {@code owner} in {@code zone} at BIND. */
  static void addTxt(Testbed tb, String zone, String owner, String value) throws Exception {
    updater(tb)
        .apply(
            DnsUpdate.builder(name(zone))
                .add(new TXTRecord(name(owner), DClass.IN, 60, value))
                .build());
  }

  /** A DnsUpdater that records every update before passing it on. */
  static final class Recording implements DnsUpdater {
    final List<DnsUpdate> updates = new CopyOnWriteArrayList<>();
    private final DnsUpdater delegate;

    Recording(DnsUpdater delegate) {
      this.delegate = delegate;
    }

    @Override
    public void apply(DnsUpdate update) throws org.zonetrust.core.dns.DnsUpdateException {
      updates.add(update);
      delegate.apply(update);
    }
  }

  /** Collected events. */
  static final class Events implements org.zonetrust.core.event.EventListener {
    final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ZoneTrustEvent event) {
      events.add(event);
    }

    List<String> types() {
      return events.stream().map(ZoneTrustEvent::type).toList();
    }
  }
}
