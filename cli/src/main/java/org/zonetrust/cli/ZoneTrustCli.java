package org.zonetrust.cli;

/** Placeholder. */
public final class ZoneTrustCli {
  private ZoneTrustCli() {}

  /**
   * Entry point.
   *
   * @param args arguments
   */
  public static void main(String[] args) {}
}
