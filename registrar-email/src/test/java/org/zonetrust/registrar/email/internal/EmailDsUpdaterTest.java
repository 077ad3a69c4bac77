package org.zonetrust.registrar.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.zonetrust.registrar.email.internal.MailFixture.DOMAIN;
import static org.zonetrust.registrar.email.internal.MailFixture.KSK_SHA256;
import static org.zonetrust.registrar.email.internal.MailFixture.KSK_SHA384;
import static org.zonetrust.registrar.email.internal.MailFixture.OLD_KSK;
import static org.zonetrust.registrar.email.internal.MailFixture.PASSWORD;
import static org.zonetrust.registrar.email.internal.MailFixture.REGISTRAR;
import static org.zonetrust.registrar.email.internal.MailFixture.T0;
import static org.zonetrust.registrar.email.internal.MailFixture.USER;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecureDelegation;

/** The adapter against GreenMail on loopback: SMTPS with AUTH (GreenMail has no STARTTLS). */
class EmailDsUpdaterTest {
  private GreenMail mail;
  private FakeDns dns;
  private final TestClock clock = new TestClock(T0);

  @BeforeEach
  void start() throws Exception {
    mail = MailFixture.smtps();
    dns = new FakeDns();
  }

  @AfterEach
  void stop() throws Exception {
    mail.stop();
    dns.close();
  }

  private RegistrarDsUpdater updater(String password) throws Exception {
    return RegistrarDsUpdaters.open(
        MailFixture.config("implicit", mail.getSmtps().getPort(), password, dns, clock).build());
  }

  @Test
  void mailsTheRequestWithHeadersTextAndBlock() throws Exception {
    dns.setDs(DOMAIN, List.of(OLD_KSK.toRecord(DOMAIN, 3600)));
    SecureDelegation desired = SecureDelegation.ofDs(Set.of(KSK_SHA256, KSK_SHA384));
    try (RegistrarDsUpdater u = updater(PASSWORD)) {
      DsUpdateResult r = u.converge(DOMAIN, desired);

      assertThat(r.status()).isEqualTo(DsUpdateResult.Status.PENDING);
      String id = r.reference().orElseThrow();
      assertThat(id)
          .matches("zt-ds-[0-9a-f]{20}")
          .isEqualTo(ChangeRequest.changeId(DOMAIN, desired));
      MimeMessage[] got = mail.getReceivedMessages();
      assertThat(got).hasSize(1);
      MimeMessage m = got[0];
      assertThat(m.getFrom()[0].toString()).isEqualTo(USER);
      assertThat(m.getAllRecipients()[0].toString()).isEqualTo(REGISTRAR);
      assertThat(m.getSubject()).isEqualTo("DS change request for child.example [" + id + "]");
      assertThat(m.getHeader("X-ZoneTrust-Change-Id")).containsExactly(id);
      assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
      assertThat(m.getSentDate().toInstant()).isEqualTo(T0);
      assertThat(m.getContentType()).startsWith("text/plain");
      String text = ((String) m.getContent()).replace("\r\n", "\n");
      assertThat(text)
          .contains("DS records of the domain child.example at its parent zone")
          .contains("Add these DS records:\n\n    child.example. IN DS " + KSK_SHA256)
          .contains("    child.example. IN DS " + KSK_SHA384)
          .contains("Remove these DS records:\n\n    child.example. IN DS " + OLD_KSK)
          .doesNotContain(PASSWORD);
      assertThat(block(text))
          .containsExactly(
              "version: 1",
              "change-id: " + id,
              "domain: child.example.",
              "requested: 2026-11-27T06:00:00Z",
              "insecure: false",
              "ds: " + KSK_SHA256,
              "ds: " + KSK_SHA384,
              "add: " + KSK_SHA256,
              "add: " + KSK_SHA384,
              "remove: " + OLD_KSK);
    }
  }

