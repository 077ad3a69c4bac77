package org.zonetrust.dnssec.internal;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.zonetrust.dnssec.DnssecAlgorithm;

/**
 * Private key material as BIND's {@code .private} files hold it (unsigned big-endian integers for
 * RSA, the scalar for ECDSA, the seed for EdDSA), and the key objects built from it.
 *
 * <p>Every error message names the field and what is wrong with it, never its value.
 */
public final class KeyMaterial {
  /** The RSA fields in the order BIND writes them. */
  public static final List<String> RSA_FIELDS =
      List.of(
          "Modulus",
          "PublicExponent",
          "PrivateExponent",
          "Prime1",
          "Prime2",
          "Exponent1",
          "Exponent2",
          "Coefficient");

  /** The one field of ECDSA and EdDSA keys. */
  public static final String PRIVATE_KEY = "PrivateKey";

  private static final byte[] ED25519_PKCS8 = hex("302e020100300506032b657004220420");
  private static final byte[] ED448_PKCS8 = hex("3047020100300506032b6571043b0439");
  private static final byte[] ED25519_SPKI = hex("302a300506032b6570032100");
  private static final byte[] ED448_SPKI = hex("3043300506032b6571033a00");

  private KeyMaterial() {}

  /** A field is missing or malformed; the message names the field, never its value. */
  public static final class MaterialException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The field at fault, or an empty string for the key as a whole. */
    private final String field;

    MaterialException(String field, String message) {
      super(message);
      this.field = field;
    }

