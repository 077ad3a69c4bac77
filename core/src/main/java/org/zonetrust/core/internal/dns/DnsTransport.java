package org.zonetrust.core.internal.dns;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * Sends one DNS message to one server and returns the matching answer: UDP first, TCP when the
 * query exceeds 512 bytes or the UDP answer is truncated (RFC 1035 4.2, RFC 7766).
 *
 * <p>Over UDP, datagrams whose id does not match, that cannot be parsed or that answer another
 * question are ignored (RFC 5452) and the wait continues; if only such datagrams arrived when the
 * timeout expires the failure is {@code BAD_RESPONSE}, not {@code TIMEOUT}. Over TCP connect, write
 * and read share one deadline, so a server that trickles bytes cannot stretch the exchange.
 * Interruptible. Thread-safe: holds no per-exchange state.
 */
public final class DnsTransport {
  /** Largest query sent over UDP without EDNS (RFC 1035 2.3.4). */
  public static final int UDP_LIMIT = 512;

  /** Largest DNS message: the TCP length prefix has two bytes (RFC 1035 4.2.2). */
  public static final int MAX_MESSAGE = 65535;

  private final Duration timeout;

  /**
   * Creates a transport.
   *
   * @param timeout how long to wait for each answer (UDP and TCP attempt each)
   */
  public DnsTransport(Duration timeout) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The answer to a query, with the bytes it was parsed from (needed for TSIG verification).
   *
   * @param message the parsed answer
   * @param wire the bytes received
   * @param tcp whether the answer came over TCP
   */
  @SuppressWarnings("ArrayRecordComponent") // a received message, never compared
  public record Exchange(Message message, byte[] wire, boolean tcp) {}

  /**
   * Sends {@code query} and waits for the matching answer.
   *
   * @param server the server
   * @param query the query in wire format (already signed if TSIG is used)
   * @return the answer
   * @throws TransportException on timeout, unreachable server, unusable answer or interrupt
   * @throws IllegalArgumentException if the query is longer than a DNS message can be (65535
   *     bytes); nothing is sent
   */
  public Exchange exchange(InetSocketAddress server, byte[] query) throws TransportException {
    return exchange(server, query, null);
  }

