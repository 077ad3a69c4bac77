package org.zonetrust.dnssec;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.zonetrust.dnssec.internal.CryptoProviders;
import org.zonetrust.dnssec.internal.KeyEncoding;
import org.zonetrust.dnssec.internal.SignaturePool;

/**
 * One DNSSEC key pair of a zone: its algorithm, role, DNSKEY record, key tag and DS, and the
 * private key that signs.
 *
 * <p>Instances are immutable and thread-safe; {@link #sign(byte[])} may be called from many threads
 * at once. {@link #toString()} names the zone, role, algorithm and key tag, never key material.
 *
 * <p>A key signs with the provider chosen by {@link SigningProvider#AUTO} unless {@link
 * #withProvider(SigningProvider)} says otherwise; {@link #providerName()} tells which one signs.
 * ECDSA signatures are randomised unless {@link #withDeterministicEcdsa()} asks for RFC 6979. Keys
 * are read from and written to BIND's key files by {@link BindKeyFiles}.
 */
public final class SigningKey {
  private final Name zone;
  private final DnssecAlgorithm algorithm;
  private final KeyRole role;
  private final DNSKEYRecord dnskey;
  private final PrivateKey privateKey;
  private final SigningProvider requestedProvider;
  private final boolean deterministicEcdsa;
  private final KeyTiming timing;
  private final SignaturePool signer;

  private SigningKey(
      Name zone,
      DnssecAlgorithm algorithm,
      KeyRole role,
      DNSKEYRecord dnskey,
      PrivateKey key,
      SigningProvider requestedProvider,
      boolean deterministicEcdsa,
      KeyTiming timing) {
    this.zone = zone;
    this.algorithm = algorithm;
    this.role = role;
    this.dnskey = dnskey;
    this.privateKey = key;
    this.requestedProvider = requestedProvider;
    this.deterministicEcdsa = deterministicEcdsa;
    this.timing = timing;
    this.signer = CryptoProviders.pool(requestedProvider, algorithm, deterministicEcdsa, key);
  }

  /**
   * Generates a new key; RSA keys get 2048 bits.
   *
   * @param zone the zone the key belongs to (absolute)
   * @param algorithm the algorithm
   * @param role what the key signs
   * @return the new key, with a DNSKEY TTL of 3600 seconds
   */
  public static SigningKey generate(Name zone, DnssecAlgorithm algorithm, KeyRole role) {
    return generate(zone, algorithm, role, 2048);
  }

