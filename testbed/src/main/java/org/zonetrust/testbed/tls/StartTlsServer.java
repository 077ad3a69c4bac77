package org.zonetrust.testbed.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.zonetrust.testbed.TestbedException;

/**
 * A small TLS server for tests on a free loopback port: TLS from the first byte ({@link
 * Protocol#DIRECT}) or STARTTLS for SMTP, IMAP and POP3, presenting the given key and chain. The
 * SMTP server accepts mail only after STARTTLS and records it ({@link #received()}, {@link
 * #awaitMail(Duration)}).
 *
 * <pre>{@code
 * try (StartTlsServer smtp = StartTlsServer.start(Protocol.SMTP, key, List.of(leaf, ca))) {
 *   // point a client at smtp.address()
 *   Mail mail = smtp.awaitMail(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Connections are served by at most {@value #MAX_CONNECTIONS} threads, each with a read timeout
 * of {@link #READ_TIMEOUT}; a line may be 8 KiB and a message 1 MiB.
 */
public final class StartTlsServer implements AutoCloseable {
  /** Connections served at the same time; more wait in a short queue or are closed. */
  public static final int MAX_CONNECTIONS = 16;

  /** How long a connection may stay silent before the server closes it. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  /** The host name in greetings and EHLO answers. */
  public static final String HOST_NAME = "starttls.zonetrust.invalid";

  /** What the client talks before (or instead of) TLS. */
  public enum Protocol {
    /** TLS from the first byte; afterwards every line received is echoed back. */
    DIRECT,
    /**
     * SMTP (RFC 5321, RFC 3207): {@code 220} greeting, EHLO advertising STARTTLS; after TLS, EHLO,
     * MAIL, RCPT, DATA, RSET, NOOP and QUIT. MAIL before STARTTLS is refused with {@code 530}.
     */
    SMTP,
    /** IMAP (RFC 3501): {@code * OK} greeting, CAPABILITY with STARTTLS, STARTTLS, NOOP, LOGOUT. */
    IMAP,
    /** POP3 (RFC 2595): {@code +OK} greeting, CAPA with STLS, STLS, NOOP, QUIT. */
    POP3
  }

  private final Protocol protocol;
  private final SSLContext context;
  private final ServerSocket server;
  private final ThreadPoolExecutor pool;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<Mail> mails = new ArrayList<>();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger failedHandshakes = new AtomicInteger();
  private final AtomicInteger messageIds = new AtomicInteger();
  private volatile boolean closed;

  private StartTlsServer(Protocol protocol, SSLContext context, ServerSocket server) {
    this.protocol = protocol;
    this.context = context;
    this.server = server;
    this.pool =
        new ThreadPoolExecutor(
            MAX_CONNECTIONS,
            MAX_CONNECTIONS,
            1,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_CONNECTIONS),
            r -> {
              Thread t = new Thread(r, "starttls-" + protocol.name().toLowerCase(Locale.ROOT));
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.acceptor = new Thread(this::acceptLoop, "starttls-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @param protocol what is spoken before TLS
   * @param key the server's private key
   * @param chain the certificates to send, leaf first
   * @return the running server
   * @throws TestbedException when the key does not fit a TLS context or no port can be bound
   */
  public static StartTlsServer start(
      Protocol protocol, PrivateKey key, List<X509Certificate> chain) {
    return start(protocol, key, chain, InetAddress.getLoopbackAddress());
  }

  /**
   * Starts a server on a free port of the given address.
   *
   * @param protocol what is spoken before TLS
   * @param key the server's private key
   * @param chain the certificates to send, leaf first
   * @param address the local address to listen on, e.g. 127.0.0.1 or ::1
   * @return the running server
   * @throws TestbedException when the key does not fit a TLS context or the address cannot be bound
   */
  public static StartTlsServer start(
      Protocol protocol, PrivateKey key, List<X509Certificate> chain, InetAddress address) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the chain needs at least the leaf certificate");
    }
    SSLContext context = context(key, chain);
    ServerSocket socket;
    try {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(address, 0), 50);
    } catch (IOException e) {
      throw new TestbedException("cannot listen on " + address, e);
    }
    StartTlsServer started = new StartTlsServer(protocol, context, socket);
    started.acceptor.start();
    return started;
  }

  private static SSLContext context(PrivateKey key, List<X509Certificate> chain) {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getEncoder().encodeToString(random).toCharArray();
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new TestbedException("cannot build a TLS context for the server key and chain", e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      open.add(socket);
      try {
        pool.execute(new Session(this, socket));
      } catch (RejectedExecutionException e) {
        forget(socket);
      }
    }
  }

  /**
   * The protocol this server speaks.
   *
   * @return the protocol
   */
  public Protocol protocol() {
    return protocol;
  }

  /**
   * Where the server listens.
   *
   * @return address and port
   */
  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * The messages accepted so far (SMTP only), oldest first.
   *
   * @return a snapshot
   */
  public List<Mail> received() {
    synchronized (mails) {
      return List.copyOf(mails);
    }
  }

  /**
   * Waits until at least one message has been accepted.
   *
   * @param timeout how long to wait
   * @return the first message accepted
   * @throws TestbedException when none arrives in time
   */
  public Mail awaitMail(Duration timeout) {
    return awaitMails(1, timeout).get(0);
  }

  /**
   * Waits until at least {@code count} messages have been accepted.
   *
   * @param count how many messages
   * @param timeout how long to wait
   * @return the messages accepted so far (at least {@code count})
   * @throws TestbedException when fewer arrive in time, or the thread is interrupted
   */
  public List<Mail> awaitMails(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (mails) {
      while (mails.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TestbedException(
              "the "
                  + protocol
                  + " server on port "
                  + port()
                  + " received "
                  + mails.size()
                  + " of "
                  + count
                  + " messages in "
                  + timeout.toMillis()
                  + " ms ("
                  + handshakes()
                  + " TLS handshakes, "
                  + failedHandshakes()
                  + " failed)");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(mails, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TestbedException("interrupted waiting for mail", e);
        }
      }
      return List.copyOf(mails);
    }
  }

  /**
   * How many TLS handshakes completed.
   *
   * @return the count
   */
  public int handshakes() {
    return handshakes.get();
  }

  /**
   * How many TLS handshakes failed (e.g. the client rejected the certificate with an alert).
   *
   * @return the count
   */
  public int failedHandshakes() {
    return failedHandshakes.get();
  }

  /** Stops accepting, closes every connection and waits briefly for the threads to end. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing: nothing more to do
    }
    for (Socket socket : List.copyOf(open)) {
      forget(socket);
    }
    pool.shutdownNow();
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "StartTlsServer[" + protocol + " " + address() + "]";
  }

  SSLContext context() {
    return context;
  }

  int readTimeoutMillis() {
    return (int) READ_TIMEOUT.toMillis();
  }

  void handshakeDone(boolean ok) {
    (ok ? handshakes : failedHandshakes).incrementAndGet();
  }

  int nextMessageId() {
    return messageIds.incrementAndGet();
  }

  void accept(Mail mail) {
    synchronized (mails) {
      mails.add(mail);
      mails.notifyAll();
    }
  }

  /** Tracks the TLS socket layered over {@code plain} instead of it (closing one closes both). */
  void layered(Socket plain, Socket tls) {
    open.add(tls);
    open.remove(plain);
  }

  void forget(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
