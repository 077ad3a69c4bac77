package org.zonetrust.registrar.email.internal;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.email.EmailSettings;
import org.zonetrust.registrar.spi.Capabilities;

/**
 * The e-mail adapter: mails a DS change request to the registrar and reports it pending, with the
 * change id as reference, until the parent observer sees the DS in DNS.
 *
 * <p>Idempotent: the change id depends on the domain and the desired set only. A second {@code
 * converge} for the same set sends nothing while the last mail is younger than {@code resendAfter}
 * (remembered for this updater's life), and mails the same change id again as a reminder after
 * that. When DNS already shows the desired set, nothing is sent.
 */
final class EmailDsUpdater implements RegistrarDsUpdater {
  private static final Logger LOG = LoggerFactory.getLogger(EmailDsUpdater.class);

  /** DS data with SHA-256 or SHA-384 digests; a person can also remove every DS. */
  static final Capabilities CAPABILITIES =
      new Capabilities(
          Set.of(Capabilities.DataKind.DS_DATA),
          Set.of(SecureDelegation.SHA256, SecureDelegation.SHA384),
          16,
          true);

  private final MailtoSettings settings;
  private final Clock clock;
  private final SmtpSender sender;
  private final Optional<SmimeSigner> signer;
  private final DnsDsReader dns;
  private final Map<Name, Sent> sent = new ConcurrentHashMap<>();

  /** The last mail sent for a domain. */
  private record Sent(String changeId, Instant at) {}

  EmailDsUpdater(RegistrarConfig config) throws RegistrarException {
    this.settings = MailtoSettings.parse(config);
    this.clock = config.clock();
    Optional<char[]> password = config.secrets().secret(EmailSettings.SMTP_PASSWORD);
    if (password.isEmpty()) {
      throw new RegistrarException(
          Reason.CONFIGURATION,
          "the e-mail adapter needs the secret " + EmailSettings.SMTP_PASSWORD + " for SMTP AUTH");
    }
    Arrays.fill(password.get(), '\0');
    this.sender = new SmtpSender(settings, config.secrets());
    this.signer = SmimeSigner.from(config);
    this.dns = new DnsDsReader(settings.resolver(), settings.timeout());
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  /** Asks DNS: a registrar reached by e-mail cannot be asked what it holds. */
  @Override
  public SecureDelegation current(Name domain) throws RegistrarException {
    checkInterrupt(domain);
    return dns.read(domain);
  }

  @Override
  public DsUpdateResult converge(Name domain, SecureDelegation desired) throws RegistrarException {
    CAPABILITIES.check(domain.toString(), desired);
    SecureDelegation want = desired.dsOnly();
    SecureDelegation now = current(domain).dsOnly();
    if (now.equals(want)) {
      return DsUpdateResult.unchanged(desired);
    }
    Instant at = clock.instant();
    ChangeRequest request = ChangeRequest.of(domain, want, now, at);
    Sent last = sent.get(domain);
    if (last != null
        && last.changeId().equals(request.changeId())
        && at.isBefore(last.at().plus(settings.resendAfter()))) {
      return DsUpdateResult.pending(
          desired,
          request.changeId(),
          "already mailed to "
              + settings.recipients()
              + " at "
              + last.at()
              + "; mailed again after "
              + last.at().plus(settings.resendAfter())
              + " if DNS does not show it by then");
    }
    checkInterrupt(domain);
    sender.send(message(request), domain.toString());
    sent.put(domain, new Sent(request.changeId(), at));
    LOG.info(
        "{}: DS change {} mailed to {}{}",
        domain,
        request.changeId(),
        settings.recipients(),
        signer.isPresent() ? " (S/MIME-signed)" : "");
    return DsUpdateResult.pending(
        desired,
        request.changeId(),
        "change request mailed to "
            + settings.recipients()
            + "; done when the parent serves the DS set");
  }

  /** Composes the message for a request (signed when an S/MIME key is configured). */
  MimeMessage message(ChangeRequest request) throws RegistrarException {
    String body = request.body();
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(body)) {
      throw new IllegalStateException("request text is not ASCII");
    }
    try {
      MimeMessage m = new MimeMessage(sender.session());
      m.setFrom(settings.from());
      m.setRecipients(Message.RecipientType.TO, settings.to().toArray(new InternetAddress[0]));
      m.setSubject(request.subject(), "US-ASCII");
      m.setSentDate(Date.from(request.requestedAt()));
      m.setHeader("X-ZoneTrust-Change-Id", request.changeId());
      m.setHeader("Auto-Submitted", "auto-generated");
      if (signer.isPresent()) {
        MimeBodyPart text = new MimeBodyPart();
        text.setContent(body, "text/plain; charset=US-ASCII");
        text.setHeader("Content-Type", "text/plain; charset=US-ASCII");
        text.setHeader("Content-Transfer-Encoding", "7bit");
        m.setContent(signer.get().sign(text));
      } else {
        m.setContent(body, "text/plain; charset=US-ASCII");
        m.setHeader("Content-Transfer-Encoding", "7bit");
      }
      return m;
    } catch (MessagingException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION,
          request.domainName() + ": cannot compose the change request: " + e.getMessage(),
          null,
          e);
    }
  }

  private static void checkInterrupt(Name domain) throws RegistrarException {
    if (Thread.currentThread().isInterrupted()) {
      throw new RegistrarException(Reason.INTERRUPTED, domain + ": interrupted");
    }
  }

  @Override
  public String toString() {
    return "EmailDsUpdater[to " + settings.recipients() + " via " + settings.smtpHost() + "]";
  }
}
