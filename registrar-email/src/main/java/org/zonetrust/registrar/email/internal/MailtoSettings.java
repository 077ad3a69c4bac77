package org.zonetrust.registrar.email.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.email.EmailSettings;

/**
 * What a {@code mailto:} configuration says: recipients, sender, SMTP server and TLS mode, plus the
 * typed settings.
 *
 * @param to the registrar's addresses
 * @param from the sender (also the SMTP user unless {@code user} is given)
 * @param smtpHost the SMTP server's host name (checked against its certificate)
 * @param smtpPort its port
 * @param tls how TLS is started
 * @param user the SMTP AUTH user name
 * @param trustStore trust anchors for the server's certificate, or null for the JDK's
 * @param resolver the DNS resolver for the parent's DS, or null for the system's
 * @param resendAfter how long before the same change is mailed again
 * @param timeout SMTP and DNS timeout
 */
record MailtoSettings(
    List<InternetAddress> to,
    InternetAddress from,
    String smtpHost,
    int smtpPort,
    Tls tls,
    String user,
    @Nullable KeyStore trustStore,
    @Nullable InetSocketAddress resolver,
    Duration resendAfter,
    Duration timeout) {

  /** How the SMTP connection gets TLS; there is no plain-text mode. */
  enum Tls {
    /** Submission port 587: plain connect, then STARTTLS, which is required (RFC 3207). */
    STARTTLS,
    /** Port 465: TLS from the first byte (RFC 8314). */
    IMPLICIT
  }

  static final Duration DEFAULT_RESEND_AFTER = Duration.ofDays(1);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  MailtoSettings {
    to = List.copyOf(to);
  }

  static MailtoSettings parse(RegistrarConfig config) throws RegistrarException {
    URI uri = config.uri();
    if (!"mailto".equalsIgnoreCase(uri.getScheme()) || !uri.isOpaque()) {
      throw configuration("not a mailto: URI: " + uri);
    }
    String ssp = uri.getRawSchemeSpecificPart();
    int q = ssp.indexOf('?');
    String rawTo = q < 0 ? ssp : ssp.substring(0, q);
    Map<String, String> params = query(q < 0 ? "" : ssp.substring(q + 1));
    List<InternetAddress> to = addresses(decode(rawTo), "recipient");
    InternetAddress from = single(required(params, "from"), "from");
    String smtp = required(params, "smtp");
    Tls tls = tls(params.getOrDefault("tls", "starttls"));
    String host = smtp;
    int port = tls == Tls.STARTTLS ? 587 : 465;
    int colon = smtp.lastIndexOf(':');
    if (colon >= 0 && !smtp.endsWith("]")) {
      host = smtp.substring(0, colon);
      port = port(smtp.substring(colon + 1));
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw configuration("smtp= needs a host name: " + smtp);
    }
    String user = params.getOrDefault("user", from.getAddress());
    for (String key : params.keySet()) {
      if (!List.of("from", "smtp", "tls", "user").contains(key)) {
        throw configuration("unknown mailto: parameter " + key + " (known: from, smtp, tls, user)");
      }
    }
    try {
      return new MailtoSettings(
          to,
          from,
          host,
          port,
          tls,
          user,
          config.setting(EmailSettings.SMTP_TRUST_STORE, KeyStore.class).orElse(null),
          config.setting(EmailSettings.RESOLVER, InetSocketAddress.class).orElse(null),
          positive(
              config
                  .setting(EmailSettings.RESEND_AFTER, Duration.class)
                  .orElse(DEFAULT_RESEND_AFTER),
              EmailSettings.RESEND_AFTER),
          positive(
              config.setting(EmailSettings.TIMEOUT, Duration.class).orElse(DEFAULT_TIMEOUT),
              EmailSettings.TIMEOUT));
    } catch (IllegalArgumentException e) {
      throw new RegistrarException(
          RegistrarException.Reason.CONFIGURATION, String.valueOf(e.getMessage()), null, e);
    }
  }

  /** The registrar's addresses, for messages. */
  String recipients() {
    return InternetAddress.toString(to.toArray(new InternetAddress[0]));
  }

  private static Map<String, String> query(String raw) throws RegistrarException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw configuration("mailto: parameter without a value: " + decode(pair));
      }
      String key = decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (out.put(key, decode(pair.substring(eq + 1))) != null) {
        throw configuration("mailto: parameter " + key + " given twice");
      }
    }
    return out;
  }

  /** Percent-decoding as RFC 6068 means it: a '+' is a plus, not a space. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String required(Map<String, String> params, String key) throws RegistrarException {
    String v = params.get(key);
    if (v == null || v.isBlank()) {
      throw configuration("the mailto: URI needs a " + key + "= parameter");
    }
    return v;
  }

  private static List<InternetAddress> addresses(String list, String what)
      throws RegistrarException {
    try {
      InternetAddress[] parsed = InternetAddress.parse(list, true);
      if (parsed.length == 0) {
        throw configuration("the mailto: URI names no " + what);
      }
      for (InternetAddress a : parsed) {
        a.validate();
      }
      return List.of(parsed);
    } catch (AddressException e) {
      throw new RegistrarException(
          RegistrarException.Reason.CONFIGURATION,
          "bad " + what + " address in the mailto: URI: " + list,
          null,
          e);
    }
  }

  private static InternetAddress single(String address, String what) throws RegistrarException {
    List<InternetAddress> list = addresses(address, what);
    if (list.size() != 1) {
      throw configuration(what + "= must be one address: " + address);
    }
    return list.get(0);
  }

  private static Tls tls(String value) throws RegistrarException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "starttls" -> Tls.STARTTLS;
      case "implicit", "smtps" -> Tls.IMPLICIT;
      default ->
          throw configuration(
              "tls= must be starttls or implicit (there is no plain-text mode), not " + value);
    };
  }

  private static int port(String s) throws RegistrarException {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw configuration("SMTP port out of range: " + s);
      }
      return p;
    } catch (NumberFormatException e) {
      throw configuration("SMTP port is not a number: " + s);
    }
  }

  private static Duration positive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("setting " + name + " must be positive, not " + d);
    }
    return d;
  }

  private static RegistrarException configuration(String message) {
    return new RegistrarException(RegistrarException.Reason.CONFIGURATION, message);
  }
}
