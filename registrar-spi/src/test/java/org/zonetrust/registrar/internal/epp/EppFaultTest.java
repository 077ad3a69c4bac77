package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.registrar.internal.epp.EppFixture.DOMAIN;
import static org.zonetrust.registrar.internal.epp.EppFixture.ds;
import static org.zonetrust.registrar.internal.epp.EppFixture.simDs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.DsUpdateResult.Status;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.testbed.epp.EppSimulator;
import org.zonetrust.testbed.epp.Fault;

/** What the adapter does when the registry ends sessions, drops, stalls or answers oddly. */
class EppFaultTest {
  @TempDir static Path shared;
  static EppFixture fixture;
  @TempDir Path dir;
  EppSimulator registry;
  EppDsUpdater epp;
  final Name domain = Name.fromConstantString(DOMAIN + ".");
  final SecureDelegation desired = SecureDelegation.ofDs(List.of(ds(1), ds(2)));

  @BeforeAll
  static void pki() {
    fixture = new EppFixture(shared);
  }

  @BeforeEach
  void start() throws Exception {
    registry = fixture.registry(dir).start();
    registry.setDs(DOMAIN, List.of(simDs(ds(7))));
    epp = fixture.updater(registry, "clid=platform");
  }

  @AfterEach
  void stop() {
    epp.close();
    assertThat(registry.schemaErrors()).isEmpty();
    registry.close();
  }

  private long logins() {
    return registry.commands().stream().filter("login"::equals).count();
  }

  @Test
  void sessionEndedMidSessionReconnectsAndRetriesOnce() throws Exception {
    epp.current(domain);
    registry.inject(Fault.of(Fault.Kind.SESSION_ENDED));
    assertThat(epp.converge(domain, desired).status()).isEqualTo(Status.APPLIED);
    assertThat(registry.ds(DOMAIN)).containsExactlyInAnyOrder(simDs(ds(1)), simDs(ds(2)));
    assertThat(logins()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(ints = {2500, 2501, 2502})
  void closingCodesReconnectAndRetryOnceThenUnavailable(int code) throws Exception {
    registry.inject(Fault.resultCode(code));
    assertThat(epp.current(domain)).isEqualTo(SecureDelegation.ofDs(List.of(ds(7))));
    assertThat(logins()).isEqualTo(2);
    registry.inject(Fault.resultCode(code));
    registry.inject(Fault.resultCode(code));
    RegistrarException e = assertFails(() -> epp.current(domain), Reason.UNAVAILABLE);
    assertThat(e.registryCode()).contains(code);
    assertThat(e.getMessage()).contains("simulated result").contains("after one retry");
  }

  @Test
  void droppedConnectionIsRetriedOnce() throws Exception {
    registry.inject(Fault.of(Fault.Kind.DROP));
    assertThat(epp.converge(domain, desired).status()).isEqualTo(Status.APPLIED);
    assertThat(logins()).isEqualTo(2);
  }

  @Test
  void droppedTwiceIsUnavailableAndNothingChanged() {
    registry.inject(Fault.of(Fault.Kind.DROP));
    registry.inject(Fault.of(Fault.Kind.DROP));
    assertFails(() -> epp.converge(domain, desired), Reason.UNAVAILABLE);
    assertThat(registry.ds(DOMAIN)).containsExactly(simDs(ds(7)));
    assertThat(logins()).isEqualTo(2);
  }

  @Test
  void dropAfterApplyingIsHarmlessBecauseTheRetryReadsFirst() throws Exception {
    // the first attempt's info passes, its update is applied and then the connection drops
    registry.inject(Fault.of(Fault.Kind.PASS));
    registry.inject(Fault.of(Fault.Kind.DROP_AFTER_APPLYING));
    DsUpdateResult r = epp.converge(domain, desired);
    // the retry reads the registry first and finds the set already there
    assertThat(r.status()).isEqualTo(Status.UNCHANGED);
    assertThat(registry.ds(DOMAIN)).containsExactlyInAnyOrder(simDs(ds(1)), simDs(ds(2)));
    assertThat(registry.commands().stream().filter("update"::equals)).hasSize(1);
  }

  @Test
  void pendingCarriesTheServerTransactionId() throws Exception {
    epp.current(domain);
    registry.inject(Fault.of(Fault.Kind.PASS));
    registry.inject(Fault.of(Fault.Kind.PENDING));
    DsUpdateResult r = epp.converge(domain, desired);
    assertThat(r.status()).isEqualTo(Status.PENDING);
    assertThat(r.reference()).hasValueSatisfying(ref -> assertThat(ref).startsWith("SIM-"));
    assertThat(r.message()).contains("1001");
    assertThat(registry.ds(DOMAIN)).containsExactly(simDs(ds(7)));
  }

  @Test
  void refusalIsRejectedWithTheRegistrysWords() throws Exception {
    registry.inject(Fault.of(Fault.Kind.PASS));
    registry.inject(Fault.resultCode(2304));
    DsUpdateResult r = epp.converge(domain, desired);
    assertThat(r.status()).isEqualTo(Status.REJECTED);
    assertThat(r.message()).contains("2304").contains("simulated result");
  }

  @Test
  void unknownResultCodeIsProtocol() {
    registry.inject(Fault.resultCode(2999));
    RegistrarException e = assertFails(() -> epp.current(domain), Reason.PROTOCOL);
    assertThat(e.registryCode()).contains(2999);
    assertThat(e.getMessage()).contains("unknown result code").contains("simulated result");
  }

  @Test
  void malformedXmlIsProtocol() {
    registry.inject(Fault.of(Fault.Kind.MALFORMED_XML));
    assertFails(() -> epp.current(domain), Reason.PROTOCOL);
  }

  @Test
  void oversizedFrameIsRefusedWithoutReadingIt() {
    registry.inject(Fault.of(Fault.Kind.OVERSIZED_FRAME));
    long start = System.nanoTime();
    RegistrarException e = assertFails(() -> epp.current(domain), Reason.PROTOCOL);
    // reading the announced 64 MiB would block until the 5 s read timeout (TIMEOUT)
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(e.getMessage()).contains("refused a frame of 67108864 bytes");
  }

  @Test
  void slowAnswerIsTimeout() throws Exception {
    epp.close();
    epp =
        (EppDsUpdater)
            new EppProvider()
                .create(
                    fixture
                        .config(registry, "clid=platform", EppFixture.PASSWORD)
                        .setting("readTimeout", Duration.ofMillis(300))
                        .build());
    registry.inject(Fault.slow(Duration.ofSeconds(2)));
    assertFails(() -> epp.current(domain), Reason.TIMEOUT);
  }

  @Test
  void afterAFailureTheNextCallWorksAgain() throws Exception {
    registry.inject(Fault.of(Fault.Kind.MALFORMED_XML));
    assertFails(() -> epp.current(domain), Reason.PROTOCOL);
    assertThat(epp.current(domain)).isEqualTo(SecureDelegation.ofDs(List.of(ds(7))));
  }

  @Test
  void interruptedCallerGetsInterruptedAndKeepsTheFlag() {
    Thread.currentThread().interrupt();
    try {
      assertFails(() -> epp.converge(domain, desired), Reason.INTERRUPTED);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(registry.commands()).isEmpty();
  }

  static RegistrarException assertFails(ThrowingCallable call, Reason reason) {
    RegistrarException[] caught = new RegistrarException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RegistrarException.class,
            e -> {
              assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
              caught[0] = e;
            });
    return caught[0];
  }
}
