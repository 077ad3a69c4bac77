/**
 * ZoneTrust ACME: DNS-01 certificates (RFC 8555, wildcards included) on acme4j.
 *
 * <p>Exports the API package only; {@code org.zonetrust.acme.internal} holds the engine.
 */
module org.zonetrust.acme {
  requires transitive org.zonetrust.core;
  requires transitive org.dnsjava;
  requires org.shredzone.acme4j;
  requires java.net.http;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.slf4j;
  requires static org.jspecify;
  requires static com.github.spotbugs.annotations;

  exports org.zonetrust.acme;
}
