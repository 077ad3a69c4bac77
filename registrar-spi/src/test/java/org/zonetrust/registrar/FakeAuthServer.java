package org.zonetrust.registrar;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A UDP server on 127.0.0.1 that answers every query authoritatively with a settable DS set. */
final class FakeAuthServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;
  private final AtomicInteger queries = new AtomicInteger();
  private volatile List<? extends Record> answer = List.of();

  FakeAuthServer() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "fake-auth-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int queries() {
    return queries.get();
  }

  void serve(List<? extends Record> records) {
    this.answer = List.copyOf(records);
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Message r = new Message(q.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        r.addRecord(q.getQuestion(), Section.QUESTION);
        for (Record rec : answer) {
          r.addRecord(rec, Section.ANSWER);
        }
        byte[] wire = r.toWire();
        socket.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
        queries.incrementAndGet();
      } catch (SocketException e) {
        return;
      } catch (IOException e) {
        // a malformed datagram: ignore it, as a server would
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
