package org.zonetrust.acme;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What to order: one certificate for one or more DNS names (wildcards included), plus optional
 * preferences. Build it with {@link #builder()}.
 *
 * @param id the certificate's stable identifier: the key in the {@code StateStore} and the
 *     directory name a {@link PemFileSink} writes to ({@code [A-Za-z0-9._-]}, 1 to 64 characters);
 *     defaults to the first name with {@code *} written as {@code _}
 * @param names the DNS names, lower case, without trailing dot, in order, no duplicates; the first
 *     is the subject's common name
 * @param preferredIssuer the common name of an issuer in the alternate chain to prefer, if any
 * @param profile the ACME certificate profile to ask for, if any (only if the CA offers it)
 * @param replaces the ARI CertID (RFC 9773) of the certificate this order replaces, if any; sent
 *     only to a CA that offers ACME Renewal Information
 * @param keyPair the certificate key pair to use (e.g. the current key, reused on renewal), or null
 *     for a new key of the client's {@link CertificateKeyType}; a secret, never shown by {@link
 *     #toString()}
 */
public record CertificateRequest(
    String id,
    List<String> names,
    @Nullable String preferredIssuer,
    @Nullable String profile,
    @Nullable String replaces,
    @Nullable KeyPair keyPair) {

  /** At most this many names per certificate (Let's Encrypt's limit). */
  public static final int MAX_NAMES = 100;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * Validates and copies.
   *
   * @param id see the record component
   * @param names see the record component
   * @param preferredIssuer see the record component
   * @param profile see the record component
   * @param replaces see the record component
   * @param keyPair see the record component
   */
  public CertificateRequest {
    Objects.requireNonNull(id, "id");
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a certificate request needs at least one name");
    }
    if (names.size() > MAX_NAMES) {
      throw new IllegalArgumentException(
          "a certificate request has at most " + MAX_NAMES + " names, got " + names.size());
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String n : names) {
      checkName(n);
      if (!seen.add(n)) {
        throw new IllegalArgumentException("name " + n + " is listed twice");
      }
    }
    if (!ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException(
          "certificate id must be 1-64 characters of [A-Za-z0-9._-] (not . or ..), got '"
              + id
              + "'");
    }
    if (profile != null && profile.isBlank()) {
      throw new IllegalArgumentException("profile must not be blank; omit it for the default");
    }
    if (preferredIssuer != null && preferredIssuer.isBlank()) {
      throw new IllegalArgumentException("preferredIssuer must not be blank; omit it instead");
    }
    if (replaces != null && !replaces.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "replaces must be an ARI CertID (base64url AKI '.' base64url serial), got '"
              + replaces
              + "'");
    }
    if (keyPair != null) {
      CertificateKeyType.of(keyPair.getPublic());
    }
  }

  /**
   * The ARI CertID of the replaced certificate.
   *
   * @return the CertID, or empty for a new certificate
   */
  public Optional<String> replacesCertId() {
    return Optional.ofNullable(replaces);
  }

  /**
   * Shows id, names and options; never the key pair.
   *
   * @return a description without secrets
   */
  @Override
  public String toString() {
    return "CertificateRequest[id="
        + id
        + ", names="
        + names
        + (preferredIssuer == null ? "" : ", preferredIssuer=" + preferredIssuer)
        + (profile == null ? "" : ", profile=" + profile)
        + (replaces == null ? "" : ", replaces=" + replaces)
        + (keyPair == null ? "" : ", keyPair=<supplied>")
        + "]";
  }

  /**
   * Starts a request.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The preferred issuer of an alternate chain.
   *
   * @return the issuer's common name, or empty for the CA's default chain
   */
  public Optional<String> preferredIssuerName() {
    return Optional.ofNullable(preferredIssuer);
  }

  /**
   * The requested profile.
   *
   * @return the profile name, or empty for the CA's default
   */
  public Optional<String> profileName() {
    return Optional.ofNullable(profile);
  }

  private static void checkName(String name) {
    String rest = name.startsWith("*.") ? name.substring(2) : name;
    if (rest.length() > 253 || rest.isEmpty()) {
      throw new IllegalArgumentException("'" + name + "' is not a valid DNS name");
    }
    String[] labels = rest.split("\\.", -1);
    if (labels.length < 2) {
      throw new IllegalArgumentException(
          "'" + name + "' needs at least two labels (a CA does not issue for a bare TLD)");
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "' is not a valid DNS name: label '"
                + label
                + "' (wildcards only as a leftmost '*.'; write IDNs as A-labels, xn--...)");
      }
    }
  }

  static String normalise(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  /** Configures a {@link CertificateRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private @Nullable String id;
    private @Nullable String preferredIssuer;
    private @Nullable String profile;
    private @Nullable String replaces;
    private @Nullable KeyPair keyPair;

    private Builder() {}

    /**
     * Adds names (lower-cased; a trailing dot is dropped). Apex and wildcard may go together:
     * {@code names("example.com", "*.example.com")}.
     *
     * @param names DNS names
     * @return this builder
     */
    public Builder names(String... names) {
      return names(Arrays.asList(names));
    }

    /**
     * Adds names.
     *
     * @param names DNS names
     * @return this builder
     */
    public Builder names(List<String> names) {
      for (String n : names) {
        this.names.add(normalise(Objects.requireNonNull(n, "name")));
      }
      return this;
    }

    /**
     * Sets the certificate's identifier (default: the first name, {@code *} as {@code _}).
     *
     * @param id 1 to 64 characters of {@code [A-Za-z0-9._-]}
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Prefers the alternate chain whose root or intermediate has this common name; if the CA offers
     * no such chain, its default chain is used.
     *
     * @param issuerCommonName e.g. {@code "ISRG Root X1"}
     * @return this builder
     */
    public Builder preferredIssuer(String issuerCommonName) {
      this.preferredIssuer = Objects.requireNonNull(issuerCommonName, "issuerCommonName");
      return this;
    }

    /**
     * Asks for an ACME certificate profile; {@code issue} fails before ordering if the CA does not
     * offer it.
     *
     * @param profile e.g. {@code "tlsserver"}
     * @return this builder
     */
    public Builder profile(String profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Marks the order as the renewal of a certificate (RFC 9773 {@code replaces}); ignored by a CA
     * without ACME Renewal Information.
     *
     * @param ariCertId the replaced certificate's CertID ({@link IssuedCertificate#ariCertId()})
     * @return this builder
     */
    public Builder replaces(String ariCertId) {
      this.replaces = Objects.requireNonNull(ariCertId, "ariCertId");
      return this;
    }

    /**
     * Uses this key pair for the certificate instead of generating one: how a renewal keeps its key
     * (DANE {@code 3 1 1} records stay valid) or switches to a pre-announced next key.
     *
     * @param keyPair an EC P-256/P-384 or RSA 2048/3072/4096 key pair
     * @return this builder
     */
    public Builder keyPair(KeyPair keyPair) {
      this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the request
     * @throws IllegalArgumentException if a name, the id, an option or the key pair's type is
     *     invalid
     */
    public CertificateRequest build() {
      if (names.isEmpty()) {
        throw new IllegalArgumentException(
            "a certificate request needs at least one name: call names(...)");
      }
      String theId = id != null ? id : names.get(0).replace('*', '_');
      return new CertificateRequest(theId, names, preferredIssuer, profile, replaces, keyPair);
    }
  }
}
