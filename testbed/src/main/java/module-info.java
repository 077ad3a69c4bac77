/**
 * ZoneTrust testbed: a JUnit 5 extension that starts real DNS and ACME servers on loopback for the
 * integration tests of every ZoneTrust module.
 */
module org.zonetrust.testbed {
  requires transitive org.junit.jupiter.api;
  requires transitive org.dnsjava;
  requires org.slf4j;
  requires java.net.http;
  requires jdk.httpserver;
  requires transitive java.xml;
  requires static transitive org.jspecify;

  exports org.zonetrust.testbed;
  exports org.zonetrust.testbed.acme;
  exports org.zonetrust.testbed.epp;
  exports org.zonetrust.testbed.tls;
}
