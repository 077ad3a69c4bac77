package org.zonetrust.core.internal.dns;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
 * <p>Over UDP, datagrams whose id does not match are ignored (RFC 5452) and the wait continues; if
 * only such datagrams arrived when the timeout expires the failure is {@code BAD_RESPONSE}, not
 * {@code TIMEOUT}. Interruptible. Thread-safe: holds no per-exchange state.
 */
public final class DnsTransport {
  /** Largest query sent over UDP without EDNS (RFC 1035 2.3.4). */
  public static final int UDP_LIMIT = 512;

  private static final int MAX_UDP_ANSWER = 65535;

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
   */
  public Exchange exchange(InetSocketAddress server, byte[] query) throws TransportException {
    if (query.length > UDP_LIMIT) {
      return tcp(server, query);
    }
    Exchange udp = udp(server, query);
    if (udp.message().getHeader().getFlag(Flags.TC)) {
      return tcp(server, query);
    }
    return udp;
  }

  private Exchange udp(InetSocketAddress server, byte[] query) throws TransportException {
    String where = Addresses.format(server);
    int id = idOf(query);
    long deadline = System.nanoTime() + timeout.toNanos();
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
      ByteBuffer buf = ByteBuffer.allocate(MAX_UDP_ANSWER);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          if (mismatch != null) {
            throw new TransportException(
                TransportException.Kind.BAD_RESPONSE,
                "no matching answer from "
                    + where
                    + " over UDP within "
                    + timeout
                    + ": "
                    + mismatch,
                null);
          }
          throw new TransportException(
              TransportException.Kind.TIMEOUT,
              "no answer from " + where + " over UDP within " + timeout,
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
        if (n < Header.LENGTH || ((wire[0] & 0xff) << 8 | (wire[1] & 0xff)) != id) {
          mismatch =
              n < Header.LENGTH ? "a datagram too short for a DNS header" : "wrong message id";
          continue;
        }
        return new Exchange(parse(wire, query, where), wire, false);
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

  private Exchange tcp(InetSocketAddress server, byte[] query) throws TransportException {
    String where = Addresses.format(server);
    int ms = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    try (SocketChannel ch = SocketChannel.open()) {
      Socket s = ch.socket();
      s.connect(server, ms);
      s.setSoTimeout(ms);
      OutputStream out = s.getOutputStream();
      byte[] framed = new byte[query.length + 2];
      framed[0] = (byte) (query.length >>> 8);
      framed[1] = (byte) query.length;
      System.arraycopy(query, 0, framed, 2, query.length);
      out.write(framed);
      out.flush();
      InputStream in = s.getInputStream();
      DataInputStream data = new DataInputStream(in);
      int len = data.readUnsignedShort();
      byte[] wire = new byte[len];
      data.readFully(wire);
      if (len < Header.LENGTH) {
        throw new TransportException(
            TransportException.Kind.BAD_RESPONSE,
            "answer from " + where + " over TCP is too short for a DNS header (" + len + " bytes)",
            null);
      }
      int id = idOf(query);
      int got = (wire[0] & 0xff) << 8 | (wire[1] & 0xff);
      if (got != id) {
        throw new TransportException(
            TransportException.Kind.BAD_RESPONSE,
            "answer from " + where + " over TCP has message id " + got + ", expected " + id,
            null);
      }
      return new Exchange(parse(wire, query, where), wire, true);
    } catch (ClosedByInterruptException e) {
      throw interrupted(where, e);
    } catch (SocketTimeoutException e) {
      throw new TransportException(
          TransportException.Kind.TIMEOUT,
          "no answer from " + where + " over TCP within " + timeout,
          e);
    } catch (ConnectException | NoRouteToHostException e) {
      throw new TransportException(
          TransportException.Kind.UNREACHABLE, where + " is unreachable over TCP: " + e, e);
    } catch (EOFException e) {
      throw new TransportException(
          TransportException.Kind.BAD_RESPONSE,
          where + " closed the TCP connection before a complete answer",
          e);
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
