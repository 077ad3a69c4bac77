package org.zonetrust.registrar.email.internal;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.jspecify.annotations.Nullable;
import org.zonetrust.registrar.RegistrarConfig;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.email.EmailSettings;

/**
 * Signs a MIME body part as S/MIME {@code multipart/signed} (RFC 8551, RFC 1847) with a detached
 * CMS signature made by Bouncy Castle. The key is held for the updater's life and never printed.
 */
final class SmimeSigner {
  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final String signatureAlgorithm;
  private final Provider bc = new BouncyCastleProvider();
  private final Clock clock;

  private SmimeSigner(PrivateKey key, List<X509Certificate> chain, Clock clock)
      throws RegistrarException {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.clock = clock;
    this.signatureAlgorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default ->
              throw new RegistrarException(
                  RegistrarException.Reason.CONFIGURATION,
                  "S/MIME signing key has unsupported algorithm "
                      + key.getAlgorithm()
                      + " (RSA or EC)");
        };
  }

  /**
   * Loads the signer the configuration asks for.
   *
   * @return the signer, or empty when no S/MIME key store is set
   */
  static Optional<SmimeSigner> from(RegistrarConfig config) throws RegistrarException {
    Optional<KeyStore> store = config.setting(EmailSettings.SMIME_KEY_STORE, KeyStore.class);
    if (store.isEmpty()) {
      return Optional.empty();
    }
    @Nullable String alias =
        config.setting(EmailSettings.SMIME_KEY_ALIAS, String.class).orElse(null);
    char[] password =
        config
            .secrets()
            .secret(EmailSettings.SMIME_KEY_PASSWORD)
            .orElseThrow(
                () ->
                    new RegistrarException(
                        RegistrarException.Reason.CONFIGURATION,
                        "S/MIME signing needs the secret " + EmailSettings.SMIME_KEY_PASSWORD));
    try {
      KeyStore ks = store.get();
      String chosen = alias == null ? onlyKeyAlias(ks) : alias;
      if (!ks.isKeyEntry(chosen)) {
        throw new RegistrarException(
            RegistrarException.Reason.CONFIGURATION,
            "the S/MIME key store has no private key under alias " + chosen);
      }
      PrivateKey key = (PrivateKey) ks.getKey(chosen, password);
      Certificate[] certs = ks.getCertificateChain(chosen);
      if (key == null || certs == null || certs.length == 0) {
        throw new RegistrarException(
            RegistrarException.Reason.CONFIGURATION,
            "the S/MIME key entry " + chosen + " has no key or no certificate chain");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : certs) {
        chain.add((X509Certificate) c);
      }
      return Optional.of(new SmimeSigner(key, chain, config.clock()));
    } catch (GeneralSecurityException e) {
      // the cause names no secret: key store exceptions say "wrong password", not the password
      throw new RegistrarException(
          RegistrarException.Reason.CONFIGURATION,
          "cannot read the S/MIME signing key (wrong " + EmailSettings.SMIME_KEY_PASSWORD + "?)",
          null,
          e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static String onlyKeyAlias(KeyStore ks)
      throws GeneralSecurityException, RegistrarException {
    List<String> keys = new ArrayList<>();
    for (String a : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(a)) {
        keys.add(a);
      }
    }
    if (keys.size() != 1) {
      throw new RegistrarException(
          RegistrarException.Reason.CONFIGURATION,
          "the S/MIME key store holds "
              + keys.size()
              + " private keys: name one with the setting "
              + EmailSettings.SMIME_KEY_ALIAS);
    }
    return keys.get(0);
  }

  /** The signer's certificate (first of the chain). */
  X509Certificate certificate() {
    return chain.get(0);
  }

  /**
   * Wraps a body part in a {@code multipart/signed} whose first part is exactly the bytes signed.
   *
   * @param content the part to sign
   * @return the signed multipart
   */
  MimeMultipart sign(MimeBodyPart content) throws MessagingException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      content.writeTo(out);
      byte[] signed = out.toByteArray();
      byte[] signature = detachedSignature(signed);

      MimeMultipart multipart = new SignedMultipart();
      multipart.addBodyPart(new MimeBodyPart(new ByteArrayInputStream(signed)));
      MimeBodyPart sig = new MimeBodyPart();
      sig.setDataHandler(
          new DataHandler(
              new ByteArrayDataSource(signature, "application/pkcs7-signature; name=smime.p7s")));
      sig.setHeader("Content-Type", "application/pkcs7-signature; name=smime.p7s");
      sig.setHeader("Content-Transfer-Encoding", "base64");
      sig.setDisposition("attachment; filename=smime.p7s");
      sig.setDescription("S/MIME Cryptographic Signature");
      multipart.addBodyPart(sig);
      return multipart;
    } catch (IOException e) {
      throw new MessagingException("cannot write the part to sign", e);
    }
  }

  private byte[] detachedSignature(byte[] content) throws MessagingException {
    try {
      ASN1EncodableVector attrs = new ASN1EncodableVector();
      attrs.add(
          new Attribute(
              CMSAttributes.signingTime, new DERSet(new Time(Date.from(clock.instant())))));
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(
          new JcaSimpleSignerInfoGeneratorBuilder()
              .setProvider(bc)
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(new AttributeTable(attrs)))
              .build(signatureAlgorithm, key, chain.get(0)));
      gen.addCertificates(new JcaCertStore(chain));
      return gen.generate(new CMSProcessableByteArray(content), false).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
      throw new MessagingException("S/MIME signing failed (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** {@code multipart/signed} with the parameters RFC 8551 section 3.5.3 asks for. */
  private static final class SignedMultipart extends MimeMultipart {
    SignedMultipart() throws ParseException {
      super("signed");
      ContentType ct = new ContentType(contentType);
      ct.setParameter("protocol", "application/pkcs7-signature");
      ct.setParameter("micalg", "sha-256");
      contentType = ct.toString();
    }
  }
}
