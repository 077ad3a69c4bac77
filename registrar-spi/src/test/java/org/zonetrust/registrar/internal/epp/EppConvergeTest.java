package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.registrar.internal.epp.EppFixture.DOMAIN;
import static org.zonetrust.registrar.internal.epp.EppFixture.ds;
import static org.zonetrust.registrar.internal.epp.EppFixture.key;
import static org.zonetrust.registrar.internal.epp.EppFixture.simDs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsUpdateResult.Status;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.testbed.epp.EppSimulator;

/** Reading and converging DS and DNSKEY data over real TLS against the registry simulator. */
class EppConvergeTest {
  @TempDir static Path shared;
  static EppFixture fixture;
  @TempDir Path dir;
  EppSimulator registry;

  @BeforeAll
  static void pki() {
    fixture = new EppFixture(shared);
  }

  @AfterEach
  void schemasAcceptedEverything() {
    if (registry != null) {
      assertThat(registry.schemaErrors()).isEmpty();
      registry.close();
    }
  }

  @Test
  void readsAddsReplacesAndRemovesDsDataIdempotently() throws Exception {
    registry = fixture.registry(dir).start();
    Name domain = Name.fromString(DOMAIN + ".");
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      assertThat(epp.current(domain)).isEqualTo(SecureDelegation.insecure());

      SecureDelegation two = SecureDelegation.ofDs(List.of(ds(1), ds(2)));
      assertThat(epp.converge(domain, two).status()).isEqualTo(Status.APPLIED);
      assertThat(registry.ds(DOMAIN)).containsExactlyInAnyOrder(simDs(ds(1)), simDs(ds(2)));
      assertThat(epp.current(domain)).isEqualTo(two);

      assertThat(epp.converge(domain, two).status()).isEqualTo(Status.UNCHANGED);
      long updates = registry.commands().stream().filter("update"::equals).count();
      assertThat(updates).isEqualTo(1);

      SecureDelegation rolled = SecureDelegation.ofDs(List.of(ds(2), ds(3)));
      assertThat(epp.converge(domain, rolled).status()).isEqualTo(Status.APPLIED);
      assertThat(registry.ds(DOMAIN)).containsExactlyInAnyOrder(simDs(ds(2)), simDs(ds(3)));

      assertThat(epp.converge(domain, SecureDelegation.insecure()).status())
          .isEqualTo(Status.APPLIED);
      assertThat(registry.ds(DOMAIN)).isEmpty();
      assertThat(epp.converge(domain, SecureDelegation.insecure()).status())
          .isEqualTo(Status.UNCHANGED);
    }
    assertThat(registry.commands()).startsWith("login").endsWith("logout");
    assertThat(registry.commands().stream().filter("login"::equals)).hasSize(1);
  }

  @Test
  void keyDataRegistryGetsKeysAndRemoveAll() throws Exception {
    registry = fixture.registry(dir).dataKind(EppSimulator.DataKind.KEY).start();
    Name domain = Name.fromString(DOMAIN + ".");
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform&data=key")) {
      SecureDelegation keys = new SecureDelegation(Set.of(), Set.of(key(1), key(2)));
      assertThat(epp.converge(domain, keys).status()).isEqualTo(Status.APPLIED);
      assertThat(registry.keys(DOMAIN))
          .containsExactlyInAnyOrder(
              new EppSimulator.Key(
                  257, 3, 13, Base64.getEncoder().encodeToString(key(1).publicKey())),
              new EppSimulator.Key(
                  257, 3, 13, Base64.getEncoder().encodeToString(key(2).publicKey())));
      assertThat(epp.current(domain)).isEqualTo(keys);
      assertThat(epp.converge(domain, keys).status()).isEqualTo(Status.UNCHANGED);

      SecureDelegation one = new SecureDelegation(Set.of(), Set.of(key(2)));
      assertThat(epp.converge(domain, one).status()).isEqualTo(Status.APPLIED);
      assertThat(registry.keys(DOMAIN)).hasSize(1);

      assertThat(epp.converge(domain, SecureDelegation.insecure()).status())
          .isEqualTo(Status.APPLIED);
      assertThat(registry.keys(DOMAIN)).isEmpty();
    }
  }

  @Test
  void foundThroughServiceLoaderAndSaysHelloWhenIdle() throws Exception {
    registry = fixture.registry(dir).start();
    Name domain = Name.fromString(DOMAIN + ".");
    try (RegistrarDsUpdater epp =
        RegistrarDsUpdaters.open(
            fixture
                .config(registry, "clid=platform", EppFixture.PASSWORD)
                .setting("idleHello", Duration.ZERO)
                .build())) {
      assertThat(epp).isInstanceOf(EppDsUpdater.class);
      epp.current(domain);
      epp.current(domain);
    }
    assertThat(registry.commands()).containsSubsequence("login", "info", "hello", "info");
  }

  @Test
  void unknownDomainIsAnError() throws Exception {
    registry = fixture.registry(dir).start();
    registry.setDs(DOMAIN, List.of(simDs(ds(9))));
    try (EppDsUpdater epp = fixture.updater(registry, "clid=platform")) {
      assertThat(epp.current(Name.fromString(DOMAIN + ".")))
          .isEqualTo(SecureDelegation.ofDs(List.of(ds(9))));
      assertThatThrownBy(() -> epp.current(Name.fromString("missing.test.")))
          .isInstanceOfSatisfying(
              RegistrarException.class, e -> assertThat(e.registryCode()).contains(2303));
    }
  }
}
