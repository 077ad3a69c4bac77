package org.zonetrust.examples;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.testbed.Testbed;

/**
 * The testbed's parent zone {@code test.} as the examples reach it: the DNS UPDATE registrar
 * adapter on BIND with the testbed's TSIG key, and a parent observer that finds {@code test.}'s
 * name servers through Unbound and asks them at BIND's port.
 */
final class TestbedParent {
  private TestbedParent() {}

  /**
   * The DNS UPDATE adapter for {@code test.}.
   *
   * @param tb the testbed
   * @param dsTtl the TTL of the DS records it adds
   * @param clock the clock
   * @return the open adapter; close it
   * @throws RegistrarException if the adapter cannot be opened
   */
  static RegistrarDsUpdater registrar(Testbed tb, Duration dsTtl, Clock clock)
      throws RegistrarException {
    URI uri =
        URI.create(
            "dnsupdate://127.0.0.1:"
                + tb.bindPort()
                + "?key="
                + tb.tsigKeyName()
                + "&algorithm="
                + tb.tsigAlgorithm()
                + "&ttl="
                + dsTtl.toSeconds());
    return RegistrarDsUpdaters.open(
        RegistrarConfig.builder(uri)
            .secrets(SecretSource.of(Map.of("tsig", tb.tsigSecret())))
            .clock(clock)
            .build());
  }

  /**
   * Asks every server of {@code test.} for a DS. Knot is no secondary of {@code test.}: both of its
   * name servers are BIND's addresses, so every address is asked at BIND's port.
   *
   * @param tb the testbed
   * @param clock the clock
   * @return the observer; close it
   * @throws UnknownHostException never in practice (Unbound's address is numeric)
   */
  static ParentObserver observer(Testbed tb, Clock clock) throws UnknownHostException {
    return ParentObserver.builder()
        .resolver(new SimpleResolver(tb.unbound()))
        .port((ns, address) -> tb.bindPort())
        .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
        .queryTimeout(Duration.ofSeconds(2))
        .clock(clock)
        .build();
  }
}
