package org.zonetrust.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;

/** The observe side of the bridge, with the real observer asking two fake parent servers. */
class RegistrarParentChannelTest {
  private static final Name CHILD = Name.fromConstantString("shop.example.");

  private static Set<DSRecord> ds(long... seeds) {
    List<org.xbill.DNS.DNSKEYRecord> keys =
        java.util.Arrays.stream(seeds).mapToObj(s -> TestKeys.ksk(CHILD, s)).toList();
    return Set.copyOf(SecureDelegation.fromDnskeys(CHILD, keys, Set.of(2)).dsRecords(CHILD, 3600));
  }

  private static ParentObserver observer(FakeAuthServer one, FakeAuthServer two) throws Exception {
    return ParentObserver.builder()
        .resolver(ParentObserverTest.resolver())
        .port((ns, a) -> ns.toString().startsWith("ns1") ? one.port() : two.port())
        .queryTimeout(Duration.ofMillis(500))
        .build();
  }

  @Test
  void serversThatAgreeGiveTheAgreedSetComparedWithoutTtls() throws Exception {
    RegistrarDsUpdater updater = mock(RegistrarDsUpdater.class);
    Set<DSRecord> set = ds(1, 2);
    try (FakeAuthServer one = new FakeAuthServer();
        FakeAuthServer two = new FakeAuthServer();
        ParentObserver observer = observer(one, two)) {
      one.serve(List.copyOf(set));
      two.serve(
          set.stream()
              .map(
                  r ->
                      new DSRecord(
                          r.getName(),
                          DClass.IN,
                          7200,
                          r.getFootprint(),
                          r.getAlgorithm(),
                          r.getDigestID(),
                          r.getDigest()))
              .toList());
      ParentDsChannel channel = RegistrarDsUpdaters.parentChannel(updater, observer);

      ParentDsView view = channel.observe(CHILD);

      assertThat(view.zone()).isEqualTo(CHILD);
      assertThat(view.agreed()).contains(set);
      assertThat(view.dsTtl()).as("the largest TTL served").hasValue(7200);
      assertThat(view.allServe(set)).isTrue();
      assertThat(view.allServe(ds(1))).isFalse();
      assertThat(view.detail().lines())
          .hasSize(2)
          .anySatisfy(l -> assertThat(l).startsWith("ns1.example. 127.0.0.1 port " + one.port()))
          .anySatisfy(l -> assertThat(l).startsWith("ns2.example. 127.0.0.1 port " + two.port()));
      verifyNoInteractions(updater);
    }
  }

  @Test
  void anInsecureDelegationIsAnAgreedEmptySet() throws Exception {
    try (FakeAuthServer one = new FakeAuthServer();
        FakeAuthServer two = new FakeAuthServer();
        ParentObserver observer = observer(one, two)) {
      ParentDsView view =
          RegistrarDsUpdaters.parentChannel(mock(RegistrarDsUpdater.class), observer)
              .observe(CHILD);
      assertThat(view.agreed()).contains(Set.of());
      assertThat(view.detail().lines()).hasSize(2).allMatch(l -> l.contains("NODATA"));
    }
  }

  @Test
  void serversThatDifferGiveNoAgreedSetAndTheDetailShowsBoth() throws Exception {
    Set<DSRecord> old = ds(1);
    Set<DSRecord> next = ds(1, 2);
    try (FakeAuthServer one = new FakeAuthServer();
        FakeAuthServer two = new FakeAuthServer();
        ParentObserver observer = observer(one, two)) {
      one.serve(List.copyOf(next));
      two.serve(List.copyOf(old));
      ParentDsView view =
          RegistrarDsUpdaters.parentChannel(mock(RegistrarDsUpdater.class), observer)
              .observe(CHILD);

      assertThat(view.agreed()).isEmpty();
      assertThat(view.allServe(old)).isFalse();
      assertThat(view.allServe(next)).isFalse();
      String newTag = String.valueOf(TestKeys.ksk(CHILD, 2).getFootprint());
      List<String> lines = view.detail().lines().toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).startsWith("ns1.example.").contains(": DS ").contains(newTag);
      assertThat(lines.get(1)).startsWith("ns2.example.").contains(": DS ").doesNotContain(newTag);
    }
  }

  @Test
  void aServerThatFailsGivesNoAgreedSet() throws Exception {
    Set<DSRecord> set = ds(1);
    try (FakeAuthServer one = new FakeAuthServer();
        ParentObserver observer =
            ParentObserver.builder()
                .resolver(ParentObserverTest.resolver())
                .port((ns, a) -> ns.toString().startsWith("ns1") ? one.port() : 1)
                .queryTimeout(Duration.ofMillis(300))
                .build()) {
      one.serve(List.copyOf(set));
      ParentDsView view =
          RegistrarDsUpdaters.parentChannel(mock(RegistrarDsUpdater.class), observer)
              .observe(CHILD);
      assertThat(view.agreed()).isEmpty();
      assertThat(view.detail().lines())
          .hasSize(2)
          .anySatisfy(l -> assertThat(l).startsWith("ns2.example.").contains(": ERROR"));
    }
  }
}
