package org.zonetrust.cli;

/**
 * The exit codes of the {@code zonetrust} command, stable so that cron jobs and monitoring can
 * branch on them.
 */
public final class ExitCodes {
  /** Everything succeeded. */
  public static final int OK = 0;

  /** The command ran but the check failed (e.g. a record did not propagate in time). */
  public static final int CHECK_FAILED = 1;

  /** The command line was wrong (unknown option, missing argument, invalid value). */
  public static final int USAGE = 2;

  /** An operation failed (server refused, unreachable, I/O error). */
  public static final int ERROR = 3;

  private ExitCodes() {}
}
