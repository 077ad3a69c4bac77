package org.zonetrust.registrar.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zonetrust.registrar.internal.http.Fixtures.delegation;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsUpdateResult.Status;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.http.HttpApiMapping.Style;
import org.zonetrust.registrar.internal.http.Fixtures.RecordingSleeper;

/** Each API style against a real HTTP server on loopback. */
class HttpAdapterStylesTest {
  private static final Name DOMAIN = Name.fromConstantString("example.test.");

  private static List<String> calls(FakeRegistrar server) {
    return server.requests().stream().map(r -> r.method() + " " + r.path()).toList();
  }

  private static String collection(Style style) {
    return "/api/v1/domains/example.test/"
        + switch (style) {
          case DS_BY_ID -> "ds";
          case DNSKEY -> "dnskeys";
          case REPLACE_SET -> "dnssec";
        };
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void addsToAnEmptyParent(Style style) throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(style)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      assertThat(updater.current(DOMAIN)).isEqualTo(SecureDelegation.insecure());

      var result = updater.converge(DOMAIN, delegation(style, 1));

      assertThat(result.status()).isEqualTo(Status.APPLIED);
      assertThat(updater.current(DOMAIN)).isEqualTo(delegation(style, 1));
      String write = style == Style.REPLACE_SET ? "PUT " : "POST ";
      assertThat(calls(server))
          .containsExactly(
              "GET " + collection(style),
              "GET " + collection(style),
              write + collection(style),
              "GET " + collection(style));
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void replacesWithMinimalCallsAddingBeforeRemoving(Style style) throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(style)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      updater.converge(DOMAIN, delegation(style, 1, 2));
      server.clearRequests();

      var result = updater.converge(DOMAIN, delegation(style, 2, 3));

      assertThat(result.status()).isEqualTo(Status.APPLIED);
      assertThat(updater.current(DOMAIN)).isEqualTo(delegation(style, 2, 3));
      assertThat(server.records()).hasSize(2);
      List<String> calls = calls(server);
      if (style == Style.REPLACE_SET) {
        assertThat(calls)
            .containsExactly(
                "GET " + collection(style), "PUT " + collection(style), "GET " + collection(style));
      } else {
        // the record for 1 got id 100 when it was added first
        assertThat(calls)
            .containsExactly(
                "GET " + collection(style),
                "POST " + collection(style),
                "DELETE " + collection(style) + "/100",
                "GET " + collection(style));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void secondConvergeIsUnchangedAndOnlyReads(Style style) throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(style)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      assertThat(updater.converge(DOMAIN, delegation(style, 1, 2)).status())
          .isEqualTo(Status.APPLIED);
      server.clearRequests();

      var again = updater.converge(DOMAIN, delegation(style, 2, 1));

      assertThat(again.status()).isEqualTo(Status.UNCHANGED);
      assertThat(calls(server)).containsExactly("GET " + collection(style));
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void goesInsecure(Style style) throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(style)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      updater.converge(DOMAIN, delegation(style, 1, 2));
      server.clearRequests();

      var result = updater.converge(DOMAIN, SecureDelegation.insecure());

      assertThat(result.status()).isEqualTo(Status.APPLIED);
      assertThat(server.records()).isEmpty();
      assertThat(updater.current(DOMAIN).isInsecure()).isTrue();
      long writes = calls(server).stream().filter(c -> !c.startsWith("GET")).count();
      assertThat(writes).isEqualTo(style == Style.REPLACE_SET ? 1 : 2);
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void removesOnlyWhatIsSuperfluous(Style style) throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(style)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      updater.converge(DOMAIN, delegation(style, 1, 2));
      server.clearRequests();

      updater.converge(DOMAIN, delegation(style, 1));

      assertThat(updater.current(DOMAIN)).isEqualTo(delegation(style, 1));
      if (style != Style.REPLACE_SET) {
        assertThat(calls(server))
            .containsExactly(
                "GET " + collection(style),
                "DELETE " + collection(style) + "/101",
                "GET " + collection(style));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void duplicateAtTheRegistrarIsRemovedOnce() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      String one =
          Json.write(
              new Payloads(org.zonetrust.registrar.http.HttpApiMapping.defaults(Style.DS_BY_ID))
                  .dsJson(Fixtures.ds(1)));
      server.enqueue(
          200,
          java.util.Map.of(),
          "["
              + one.replace("{", "{\"id\":\"a\",")
              + ","
              + one.replace("{", "{\"id\":\"b\",")
              + "]");

      var result = updater.converge(DOMAIN, delegation(Style.DS_BY_ID, 1));

      assertThat(result.status()).isEqualTo(Status.APPLIED);
      assertThat(calls(server))
          .containsExactly(
              "GET " + collection(Style.DS_BY_ID), "DELETE " + collection(Style.DS_BY_ID) + "/b");
    }
  }
}
