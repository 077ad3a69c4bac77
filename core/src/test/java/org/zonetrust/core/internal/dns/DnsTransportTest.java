package org.zonetrust.core.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class DnsTransportTest {
  private static final Name QNAME = Name.fromConstantString("www.example.test.");

  private static Message query() {
    return Message.newQuery(Record.newRecord(QNAME, Type.A, DClass.IN));
  }

  private static byte[] answerTo(Message q, Name question) {
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setRcode(Rcode.NOERROR);
    r.addRecord(Record.newRecord(question, Type.A, DClass.IN), Section.QUESTION);
    return r.toWire();
  }

  /** A UDP "server" that answers the first query with the datagrams {@code replies} makes. */
  private static Thread udpServer(
      DatagramSocket socket, java.util.function.Function<byte[], byte[][]> replies) {
    Thread t =
        new Thread(
            () -> {
              try {
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] q = Arrays.copyOf(p.getData(), p.getLength());
                for (byte[] r : replies.apply(q)) {
                  socket.send(new DatagramPacket(r, r.length, p.getSocketAddress()));
                }
              } catch (IOException e) {
                // closed
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static DatagramSocket loopbackUdp() throws IOException {
    return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  private static InetSocketAddress addressOf(DatagramSocket s) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
  }

  @Test
  void forgedUdpDatagramsWithTheRightIdAreIgnoredUntilTheRealAnswer() throws Exception {
    Message q = query();
    try (DatagramSocket server = loopbackUdp()) {
      udpServer(
          server,
          wire -> {
            byte[] junk = new byte[40];
            junk[0] = wire[0];
            junk[1] = wire[1];
            junk[2] = (byte) 0x80;
            junk[5] = 9; // nine questions that are not there
            return new byte[][] {
              junk, answerTo(q, Name.fromConstantString("evil.example.test.")), answerTo(q, QNAME)
            };
          });
      DnsTransport.Exchange e =
          new DnsTransport(Duration.ofSeconds(2)).exchange(addressOf(server), q.toWire());
      assertThat(e.message().getQuestion().getName()).isEqualTo(QNAME);
      assertThat(e.tcp()).isFalse();
    }
  }

  @Test
  void onlyForgedUdpDatagramsIsBadResponseAtTheDeadline() throws Exception {
    Message q = query();
    try (DatagramSocket server = loopbackUdp()) {
      udpServer(
          server,
          wire -> new byte[][] {answerTo(q, Name.fromConstantString("evil.example.test."))});
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  new DnsTransport(Duration.ofMillis(400)).exchange(addressOf(server), q.toWire()))
          .asInstanceOf(type(TransportException.class))
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.BAD_RESPONSE);
                assertThat(e.getMessage()).contains("no matching answer", "evil.example.test.");
              });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(350));
    }
  }

  @Test
  void tcpExchangeHasOneOverallDeadline() throws Exception {
    Duration timeout = Duration.ofMillis(400);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  in.readFully(new byte[in.readUnsignedShort()]);
                  OutputStream out = s.getOutputStream();
                  out.write(0);
                  out.write(200); // announces 200 bytes, then trickles them
                  for (int i = 0; i < 200; i++) {
                    out.write(0);
                    out.flush();
                    Thread.sleep(timeout.toMillis() / 2);
                  }
                } catch (IOException | InterruptedException e) {
                  // done
                }
              });
      t.setDaemon(true);
      t.start();
      byte[] big = new byte[DnsTransport.UDP_LIMIT + 100]; // goes straight to TCP
      long start = System.nanoTime();
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
      TransportException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(3),
              () -> {
                try {
                  new DnsTransport(timeout).exchange(address, big);
                  return null;
                } catch (TransportException x) {
                  return x;
                }
              });
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(e).isNotNull();
      assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
      assertThat(e.getMessage()).contains("over TCP within");
      assertThat(took).isLessThan(timeout.plusMillis(500));
    }
  }

  @Test
  void queryLargerThanADnsMessageIsRefusedBeforeSending() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(300);
      InetSocketAddress address =
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
      assertThatThrownBy(
              () -> new DnsTransport(Duration.ofSeconds(1)).exchange(address, new byte[70_000]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("70000 bytes")
          .hasMessageContaining("65535");
      try (Socket s = server.accept()) {
        connections.incrementAndGet();
        assertThat(s.isConnected()).isTrue();
      } catch (SocketTimeoutException expected) {
        // nothing connected
      }
      assertThat(connections).hasValue(0);
    }
  }
}