  @Test
  void sameSetSameChangeIdAndNoSecondMailUntilResendAfter() throws Exception {
    SecureDelegation desired = SecureDelegation.ofDs(Set.of(KSK_SHA256));
    try (RegistrarDsUpdater u = updater(PASSWORD)) {
      String first = u.converge(DOMAIN, desired).reference().orElseThrow();
      clock.advance(Duration.ofHours(1));
      DsUpdateResult again = u.converge(DOMAIN, SecureDelegation.ofDs(List.of(KSK_SHA256)));
      assertThat(again.status()).isEqualTo(DsUpdateResult.Status.PENDING);
      assertThat(again.reference()).contains(first);
      assertThat(again.message()).contains("already mailed");
      assertThat(mail.getReceivedMessages()).hasSize(1);

      clock.advance(Duration.ofDays(1));
      assertThat(u.converge(DOMAIN, desired).reference()).contains(first);
      MimeMessage[] got = mail.getReceivedMessages();
      assertThat(got).hasSize(2);
      assertThat(got[1].getHeader("X-ZoneTrust-Change-Id")).containsExactly(first);

      String other =
          u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA384))).reference().orElseThrow();
      assertThat(other).isNotEqualTo(first);
      assertThat(mail.getReceivedMessages()).hasSize(3);
    }
  }

  @Test
  void nothingSentWhenDnsAlreadyShowsTheSet() throws Exception {
    dns.setDs(DOMAIN, List.of(KSK_SHA256.toRecord(DOMAIN, 3600)));
    try (RegistrarDsUpdater u = updater(PASSWORD)) {
      assertThat(u.current(DOMAIN)).isEqualTo(SecureDelegation.ofDs(Set.of(KSK_SHA256)));
      DsUpdateResult r = u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256)));
      assertThat(r.status()).isEqualTo(DsUpdateResult.Status.UNCHANGED);
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void goingInsecureAsksToRemoveEveryDs() throws Exception {
    dns.setDs(DOMAIN, List.of(OLD_KSK.toRecord(DOMAIN, 3600)));
    try (RegistrarDsUpdater u = updater(PASSWORD)) {
      assertThat(u.capabilities().canRemoveAll()).isTrue();
      DsUpdateResult r = u.converge(DOMAIN, SecureDelegation.insecure());
      assertThat(r.status()).isEqualTo(DsUpdateResult.Status.PENDING);
      String text = ((String) mail.getReceivedMessages()[0].getContent()).replace("\r\n", "\n");
      assertThat(text).contains("please remove every DS record of the domain child.example");
      assertThat(block(text))
          .contains("insecure: true", "remove: " + OLD_KSK)
          .noneMatch(l -> l.startsWith("ds:"));
    }
  }

  @Test
  void wrongPasswordIsAuthenticationAndNeverShowsThePassword() throws Exception {
    String wrong = "Wrong-Pa55word-must-never-leak";
    try (RegistrarDsUpdater u = updater(wrong)) {
      RegistrarException e =
          catchThrowableOfType(
              RegistrarException.class,
              () -> u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256))));
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.AUTHENTICATION);
      assertThat(e.getMessage()).contains("child.example").contains(USER);
      assertNoSecret(e, wrong);
      assertNoSecret(e, PASSWORD);
      assertThat(u.toString()).doesNotContain(wrong);
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void passwordsNeverReachTheLog() throws Exception {
    String wrong = "Wrong-Pa55word-must-never-leak";
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = System.err;
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try (RegistrarDsUpdater bad = updater(wrong);
        RegistrarDsUpdater good = updater(PASSWORD)) {
      catchThrowableOfType(
          RegistrarException.class,
          () -> bad.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256))));
      good.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256)));
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(log)
        .contains("mailed to " + REGISTRAR)
        .doesNotContain(wrong)
        .doesNotContain(PASSWORD);
  }

  @Test
  void interruptedThreadSendsNothing() throws Exception {
    try (RegistrarDsUpdater u = updater(PASSWORD)) {
      Thread.currentThread().interrupt();
      RegistrarException e;
      try {
        e =
            catchThrowableOfType(
                RegistrarException.class,
                () -> u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256))));
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.INTERRUPTED);
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void serverDownIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (RegistrarDsUpdater u =
        RegistrarDsUpdaters.open(
            MailFixture.config("implicit", closedPort, PASSWORD, dns, clock).build())) {
      RegistrarException e =
          catchThrowableOfType(
              RegistrarException.class,
              () -> u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256))));
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.UNAVAILABLE);
      assertThat(e.getMessage()).contains("localhost:" + closedPort);
      assertNoSecret(e, PASSWORD);
    }
  }

  @Test
  void untrustedServerCertificateIsRefused() throws Exception {
    var other = TestPki.loopbackServer();
    try (RegistrarDsUpdater u =
        RegistrarDsUpdaters.open(
            MailFixture.config("implicit", mail.getSmtps().getPort(), PASSWORD, dns, clock)
                .setting("smtpTrustStore", other.trustStore())
                .build())) {
      RegistrarException e =
          catchThrowableOfType(
              RegistrarException.class,
              () -> u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256))));
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("TLS failed");
      assertNoSecret(e, PASSWORD);
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  @Test
  void sha1AndKeyDataAreRefusedBeforeAnythingIsSent() throws Exception {
    try (RegistrarDsUpdater u = updater(PASSWORD)) {
      var sha1 = new org.zonetrust.registrar.DsData(1, 13, 1, new byte[20]);
      RegistrarException e =
          catchThrowableOfType(
              RegistrarException.class,
              () -> u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(sha1))));
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.UNSUPPORTED);
      assertThat(mail.getReceivedMessages()).isEmpty();
    }
  }

  static List<String> block(String text) {
    int begin = text.indexOf(ChangeRequest.BEGIN);
    int end = text.indexOf(ChangeRequest.END);
    assertThat(begin).isNotNegative();
    assertThat(end).isGreaterThan(begin);
    return Arrays.asList(
        text.substring(begin + ChangeRequest.BEGIN.length(), end).strip().split("\n"));
  }

  static void assertNoSecret(Throwable e, String secret) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
      assertThat(t.toString()).doesNotContain(secret);
    }
  }
}
