/**
 * ZoneTrust DANE: TLSA records for web and mail (RFC 6698, RFC 7671, RFC 7672).
 *
 * <p>Exports the API package only; {@code org.zonetrust.dane.internal} holds the engine.
 */
module org.zonetrust.dane {
  requires transitive org.zonetrust.core;
  requires transitive org.dnsjava;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.provider;
  requires org.slf4j;
  requires static org.jspecify;

  exports org.zonetrust.dane;
}
