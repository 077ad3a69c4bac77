package org.zonetrust.registrar.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.zonetrust.core.ZoneTrustException;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.registrar.ParentObserver;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.http.HttpApiMapping.Style;
import org.zonetrust.registrar.internal.http.Fixtures.RecordingSleeper;

/** The request side of the parent channel, through the real HTTP adapter against a fake API. */
class HttpParentChannelTest {
  private static final Name DOMAIN = Name.fromConstantString("example.test.");

  private static Set<DSRecord> ds(int... tags) {
    return IntStream.of(tags)
        .mapToObj(t -> Fixtures.ds(t).toRecord(DOMAIN, 3600))
        .collect(Collectors.toUnmodifiableSet());
  }

  private static ParentObserver unusedObserver() {
    return ParentObserver.builder().resolver(mock(Resolver.class)).build();
  }

  private static long writes(FakeRegistrar server) {
    return server.requests().stream().filter(r -> !r.method().equals("GET")).count();
  }

  @Test
  void requestConvergesTheParentAndIsIdempotent() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID);
        HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
        ParentObserver observer = unusedObserver()) {
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);

      channel.request(DOMAIN, ds(1));
      assertThat(updater.current(DOMAIN)).isEqualTo(SecureDelegation.ofDsRecords(ds(1)));

      long before = writes(server);
      channel.request(DOMAIN, ds(1));
      assertThat(writes(server)).isEqualTo(before);

      channel.request(DOMAIN, ds(2, 3));
      assertThat(updater.current(DOMAIN)).isEqualTo(SecureDelegation.ofDsRecords(ds(2, 3)));

      channel.request(DOMAIN, Set.of());
      assertThat(updater.current(DOMAIN)).isEqualTo(SecureDelegation.insecure());
    }
  }

  @Test
  void aRefusalIsARejectedRegistrarExceptionWithTheRegistrarsWords() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID);
        HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
        ParentObserver observer = unusedObserver()) {
      server.rejectAdds(m -> true, "digest type not accepted");
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);

      assertThatThrownBy(() -> channel.request(DOMAIN, ds(1)))
          .isInstanceOf(ZoneTrustException.class)
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.REJECTED))
          .hasMessageContaining(DOMAIN.toString())
          .hasMessageContaining("digest type not accepted")
          .hasMessageNotContaining(Fixtures.TOKEN);
      assertThat(server.records()).isEmpty();
    }
  }

  @Test
  void aParentThatTakesKeysOnlyRefusesDsDataAsUnsupported() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DNSKEY);
        HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
        ParentObserver observer = unusedObserver()) {
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);
      assertThatThrownBy(() -> channel.request(DOMAIN, ds(1)))
          .isInstanceOfSatisfying(
              RegistrarException.class,
              e -> assertThat(e.reason()).isEqualTo(RegistrarException.Reason.UNSUPPORTED));
      assertThat(writes(server)).isZero();
    }
  }

  @Test
  void dsRecordsOfAnotherOwnerAreRefusedBeforeAnythingIsSent() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID);
        HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
        ParentObserver observer = unusedObserver()) {
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);
      Name other = Name.fromConstantString("other.test.");
      assertThatThrownBy(() -> channel.request(other, ds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("other.test.");
      assertThat(server.requests()).isEmpty();
    }
  }
}
