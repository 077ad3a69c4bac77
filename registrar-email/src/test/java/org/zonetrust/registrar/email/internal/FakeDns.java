package org.zonetrust.registrar.email.internal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** A UDP DNS server on loopback that answers DS queries from a map; NXDOMAIN for other names. */
final class FakeDns {
  private final DatagramSocket socket;
  private final Map<Name, List<DSRecord>> ds = new ConcurrentHashMap<>();
  private final Thread thread;

  FakeDns() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "fake-dns");
    thread.setDaemon(true);
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void setDs(Name domain, List<DSRecord> records) {
    ds.put(domain, List.copyOf(records));
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
        Message a = new Message(q.getHeader().getID());
        a.getHeader().setFlag(Flags.QR);
        a.getHeader().setFlag(Flags.RA);
        Record question = q.getQuestion();
        a.addRecord(question, Section.QUESTION);
        List<DSRecord> records = ds.get(question.getName());
        if (records == null) {
          a.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
          records.forEach(r -> a.addRecord(r, Section.ANSWER));
        }
        byte[] out = a.toWire();
        socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  void close() throws InterruptedException {
    socket.close();
    thread.join();
  }
}
