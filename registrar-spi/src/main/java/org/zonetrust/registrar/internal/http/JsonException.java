package org.zonetrust.registrar.internal.http;

/** Malformed or oversized JSON; the message names the offset, never echoes the content. */
final class JsonException extends Exception {
  private static final long serialVersionUID = 1L;

  JsonException(String message, int offset) {
    super("malformed JSON at offset " + offset + ": " + message);
  }

  JsonException(String message) {
    super("malformed JSON: " + message);
  }
}
