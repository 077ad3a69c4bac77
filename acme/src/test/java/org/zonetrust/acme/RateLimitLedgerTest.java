package org.zonetrust.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitLedgerTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private final MemoryStateStore store = new MemoryStateStore(clock);

  private RateLimitLedger ledger() {
    return RateLimitLedger.builder().stateStore(store).clock(clock).account("acct1").build();
  }

  @Test
  void theSixthDuplicateInAWeekIsRefusedUntilTheFirstAgesOut() throws Exception {
    RateLimitLedger ledger = ledger();
    List<String> names = List.of("shop.test", "*.shop.test");
    for (int i = 0; i < 5; i++) {
      assertThat(ledger.admit(OrderKind.RENEWAL, names).admitted()).isTrue();
      clock.advance(Duration.ofHours(1));
    }
    // same set in another order and case, with a trailing dot: still a duplicate
    Admission refused = ledger.admit(OrderKind.RENEWAL, List.of("*.SHOP.test.", "shop.test"));
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    assertThat(refused.reason()).contains("duplicate certificates");
    clock.set(T0.plus(Duration.ofDays(7)));
    assertThat(ledger.admit(OrderKind.RENEWAL, names).admitted()).isTrue();
  }

  @Test
  void fiftyCertificatesPerRegisteredDomainButRenewalsAndAriRenewalsAreExempt() throws Exception {
    RateLimitLedger ledger = ledger();
    for (int i = 0; i < 50; i++) {
      assertThat(ledger.admit(OrderKind.NEW, List.of("h" + i + ".example.test")).admitted())
          .isTrue();
    }
    Admission refused = ledger.admit(OrderKind.NEW, List.of("www.example.test"));
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.reason()).contains("registered domain example.test");
    assertThat(ledger.admit(OrderKind.NEW, List.of("other.test")).admitted()).isTrue();
    assertThat(ledger.admit(OrderKind.RENEWAL, List.of("h1.example.test")).admitted()).isTrue();
    assertThat(ledger.admit(OrderKind.ARI_RENEWAL, List.of("h2.example.test")).admitted()).isTrue();
  }

  @Test
  void threeHundredNewOrdersPerAccountInThreeHoursButAriRenewalsPass() throws Exception {
    RateLimitLedger ledger = ledger();
    for (int i = 0; i < 300; i++) {
      assertThat(ledger.admit(OrderKind.RENEWAL, List.of("n" + i + ".d" + i + ".test")).admitted())
          .isTrue();
    }
    Admission refused = ledger.admit(OrderKind.RENEWAL, List.of("late.test"));
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.reason()).contains("new orders per account acct1");
    assertThat(refused.retryAt()).isEqualTo(T0.plus(Duration.ofHours(3)));
    assertThat(ledger.admit(OrderKind.ARI_RENEWAL, List.of("late.test")).admitted()).isTrue();
    // another account has its own order bucket
    RateLimitLedger other =
        RateLimitLedger.builder().stateStore(store).clock(clock).account("acct2").build();
    assertThat(other.admit(OrderKind.RENEWAL, List.of("late.test")).admitted()).isTrue();
  }

  @Test
  void aRefusedOrderCountsNothingAndCancelGivesTheSlotBack() throws Exception {
    RateLimitLedger ledger =
        RateLimitLedger.builder()
            .stateStore(store)
            .clock(clock)
            .account("a")
            .limits(
                new RateLimits(
                    new RateLimits.Limit(2, Duration.ofHours(1)),
                    new RateLimits.Limit(1, Duration.ofHours(1)),
                    new RateLimits.Limit(5, Duration.ofHours(1))))
            .build();
    assertThat(ledger.admit(OrderKind.NEW, List.of("a.one.test")).admitted()).isTrue();
    // refused by the domain bucket, after the order bucket had room: nothing counted
    assertThat(ledger.admit(OrderKind.NEW, List.of("b.one.test")).admitted()).isFalse();
    Admission second = ledger.admit(OrderKind.NEW, List.of("two.test"));
    assertThat(second.admitted()).isTrue();
    assertThat(ledger.admit(OrderKind.NEW, List.of("three.test")).admitted()).isFalse();
    ledger.cancel(second);
    ledger.cancel(second);
    assertThat(ledger.admit(OrderKind.NEW, List.of("three.test")).admitted()).isTrue();
  }

  @Test
  void registeredDomainRule() {
    RegisteredDomains plain = RegisteredDomains.lastTwoLabels();
    assertThat(plain.registeredDomain("*.Shop.Example.COM.")).isEqualTo("example.com");
    assertThat(plain.registeredDomain("example.com")).isEqualTo("example.com");
    assertThat(plain.registeredDomain("com")).isEqualTo("com");
    assertThat(plain.registeredDomain("shop.example.co.uk")).isEqualTo("co.uk");
    RegisteredDomains psl =
        RegisteredDomains.withPublicSuffixes(Set.of("co.uk", "CITY.kawasaki.jp"));
    assertThat(psl.registeredDomain("a.shop.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(psl.registeredDomain("www.x.city.kawasaki.jp")).isEqualTo("x.city.kawasaki.jp");
    assertThat(psl.registeredDomain("co.uk")).isEqualTo("co.uk");
    assertThat(psl.registeredDomain("a.example.com")).isEqualTo("example.com");
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertThatThrownBy(() -> RateLimitLedger.builder().stateStore(store).clock(clock).build())
        .hasMessageContaining("account(String)");
  }
}
