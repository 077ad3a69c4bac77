package org.zonetrust.testbed.tls;

import java.util.List;

/**
 * One message the SMTP server accepted (after STARTTLS).
 *
 * @param from the envelope sender from {@code MAIL FROM:<...>}, empty for the null sender
 * @param recipients the envelope recipients from {@code RCPT TO:<...>}, in order
 * @param data the message as received after {@code DATA}, dot-unstuffed, lines joined with CRLF
 */
public record Mail(String from, List<String> recipients, String data) {
  /**
   * Copies the recipients.
   *
   * @param from the envelope sender, empty for the null sender
   * @param recipients the envelope recipients
   * @param data the message text
   */
  public Mail {
    recipients = List.copyOf(recipients);
  }
}
