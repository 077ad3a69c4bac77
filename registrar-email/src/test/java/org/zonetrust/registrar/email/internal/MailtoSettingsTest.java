package org.zonetrust.registrar.email.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdaters;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.email.EmailSettings;

class MailtoSettingsTest {

  private static MailtoSettings parse(String uri) throws RegistrarException {
    return MailtoSettings.parse(RegistrarConfig.builder(URI.create(uri)).build());
  }

  private static RegistrarException.Reason reasonOf(String uri) {
    return catchThrowableOfType(RegistrarException.class, () -> parse(uri)).reason();
  }

  @Test
  void theDocumentedExample() throws Exception {
    MailtoSettings s =
        parse(
            "mailto:dnssec@registrar.example?from=ops@platform.example"
                + "&smtp=smtp.platform.example:587");
    assertThat(s.to()).extracting(Object::toString).containsExactly("dnssec@registrar.example");
    assertThat(s.from().getAddress()).isEqualTo("ops@platform.example");
    assertThat(s.smtpHost()).isEqualTo("smtp.platform.example");
    assertThat(s.smtpPort()).isEqualTo(587);
    assertThat(s.tls()).isEqualTo(MailtoSettings.Tls.STARTTLS);
    assertThat(s.user()).isEqualTo("ops@platform.example");
    assertThat(s.resendAfter()).isEqualTo(Duration.ofDays(1));
    assertThat(s.trustStore()).isNull();
  }

  @Test
  void defaultsPortsByTlsModeAndDecodesPercentAndPlus() throws Exception {
    assertThat(parse("mailto:a@r.example?from=b@p.example&smtp=mx.p.example").smtpPort())
        .isEqualTo(587);
    MailtoSettings s =
        parse(
            "mailto:ds+ops@r.example,two@r.example?from=b%40p.example&smtp=[2001:db8::1]"
                + "&tls=implicit&user=login-name");
    assertThat(s.to())
        .extracting(Object::toString)
        .containsExactly("ds+ops@r.example", "two@r.example");
    assertThat(s.from().getAddress()).isEqualTo("b@p.example");
    assertThat(s.smtpHost()).isEqualTo("2001:db8::1");
    assertThat(s.smtpPort()).isEqualTo(465);
    assertThat(s.user()).isEqualTo("login-name");
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    assertThat(reasonOf("mailto:a@r.example?smtp=mx.p.example"))
        .isEqualTo(RegistrarException.Reason.CONFIGURATION);
    assertThat(reasonOf("mailto:a@r.example?from=b@p.example"))
        .isEqualTo(RegistrarException.Reason.CONFIGURATION);
    assertThat(reasonOf("mailto:a@r.example?from=b@p.example&smtp=mx&tls=none"))
        .isEqualTo(RegistrarException.Reason.CONFIGURATION);
    assertThat(reasonOf("mailto:a@r.example?from=b@p.example&smtp=mx&subject=x"))
        .isEqualTo(RegistrarException.Reason.CONFIGURATION);
    assertThat(reasonOf("mailto:a@r.example?from=b@p.example&smtp=mx:99999"))
        .isEqualTo(RegistrarException.Reason.CONFIGURATION);
    assertThat(reasonOf("mailto:?from=b@p.example&smtp=mx"))
        .isEqualTo(RegistrarException.Reason.CONFIGURATION);
  }

  @Test
  void missingSmtpPasswordIsAConfigurationError() {
    RegistrarException e =
        catchThrowableOfType(
            RegistrarException.class,
            () ->
                RegistrarDsUpdaters.open(
                    RegistrarConfig.builder(
                            URI.create("mailto:a@r.example?from=b@p.example&smtp=mx.p.example"))
                        .build()));
    assertThat(e.reason()).isEqualTo(RegistrarException.Reason.CONFIGURATION);
    assertThat(e.getMessage()).contains(EmailSettings.SMTP_PASSWORD);
  }

  @Test
  void providerAdvertisesDsDataWithSha256AndSha384() throws Exception {
    try (var u =
        RegistrarDsUpdaters.open(
            RegistrarConfig.builder(
                    URI.create("mailto:a@r.example?from=b@p.example&smtp=mx.p.example"))
                .secrets(SecretSource.of(Map.of(EmailSettings.SMTP_PASSWORD, "x")))
                .build())) {
      assertThat(u.capabilities().digestTypes()).containsExactlyInAnyOrder(2, 4);
      assertThat(u.capabilities().canRemoveAll()).isTrue();
    }
  }

  @Test
  void changeIdDependsOnDomainAndSetOnly() {
    Name d = MailFixture.DOMAIN;
    SecureDelegation a =
        SecureDelegation.ofDs(List.of(MailFixture.KSK_SHA256, MailFixture.KSK_SHA384));
    SecureDelegation b =
        SecureDelegation.ofDs(List.of(MailFixture.KSK_SHA384, MailFixture.KSK_SHA256));
    assertThat(ChangeRequest.changeId(d, a)).isEqualTo(ChangeRequest.changeId(d, b));
    assertThat(ChangeRequest.changeId(Name.fromConstantString("CHILD.example."), a))
        .isEqualTo(ChangeRequest.changeId(d, a));
    assertThat(ChangeRequest.changeId(Name.fromConstantString("other.example."), a))
        .isNotEqualTo(ChangeRequest.changeId(d, a));
    assertThat(ChangeRequest.changeId(d, SecureDelegation.ofDs(Set.of(MailFixture.KSK_SHA256))))
        .isNotEqualTo(ChangeRequest.changeId(d, a));
    ChangeRequest r1 =
        ChangeRequest.of(d, a, SecureDelegation.insecure(), Instant.parse("2026-01-01T00:00:00Z"));
    ChangeRequest r2 =
        ChangeRequest.of(
            d,
            a,
            SecureDelegation.ofDs(Set.of(MailFixture.OLD_KSK)),
            Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(r1.changeId()).isEqualTo(r2.changeId());
    assertThat(r2.remove()).containsExactly(MailFixture.OLD_KSK);
    assertThat(r1.remove()).isEmpty();
  }
}
