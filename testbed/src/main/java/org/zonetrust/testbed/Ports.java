package org.zonetrust.testbed;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks ports that are free for TCP and UDP on both 127.0.0.1 and ::1.
 *
 * <p>Ports come from 20000..31999, below Linux's ephemeral range, so client sockets of other
 * programs do not grab them between the pick and the server's bind. A port can still be taken by a
 * concurrent run in that window: servers verify ownership afterwards ({@link PortOwnership}).
 */
final class Ports {
  private static final int LOW = 20000;
  private static final int HIGH = 32000;
  private static final int MAX_TRIES = 2000;

  /** Ports handed out before any random ones, without a check: lets tests force a collision. */
  private static final Deque<Integer> FORCED = new ConcurrentLinkedDeque<>();

  private Ports() {}

  /** Makes the next picks return these ports, taken or not (for tests of the collision path). */
  static void forceNext(int... ports) {
    for (int port : ports) {
      FORCED.add(port);
    }
  }

  /**
   * Returns {@code count} distinct free ports.
   *
   * @throws TestbedException when none can be found
   */
  static int[] pick(int count) {
    Set<Integer> chosen = new HashSet<>();
    int[] ports = new int[count];
    int found = 0;
    for (Integer forced = FORCED.poll(); forced != null && found < count; ) {
      chosen.add(forced);
      ports[found++] = forced;
      forced = found < count ? FORCED.poll() : null;
    }
    for (int tries = 0; found < count && tries < MAX_TRIES; tries++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (!chosen.contains(port) && isFree(port)) {
        chosen.add(port);
        ports[found++] = port;
      }
    }
    if (found < count) {
      throw new TestbedException("no free loopback ports in " + LOW + ".." + (HIGH - 1));
    }
    return ports;
  }

  /** True when TCP and UDP on 127.0.0.1 and ::1 can all bind {@code port} right now. */
  static boolean isFree(int port) {
    List<Closeable> held = new ArrayList<>();
    try {
      for (InetAddress address : List.of(Loopback.V4, Loopback.V6)) {
        ServerSocket tcp = new ServerSocket();
        held.add(tcp);
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(address, port));
        DatagramSocket udp = new DatagramSocket(null);
        held.add(udp);
        udp.setReuseAddress(false);
        udp.bind(new InetSocketAddress(address, port));
      }
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      for (Closeable c : held) {
        try {
          c.close();
        } catch (IOException ignored) {
          // closing a probe socket: nothing to do
        }
      }
    }
  }
}
