package org.zonetrust.dane;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * What a PEM file gives for TLSA: a certificate chain (leaf first), a public key, a private key
 * (only its public key is kept) or a PKCS#10 CSR, told apart by the PEM label. A file with
 * certificates and a private key (a combined PEM) is read as its certificate chain.
 *
 * @param kind what the file held
 * @param chain the certificates in file order, leaf first (empty unless {@code kind} is {@link
 *     Kind#CERTIFICATE_CHAIN})
 * @param source the key or certificate the TLSA records are made from (the leaf for a chain)
 */
public record TlsaPemInput(Kind kind, List<X509Certificate> chain, TlsaSource source) {
  /** The largest PEM text accepted (a long chain is a few kilobytes). */
  public static final int MAX_CHARS = 1 << 20;

  /** What a PEM file held. */
  public enum Kind {
    /** {@code CERTIFICATE} blocks: a chain, leaf first. */
    CERTIFICATE_CHAIN,
    /** A {@code PUBLIC KEY} block (SubjectPublicKeyInfo). */
    PUBLIC_KEY,
    /** A {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY} block. */
    PRIVATE_KEY,
    /** A {@code CERTIFICATE REQUEST} (or {@code NEW CERTIFICATE REQUEST}) block. */
    CERTIFICATE_REQUEST
  }

  /**
   * Copies the chain.
   *
   * @param kind what the file held
   * @param chain the certificates
   * @param source the TLSA source
   */
  public TlsaPemInput {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    chain = List.copyOf(chain);
  }

  /**
   * Reads PEM text. Error messages name the input and the PEM object, never key material.
   *
   * @param text the PEM text
   * @param inputName the file name, for messages
   * @return what the text held
   * @throws DaneException if the text holds nothing usable, an encrypted key, several keys, or
   *     malformed data
   */
  public static TlsaPemInput parse(String text, String inputName) throws DaneException {
    if (text.length() > MAX_CHARS) {
      throw new DaneException(inputName + " is larger than " + MAX_CHARS + " characters");
    }
    List<X509Certificate> certs = new ArrayList<>();
    List<TlsaPemInput> others = new ArrayList<>();
    JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
    int index = 0;
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        index++;
        if (o instanceof X509CertificateHolder c) {
          certs.add(new JcaX509CertificateConverter().getCertificate(c));
        } else if (o instanceof SubjectPublicKeyInfo spki) {
          others.add(of(Kind.PUBLIC_KEY, TlsaSource.of(keys.getPublicKey(spki))));
        } else if (o instanceof PrivateKeyInfo pki) {
          others.add(of(Kind.PRIVATE_KEY, TlsaSource.of(keys.getPrivateKey(pki))));
        } else if (o instanceof PEMKeyPair pair) {
          SubjectPublicKeyInfo pub = pair.getPublicKeyInfo();
          others.add(
              of(
                  Kind.PRIVATE_KEY,
                  pub != null
                      ? TlsaSource.of(keys.getPublicKey(pub))
                      : TlsaSource.of(keys.getPrivateKey(pair.getPrivateKeyInfo()))));
        } else if (o instanceof PKCS10CertificationRequest csr) {
          others.add(of(Kind.CERTIFICATE_REQUEST, TlsaSource.ofCsr(csr.getEncoded())));
        } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new DaneException(
              inputName
                  + ": PEM object "
                  + index
                  + " is an encrypted private key: give the certificate, the public key or a CSR"
                  + " instead (or decrypt the key)");
        } else {
          throw new DaneException(
              inputName
                  + ": PEM object "
                  + index
                  + " ("
                  + o.getClass().getSimpleName()
                  + ") is not a certificate, public key, private key or CSR");
        }
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new DaneException(
          inputName
              + ": PEM object "
              + (index + 1)
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ")",
          null);
    }
    if (!certs.isEmpty()) {
      return new TlsaPemInput(Kind.CERTIFICATE_CHAIN, certs, TlsaSource.of(certs.get(0)));
    }
    if (others.isEmpty()) {
      throw new DaneException(
          inputName
              + " holds no PEM certificate, public key, private key or CSR (-----BEGIN ...-----)");
    }
    if (others.size() > 1) {
      throw new DaneException(
          inputName + " holds " + others.size() + " keys or CSRs: give one per file");
    }
    return others.get(0);
  }

  private static TlsaPemInput of(Kind kind, TlsaSource source) {
    return new TlsaPemInput(kind, List.of(), source);
  }
}
