package org.zonetrust.dane.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Key and CSR handling for TLSA: SubjectPublicKeyInfo extraction and digests. */
public final class KeyMaterial {
  private KeyMaterial() {}

  /**
   * Derives the public key of a private key (RSA CRT, EC, Ed25519), as DER SubjectPublicKeyInfo.
   *
   * @param key the private key; never logged or echoed in messages
   * @return the DER SubjectPublicKeyInfo of the matching public key
   * @throws GeneralSecurityException if the key type is not supported
   */
  public static byte[] spkiOf(PrivateKey key) throws GeneralSecurityException {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        BigInteger n = rsa.getModulus();
        PublicKey pub =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(n, rsa.getPublicExponent()));
        return pub.getEncoded();
      }
      byte[] pkcs8 = key.getEncoded();
      if (pkcs8 == null) {
        throw new GeneralSecurityException(
            key.getAlgorithm() + " private key is not exportable (PKCS#8): give its public key");
      }
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
      if (EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
        byte[] raw = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        byte[] pub = new Ed25519PrivateKeyParameters(raw, 0).generatePublicKey().getEncoded();
        return new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), pub)
            .getEncoded();
      }
      if (PrivateKeyFactory.createKey(info) instanceof ECPrivateKeyParameters ec) {
        ECDomainParameters dp = ec.getParameters();
        ECPoint q = dp.getG().multiply(ec.getD()).normalize();
        SubjectPublicKeyInfo spki =
            SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                new ECPublicKeyParameters(q, dp));
        // keep the named-curve parameters of the private key, as the certificate has them
        return new SubjectPublicKeyInfo(
                info.getPrivateKeyAlgorithm(), spki.getPublicKeyData().getBytes())
            .getEncoded();
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new GeneralSecurityException(
          "cannot read the " + key.getAlgorithm() + " private key's structure", e);
    }
    throw new GeneralSecurityException(
        "cannot derive a public key from a "
            + key.getAlgorithm()
            + " private key: supported are RSA (CRT), EC and Ed25519; give the public key instead");
  }

  /**
   * The DER SubjectPublicKeyInfo of a PKCS#10 certificate signing request.
   *
   * @param der the CSR in DER form
   * @return the DER SubjectPublicKeyInfo it requests a certificate for
   * @throws GeneralSecurityException if the CSR cannot be parsed or its signature is wrong
   */
  public static byte[] spkiOfCsr(byte[] der) throws GeneralSecurityException {
    try {
      PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
      SubjectPublicKeyInfo spki = csr.getSubjectPublicKeyInfo();
      // parse it as a JCA key too: rejects a CSR whose key is malformed
      KeyFactory.getInstance(keyAlgorithm(spki))
          .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
      return spki.getEncoded();
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new GeneralSecurityException("not a PKCS#10 certificate signing request", e);
    }
  }

  private static String keyAlgorithm(SubjectPublicKeyInfo spki) {
    String oid = spki.getAlgorithm().getAlgorithm().getId();
    return switch (oid) {
      case "1.2.840.113549.1.1.1" -> "RSA";
      case "1.2.840.10045.2.1" -> "EC";
      case "1.3.101.112" -> "Ed25519";
      case "1.3.101.113" -> "Ed448";
      default -> oid;
    };
  }

  /**
   * Applies a TLSA matching type.
   *
   * @param matchingType 0 (full), 1 (SHA-256) or 2 (SHA-512)
   * @param data the selected data
   * @return the certificate association data
   */
  public static byte[] match(int matchingType, byte[] data) {
    try {
      return switch (matchingType) {
        case 0 -> data.clone();
        case 1 -> MessageDigest.getInstance("SHA-256").digest(data);
        case 2 -> MessageDigest.getInstance("SHA-512").digest(data);
        default -> throw new IllegalArgumentException("matching type " + matchingType);
      };
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime has SHA-256 and SHA-512", e);
    }
  }
}
