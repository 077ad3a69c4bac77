package org.zonetrust.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.TXTRecord;
import org.zonetrust.core.dns.DnsUpdateException.Reason;
import org.zonetrust.core.event.ZoneTrustEvent;

class Rfc2136UpdaterTest {
  private static final byte[] SECRET_BYTES = randomNonZeroSecret();
  private static final String SECRET = Base64.getEncoder().encodeToString(SECRET_BYTES);
  private static final TsigKey KEY = TsigKey.of("update-key", TsigAlgorithm.HMAC_SHA256, SECRET);
  private static final TSIG SERVER_TSIG = tsig(KEY);
  private static final Name ZONE = Name.fromConstantString("example.test.");
  private static final Name OWNER = Name.fromConstantString("_acme-challenge.example.test.");

  private final List<ZoneTrustEvent> events = new CopyOnWriteArrayList<>();

  static TSIG tsig(TsigKey k) {
    return new TSIG(
        k.algorithm().dnsName(),
        k.name(),
        new SecretKeySpec(k.secret(), k.algorithm().jcaName()),
        Clock.systemUTC());
  }

  private static byte[] randomNonZeroSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    for (int i = 0; i < b.length; i++) {
      if (b[i] == 0) {
        b[i] = (byte) (i + 1);
      }
    }
    return b;
  }

  /** Asserts that {@code text} contains the secret in none of its usual printed forms. */
  private static void assertNoSecret(String text) {
    assertThat(text)
        .doesNotContain(SECRET)
        .doesNotContain(Base64.getUrlEncoder().encodeToString(SECRET_BYTES))
        .doesNotContain(HexFormat.of().formatHex(SECRET_BYTES))
        .doesNotContain(HexFormat.of().withUpperCase().formatHex(SECRET_BYTES))
        .doesNotContain(new String(SECRET_BYTES, StandardCharsets.ISO_8859_1));
  }

  /** Runs {@code action} with System.err (where slf4j-simple writes) captured; returns it. */
  private static String stderrOf(ThrowingCallable action) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.ISO_8859_1));
    try {
      action.call();
    } catch (Throwable t) {
      // the caller asserts on the outcome separately
    } finally {
      System.setErr(saved);
    }
    return captured.toString(StandardCharsets.ISO_8859_1);
  }

  private Rfc2136Updater updater(InetSocketAddress server, Duration timeout) {
    return Rfc2136Updater.builder()
        .server(server)
        .tsigKey(KEY)
        .timeout(timeout)
        .eventListener(events::add)
        .build();
  }

  private static DnsUpdate addTxt(String value) {
    return DnsUpdate.builder(ZONE).add(new TXTRecord(OWNER, DClass.IN, 60, value)).build();
  }

  @Test
  void signedNoErrorAnswerIsSuccessAndPublishesEvent() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) -> {
              assertThat(SERVER_TSIG.verify(m, w, null)).isEqualTo(Rcode.NOERROR);
              return FakeDnsServer.signed(FakeDnsServer.reply(m, Rcode.NOERROR), m, SERVER_TSIG);
            })) {
      updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("token"));
      assertThat(s.received()).hasSize(1);
      assertThat(s.received().get(0).tcp()).isFalse();
      assertThat(events)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo("dns.update.applied");
                assertThat(e.subject()).isEqualTo("example.test.");
                assertThat(e.attributes()).containsEntry("changes", "1");
              });
    }
  }

  @ParameterizedTest
  @CsvSource({
    "REFUSED, REFUSED",
    "NOTAUTH, NOT_AUTHORITATIVE",
    "YXDOMAIN, PREREQUISITE_FAILED",
    "YXRRSET, PREREQUISITE_FAILED",
    "NXDOMAIN, PREREQUISITE_FAILED",
    "NXRRSET, PREREQUISITE_FAILED",
    "NOTZONE, NOT_ZONE",
    "SERVFAIL, SERVER_ERROR",
    "FORMERR, SERVER_ERROR",
    "NOTIMP, SERVER_ERROR"
  })
  void errorRcodesMapToReasons(String rcode, Reason reason) throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) ->
                FakeDnsServer.signed(FakeDnsServer.reply(m, Rcode.value(rcode)), m, SERVER_TSIG))) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(reason);
                assertThat(e.rcode()).contains(rcode);
                assertThat(e.zone()).isEqualTo("example.test.");
                assertThat(e.server()).isEqualTo("127.0.0.1:" + s.address().getPort());
                assertThat(e.getMessage())
                    .contains("example.test.", "127.0.0.1:" + s.address().getPort(), rcode);
                assertNoSecret(e.getMessage());
                assertNoSecret(String.valueOf(e.getCause()));
              });
      assertThat(events)
          .singleElement()
          .extracting(ZoneTrustEvent::type)
          .isEqualTo("dns.update.failed");
    }
  }

  @ParameterizedTest
  @CsvSource({"BADSIG", "BADKEY", "BADTIME"})
  void tsigErrorInResponseIsTsigRejected(String error) throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) -> {
              // What BIND sends for a request it cannot verify: NOTAUTH with an unsigned TSIG
              // record carrying the TSIG error.
              Message r = FakeDnsServer.reply(m, Rcode.NOTAUTH);
              TSIGRecord q = m.getTSIG();
              r.addRecord(
                  new TSIGRecord(
                      q.getName(),
                      DClass.ANY,
                      0,
                      q.getAlgorithm(),
                      q.getTimeSigned(),
                      q.getFudge(),
                      new byte[0],
                      m.getHeader().getID(),
                      Rcode.value(error),
                      null),
                  org.xbill.DNS.Section.ADDITIONAL);
              return r.toWire();
            })) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TSIG_REJECTED);
                assertThat(e.rcode()).contains(error);
                assertThat(e.getMessage()).contains("example.test.", error);
                assertNoSecret(e.getMessage());
                assertNoSecret(e.toString());
              });
      String log = stderrOf(() -> updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("x")));
      assertThat(log).contains("failed");
      assertNoSecret(log);
    }
  }

  @Test
  void successSignedWithAnotherKeyIsTsigRejected() throws Exception {
    TsigKey other =
        TsigKey.of(
            "update-key",
            TsigAlgorithm.HMAC_SHA256,
            Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) ->
                FakeDnsServer.signed(FakeDnsServer.reply(m, Rcode.NOERROR), m, tsig(other)))) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TSIG_REJECTED);
                assertThat(e.rcode()).contains("BADSIG");
                assertThat(e.getMessage()).contains("failed TSIG verification");
              });
    }
  }

  @Test
  void unsignedSuccessIsTsigRejected() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer((m, w, tcp) -> FakeDnsServer.reply(m, Rcode.NOERROR).toWire())) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TSIG_REJECTED);
                assertThat(e.getMessage()).contains("not signed");
              });
    }
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcp() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) -> {
              Message r = FakeDnsServer.reply(m, Rcode.NOERROR);
              if (!tcp) {
                r.getHeader().setFlag(Flags.TC);
              }
              return FakeDnsServer.signed(r, m, SERVER_TSIG);
            })) {
      updater(s.address(), Duration.ofSeconds(2)).apply(addTxt("x"));
      assertThat(s.received()).extracting(FakeDnsServer.Received::tcp).containsExactly(false, true);
    }
  }

  @Test
  void messagesOver512BytesGoOverTcp() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) ->
                FakeDnsServer.signed(FakeDnsServer.reply(m, Rcode.NOERROR), m, SERVER_TSIG))) {
      DnsUpdate.Builder b = DnsUpdate.builder(ZONE);
      for (int i = 0; i < 20; i++) {
        b.add(new TXTRecord(OWNER, DClass.IN, 60, "value-number-" + i + "-".repeat(20)));
      }
      updater(s.address(), Duration.ofSeconds(2)).apply(b.build());
      assertThat(s.received()).extracting(FakeDnsServer.Received::tcp).containsExactly(true);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void updateTooLargeForOneMessageIsRejectedBeforeAnythingIsSent(boolean signed) throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) ->
                FakeDnsServer.signed(FakeDnsServer.reply(m, Rcode.NOERROR), m, SERVER_TSIG))) {
      DnsUpdate.Builder b = DnsUpdate.builder(ZONE);
      for (int i = 0; i < 80; i++) {
        List<String> strings = new ArrayList<>();
        for (int j = 0; j < 4; j++) {
          strings.add(i + "-" + j + "-" + "x".repeat(240));
        }
        b.add(new TXTRecord(OWNER, DClass.IN, 60, strings));
      }
      Rfc2136Updater.Builder ub =
          Rfc2136Updater.builder().server(s.address()).timeout(Duration.ofSeconds(2));
      if (signed) {
        ub.tsigKey(KEY);
      }
      DnsUpdate update = b.build();
      assertThatThrownBy(() -> ub.build().apply(update))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
                assertThat(e.rcode()).isEmpty();
                assertThat(e.getMessage())
                    .contains("example.test.", "127.0.0.1:" + s.address().getPort(), "65535")
                    .containsPattern("\\d{5,} bytes");
              });
      Thread.sleep(100);
      assertThat(s.packets()).isZero();
    }
  }

  @Test
  void wrongMessageIdIsBadResponse() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) -> {
              Message r = FakeDnsServer.reply(m, Rcode.NOERROR);
              r.getHeader().setID((m.getHeader().getID() + 1) & 0xffff);
              return r.toWire();
            })) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofMillis(300)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
                assertThat(e.rcode()).isEmpty();
                assertThat(e.getMessage()).contains("wrong message id", "example.test.");
              });
    }
  }

  @Test
  void malformedAnswerIsBadResponse() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer(
            (m, w, tcp) -> {
              byte[] junk = new byte[40];
              junk[0] = w[0];
              junk[1] = w[1];
              junk[2] = (byte) 0x80;
              junk[5] = 9; // nine questions that are not there
              return junk;
            })) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofMillis(300)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE);
                assertThat(e.getMessage()).contains("malformed");
              });
    }
  }

  @Test
  void silentServerIsTimeout() throws Exception {
    try (FakeDnsServer s = new FakeDnsServer((m, w, tcp) -> null)) {
      assertThatThrownBy(() -> updater(s.address(), Duration.ofMillis(200)).apply(addTxt("x")))
          .asInstanceOf(type(DnsUpdateException.class))
          .satisfies(
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                assertThat(e.getMessage()).contains("no answer", "127.0.0.1:");
              });
    }
  }

  @Test
  void closedPortIsUnreachable() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    assertThatThrownBy(() -> updater(nobody, Duration.ofSeconds(2)).apply(addTxt("x")))
        .asInstanceOf(type(DnsUpdateException.class))
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
              assertThat(e.getMessage()).contains("unreachable", ":" + port);
            });
  }

  @Test
  void interruptedCallerGetsExceptionWithFlagSet() throws Exception {
    try (FakeDnsServer s = new FakeDnsServer((m, w, tcp) -> null)) {
      Thread.currentThread().interrupt();
      try {
        assertThatThrownBy(() -> updater(s.address(), Duration.ofSeconds(5)).apply(addTxt("x")))
            .asInstanceOf(type(DnsUpdateException.class))
            .extracting(DnsUpdateException::reason)
            .isEqualTo(Reason.INTERRUPTED);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void builderRequiresServer() {
    assertThatThrownBy(() -> Rfc2136Updater.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("server is required")
        .hasMessageContaining("InetSocketAddress");
  }

  @Test
  void builderRejectsUnresolvedServerAndBadTimeouts() {
    assertThatThrownBy(
            () ->
                Rfc2136Updater.builder()
                    .server(InetSocketAddress.createUnresolved("ns1.example", 53))
                    .build())
        .hasMessageContaining("unresolved");
    InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 53);
    assertThatThrownBy(() -> Rfc2136Updater.builder().server(a).timeout(Duration.ZERO).build())
        .hasMessageContaining("timeout must be positive");
    assertThatThrownBy(
            () -> Rfc2136Updater.builder().server(a).timeout(Duration.ofHours(1)).build())
        .hasMessageContaining("longer than");
    assertThatThrownBy(() -> Rfc2136Updater.builder().server(a).clock(null).build())
        .hasMessageContaining("clock");
  }

  @Test
  void toStringShowsKeyNameButNotSecret() {
    Rfc2136Updater u =
        updater(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53), Duration.ofSeconds(1));
    assertThat(u.toString()).contains("127.0.0.1:53", "update-key.");
    assertNoSecret(u.toString());
    assertNoSecret(KEY.toString());
    assertThat(u.tsigKey()).contains(KEY);
  }

  @Test
  void aRecordUpdateUsesNoTsigWhenNoKey() throws Exception {
    try (FakeDnsServer s =
        new FakeDnsServer((m, w, tcp) -> FakeDnsServer.reply(m, Rcode.NOERROR).toWire())) {
      Rfc2136Updater.builder()
          .server(s.address())
          .build()
          .apply(
              DnsUpdate.builder(ZONE)
                  .add(new ARecord(OWNER, DClass.IN, 60, InetAddress.getByName("192.0.2.1")))
                  .build());
      assertThat(s.received().get(0).message().getTSIG()).isNull();
    }
  }
}