  /**
   * Generates a new key.
   *
   * @param zone the zone the key belongs to (absolute)
   * @param algorithm the algorithm
   * @param role what the key signs
   * @param rsaBits the modulus size for RSA keys (2048 to 4096); ignored for other algorithms
   * @return the new key, with a DNSKEY TTL of 3600 seconds
   */
  public static SigningKey generate(
      Name zone, DnssecAlgorithm algorithm, KeyRole role, int rsaBits) {
    requireAbsolute(zone);
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(role, "role");
    if (algorithm == DnssecAlgorithm.RSASHA256 && (rsaBits < 2048 || rsaBits > 4096)) {
      throw new IllegalArgumentException(
          "RSA keys must have 2048 to 4096 bits (RFC 8624), not " + rsaBits);
    }
    try {
      KeyPairGenerator g =
          KeyPairGenerator.getInstance(
              switch (algorithm) {
                case RSASHA256 -> "RSA";
                case ECDSAP256SHA256, ECDSAP384SHA384 -> "EC";
                case ED25519 -> "Ed25519";
                case ED448 -> "Ed448";
              });
      switch (algorithm) {
        case RSASHA256 ->
            g.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4));
        case ECDSAP256SHA256 -> g.initialize(new ECGenParameterSpec("secp256r1"));
        case ECDSAP384SHA384 -> g.initialize(new ECGenParameterSpec("secp384r1"));
        case ED25519, ED448 -> {}
      }
      KeyPair pair = g.generateKeyPair();
      return of(zone, algorithm, role, pair.getPublic(), pair.getPrivate(), 3600);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
    }
  }

  /**
   * Wraps an existing key pair.
   *
   * @param zone the zone the key belongs to (absolute)
   * @param algorithm the algorithm
   * @param role what the key signs
   * @param publicKey the public key
   * @param privateKey the matching private key
   * @param dnskeyTtl the TTL of the DNSKEY record
   * @return the key
   */
  public static SigningKey of(
      Name zone,
      DnssecAlgorithm algorithm,
      KeyRole role,
      PublicKey publicKey,
      PrivateKey privateKey,
      long dnskeyTtl) {
    requireAbsolute(zone);
    DNSKEYRecord record =
        new DNSKEYRecord(
            zone,
            DClass.IN,
            dnskeyTtl,
            role.flags(),
            DNSKEYRecord.Protocol.DNSSEC,
            algorithm.code(),
            KeyEncoding.toDnskey(algorithm, publicKey));
    return new SigningKey(
        zone, algorithm, role, record, privateKey, SigningProvider.AUTO, false, KeyTiming.NONE);
  }

  /**
   * Returns the same key signing with another provider.
   *
   * @param provider which provider signs
   * @return a key with the same material, role and timing
   * @throws IllegalStateException if {@link SigningProvider#ACCP} is asked for and cannot load
   */
  public SigningKey withProvider(SigningProvider provider) {
    Objects.requireNonNull(provider, "provider");
    return new SigningKey(
        zone, algorithm, role, dnskey, privateKey, provider, deterministicEcdsa, timing);
  }

  /**
   * Returns the same key making deterministic ECDSA signatures (RFC 6979): signing the same data
   * twice gives the same bytes, so signed zones can be reproduced and compared. Bouncy Castle signs
   * them, whatever the provider choice. RSA and EdDSA signatures are deterministic anyway; for them
   * this changes nothing.
   *
   * @return a key with the same material, role, timing and provider choice
   */
  public SigningKey withDeterministicEcdsa() {
    return new SigningKey(
        zone, algorithm, role, dnskey, privateKey, requestedProvider, true, timing);
  }

  /**
   * Returns the same key with other timing metadata (kept in BIND's key files).
   *
   * @param timing the timing
   * @return a key with the same material, role and provider choice
   */
  public SigningKey withTiming(KeyTiming timing) {
    Objects.requireNonNull(timing, "timing");
    return new SigningKey(
        zone, algorithm, role, dnskey, privateKey, requestedProvider, deterministicEcdsa, timing);
  }

  /**
   * Returns the zone this key belongs to.
   *
   * @return the zone apex name
   */
  public Name zone() {
    return zone;
  }

  /**
   * Returns the algorithm.
   *
   * @return the algorithm
   */
  public DnssecAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the role.
   *
   * @return the role
   */
  public KeyRole role() {
    return role;
  }

  /**
   * Returns the key tag (RFC 4034 appendix B) that RRSIG and DS records use to name this key.
   *
   * @return the key tag, 0 to 65535
   */
  public int keyTag() {
    return dnskey.getFootprint();
  }

  /**
   * Returns the DNSKEY record for this key.
   *
   * @return the DNSKEY record, owned by the zone apex
   */
  public DNSKEYRecord dnskey() {
    return dnskey;
  }

  /**
   * Returns the DS record that points to this key, as the parent publishes it.
   *
   * @param type the digest algorithm
   * @param ttl the TTL of the DS record
   * @return the DS record
   */
  public DSRecord ds(DigestType type, long ttl) {
    return new DSRecord(zone, DClass.IN, ttl, type.code(), dnskey);
  }

  /**
   * Signs data and returns the signature in DNSSEC wire format (RSA: PKCS#1 v1.5; ECDSA: {@code r
   * || s}, each padded to the curve size; EdDSA: the raw signature).
   *
   * @param data the data to sign: the RRSIG RDATA without its signature, then the RRset in
   *     canonical form (RFC 4034 section 3.1.8.1)
   * @return the signature field of the RRSIG record
   * @throws DnssecException if the crypto provider fails
   */
  public byte[] sign(byte[] data) throws DnssecException {
    try {
      return signer.sign(data);
    } catch (GeneralSecurityException e) {
      throw new DnssecException("cannot sign with " + this, e);
    }
  }

  /**
   * Returns the name of the JCA provider that actually signs with this key ({@code BC} for Bouncy
   * Castle, {@code AmazonCorrettoCryptoProvider} for ACCP).
   *
   * @return the provider name, for logs and benchmark output
   */
  public String providerName() {
    return signer.providerName();
  }

  /**
   * Returns the provider choice this key was made with.
   *
   * @return the choice; {@link #providerName()} tells what it resolved to
   */
  public SigningProvider signingProvider() {
    return requestedProvider;
  }

  /**
   * Tells whether ECDSA signatures are deterministic (RFC 6979).
   *
   * @return true after {@link #withDeterministicEcdsa()}
   */
  public boolean deterministicEcdsa() {
    return deterministicEcdsa;
  }

  /**
   * Returns the key's timing metadata.
   *
   * @return the timing; {@link KeyTiming#NONE} for a key generated in memory
   */
  public KeyTiming timing() {
    return timing;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "SigningKey[" + zone + " " + role + " " + algorithm + " tag " + keyTag() + "]";
  }

  private static void requireAbsolute(Name zone) {
    Objects.requireNonNull(zone, "zone");
    if (!zone.isAbsolute()) {
      throw new IllegalArgumentException("zone name must be absolute (end with a dot): " + zone);
    }
  }
}
