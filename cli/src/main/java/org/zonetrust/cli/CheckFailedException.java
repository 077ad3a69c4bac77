package org.zonetrust.cli;

/** The command ran to the end but its check failed: exit code {@link ExitCodes#CHECK_FAILED}. */
final class CheckFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  CheckFailedException(String message) {
    super(message);
  }

  CheckFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
