package org.zonetrust.core.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;

/**
 * A tiny in-process DNS responder on 127.0.0.1 (UDP and TCP on the same port) for wire-level fault
 * tests. The handler returns the bytes to send, or null to stay silent.
 */
final class FakeDnsServer implements AutoCloseable {

  /** Produces the answer to one query. */
  @FunctionalInterface
  interface Handler {
    byte[] handle(Message request, byte[] wire, boolean tcp) throws IOException;
  }

  /** One query the server received. */
  record Received(Message message, byte[] wire, boolean tcp) {}

  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final Handler handler;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger packets = new AtomicInteger();
  private final Thread udpThread;
  private final Thread tcpThread;

  FakeDnsServer(Handler handler) throws IOException {
    this.handler = handler;
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        t = new ServerSocket(u.getLocalPort(), 10, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no free port for UDP and TCP");
    }
    this.udp = u;
    this.tcp = t;
    udpThread = new Thread(this::serveUdp, "fake-dns-udp");
    tcpThread = new Thread(this::serveTcp, "fake-dns-tcp");
    udpThread.setDaemon(true);
    tcpThread.setDaemon(true);
    udpThread.start();
    tcpThread.start();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort());
  }

  List<Received> received() {
    return received;
  }

  /** Datagrams and TCP connections that reached the server, parsable or not. */
  int packets() {
    return packets.get();
  }

  private void serveUdp() {
    byte[] buf = new byte[65535];
    while (!udp.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        packets.incrementAndGet();
        byte[] wire = Arrays.copyOf(p.getData(), p.getLength());
        Message m = new Message(wire);
        received.add(new Received(m, wire, false));
        byte[] answer = handler.handle(m, wire, false);
        if (answer != null) {
          udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
        }
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        // ignore and serve the next query
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        packets.incrementAndGet();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] wire = new byte[in.readUnsignedShort()];
        in.readFully(wire);
        Message m = new Message(wire);
        received.add(new Received(m, wire, true));
        byte[] answer = handler.handle(m, wire, true);
        if (answer != null) {
          DataOutputStream out = new DataOutputStream(s.getOutputStream());
          out.writeShort(answer.length);
          out.write(answer);
          out.flush();
        }
      } catch (SocketException e) {
        if (tcp.isClosed()) {
          return;
        }
      } catch (IOException e) {
        // ignore and serve the next connection
      }
    }
  }

  /** A response with the request's id, opcode and question, and the given rcode. */
  static Message reply(Message request, int rcode) {
    Message r = new Message(request.getHeader().getID());
    r.getHeader().setOpcode(request.getHeader().getOpcode());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setRcode(rcode);
    if (request.getQuestion() != null) {
      r.addRecord(request.getQuestion(), Section.QUESTION);
    }
    return r;
  }

  /** Signs a response to a signed request with {@code tsig}. */
  static byte[] signed(Message response, Message request, TSIG tsig) {
    response.setTSIG(tsig, org.xbill.DNS.Rcode.NOERROR, request.getTSIG());
    return response.toWire(Message.MAXLENGTH);
  }

  @Override
  public void close() {
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing
    }
    try {
      udpThread.join(2000);
      tcpThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
