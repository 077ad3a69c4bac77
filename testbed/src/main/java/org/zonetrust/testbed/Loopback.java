package org.zonetrust.testbed;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The loopback addresses every server listens on. */
final class Loopback {
  static final InetAddress V4 = address(new byte[] {127, 0, 0, 1});
  static final InetAddress V6 =
      address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

  private Loopback() {}

  /** The address 127.0.0.{@code last}: all of 127.0.0.0/8 is loopback on Linux. */
  static InetAddress v4(int last) {
    return address(new byte[] {127, 0, 0, (byte) last});
  }

  private static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
