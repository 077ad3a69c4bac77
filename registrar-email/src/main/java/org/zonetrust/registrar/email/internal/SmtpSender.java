package org.zonetrust.registrar.email.internal;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.email.EmailSettings;

/**
 * Sends a message through the configured SMTP server: TLS always (STARTTLS required, or implicit
 * TLS), the server's certificate and host name checked, AUTH always. Failures become {@link
 * RegistrarException}s whose messages never carry the password.
 */
final class SmtpSender {
  private final MailtoSettings settings;
  private final SecretSource secrets;
  private final Session session;
  private final String protocol;

  SmtpSender(MailtoSettings settings, SecretSource secrets) throws RegistrarException {
    this.settings = settings;
    this.secrets = secrets;
    this.protocol = settings.tls() == MailtoSettings.Tls.STARTTLS ? "smtp" : "smtps";
    this.session = Session.getInstance(properties(settings, socketFactory(settings.trustStore())));
  }

  /** The JavaMail session the messages are created in. */
  Session session() {
    return session;
  }

  /**
   * Connects, authenticates and sends one message.
   *
   * @param message the message (recipients set)
   * @param domain the domain, for error messages
   */
  void send(MimeMessage message, String domain) throws RegistrarException {
    char[] password =
        secrets
            .secret(EmailSettings.SMTP_PASSWORD)
            .orElseThrow(
                () ->
                    new RegistrarException(
                        Reason.CONFIGURATION,
                        "the e-mail adapter needs the secret " + EmailSettings.SMTP_PASSWORD));
    // JavaMail takes the password only as a String; it lives no longer than this call
    String pw = new String(password);
    Arrays.fill(password, '\0');
    try (Transport transport = session.getTransport(protocol)) {
      transport.connect(settings.smtpHost(), settings.smtpPort(), settings.user(), pw);
      message.saveChanges();
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      throw map(e, domain, pw);
    }
  }

  private RegistrarException map(MessagingException e, String domain, String pw) {
    String where =
        domain
            + ": SMTP server "
            + settings.smtpHost()
            + ":"
            + settings.smtpPort()
            + " ("
            + settings.tls().name().toLowerCase(java.util.Locale.ROOT)
            + ")";
    String said = redact(String.valueOf(e.getMessage()), pw);
    if (Thread.currentThread().isInterrupted() || has(e, InterruptedIOException.class)) {
      if (!has(e, SocketTimeoutException.class)) {
        Thread.currentThread().interrupt();
        return new RegistrarException(Reason.INTERRUPTED, where + ": interrupted", null, null);
      }
    }
    if (e instanceof AuthenticationFailedException) {
      return new RegistrarException(
          Reason.AUTHENTICATION,
          where + " refused the credentials of user " + settings.user() + ": " + said,
          null,
          null);
    }
    if (e instanceof SendFailedException) {
      return new RegistrarException(
          Reason.CONFIGURATION,
          where + " refused the addresses (" + settings.recipients() + "): " + said,
          null,
          null);
    }
    if (said.contains("STARTTLS")) {
      return new RegistrarException(
          Reason.PROTOCOL,
          where + " does not offer STARTTLS; the request is not sent in the clear",
          null,
          null);
    }
    if (has(e, SocketTimeoutException.class)) {
      return new RegistrarException(Reason.TIMEOUT, where + ": no answer in time", null, null);
    }
    if (has(e, SSLException.class)) {
      return new RegistrarException(
          Reason.PROTOCOL,
          where
              + ": TLS failed (is the server's certificate in "
              + EmailSettings.SMTP_TRUST_STORE
              + " and issued for this host name?): "
              + said,
          null,
          null);
    }
    if (has(e, ConnectException.class)
        || has(e, UnknownHostException.class)
        || has(e, NoRouteToHostException.class)
        || e.getClass().getSimpleName().equals("MailConnectException")) {
      return new RegistrarException(
          Reason.UNAVAILABLE, where + " cannot be reached: " + said, null, null);
    }
    return new RegistrarException(Reason.UNAVAILABLE, where + " failed: " + said, null, null);
  }

  /** Servers may echo what they got; the password never leaves in a message. */
  private static String redact(String s, String pw) {
    return pw.isEmpty() ? s : s.replace(pw, "****");
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (@Nullable Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static Properties properties(MailtoSettings s, SSLSocketFactory factory) {
    String p = s.tls() == MailtoSettings.Tls.STARTTLS ? "mail.smtp." : "mail.smtps.";
    Properties props = new Properties();
    props.put(p + "host", s.smtpHost());
    props.put(p + "port", String.valueOf(s.smtpPort()));
    props.put(p + "auth", "true");
    props.put(p + "ssl.checkserveridentity", "true");
    props.put(p + "ssl.socketFactory", factory);
    props.put(
        p + "localhost", s.from().getAddress().substring(s.from().getAddress().indexOf('@') + 1));
    String ms = String.valueOf(s.timeout().toMillis());
    props.put(p + "connectiontimeout", ms);
    props.put(p + "timeout", ms);
    props.put(p + "writetimeout", ms);
    if (s.tls() == MailtoSettings.Tls.STARTTLS) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    } else {
      props.put(p + "ssl.enable", "true");
    }
    return props;
  }

  private static SSLSocketFactory socketFactory(@Nullable KeyStore trustStore)
      throws RegistrarException {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new RegistrarException(
          Reason.CONFIGURATION,
          "cannot use the trust store of setting " + EmailSettings.SMTP_TRUST_STORE,
          null,
          e);
    }
  }
}
