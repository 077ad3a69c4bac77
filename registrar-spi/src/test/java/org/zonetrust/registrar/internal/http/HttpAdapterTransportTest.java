package org.zonetrust.registrar.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.zonetrust.registrar.internal.http.Fixtures.TOKEN;
import static org.zonetrust.registrar.internal.http.Fixtures.delegation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.DsUpdateResult.Status;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.http.HttpApiMapping.Style;
import org.zonetrust.registrar.internal.http.Fixtures.RecordingSleeper;

/** Authentication, retries and error mapping against the loopback fake registrar. */
class HttpAdapterTransportTest {
  private static final Name DOMAIN = Name.fromConstantString("example.test.");

  @Test
  void bearerTokenIsSentAndChecked() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater =
          Fixtures.open(server, "&auth=bearer", Map.of("token", TOKEN), new RecordingSleeper());
      assertThat(updater.converge(DOMAIN, delegation(Style.DS_BY_ID, 1)).status())
          .isEqualTo(Status.APPLIED);
      assertThat(server.requests()).allMatch(r -> r.auth().orElse("").equals("Bearer " + TOKEN));
    }
  }

  @Test
  void basicAuthUsesTheUriUserAndThePasswordSecret() throws Exception {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("reseller7:" + TOKEN).getBytes(StandardCharsets.UTF_8));
    try (FakeRegistrar server = new FakeRegistrar(Style.REPLACE_SET, "Authorization", expected)) {
      String uri = server.uri("&auth=basic").toString().replace("http://", "http://reseller7@");
      HttpRegistrarDsUpdater updater =
          HttpRegistrarProvider.create(
              org.zonetrust.registrar.RegistrarConfig.builder(java.net.URI.create(uri))
                  .secrets(org.zonetrust.registrar.SecretSource.of(Map.of("password", TOKEN)))
                  .clock(Fixtures.CLOCK)
                  .build(),
              new RecordingSleeper());
      assertThat(updater.converge(DOMAIN, delegation(Style.REPLACE_SET, 1)).status())
          .isEqualTo(Status.APPLIED);
      assertThat(server.records()).hasSize(1);
    }
  }

  @Test
  void customHeaderCarriesTheToken() throws Exception {
    try (FakeRegistrar server = new FakeRegistrar(Style.DNSKEY, "X-Api-Key", TOKEN)) {
      HttpRegistrarDsUpdater updater =
          Fixtures.open(
              server,
              "&auth=header&header=X-Api-Key",
              Map.of("token", TOKEN),
              new RecordingSleeper());
      assertThat(updater.converge(DOMAIN, delegation(Style.DNSKEY, 1)).status())
          .isEqualTo(Status.APPLIED);
      assertThat(server.records()).hasSize(1);
    }
  }

  @Test
  void refusedCredentialsAreAuthenticationAndChangeNothing() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      Fixtures.open(server, new RecordingSleeper()).converge(DOMAIN, delegation(Style.DS_BY_ID, 1));
      server.clearRequests();
      String wrong = "wrong-" + TOKEN;
      HttpRegistrarDsUpdater updater =
          Fixtures.open(server, "", Map.of("token", wrong), new RecordingSleeper());
      // a 503 first, so that the retry is logged while the token is in use
      server.enqueue(503, Map.of(), "");

      PrintStream err = System.err;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      RegistrarException e;
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        e =
            catchThrowableOfType(
                RegistrarException.class,
                () -> updater.converge(DOMAIN, delegation(Style.DS_BY_ID, 2)));
      } finally {
        System.setErr(err);
      }

      assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
      assertThat(e.registryCode()).contains(401);
      assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("Bearer");
      assertThat(captured.toString(StandardCharsets.UTF_8))
          .contains("HTTP 503, retrying")
          .doesNotContain(TOKEN);
      assertThat(server.requests())
          .extracting(FakeRegistrar.Request::method)
          .containsExactly("GET", "GET");
      assertThat(server.requests().get(1).auth()).contains("Bearer " + wrong);
      assertThat(server.records()).hasSize(1);
    }
  }

  @Test
  void rateLimitHonoursRetryAfterSecondsThroughTheSleeper() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      RecordingSleeper sleeper = new RecordingSleeper();
      HttpRegistrarDsUpdater updater = Fixtures.open(server, sleeper);
      server.enqueue(429, Map.of("Retry-After", "7"), "{\"message\":\"slow down\"}");

      assertThat(updater.converge(DOMAIN, delegation(Style.DS_BY_ID, 1)).status())
          .isEqualTo(Status.APPLIED);

      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
      assertThat(server.records()).hasSize(1);
    }
  }

  @Test
  void retryAfterHttpDateIsMeasuredWithTheInjectedClock() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.REPLACE_SET)) {
      RecordingSleeper sleeper = new RecordingSleeper();
      HttpRegistrarDsUpdater updater = Fixtures.open(server, sleeper);
      // the fixed clock says 2026-01-01T00:00:00Z
      server.enqueue(429, Map.of("Retry-After", "Thu, 1 Jan 2026 00:00:20 GMT"), "");

      assertThat(updater.current(DOMAIN).isInsecure()).isTrue();

      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(20));
    }
  }

  @Test
  void retryAfterIsCapped() {
    assertThat(HttpTransport.parseRetryAfter("86400", Fixtures.NOW))
        .contains(HttpTransport.MAX_WAIT);
    assertThat(HttpTransport.parseRetryAfter("Fri, 1 Jan 2027 00:00:00 GMT", Fixtures.NOW))
        .contains(HttpTransport.MAX_WAIT);
    assertThat(HttpTransport.parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", Fixtures.NOW))
        .contains(Duration.ZERO);
    assertThat(HttpTransport.parseRetryAfter("soon", Fixtures.NOW)).isEmpty();
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoff() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DNSKEY)) {
      RecordingSleeper sleeper = new RecordingSleeper();
      HttpRegistrarDsUpdater updater = Fixtures.open(server, sleeper);
      server.enqueue(503, Map.of(), "busy");
      server.enqueue(503, Map.of(), "busy");

      assertThat(updater.converge(DOMAIN, delegation(Style.DNSKEY, 1)).status())
          .isEqualTo(Status.APPLIED);

      assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
      assertThat(server.records()).hasSize(1);
    }
  }

  @Test
  void persistentServerErrorsGiveUpAfterMaxAttempts() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      RecordingSleeper sleeper = new RecordingSleeper();
      HttpRegistrarDsUpdater updater =
          Fixtures.open(server, "&maxAttempts=3", Map.of("token", TOKEN), sleeper);
      for (int i = 0; i < 3; i++) {
        server.enqueue(502, Map.of(), "");
      }

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
      assertThat(e.registryCode()).contains(502);
      assertThat(server.requests()).hasSize(3);
      assertThat(sleeper.waits).hasSize(2);
    }
  }

  @Test
  void clientErrorWithBodyIsRejectedWithTheRegistrarsBoundedMessage() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      server.rejectAdds(m -> true, "digest type not accepted " + "x".repeat(5000));

      DsUpdateResult result = updater.converge(DOMAIN, delegation(Style.DS_BY_ID, 1));

      assertThat(result.status()).isEqualTo(Status.REJECTED);
      assertThat(result.message()).contains("HTTP 422: digest type not accepted");
      assertThat(result.message().length()).isLessThan(Payloads.MAX_MESSAGE + 200);
      assertThat(server.records()).isEmpty();
    }
  }

  @Test
  void malformedJsonIsProtocol() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.REPLACE_SET)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      server.enqueue(200, Map.of(), "{\"ds\": [ {\"keyTag\": 1,, } ]}");

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("offset 22");
    }
  }

  @Test
  void oversizedJsonIsProtocol() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      server.enqueue(200, Map.of(), "[\"" + "a".repeat(HttpTransport.MAX_BODY) + "\"]");

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("larger than");
    }
  }

  @Test
  void deeplyNestedJsonIsProtocol() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      server.enqueue(200, Map.of(), "[".repeat(1000) + "]".repeat(1000));

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("nested deeper than");
    }
  }

  @Test
  void wrongShapeIsProtocol() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, new RecordingSleeper());
      server.enqueue(200, Map.of(), "[{\"id\": 1, \"keyTag\": \"x\"}]");

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("keyTag");
    }
  }

  @Test
  void missingSecretIsConfigurationWithoutSendingAnything() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater = Fixtures.open(server, "", Map.of(), new RecordingSleeper());

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION);
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void interruptionWhileWaitingIsInterrupted() throws Exception {
    try (FakeRegistrar server = Fixtures.bearerServer(Style.DS_BY_ID)) {
      HttpRegistrarDsUpdater updater =
          Fixtures.open(
              server,
              "",
              Map.of("token", TOKEN),
              d -> {
                throw new InterruptedException();
              });
      server.enqueue(503, Map.of(), "");

      RegistrarException e =
          catchThrowableOfType(RegistrarException.class, () -> updater.current(DOMAIN));

      assertThat(e.reason()).isEqualTo(Reason.INTERRUPTED);
      assertThat(Thread.interrupted()).isTrue();
    }
  }
}
