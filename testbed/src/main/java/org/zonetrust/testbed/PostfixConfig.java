package org.zonetrust.testbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The configuration files of a test Postfix: main.cf, master.cf and its resolv.conf. */
final class PostfixConfig {
  /** The name Postfix gives itself; not the MX of any test zone, so no mail loops back to it. */
  static final String MY_HOSTNAME = "postfix.zonetrust.invalid";

  private PostfixConfig() {}

  /**
   * main.cf: loopback only, no local delivery, DANE for every SMTP delivery with DNSSEC lookups,
   * one transport per routed domain ({@code domain smtp:domain:PORT}, no brackets, so Postfix looks
   * up the MX records and the TLSA at {@code _PORT._tcp.<mx host>}).
   */
  static String mainCf(Path dir, Path logFile, Map<String, Integer> routes) {
    List<String> transports = new ArrayList<>();
    routes.forEach(
        (domain, port) -> {
          String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
          transports.add(name + "=smtp:" + name + ":" + port);
        });
    return String.join(
        "\n",
        "compatibility_level = 3.6",
        "queue_directory = " + dir.resolve("queue"),
        "data_directory = " + dir.resolve("data"),
        "mail_owner = postfix",
        "setgid_group = postdrop",
        "myhostname = " + MY_HOSTNAME,
        "mydomain = zonetrust.invalid",
        "myorigin = $myhostname",
        "mydestination =",
        "relay_domains =",
        // 127.0.0.1 is Postfix's own address: an MX on it would be "mail loops back to myself"
        "inet_interfaces = 127.0.0.1",
        "inet_protocols = ipv4",
        "mynetworks = 127.0.0.0/8",
        "smtpd_relay_restrictions = permit_mynetworks, reject",
        "alias_maps =",
        "alias_database =",
        "local_recipient_maps =",
        "biff = no",
        "maillog_file_prefixes = " + logFile.getParent(),
        "maillog_file = " + logFile,
        "smtp_dns_support_level = dnssec",
        "smtp_tls_security_level = dane",
        "smtp_tls_loglevel = 1",
        "smtp_address_preference = ipv4",
        "smtp_connection_cache_on_demand = no",
        "smtp_connect_timeout = 5s",
        // the default probe asks for the root's NS, which the testbed's resolver does not know
        "dnssec_probe = soa:test.",
        "transport_maps = inline:{ " + String.join(", ", transports) + " }",
        "");
  }

  /** master.cf: the services of Debian's default, unchrooted, smtpd on the given port. */
  static String masterCf(int smtpdPort) {
    return String.join(
        "\n",
        "127.0.0.1:" + smtpdPort + " inet n - n - - smtpd",
        "pickup    unix  n - n 60    1 pickup",
        "cleanup   unix  n - n -     0 cleanup",
        "qmgr      unix  n - n 300   1 qmgr",
        "tlsmgr    unix  - - n 1000? 1 tlsmgr",
        "rewrite   unix  - - n -     - trivial-rewrite",
        "bounce    unix  - - n -     0 bounce",
        "defer     unix  - - n -     0 bounce",
        "trace     unix  - - n -     0 bounce",
        "verify    unix  - - n -     1 verify",
        "flush     unix  n - n 1000? 0 flush",
        "proxymap  unix  - - n -     - proxymap",
        "proxywrite unix - - n -     1 proxymap",
        "smtp      unix  - - n -     - smtp",
        "relay     unix  - - n -     - smtp",
        "showq     unix  n - n -     - showq",
        "error     unix  - - n -     - error",
        "retry     unix  - - n -     - error",
        "discard   unix  - - n -     - discard",
        "anvil     unix  - - n -     1 anvil",
        "scache    unix  - - n -     1 scache",
        "postlog   unix-dgram n - n - 1 postlogd",
        "");
  }

  /**
   * resolv.conf for Postfix's mount namespace: the resolver's address (port 53 is implied), EDNS0
   * for DNSSEC, and {@code trust-ad} because glibc otherwise clears the AD bit Postfix relies on.
   */
  static String resolvConf(String resolverAddress) {
    return "nameserver " + resolverAddress + "\noptions edns0 trust-ad\n";
  }
}
