package org.zonetrust.examples;

/** Placeholder. */
public final class HostingExample {
  private HostingExample() {}

  /**
   * Entry point.
   *
   * @param args arguments
   */
  public static void main(String[] args) {}
}
