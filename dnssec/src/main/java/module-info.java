/**
 * ZoneTrust DNSSEC: signing keys (BIND key files), zone signing with NSEC or NSEC3, incremental
 * re-signing and zone verification.
 *
 * <p>Exports the API package only; {@code org.zonetrust.dnssec.internal} holds the engine. The
 * Amazon Corretto Crypto Provider is an optional accelerator: it is used when present on the class
 * or module path and its native library loads, never required.
 */
module org.zonetrust.dnssec {
  requires transitive org.zonetrust.core;
  requires transitive org.dnsjava;
  requires org.bouncycastle.provider;
  requires org.slf4j;
  requires static transitive org.jspecify;
  requires static com.amazon.corretto.crypto.provider;

  exports org.zonetrust.dnssec;
}