    /**
     * Returns the field at fault.
     *
     * @return the field name, or an empty string for the key as a whole
     */
    public String field() {
      return field;
    }
  }

  /**
   * A key pair rebuilt from a {@code .private} file.
   *
   * @param publicKey the public key derived from the private material
   * @param privateKey the private key
   */
  public record Pair(PublicKey publicKey, PrivateKey privateKey) {}

  /**
   * Returns the names of the fields that hold the material of an algorithm.
   *
   * @param algorithm the algorithm
   * @return the field names in BIND's order
   */
  public static List<String> fields(DnssecAlgorithm algorithm) {
    return algorithm == DnssecAlgorithm.RSASHA256 ? RSA_FIELDS : List.of(PRIVATE_KEY);
  }

  /**
   * Builds the key pair from decoded fields.
   *
   * @param algorithm the algorithm
   * @param fields the decoded fields, by name; must hold every name of {@link #fields}
   * @return the key pair
   * @throws MaterialException if a field has the wrong size or the values are inconsistent
   */
  public static Pair fromFields(DnssecAlgorithm algorithm, Map<String, byte[]> fields)
      throws MaterialException {
    try {
      return switch (algorithm) {
        case RSASHA256 -> rsa(fields);
        case ECDSAP256SHA256, ECDSAP384SHA384 -> ecdsa(algorithm, field(fields, PRIVATE_KEY));
        case ED25519, ED448 -> eddsa(algorithm, field(fields, PRIVATE_KEY));
      };
    } catch (GeneralSecurityException e) {
      throw new MaterialException("", "the key material is not a valid " + algorithm + " key");
    }
  }

  /**
   * Extracts the fields of a private key for a {@code .private} file.
   *
   * @param algorithm the algorithm
   * @param key the private key (RSA keys must carry their CRT parameters)
   * @return the field values in BIND's order, unsigned big-endian (ECDSA padded to the curve size)
   * @throws IllegalArgumentException if the key does not fit the algorithm
   */
  public static Map<String, byte[]> toFields(DnssecAlgorithm algorithm, PrivateKey key) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    switch (algorithm) {
      case RSASHA256 -> {
        if (!(key instanceof RSAPrivateCrtKey k)) {
          throw new IllegalArgumentException(
              "an RSA key without CRT parameters cannot be written in BIND's format");
        }
        BigInteger[] values = {
          k.getModulus(),
          k.getPublicExponent(),
          k.getPrivateExponent(),
          k.getPrimeP(),
          k.getPrimeQ(),
          k.getPrimeExponentP(),
          k.getPrimeExponentQ(),
          k.getCrtCoefficient()
        };
        for (int i = 0; i < values.length; i++) {
          out.put(RSA_FIELDS.get(i), unsigned(values[i]));
        }
      }
      case ECDSAP256SHA256, ECDSAP384SHA384 -> {
        int size = KeyEncoding.ecdsaHalfLength(algorithm);
        byte[] d = unsigned(((ECPrivateKey) key).getS());
        byte[] padded = new byte[size];
        System.arraycopy(d, 0, padded, size - d.length, d.length);
        out.put(PRIVATE_KEY, padded);
      }
      case ED25519, ED448 -> {
        try {
          byte[] seed =
              ASN1OctetString.getInstance(
                      PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey())
                  .getOctets();
          out.put(PRIVATE_KEY, seed);
        } catch (java.io.IOException | RuntimeException e) {
          throw new IllegalArgumentException("not an " + algorithm + " private key");
        }
      }
    }
    return out;
  }

  private static Pair rsa(Map<String, byte[]> f)
      throws GeneralSecurityException, MaterialException {
    BigInteger[] v = new BigInteger[RSA_FIELDS.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = new BigInteger(1, field(f, RSA_FIELDS.get(i)));
    }
    BigInteger n = v[0];
    BigInteger e = v[1];
    BigInteger d = v[2];
    BigInteger p = v[3];
    BigInteger q = v[4];
    if (!p.multiply(q).equals(n)) {
      throw new MaterialException("", "Prime1 times Prime2 is not the Modulus");
    }
    BigInteger p1 = p.subtract(BigInteger.ONE);
    BigInteger q1 = q.subtract(BigInteger.ONE);
    if (!e.multiply(d).mod(p1).equals(BigInteger.ONE)
        || !e.multiply(d).mod(q1).equals(BigInteger.ONE)) {
      throw new MaterialException("PrivateExponent", "does not invert the PublicExponent");
    }
    if (!d.mod(p1).equals(v[5])) {
      throw new MaterialException(RSA_FIELDS.get(5), "is not PrivateExponent mod (Prime1 - 1)");
    }
    if (!d.mod(q1).equals(v[6])) {
      throw new MaterialException(RSA_FIELDS.get(6), "is not PrivateExponent mod (Prime2 - 1)");
    }
    if (!q.multiply(v[7]).mod(p).equals(BigInteger.ONE)) {
      throw new MaterialException(RSA_FIELDS.get(7), "is not the inverse of Prime2 mod Prime1");
    }
    KeyFactory kf = KeyFactory.getInstance("RSA");
    PrivateKey priv = kf.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, v[5], v[6], v[7]));
    PublicKey pub = kf.generatePublic(new RSAPublicKeySpec(n, e));
    return new Pair(pub, priv);
  }

  private static Pair ecdsa(DnssecAlgorithm algorithm, byte[] raw)
      throws GeneralSecurityException, MaterialException {
    int size = KeyEncoding.ecdsaHalfLength(algorithm);
    if (raw.length == 0 || raw.length > size) {
      throw new MaterialException(
          PRIVATE_KEY, "has " + raw.length + " bytes, " + algorithm + " needs " + size);
    }
    ECNamedCurveParameterSpec spec =
        ECNamedCurveTable.getParameterSpec(size == 32 ? "P-256" : "P-384");
    BigInteger d = new BigInteger(1, raw);
    if (d.signum() == 0 || d.compareTo(spec.getN()) >= 0) {
      throw new MaterialException(PRIVATE_KEY, "is not a valid " + algorithm + " private scalar");
    }
    ECPoint q = spec.getG().multiply(d).normalize();
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec(size == 32 ? "secp256r1" : "secp384r1"));
    ECParameterSpec jdkSpec = params.getParameterSpec(ECParameterSpec.class);
    java.security.spec.ECPoint w =
        new java.security.spec.ECPoint(
            q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    KeyFactory kf = KeyFactory.getInstance("EC");
    return new Pair(
        kf.generatePublic(new ECPublicKeySpec(w, jdkSpec)),
        kf.generatePrivate(new ECPrivateKeySpec(d, jdkSpec)));
  }

  private static Pair eddsa(DnssecAlgorithm algorithm, byte[] seed)
      throws GeneralSecurityException, MaterialException {
    boolean ed25519 = algorithm == DnssecAlgorithm.ED25519;
    int size = ed25519 ? 32 : 57;
    if (seed.length != size) {
      throw new MaterialException(
          PRIVATE_KEY, "has " + seed.length + " bytes, " + algorithm + " needs " + size);
    }
    byte[] pub =
        ed25519
            ? new Ed25519PrivateKeyParameters(seed).generatePublicKey().getEncoded()
            : new Ed448PrivateKeyParameters(seed).generatePublicKey().getEncoded();
    KeyFactory kf = KeyFactory.getInstance(ed25519 ? "Ed25519" : "Ed448");
    byte[] pkcs8 = concat(ed25519 ? ED25519_PKCS8 : ED448_PKCS8, seed);
    try {
      return new Pair(
          kf.generatePublic(
              new X509EncodedKeySpec(concat(ed25519 ? ED25519_SPKI : ED448_SPKI, pub))),
          kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private static byte[] field(Map<String, byte[]> fields, String name) throws MaterialException {
    byte[] b = fields.get(name);
    if (b == null) {
      throw new MaterialException(name, "is missing");
    }
    if (b.length == 0) {
      throw new MaterialException(name, "is empty");
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] b = value.toByteArray();
    return b.length > 1 && b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
