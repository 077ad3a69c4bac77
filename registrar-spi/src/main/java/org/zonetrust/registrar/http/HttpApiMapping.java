package org.zonetrust.registrar.http;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a registrar's HTTP API keeps a domain's DS or DNSKEY data and how its JSON names the
 * fields. Start from {@link #defaults(Style)} and change only what differs, then pass it as {@code
 * RegistrarConfig.builder(uri).setting(HttpApiMapping.SETTING, mapping)}.
 *
 * <p>Paths are appended to the configuration URI's path; {@code {domain}} is replaced by the domain
 * name without the trailing dot and {@code {id}} by the registrar's record id. Digests are written
 * as upper-case hex, public keys as base64. Immutable and thread-safe.
 */
public final class HttpApiMapping {
  /** The {@code RegistrarConfig} setting name under which the adapter looks for a mapping. */
  public static final String SETTING = "httpMapping";

  /** Canonical field name of the registrar's record id. */
  public static final String ID = "id";

  /** Canonical field name of a DS key tag. */
  public static final String KEY_TAG = "keyTag";

  /** Canonical field name of the DNSSEC algorithm number. */
  public static final String ALGORITHM = "algorithm";

  /** Canonical field name of the DS digest type. */
  public static final String DIGEST_TYPE = "digestType";

  /** Canonical field name of the DS digest (hex). */
  public static final String DIGEST = "digest";

  /** Canonical field name of the DNSKEY flags. */
  public static final String FLAGS = "flags";

  /** Canonical field name of the DNSKEY protocol. */
  public static final String PROTOCOL = "protocol";

  /** Canonical field name of the DNSKEY public key (base64). */
  public static final String PUBLIC_KEY = "publicKey";

  private static final Set<String> FIELDS =
      Set.of(ID, KEY_TAG, ALGORITHM, DIGEST_TYPE, DIGEST, FLAGS, PROTOCOL, PUBLIC_KEY);

  /** The three API shapes registrars use for DNSSEC data. */
  public enum Style {
    /** List DS records with ids, add one DS per POST, delete one DS by id. */
    DS_BY_ID("ds-by-id"),
    /** List DNSKEY records with ids, add one key per POST, delete one key by id. */
    DNSKEY("dnskey"),
    /** Read an object holding the DS list, replace the whole list with one PUT. */
    REPLACE_SET("replace-set");

    private final String token;

    Style(String token) {
      this.token = token;
    }

    /**
     * The value of the configuration URI's {@code style=} parameter.
     *
     * @return for example {@code ds-by-id}
     */
    public String token() {
      return token;
    }

    /**
     * Finds a style by its URI token.
     *
     * @param token for example {@code replace-set}
     * @return the style, or empty if none has that token
     */
    public static Optional<Style> fromToken(String token) {
      return Arrays.stream(values()).filter(s -> s.token.equals(token)).findFirst();
    }
  }

  private final Style style;
  private final String collectionPath;
  private final String itemPath;
  private final @Nullable String listField;
  private final Map<String, String> fields;

  private HttpApiMapping(Builder b) {
    this.style = b.style;
    this.collectionPath = b.collectionPath;
    this.itemPath = b.itemPath;
    this.listField = b.listField;
    this.fields = Map.copyOf(b.fields);
  }

  /**
   * The default mapping of a style: {@code /domains/{domain}/ds} (and {@code .../ds/{id}}) for DS
   * by id, {@code /domains/{domain}/dnskeys} (and {@code .../dnskeys/{id}}) for DNSKEY, {@code
   * /domains/{domain}/dnssec} holding {@code {"ds": [...]}} for replace-set; JSON field names equal
   * the canonical names.
   *
   * @param style the API style
   * @return the default mapping
   */
  public static HttpApiMapping defaults(Style style) {
    return builder(style).build();
  }

  /**
   * A builder preset with the defaults of a style.
   *
   * @param style the API style
   * @return a new builder
   */
  public static Builder builder(Style style) {
    return new Builder(style);
  }

  /**
   * The API style.
   *
   * @return the style
   */
  public Style style() {
    return style;
  }

  /**
   * The path template of the list (GET, POST; PUT for replace-set).
   *
   * @return a path starting with {@code /} and containing {@code {domain}}
   */
  public String collectionPath() {
    return collectionPath;
  }