  /**
   * Sends {@code query} and waits for the matching answer, giving up when {@code limit} has passed
   * even if the per-attempt timeout has not.
   *
   * @param server the server
   * @param query the query in wire format (already signed if TSIG is used)
   * @param limit the longest the whole exchange (UDP and TCP attempts) may take, or null for no
   *     limit beyond the per-attempt timeout
   * @return the answer
   * @throws TransportException on timeout, unreachable server, unusable answer or interrupt
   * @throws IllegalArgumentException if the query is longer than a DNS message can be (65535
   *     bytes); nothing is sent
   */
  public Exchange exchange(InetSocketAddress server, byte[] query, @Nullable Duration limit)
      throws TransportException {
    if (query.length > MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "a DNS message of "
              + query.length
              + " bytes cannot be sent: the limit is "
              + MAX_MESSAGE
              + " bytes");
    }
    long end = limit == null ? Long.MAX_VALUE : System.nanoTime() + Math.max(0, limit.toNanos());
    if (query.length > UDP_LIMIT) {
      return tcp(server, query, end);
    }
    Exchange udp = udp(server, query, end);
    if (udp.message().getHeader().getFlag(Flags.TC)) {
      return tcp(server, query, end);
    }
    return udp;
  }

  /** The deadline of one attempt: the per-attempt timeout, cut short by the overall end. */
  private long attemptDeadline(long start, long end) {
    long own = start + timeout.toNanos();
    return end == Long.MAX_VALUE || own - end < 0 ? own : end;
  }

  private static Duration budget(long start, long deadline) {
    return Duration.ofMillis(Math.max(0, (deadline - start) / 1_000_000));
  }

  private Exchange udp(InetSocketAddress server, byte[] query, long end) throws TransportException {
    String where = Addresses.format(server);
    int id = idOf(query);
    long start = System.nanoTime();
    long deadline = attemptDeadline(start, end);
    Duration budget = budget(start, deadline);
    if (deadline - start <= 0) {
      throw new TransportException(
          TransportException.Kind.TIMEOUT, "no time left to ask " + where + " over UDP", null);
    }
    String mismatch = null;
    StandardProtocolFamily family =
        server.getAddress() instanceof java.net.Inet6Address
            ? StandardProtocolFamily.INET6
            : StandardProtocolFamily.INET;
    try (DatagramChannel ch = DatagramChannel.open(family);
        Selector selector = Selector.open()) {
      ch.configureBlocking(false);
      ch.connect(server);
      ch.write(ByteBuffer.wrap(query));
      ch.register(selector, SelectionKey.OP_READ);
      ByteBuffer buf = ByteBuffer.allocate(MAX_MESSAGE);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          if (mismatch != null) {
            throw new TransportException(
                TransportException.Kind.BAD_RESPONSE,
                "no matching answer from " + where + " over UDP within " + budget + ": " + mismatch,
                null);
          }
          throw new TransportException(
              TransportException.Kind.TIMEOUT,
              "no answer from " + where + " over UDP within " + budget,
              null);
        }
        selector.select(Math.max(1, left / 1_000_000));
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(where, null);
        }
        selector.selectedKeys().clear();
        buf.clear();
        int n = ch.read(buf);
        if (n <= 0) {
          continue;
        }
        byte[] wire = Arrays.copyOf(buf.array(), n);
        if (n < Header.LENGTH || idOf(wire) != id) {
          mismatch =
              n < Header.LENGTH ? "a datagram too short for a DNS header" : "wrong message id";
          continue;
        }
        try {
          return new Exchange(parse(wire, query, where), wire, false);
        } catch (TransportException e) {
          // Anybody can send a datagram with a guessed id (RFC 5452 9.1): ignore it and wait on
          // for the real answer.
          mismatch = e.getMessage();
        }
      }
    } catch (PortUnreachableException e) {
      throw new TransportException(
          TransportException.Kind.UNREACHABLE,
          where + " is unreachable (ICMP port unreachable)",
          e);
    } catch (ClosedByInterruptException e) {
      throw interrupted(where, e);
    } catch (TransportException e) {
      throw e;
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNREACHABLE, where + " is unreachable over UDP: " + e, e);
    }
  }

  private Exchange tcp(InetSocketAddress server, byte[] query, long end) throws TransportException {
    String where = Addresses.format(server);
    long start = System.nanoTime();
    long deadline = attemptDeadline(start, end);
    Duration budget = budget(start, deadline);
    try (SocketChannel ch = SocketChannel.open();
        Selector selector = Selector.open()) {
      ch.configureBlocking(false);
      SelectionKey key = ch.register(selector, 0);
      if (!ch.connect(server)) {
        key.interestOps(SelectionKey.OP_CONNECT);
        while (!ch.finishConnect()) {
          await(selector, deadline, where, budget);
        }
      }
      ByteBuffer framed = ByteBuffer.allocate(query.length + 2);
      framed.putShort((short) query.length).put(query).flip();
      key.interestOps(SelectionKey.OP_WRITE);
      while (framed.hasRemaining()) {
        if (ch.write(framed) == 0) {
          await(selector, deadline, where, budget);
        }
      }
      key.interestOps(SelectionKey.OP_READ);
      ByteBuffer prefix = ByteBuffer.allocate(2);
      readFully(ch, prefix, selector, deadline, where, budget);
      int len = prefix.getShort(0) & 0xffff;
      ByteBuffer body = ByteBuffer.allocate(len);
      readFully(ch, body, selector, deadline, where, budget);
      byte[] wire = body.array();
      if (len < Header.LENGTH) {
        throw new TransportException(
            TransportException.Kind.BAD_RESPONSE,
            "answer from " + where + " over TCP is too short for a DNS header (" + len + " bytes)",
            null);
      }
      int id = idOf(query);
      int got = idOf(wire);
      if (got != id) {
        throw new TransportException(
            TransportException.Kind.BAD_RESPONSE,
            "answer from " + where + " over TCP has message id " + got + ", expected " + id,
            null);
      }
      return new Exchange(parse(wire, query, where), wire, true);
    } catch (ClosedByInterruptException e) {
      throw interrupted(where, e);
    } catch (ConnectException | NoRouteToHostException e) {
      throw new TransportException(
          TransportException.Kind.UNREACHABLE, where + " is unreachable over TCP: " + e, e);
    } catch (TransportException e) {
      throw e;
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(where, e);
      }
      throw new TransportException(
          TransportException.Kind.UNREACHABLE, "TCP exchange with " + where + " failed: " + e, e);
    }
  }

  private static void readFully(
      SocketChannel ch,
      ByteBuffer buf,
      Selector selector,
      long deadline,
      String where,
      Duration budget)
      throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf);
      if (n < 0) {
        throw new TransportException(
            TransportException.Kind.BAD_RESPONSE,
            where + " closed the TCP connection before a complete answer",
            null);
      }
      if (n == 0) {
        await(selector, deadline, where, budget);
      }
    }
  }

  /** Waits until the channel is ready or fails with TIMEOUT at the deadline of the attempt. */
  private static void await(Selector selector, long deadline, String where, Duration budget)
      throws TransportException, IOException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new TransportException(
          TransportException.Kind.TIMEOUT,
          "no answer from " + where + " over TCP within " + budget,
          null);
    }
    selector.select(Math.max(1, left / 1_000_000));
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(where, null);
    }
    selector.selectedKeys().clear();
  }

  private static Message parse(byte[] wire, byte[] query, String where) throws TransportException {
    Message answer;
    Message request;
    try {
      answer = new Message(wire);
      request = new Message(query);
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.BAD_RESPONSE,
          "answer from " + where + " is malformed: " + e.getMessage(),
          e);
    }
    Header h = answer.getHeader();
    if (!h.getFlag(Flags.QR) || h.getOpcode() != request.getHeader().getOpcode()) {
      throw new TransportException(
          TransportException.Kind.BAD_RESPONSE,
          "answer from " + where + " is not a response to the query (QR or opcode differ)",
          null);
    }
    Record q = request.getQuestion();
    Record a = answer.getQuestion();
    if (a != null && q != null && !q.equals(a)) {
      throw new TransportException(
          TransportException.Kind.BAD_RESPONSE,
          "answer from " + where + " is for question " + a + ", expected " + q,
          null);
    }
    return answer;
  }

  private static int idOf(byte[] wire) {
    return (wire[0] & 0xff) << 8 | (wire[1] & 0xff);
  }

  private static TransportException interrupted(String where, @Nullable Throwable cause) {
    Thread.currentThread().interrupt();
    return new TransportException(
        TransportException.Kind.INTERRUPTED, "interrupted while waiting for " + where, cause);
  }
}
