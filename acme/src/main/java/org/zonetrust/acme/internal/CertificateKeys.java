package org.zonetrust.acme.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.zonetrust.acme.CertificateKeyType;

/** Certificate key pairs and PKCS#10 requests (Bouncy Castle). */
public final class CertificateKeys {
  private CertificateKeys() {}

  /**
   * Generates a key pair of the type.
   *
   * @param type the key type
   * @return a new key pair
   */
  public static KeyPair generate(CertificateKeyType type) {
    try {
      if (type.isRsa()) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(new RSAKeyGenParameterSpec(type.bits(), RSAKeyGenParameterSpec.F4));
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(
          new ECGenParameterSpec(type == CertificateKeyType.EC_P384 ? "secp384r1" : "secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot generate " + type + " keys", e);
    }
  }

  /**
   * Builds a PKCS#10 request: subject CN the first name, a subjectAltName with every name.
   *
   * @param keyPair the certificate's key pair (signs the request)
   * @param names the DNS names, the first one becomes the CN
   * @return the DER-encoded request
   */
  public static byte[] csr(KeyPair keyPair, List<String> names) {
    try {
      X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
      subject.addRDN(BCStyle.CN, names.get(0));
      List<GeneralName> sans = new ArrayList<>();
      for (String n : names) {
        sans.add(new GeneralName(GeneralName.dNSName, n));
      }
      ExtensionsGenerator ext = new ExtensionsGenerator();
      ext.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(sans.toArray(new GeneralName[0])));
      JcaPKCS10CertificationRequestBuilder b =
          new JcaPKCS10CertificationRequestBuilder(subject.build(), keyPair.getPublic());
      b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
      String alg =
          switch (keyPair.getPrivate().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default ->
                throw new IllegalArgumentException(
                    "unsupported key algorithm " + keyPair.getPrivate().getAlgorithm());
          };
      PKCS10CertificationRequest csr =
          b.build(new JcaContentSignerBuilder(alg).build(keyPair.getPrivate()));
      return csr.getEncoded();
    } catch (IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot build the certificate signing request", e);
    }
  }
}
