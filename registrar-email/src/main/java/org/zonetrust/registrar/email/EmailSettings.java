package org.zonetrust.registrar.email;

/**
 * Names of the settings and secrets the e-mail adapter reads from a {@link
 * org.zonetrust.registrar.RegistrarConfig} whose URI is {@code mailto:to@registrar.example?from=
 * ops@platform.example&smtp=smtp.platform.example:587} (see {@code docs/registrar-email.md} for the
 * URI parameters).
 *
 * <pre>{@code
 * RegistrarConfig config = RegistrarConfig.builder(URI.create(
 *         "mailto:dnssec@registrar.example?from=ops@platform.example&smtp=smtp.platform.example:587"))
 *     .secrets(secrets)                                  // "smtpPassword", "smimeKeyPassword"
 *     .setting(EmailSettings.SMIME_KEY_STORE, keyStore)  // optional: sign with S/MIME
 *     .clock(clock)
 *     .build();
 * }</pre>
 */
public final class EmailSettings {

  /** Secret: the password for SMTP AUTH (required). */
  public static final String SMTP_PASSWORD = "smtpPassword";

  /** Secret: the password of the S/MIME private key entry (required when signing). */
  public static final String SMIME_KEY_PASSWORD = "smimeKeyPassword";

  /**
   * Setting ({@link java.security.KeyStore}): trust anchors for the SMTP server's certificate;
   * without it the JDK's default trust store is used. The server's host name is always checked.
   */
  public static final String SMTP_TRUST_STORE = "smtpTrustStore";

  /**
   * Setting ({@link java.security.KeyStore}): holds the S/MIME signing key and its certificate
   * chain; when set, every request is sent as {@code multipart/signed} (RFC 8551).
   */
  public static final String SMIME_KEY_STORE = "smimeKeyStore";

  /**
   * Setting ({@link String}): alias of the signing key in {@link #SMIME_KEY_STORE}; needed only
   * when the store holds more than one private key.
   */
  public static final String SMIME_KEY_ALIAS = "smimeKeyAlias";

  /**
   * Setting ({@link java.net.InetSocketAddress}): the DNS resolver asked for the parent's DS RRset
   * ({@code current()}, and the add/remove lists of each request); without it the system's
   * resolvers are used.
   */
  public static final String RESOLVER = "resolver";

  /**
   * Setting ({@link java.time.Duration}): how long a request stays "sent" before the same change is
   * mailed again as a reminder (default one day).
   */
  public static final String RESEND_AFTER = "resendAfter";

  /**
   * Setting ({@link java.time.Duration}): connect, read and write timeout for SMTP and DNS (default
   * 30 seconds).
   */
  public static final String TIMEOUT = "timeout";

  private EmailSettings() {}
}
