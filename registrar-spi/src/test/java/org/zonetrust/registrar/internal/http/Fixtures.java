package org.zonetrust.registrar.internal.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.http.HttpApiMapping.Style;

/** Test data and a registrar-adapter factory with a recording sleeper and a fixed clock. */
final class Fixtures {
  static final String TOKEN = "s3cr3t-T0KEN-never-shown";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Fixtures() {}

  /** Records the waits instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
      waits.add(duration);
    }
  }

  static DsData ds(int tag) {
    byte[] digest = new byte[32];
    Arrays.fill(digest, (byte) tag);
    return new DsData(tag, 13, 2, digest);
  }

  static KeyData key(int n) {
    byte[] pub = new byte[64];
    Arrays.fill(pub, (byte) n);
    return new KeyData(257, 3, 13, pub);
  }

  static SecureDelegation delegation(Style style, int... ns) {
    if (style == Style.DNSKEY) {
      return new SecureDelegation(
          java.util.Set.of(),
          Arrays.stream(ns).mapToObj(Fixtures::key).collect(Collectors.toUnmodifiableSet()));
    }
    return SecureDelegation.ofDs(Arrays.stream(ns).mapToObj(Fixtures::ds).toList());
  }

  static FakeRegistrar bearerServer(Style style) throws java.io.IOException {
    return new FakeRegistrar(style, "Authorization", "Bearer " + TOKEN);
  }

  static HttpRegistrarDsUpdater open(
      FakeRegistrar server, String query, Map<String, String> secrets, Sleeper sleeper)
      throws RegistrarException {
    return HttpRegistrarProvider.create(
        RegistrarConfig.builder(server.uri(query))
            .secrets(SecretSource.of(secrets))
            .clock(CLOCK)
            .build(),
        sleeper);
  }

  static HttpRegistrarDsUpdater open(FakeRegistrar server, RecordingSleeper sleeper)
      throws RegistrarException {
    return open(server, "", Map.of("token", TOKEN), sleeper);
  }
}
