package org.zonetrust.registrar.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.zonetrust.registrar.email.internal.MailFixture.DOMAIN;
import static org.zonetrust.registrar.email.internal.MailFixture.KSK_SHA256;
import static org.zonetrust.registrar.email.internal.MailFixture.PASSWORD;
import static org.zonetrust.registrar.email.internal.MailFixture.T0;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.email.EmailSettings;

/** S/MIME signatures checked with Bouncy Castle, and TLS that is required, not hoped for. */
class SmimeAndTlsTest {
  private final TestClock clock = new TestClock(T0);

  @Test
  void signedRequestVerifiesWithBouncyCastle() throws Exception {
    TestPki signer = TestPki.selfSigned("ops@platform.example");
    GreenMail mail = MailFixture.smtps();
    FakeDns dns = new FakeDns();
    try (RegistrarDsUpdater u =
        RegistrarDsUpdaters.open(
            MailFixture.config("implicit", mail.getSmtps().getPort(), PASSWORD, dns, clock)
                .secrets(
                    SecretSource.of(
                        Map.of(
                            EmailSettings.SMTP_PASSWORD,
                            PASSWORD,
                            EmailSettings.SMIME_KEY_PASSWORD,
                            TestPki.KEY_PASSWORD)))
                .setting(EmailSettings.SMIME_KEY_STORE, signer.keyStore("smime"))
                .build())) {
      DsUpdateResult r = u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256)));
      assertThat(r.status()).isEqualTo(DsUpdateResult.Status.PENDING);

      MimeMessage m = mail.getReceivedMessages()[0];
      assertThat(m.getContentType())
          .startsWith("multipart/signed")
          .contains("protocol=\"application/pkcs7-signature\"")
          .contains("micalg=sha-256");
      MimeMultipart mp = (MimeMultipart) m.getContent();
      assertThat(mp.getCount()).isEqualTo(2);
      BodyPart text = mp.getBodyPart(0);
      BodyPart sig = mp.getBodyPart(1);
      assertThat(sig.getContentType()).startsWith("application/pkcs7-signature");
      assertThat((String) text.getContent())
          .contains("change-id: " + r.reference().orElseThrow())
          .contains("ds: " + KSK_SHA256);

      ByteArrayOutputStream signedBytes = new ByteArrayOutputStream();
      text.writeTo(signedBytes);
      byte[] signature = sig.getInputStream().readAllBytes();
      CMSSignedData cms =
          new CMSSignedData(new CMSProcessableByteArray(signedBytes.toByteArray()), signature);
      SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
      @SuppressWarnings("unchecked")
      X509CertificateHolder cert =
          (X509CertificateHolder) cms.getCertificates().getMatches(si.getSID()).iterator().next();
      assertThat(cert.getEncoded()).isEqualTo(signer.certificate.getEncoded());
      assertThat(verifies(si, signer)).isTrue();
      assertThat(si.getSignedAttributes().get(org.bouncycastle.asn1.cms.CMSAttributes.signingTime))
          .isNotNull();

      String tampered =
          signedBytes.toString(StandardCharsets.US_ASCII).replace("ds: 12345", "ds: 12346");
      CMSSignedData forged =
          new CMSSignedData(
              new CMSProcessableByteArray(tampered.getBytes(StandardCharsets.US_ASCII)), signature);
      assertThat(verifies(forged.getSignerInfos().getSigners().iterator().next(), signer))
          .isFalse();
    } finally {
      mail.stop();
      dns.close();
    }
  }

  @Test
  void wrongSmimeKeyPasswordIsAConfigurationErrorWithoutThePassword() throws Exception {
    TestPki signer = TestPki.selfSigned("ops@platform.example");
    FakeDns dns = new FakeDns();
    try {
      String wrong = "Wrong-Smime-Key-Pa55";
      RegistrarException e =
          catchThrowableOfType(
              RegistrarException.class,
              () ->
                  RegistrarDsUpdaters.open(
                      MailFixture.config("implicit", 465, PASSWORD, dns, clock)
                          .secrets(
                              SecretSource.of(
                                  Map.of(
                                      EmailSettings.SMTP_PASSWORD, PASSWORD,
                                      EmailSettings.SMIME_KEY_PASSWORD, wrong)))
                          .setting(EmailSettings.SMIME_KEY_STORE, signer.keyStore("smime"))
                          .build()));
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.CONFIGURATION);
      assertThat(e.getMessage()).contains(EmailSettings.SMIME_KEY_PASSWORD);
      EmailDsUpdaterTest.assertNoSecret(e, wrong);
      EmailDsUpdaterTest.assertNoSecret(e, TestPki.KEY_PASSWORD);
    } finally {
      dns.close();
    }
  }

  /**
   * GreenMail 2.1 has no STARTTLS command, so a successful STARTTLS session cannot be tested here;
   * this checks the other half: a server that does not offer STARTTLS gets nothing, not even the
   * password (the request is refused before AUTH).
   */
  @Test
  void serverWithoutStarttlsGetsNothing() throws Exception {
    GreenMail mail = MailFixture.plainSmtp();
    FakeDns dns = new FakeDns();
    try (RegistrarDsUpdater u =
        RegistrarDsUpdaters.open(
            MailFixture.config("starttls", mail.getSmtp().getPort(), PASSWORD, dns, clock)
                .build())) {
      RegistrarException e =
          catchThrowableOfType(
              RegistrarException.class,
              () -> u.converge(DOMAIN, SecureDelegation.ofDs(Set.of(KSK_SHA256))));
      assertThat(e.reason()).isEqualTo(RegistrarException.Reason.PROTOCOL);
      assertThat(e.getMessage()).contains("does not offer STARTTLS");
      EmailDsUpdaterTest.assertNoSecret(e, PASSWORD);
      assertThat(mail.getReceivedMessages()).isEmpty();
    } finally {
      mail.stop();
      dns.close();
    }
  }

  private static boolean verifies(SignerInformation si, TestPki signer) throws Exception {
    try {
      return si.verify(
          new JcaSimpleSignerInfoVerifierBuilder()
              .setProvider(new BouncyCastleProvider())
              .build(signer.certificate));
    } catch (CMSException e) {
      return false;
    }
  }
}
