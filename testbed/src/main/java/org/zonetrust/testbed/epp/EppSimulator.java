package org.zonetrust.testbed.epp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.zonetrust.testbed.TestbedException;

/**
 * An EPP registry on a free loopback port for tests: TLS 1.2+ with a required client certificate
 * (RFC 5734), a greeting, {@code login}/{@code logout}/{@code hello}, {@code domain:info} and
 * {@code domain:update} with the secDNS-1.1 extension (RFC 5910) over domains held in memory. Every
 * frame it receives is checked against the IETF schemas; a frame they reject is answered 2001 and
 * recorded in {@link #schemaErrors()} so the test can fail. {@link #inject} plays faults.
 *
 * <pre>{@code
 * try (EppSimulator registry = EppSimulator.builder(tempDir).clientCa(pki.caCertificate())
 *     .credentials("platform", "s3cret-pw").domain("example.test").start()) { ... }
 * }</pre>
 */
public final class EppSimulator implements AutoCloseable {
  /** How the registry takes DNSSEC data (RFC 5910 section 4). */
  public enum DataKind {
    /** {@code secDNS:dsData}. */
    DS,
    /** {@code secDNS:keyData}. */
    KEY
  }

  /**
   * One {@code secDNS:dsData} the registry holds.
   *
   * @param keyTag the key tag
   * @param algorithm the algorithm number
   * @param digestType the digest type
   * @param digestHex the digest, upper-case hex
   */
  public record Ds(int keyTag, int algorithm, int digestType, String digestHex) {}

  /**
   * One {@code secDNS:keyData} the registry holds.
   *
   * @param flags the DNSKEY flags
   * @param protocol the protocol (3)
   * @param algorithm the algorithm number
   * @param publicKeyBase64 the public key, base64 without white space
   */
  public record Key(int flags, int protocol, int algorithm, String publicKeyBase64) {}

  private final Builder config;
  private final EppSchemas schemas = EppSchemas.load();
  private final SSLServerSocket server;
  private final X509Certificate serverCa;
  private final ExecutorService threads;
  private final Map<String, Set<Ds>> ds = new HashMap<>();
  private final Map<String, Set<Key>> keys = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<String> schemaErrors = new ArrayList<>();
  private final List<String> commands = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();
  private final AtomicInteger svTrid = new AtomicInteger();

