package org.zonetrust.dane;

/** How a TLS connection is reached: TLS from the first byte, or a protocol's STARTTLS command. */
public enum StartTls {
  /** TLS from the first byte (HTTPS, SMTPS on 465, IMAPS on 993, POP3S on 995). */
  NONE,
  /** SMTP and submission (RFC 3207): greeting, {@code EHLO}, {@code STARTTLS}; QUIT after TLS. */
  SMTP,
  /** IMAP (RFC 3501): greeting, {@code STARTTLS}; LOGOUT after TLS. */
  IMAP,
  /** POP3 (RFC 2595): greeting, {@code STLS}; QUIT after TLS. */
  POP3
}
