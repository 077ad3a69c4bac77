package org.zonetrust.acme.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key pair as two PEM blocks ({@code PRIVATE KEY} in PKCS#8, {@code PUBLIC KEY} in X.509
 * SubjectPublicKeyInfo): how the account key is kept in the state store. Both halves are stored
 * because a PKCS#8 EC key need not carry its public point.
 */
public final class KeyPairPem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN (PRIVATE KEY|PUBLIC KEY)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private KeyPairPem() {}

  /**
   * Encodes a key pair.
   *
   * @param keyPair the key pair
   * @return the PEM text, US-ASCII bytes (a secret)
   */
  public static byte[] encode(KeyPair keyPair) {
    String pem =
        block("PRIVATE KEY", keyPair.getPrivate().getEncoded())
            + block("PUBLIC KEY", keyPair.getPublic().getEncoded());
    return pem.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * One PEM block (RFC 7468): the label, the DER in base64 lines of 64 characters.
   *
   * @param label e.g. {@code CERTIFICATE} or {@code PRIVATE KEY}
   * @param der the DER bytes
   * @return the block, ending with a newline
   */
  public static String block(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @param pem the PEM bytes
   * @param where the state store key, for the error message
   * @return the key pair
   * @throws IllegalArgumentException if the text is not a valid EC or RSA key pair (the message
   *     never contains key material)
   */
  public static KeyPair decode(byte[] pem, String where) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    byte[] priv = null;
    byte[] pub = null;
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        priv = der;
      } else {
        pub = der;
      }
    }
    if (priv == null || pub == null) {
      throw new IllegalArgumentException(
          where + " does not hold a PRIVATE KEY and a PUBLIC KEY PEM block");
    }
    for (String alg : new String[] {"EC", "RSA"}) {
      try {
        KeyFactory kf = KeyFactory.getInstance(alg);
        PublicKey publicKey = kf.generatePublic(new X509EncodedKeySpec(pub));
        PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(priv));
        return new KeyPair(publicKey, privateKey);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(where + " holds neither an EC nor an RSA key pair");
  }
}