  /**
   * The path template of one record (DELETE); unused by replace-set.
   *
   * @return a path containing {@code {domain}} and {@code {id}}
   */
  public String itemPath() {
    return itemPath;
  }

  /**
   * The member of the response object that holds the list, or empty when the response is the list
   * itself.
   *
   * @return the member name
   */
  public Optional<String> listField() {
    return Optional.ofNullable(listField);
  }

  /**
   * The JSON name of a canonical field.
   *
   * @param canonical one of the constants of this class, such as {@link #KEY_TAG}
   * @return the name the registrar uses
   * @throws IllegalArgumentException if {@code canonical} is not a known field
   */
  public String field(String canonical) {
    String name = fields.get(canonical);
    if (name == null) {
      throw new IllegalArgumentException("unknown field " + canonical + ", known: " + FIELDS);
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpApiMapping m
        && m.style == style
        && m.collectionPath.equals(collectionPath)
        && m.itemPath.equals(itemPath)
        && Objects.equals(m.listField, listField)
        && m.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(style, collectionPath, itemPath, listField, fields);
  }

  @Override
  public String toString() {
    return "HttpApiMapping[" + style.token() + " " + collectionPath + " " + fields + "]";
  }

  /** Builds a {@link HttpApiMapping}; not thread-safe. */
  public static final class Builder {
    private final Style style;
    private String collectionPath;
    private String itemPath;
    private @Nullable String listField;
    private final Map<String, String> fields = new HashMap<>();

    private Builder(Style style) {
      this.style = Objects.requireNonNull(style, "style");
      String base =
          switch (style) {
            case DS_BY_ID -> "/domains/{domain}/ds";
            case DNSKEY -> "/domains/{domain}/dnskeys";
            case REPLACE_SET -> "/domains/{domain}/dnssec";
          };
      this.collectionPath = base;
      this.itemPath = style == Style.REPLACE_SET ? base : base + "/{id}";
      this.listField = style == Style.REPLACE_SET ? "ds" : null;
      FIELDS.forEach(f -> fields.put(f, f));
    }

    /**
     * Sets the list path template.
     *
     * @param path starts with {@code /}, contains {@code {domain}}
     * @return this builder
     */
    public Builder collectionPath(String path) {
      this.collectionPath = checkPath(path, false);
      return this;
    }

    /**
     * Sets the single-record path template (DS by id and DNSKEY styles).
     *
     * @param path starts with {@code /}, contains {@code {domain}} and {@code {id}}
     * @return this builder
     */
    public Builder itemPath(String path) {
      this.itemPath = checkPath(path, style != Style.REPLACE_SET);
      return this;
    }

    /**
     * Sets the member holding the list in responses (and in the PUT body of replace-set).
     *
     * @param name the member name, or null when the response is the bare list (not for replace-set)
     * @return this builder
     */
    public Builder listField(@Nullable String name) {
      if (name == null && style == Style.REPLACE_SET) {
        throw new IllegalArgumentException("replace-set needs a list field for its PUT body");
      }
      this.listField = name;
      return this;
    }

    /**
     * Renames a field.
     *
     * @param canonical one of the constants of {@link HttpApiMapping}, such as {@link #DIGEST}
     * @param jsonName the registrar's member name
     * @return this builder
     */
    public Builder field(String canonical, String jsonName) {
      if (!FIELDS.contains(canonical)) {
        throw new IllegalArgumentException("unknown field " + canonical + ", known: " + FIELDS);
      }
      if (jsonName.isEmpty()) {
        throw new IllegalArgumentException("empty JSON name for " + canonical);
      }
      fields.put(canonical, jsonName);
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @return the immutable mapping
     */
    public HttpApiMapping build() {
      return new HttpApiMapping(this);
    }

    private static String checkPath(String path, boolean needsId) {
      if (!path.startsWith("/") || !path.contains("{domain}")) {
        throw new IllegalArgumentException("path must start with / and contain {domain}: " + path);
      }
      if (needsId && !path.contains("{id}")) {
        throw new IllegalArgumentException("item path must contain {id}: " + path);
      }
      return path;
    }
  }
}
