package org.zonetrust.acme.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;
import org.zonetrust.acme.internal.ChallengePublisher.Challenge;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.dns.Rfc2136Updater;
import org.zonetrust.core.dns.TsigAlgorithm;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.state.FileStateStore;

/**
 * A process that publishes the challenges of one order and then never removes them: {@link
 * RecoveryIT} kills it with {@code destroyForcibly()} (after it prints {@code published}, or while
 * it waits for a held-back secondary) and checks that a new publisher cleans up.
 *
 * <p>Arguments: state directory, BIND address, BIND port, Knot port, primary NS name, secondary NS
 * name, zone, order key. The TSIG key comes from the environment ({@code ZT_TSIG_NAME}, {@code
 * ZT_TSIG_ALGORITHM}, {@code ZT_TSIG_SECRET}), not the command line.
 */
public final class CrashingPublisherMain {
  private CrashingPublisherMain() {}

  /**
   * Runs the process.
   *
   * @param args see the class comment
   * @throws Exception on any failure (the process exits non-zero)
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    InetAddress host = InetAddress.getByName(args[1]);
    int bindPort = Integer.parseInt(args[2]);
    int knotPort = Integer.parseInt(args[3]);
    Name ns1 = Name.fromConstantString(args[4]);
    Name ns2 = Name.fromConstantString(args[5]);
    String zone = args[6];
    String orderKey = args[7];
    InetSocketAddress bind = new InetSocketAddress(host, bindPort);
    TsigKey key =
        TsigKey.of(
            System.getenv("ZT_TSIG_NAME"),
            TsigAlgorithm.fromDnsName(System.getenv("ZT_TSIG_ALGORITHM")),
            System.getenv("ZT_TSIG_SECRET"));
    SimpleResolver resolver = new SimpleResolver(bind);
    resolver.setTimeout(Duration.ofSeconds(3));
    PropagationChecker checker =
        PropagationChecker.builder()
            .resolver(resolver)
            .port((ns, address) -> ns.equals(ns1) ? bindPort : ns.equals(ns2) ? knotPort : 53)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .timeout(Duration.ofMinutes(2))
            .build();
    DnsChallengePublisher publisher =
        DnsChallengePublisher.builder()
            .stateStore(FileStateStore.open(dir, Clock.systemUTC()))
            .dnsUpdater(
                Rfc2136Updater.builder()
                    .server(bind)
                    .tsigKey(key)
                    .timeout(Duration.ofSeconds(5))
                    .build())
            .propagationChecker(checker)
            .resolver(resolver)
            .build();
    publisher.publish(
        orderKey,
        List.of(new Challenge(zone, "crash-apex"), new Challenge("*." + zone, "crash-wild")));
    System.out.println("published");
    System.out.flush();
    // Never returns by itself: the test kills the process here, before remove().
    while (System.in.read() >= 0) {
      continue;
    }
  }
}
