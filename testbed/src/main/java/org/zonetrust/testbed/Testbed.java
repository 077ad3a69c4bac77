package org.zonetrust.testbed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The running testbed: BIND (primary, signs {@code test.}), Knot (secondary), Unbound (validating
 * resolver) and Pebble (ACME CA), all on free ports of 127.0.0.1 and ::1.
 *
 * <p>One instance is shared by all tests of a JVM: get it as a parameter of a test class annotated
 * with {@link WithTestbed}, or from {@link #shared()}. It is stopped when the JVM's tests end.
 */
public final class Testbed {
  private final Servers servers;
  private final Zones zones;
  private final SignedZones signedZones;

  Testbed(Servers servers) {
    this.servers = servers;
    this.zones = new Zones(servers);
    this.signedZones = new SignedZones(servers, zones);
  }

  /**
   * The testbed shared by this JVM, started on first use (for code outside the JUnit extension,
   * e.g. jqwik properties).
   *
   * @return the running testbed
   * @throws TestbedException when a server is missing or does not start
   */
  public static Testbed shared() {
    return SharedTestbed.get();
  }

  /**
   * The IPv4 loopback address all servers listen on.
   *
   * @return 127.0.0.1
   */
  public InetAddress ipv4() {
    return Loopback.V4;
  }

  /**
   * The IPv6 loopback address the DNS servers also listen on.
   *
   * @return ::1
   */
  public InetAddress ipv6() {
    return Loopback.V6;
  }

  /**
   * BIND's DNS port (UDP and TCP, both addresses).
   *
   * @return the port
   */
  public int bindPort() {
    return servers.bind().port();
  }

  /**
   * Knot's DNS port (UDP and TCP, both addresses).
   *
   * @return the port
   */
  public int knotPort() {
    return servers.knot().port();
  }

  /**
   * Unbound's DNS port (UDP and TCP, both addresses).
   *
   * @return the port
   */
  public int unboundPort() {
    return servers.unbound().port();
  }

  /**
   * BIND, the primary for {@code test.} and the created zones.
   *
   * @return 127.0.0.1:{@link #bindPort()}
   */
  public InetSocketAddress bind() {
    return new InetSocketAddress(Loopback.V4, bindPort());
  }

  /**
   * BIND over IPv6.
   *
   * @return [::1]:{@link #bindPort()}
   */
  public InetSocketAddress bindIpv6() {
    return new InetSocketAddress(Loopback.V6, bindPort());
  }

  /**
   * Knot, the secondary for the created zones.
   *
   * @return 127.0.0.1:{@link #knotPort()}
   */
  public InetSocketAddress knot() {
    return new InetSocketAddress(Loopback.V4, knotPort());
  }

  /**
   * Knot over IPv6.
   *
   * @return [::1]:{@link #knotPort()}
   */
  public InetSocketAddress knotIpv6() {
    return new InetSocketAddress(Loopback.V6, knotPort());
  }

  /**
   * Unbound, the validating resolver trusting {@link #trustAnchorFile()}.
   *
   * @return 127.0.0.1:{@link #unboundPort()}
   */
  public InetSocketAddress unbound() {
    return new InetSocketAddress(Loopback.V4, unboundPort());
  }

  /**
   * Unbound over IPv6.
   *
   * @return [::1]:{@link #unboundPort()}
   */
  public InetSocketAddress unboundIpv6() {
    return new InetSocketAddress(Loopback.V6, unboundPort());
  }

  /**
   * The TSIG key's name, allowed to update the created zones and {@code test.}.
   *
   * @return the absolute key name
   */
  public String tsigKeyName() {
    return servers.tsig().name();
  }

  /**
   * The TSIG algorithm.
   *
   * @return {@code hmac-sha256}
   */
  public String tsigAlgorithm() {
    return servers.tsig().algorithm();
  }

  /**
   * The TSIG secret.
   *
   * @return the secret, base64
   */
  public String tsigSecret() {
    return servers.tsig().secret();
  }

  /**
   * The parent zone, signed by BIND; its KSK is Unbound's trust anchor.
   *
   * @return {@code test.}
   */
  public String parentZone() {
    return BindServer.PARENT;
  }

  /**
   * The name server name of BIND in the NS records.
   *
   * @return {@code ns1.test.}
   */
  public String primaryNameServer() {
    return "ns1.test.";
  }

  /**
   * The name server name of Knot in the NS records.
   *
   * @return {@code ns2.test.}
   */
  public String secondaryNameServer() {
    return "ns2.test.";
  }

  /**
   * Creates a child zone of {@code test.}: BIND primary (dynamic updates with the TSIG key for all
   * types), delegated from {@code test.} (insecure), Knot secondary (NOTIFY and TSIG transfers).
   * Returns when BIND and Knot both serve its SOA.
   *
   * @param label the wanted label; a suffix {@code -2}, {@code -3}... is added if it is taken
   * @return the absolute zone name, e.g. {@code acme.test.}
   * @throws TestbedException when the label is not a valid host label or a server fails
   */
  public String createZone(String label) {
    return zones.create(label);
  }

  /**
   * Serves a child zone of {@code test.} that was signed outside BIND (BIND refuses RRSIGs in
   * dynamic updates, so the zone goes in as a file): copies {@code signedZoneFile} into BIND's
   * directory, adds it with {@code rndc addzone} (static primary, no updates, no Knot secondary),
   * and adds {@code zone NS ns1.test.} plus the SHA-256 DS of every SEP DNSKEY at the file's apex
   * to {@code test.} by a TSIG-signed update. Without a SEP DNSKEY the delegation is insecure.
   * Returns when BIND serves the file's SOA serial and the signed DS, after flushing the zone from
   * Unbound's caches ({@code flush_zone}, {@code flush_bogus}, {@code flush_negative}).
   *
   * <p>The zone's own NS records should name {@code ns1.test.} (BIND); nothing checks that.
   *
   * @param zone the absolute zone name, one host label below {@code test.}, e.g. {@code
   *     signed.test.}; it must not be taken (the file is signed for exactly this name)
   * @param signedZoneFile a master file of the zone, relative names taken relative to {@code zone}
   * @throws TestbedException when the name is taken or not a child of {@code test.}, the file has
   *     no SOA, or a server fails
   */
  public void addSignedZone(String zone, Path signedZoneFile) {
    signedZones.add(zone, signedZoneFile, true);
  }

  /**
   * Like {@link #addSignedZone(String, Path)}, but with {@code addDs} false only the delegation
   * ({@code zone NS ns1.test.}) goes into {@code test.}: the caller publishes the DS itself (e.g.
   * through the registrar SPI's DNS UPDATE adapter with {@link #tsigKeyName()}), and until then the
   * delegation is insecure.
   *
   * @param zone the absolute zone name, one host label below {@code test.}, not yet taken
   * @param signedZoneFile a master file of the zone
   * @param addDs whether to add the DS of the file's SEP keys to {@code test.}
   * @throws TestbedException when the name is taken or not a child of {@code test.}, the file has
   *     no SOA, or a server fails
   */
  public void addSignedZone(String zone, Path signedZoneFile, boolean addDs) {
    signedZones.add(zone, signedZoneFile, addDs);
  }

  /**
   * Replaces the file of a zone added by {@link #addSignedZone} and makes BIND reload it ({@code
   * rndc reload ZONE}). Returns when BIND serves the new file's SOA serial, after flushing the zone
   * from Unbound's caches. The DS in {@code test.} is not changed.
   *
   * @param zone the zone given to {@link #addSignedZone}
   * @param signedZoneFile the new master file; its SOA serial must differ from the one served, so
   *     that the reload can be observed
   * @throws TestbedException when the zone was not added by {@link #addSignedZone}, the serial did
   *     not change, or a server fails
   */
  public void reloadSignedZone(String zone, Path signedZoneFile) {
    signedZones.reload(zone, signedZoneFile);
  }

  /**
   * The file BIND serves for a zone added by {@link #addSignedZone}: a publisher that writes this
   * file and runs {@link #rndcCommand rndcCommand("reload", zone)} replaces the zone as {@link
   * #reloadSignedZone} does (without its waiting and Unbound flushing).
   *
   * @param zone the zone given to {@link #addSignedZone}
   * @return the zone file in BIND's directory
   * @throws TestbedException when the zone was not added by {@link #addSignedZone}
   */
  public Path signedZoneFile(String zone) {
    return signedZones.file(zone);
  }

  /**
   * Adds a zone for which Knot is the primary: loaded from a copy of {@code zoneFile}, it accepts
   * RFC 2136 updates of any type (RRSIG, NSEC and NSEC3 included, since Knot does not sign it) and
   * zone transfers, both signed with {@link #tsigKeyName()}. It is not delegated from {@code test.}
   * and BIND does not serve it: ask {@link #knot()} directly. Returns when Knot serves its SOA.
   *
   * @param zone the absolute zone name, one host label below {@code test.}, not yet taken
   * @param zoneFile a master file of the zone (SOA and NS at least)
   * @throws TestbedException when the name is taken or not a child of {@code test.}, or knotc fails
   */
  public void addKnotPrimaryZone(String zone, Path zoneFile) {
    signedZones.addKnotPrimary(zone, zoneFile);
  }

  /**
   * Like {@link #reloadSignedZone}, but leaves Unbound's caches alone, as a real publication does
   * (a key rollover must stay valid for resolvers that cached the previous versions). Returns when
   * BIND serves the new file's SOA serial.
   *
   * @param zone the zone given to {@link #addSignedZone}
   * @param signedZoneFile the new master file, with a SOA serial other than the one served
   * @throws TestbedException when the zone was not added by {@link #addSignedZone}, the serial did
   *     not change, or a server fails
   */
  public void publishSignedZone(String zone, Path signedZoneFile) {
    signedZones.reload(zone, signedZoneFile, false);
  }

  /**
   * Makes Knot stop taking changes for {@code zone} ({@code knotc zone-freeze}), to show that
   * propagation waits for a lagging secondary.
   *
   * @param zone a zone made by {@link #createZone}
   * @throws TestbedException when knotc fails
   */
  public void holdSecondary(String zone) {
    zones.hold(zone);
  }

  /**
   * Undoes {@link #holdSecondary}: Knot thaws the zone and refreshes it from BIND.
   *
   * @param zone a zone made by {@link #createZone}
   * @throws TestbedException when knotc fails
   */
  public void releaseSecondary(String zone) {
    zones.release(zone);
  }

  /**
   * Asks {@code server} directly (no recursion) for the SOA serial of {@code zone}.
   *
   * @param server e.g. {@link #bind()} or {@link #knot()}
   * @param zone the zone name
   * @return the serial
   * @throws TestbedException when the server does not answer authoritatively with the SOA
   */
  public long soaSerial(InetSocketAddress server, String zone) {
    return Dns.soaSerial(server, zone)
        .orElseThrow(() -> new TestbedException(server + " does not serve the SOA of " + zone));
  }

  /**
   * Pebble's ACME directory.
   *
   * @return {@code https://127.0.0.1:PORT/dir}
   */
  public URI acmeDirectory() {
    return servers.pebble().directory();
  }

  /**
   * Pebble's management interface (e.g. {@code roots/0} for the CA that issues certificates).
   *
   * @return {@code https://127.0.0.1:PORT/}
   */
  public URI acmeManagement() {
    return servers.pebble().management();
  }

  /**
   * The CA that signed Pebble's HTTPS certificate, made by the testbed.
   *
   * @return the PEM file
   */
  public Path acmeServerCaPem() {
    return servers.ca().caPem();
  }

  /**
   * The CA of {@link #acmeServerCaPem()} as a trust store for Java clients.
   *
   * @return a new PKCS12 key store holding one certificate entry
   */
  public KeyStore acmeTrustStore() {
    return servers.ca().trustStore();
  }

  /**
   * The trust anchor Unbound uses: the DNSKEY line(s) of {@code test.}'s KSK.
   *
   * @return the file
   */
  public Path trustAnchorFile() {
    return servers.trustAnchor();
  }

  /**
   * The temporary directory holding configurations, keys, zone files, state and logs.
   *
   * @return the directory
   */
  public Path directory() {
    return servers.root();
  }

  /**
   * The directory with one log file per server ({@code named.log}, {@code knotd.log}...).
   *
   * @return the directory
   */
  public Path logDirectory() {
    return servers.root().resolve("logs");
  }

  /**
   * How long starting all servers took.
   *
   * @return the wall-clock time from first config to last readiness check
   */
  public Duration startupTime() {
    return servers.startupTime();
  }

  /**
   * Runs {@code rndc} against our named.
   *
   * @param args rndc arguments, e.g. {@code "reload", "acme.test."}
   * @return rndc's standard output
   * @throws TestbedException when rndc fails
   */
  public String rndc(String... args) {
    return servers.bind().rndc(List.of(args));
  }

  /**
   * The command line that runs {@code rndc} against our named, for code that runs it itself (e.g. a
   * zone publisher's reload command).
   *
   * @param args rndc arguments, e.g. {@code "reload", "acme.test."}
   * @return the absolute rndc binary, {@code -c} and our rndc.conf, then {@code args}
   */
  public List<String> rndcCommand(String... args) {
    return servers.bind().rndcCommand(List.of(args));
  }

  /**
   * Runs {@code knotc} against our knotd.
   *
   * @param args knotc arguments, e.g. {@code "zone-status"}
   * @return knotc's standard output
   * @throws TestbedException when knotc fails
   */
  public String knotc(String... args) {
    return servers.knot().knotc(List.of(args));
  }

  /**
   * Runs {@code unbound-control} against our unbound.
   *
   * @param args arguments, e.g. {@code "flush_zone", "test."}
   * @return its standard output
   * @throws TestbedException when it fails
   */
  public String unboundControl(String... args) {
    return servers.unbound().control(List.of(args));
  }

  /**
   * Starts a real Postfix that delivers with DANE ({@code smtp_tls_security_level = dane}) through
   * its own validating Unbound on {@code 127.0.0.N:53}, in a private mount namespace (needs root).
   * Each routed domain gets the transport {@code smtp:DOMAIN:PORT}: Postfix looks up the domain's
   * MX, and the TLSA at {@code _PORT._tcp.<mx host>}. The MX hosts must not resolve to 127.0.0.1,
   * Postfix's own address (use 127.0.0.2, ...). Close it when done; the testbed closes it at the
   * end otherwise.
   *
   * @param routes recipient domain (e.g. {@code mail.test.}) to the port its MX hosts listen on
   * @return the running Postfix
   * @throws TestbedException when Postfix or its resolver does not start
   */
  public PostfixServer startPostfix(Map<String, Integer> routes) {
    return servers.startPostfix(routes);
  }

  /**
   * Starts another Pebble, next to the shared one, with extra environment variables: for example
   * {@code Map.of("PEBBLE_WFE_NONCEREJECT", "50")} to have half of all nonces rejected with {@code
   * badNonce}. It validates through the same BIND, and its HTTPS certificate is signed by the same
   * CA ({@link #acmeTrustStore()}). Its log is {@code logs/pebble-N.log}. Close it when done; the
   * testbed closes it at the end otherwise.
   *
   * @param environment variables added to {@code PEBBLE_VA_NOSLEEP=1} and {@code
   *     PEBBLE_WFE_NONCEREJECT=0} (overriding them if named)
   * @return the running Pebble
   * @throws TestbedException when Pebble does not start
   */
  public ExtraPebble startPebble(Map<String, String> environment) {
    return servers.startPebble(environment, Map.of());
  }

  /**
   * Like {@link #startPebble(Map)}, but this Pebble sends its DNS queries to the testbed's
   * validating Unbound (a recursive resolver, as a real CA uses) instead of asking BIND directly. A
   * challenge delegated by {@code _acme-challenge} CNAME to a separate validation zone validates
   * through this Pebble; the shared one, asking BIND directly, reports "No TXT records found" for
   * it. Unbound caches answers for up to 5 seconds: use names that were not asked for just before.
   *
   * @param environment extra environment variables, as for {@link #startPebble(Map)}
   * @return the running Pebble
   * @throws TestbedException when Pebble does not start
   */
  public ExtraPebble startPebbleResolvingThroughUnbound(Map<String, String> environment) {
    return servers.startPebble(environment, Map.of(), servers.unbound().port());
  }

  /**
   * Like {@link #startPebble(Map)}, but the Pebble requires External Account Binding (RFC 8555
   * section 7.3.4) with one of the given keys.
   *
   * @param environment extra environment variables, as for {@link #startPebble(Map)}
   * @param externalAccountMacKeys key id to HMAC key (base64url, no padding), at least one
   * @return the running Pebble
   * @throws TestbedException when Pebble does not start
   * @throws IllegalArgumentException if no key is given
   */
  public ExtraPebble startPebble(
      Map<String, String> environment, Map<String, String> externalAccountMacKeys) {
    if (externalAccountMacKeys.isEmpty()) {
      throw new IllegalArgumentException("give at least one EAB key, or use startPebble(env)");
    }
    return servers.startPebble(environment, externalAccountMacKeys);
  }

  Servers servers() {
    return servers;
  }

  /** Stops every server (SIGTERM, then SIGKILL). */
  void stop() {
    servers.stop();
  }

  @Override
  public String toString() {
    return "Testbed[bind="
        + bindPort()
        + ", knot="
        + knotPort()
        + ", unbound="
        + unboundPort()
        + ", acme="
        + acmeDirectory()
        + ", dir="
        + directory()
        + "]";
  }
}