  private EppSimulator(Builder b) {
    this.config = b;
    for (String d : b.domains) {
      ds.put(d, new LinkedHashSet<>());
      keys.put(d, new LinkedHashSet<>());
    }
    TestPki pki = b.pki != null ? b.pki : TestPki.create(b.dir.resolve("server-ca"), "EPP sim CA");
    serverCa = pki.caCertificate();
    KeyStore serverKeys = pki.issueServer(b.serverNames);
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(serverKeys, TestPki.KEY_STORE_PASSWORD.toCharArray());
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (X509Certificate ca : b.clientCas) {
        trust.setCertificateEntry("client-ca-" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      server =
          (SSLServerSocket)
              context
                  .getServerSocketFactory()
                  .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      server.setNeedClientAuth(true);
      server.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    } catch (IOException | GeneralSecurityException e) {
      throw new TestbedException("cannot start the EPP simulator", e);
    }
    threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "epp-simulator");
              t.setDaemon(true);
              return t;
            });
    threads.execute(this::acceptLoop);
  }

  /**
   * Starts a configuration.
   *
   * @param dir a scratch directory for certificates
   * @return a builder
   */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        synchronized (this) {
          sockets.add(s);
        }
        threads.execute(new SimConnection(this, s));
      } catch (IOException e) {
        return;
      }
    }
  }

  /**
   * Returns the port on the loopback address.
   *
   * @return the port
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * Returns the CA that signed the server certificate (the client's trust anchor).
   *
   * @return the CA certificate
   */
  public X509Certificate caCertificate() {
    return serverCa;
  }

  /**
   * Queues a fault for the next domain command.
   *
   * @param fault the fault
   */
  public synchronized void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /**
   * Returns the DS data the registry holds for a domain.
   *
   * @param domain the domain (no trailing dot)
   * @return a copy
   */
  public synchronized Set<Ds> ds(String domain) {
    return Set.copyOf(ds.getOrDefault(domain, Set.of()));
  }

  /**
   * Returns the key data the registry holds for a domain.
   *
   * @param domain the domain (no trailing dot)
   * @return a copy
   */
  public synchronized Set<Key> keys(String domain) {
    return Set.copyOf(keys.getOrDefault(domain, Set.of()));
  }

  /**
   * Replaces the DS data of a domain (test set-up).
   *
   * @param domain the domain
   * @param data the new set
   */
  public synchronized void setDs(String domain, Collection<Ds> data) {
    ds.put(domain, new LinkedHashSet<>(data));
  }

  /**
   * Returns why frames the simulator received were refused by the schemas (empty if all valid).
   *
   * @return a copy
   */
  public synchronized List<String> schemaErrors() {
    return List.copyOf(schemaErrors);
  }

  /**
   * Returns the commands received, in order: {@code hello}, {@code login}, {@code logout}, {@code
   * info}, {@code update}, or {@code invalid}.
   *
   * @return a copy
   */
  public synchronized List<String> commands() {
    return List.copyOf(commands);
  }

  /** Stops accepting and closes every connection. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    synchronized (this) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException e) {
          // closing anyway
        }
      }
    }
    threads.shutdownNow();
  }

  // ---- for SimConnection ----

  EppSchemas schemas() {
    return schemas;
  }

  Builder config() {
    return config;
  }

  String nextSvTrid() {
    return "SIM-" + svTrid.incrementAndGet();
  }

  synchronized void recordCommand(String name) {
    commands.add(name);
  }

  synchronized void recordSchemaError(String error) {
    schemaErrors.add(error);
  }

  synchronized @Nullable Fault nextFault() {
    return faults.poll();
  }

  synchronized boolean exists(String domain) {
    return ds.containsKey(domain);
  }

  synchronized Optional<String> apply(
      String domain,
      boolean removeAll,
      List<Ds> remDs,
      List<Key> remKeys,
      List<Ds> addDs,
      List<Key> addKeys) {
    boolean wantKeys = config.dataKind == DataKind.KEY;
    if (wantKeys
        ? !remDs.isEmpty() || !addDs.isEmpty()
        : !remKeys.isEmpty() || !addKeys.isEmpty()) {
      return Optional.of("this registry takes " + (wantKeys ? "keyData" : "dsData") + " only");
    }
    Set<Ds> d = Objects.requireNonNull(ds.get(domain));
    Set<Key> k = Objects.requireNonNull(keys.get(domain));
    if (removeAll) {
      d.clear();
      k.clear();
    }
    remDs.forEach(d::remove);
    remKeys.forEach(k::remove);
    d.addAll(addDs);
    k.addAll(addKeys);
    return Optional.empty();
  }

  /** Configures an {@link EppSimulator}. */
  public static final class Builder {
    private final Path dir;
    private @Nullable TestPki pki;
    private final List<X509Certificate> clientCas = new ArrayList<>();
    private List<String> serverNames = List.of("localhost", "127.0.0.1");
    private final List<String> domains = new ArrayList<>();
    String clientId = "platform";
    String password = "s3cret-pw";
    DataKind dataKind = DataKind.DS;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /**
     * Issues the server certificate from this CA (default: a fresh one).
     *
     * @param pki the CA
     * @return this builder
     */
    public Builder serverPki(TestPki pki) {
      this.pki = pki;
      return this;
    }

    /**
     * Names in the server certificate (default {@code localhost}, {@code 127.0.0.1}).
     *
     * @param names the subject alternative names
     * @return this builder
     */
    public Builder serverNames(String... names) {
      this.serverNames = List.of(names);
      return this;
    }

    /**
     * Trusts client certificates from this CA (at least one is needed to connect).
     *
     * @param ca the CA certificate
     * @return this builder
     */
    public Builder clientCa(X509Certificate ca) {
      clientCas.add(ca);
      return this;
    }

    /**
     * The one client's id and password (default {@code platform} / {@code s3cret-pw}).
     *
     * @param clientId the {@code clID}
     * @param password the password (6-16 characters)
     * @return this builder
     */
    public Builder credentials(String clientId, String password) {
      this.clientId = clientId;
      this.password = password;
      return this;
    }

    /**
     * How the registry takes DNSSEC data (default {@link DataKind#DS}).
     *
     * @param kind the kind
     * @return this builder
     */
    public Builder dataKind(DataKind kind) {
      this.dataKind = kind;
      return this;
    }

    /**
     * Adds a domain sponsored by the client, without DNSSEC data.
     *
     * @param name the domain (no trailing dot)
     * @return this builder
     */
    public Builder domain(String name) {
      domains.add(name);
      return this;
    }

    /**
     * Starts the simulator.
     *
     * @return the running simulator
     * @throws TestbedException if it cannot start
     */
    public EppSimulator start() {
      return new EppSimulator(this);
    }
  }
}
