package org.zonetrust.registrar.internal.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.http.HttpApiMapping;

/**
 * Maps DS and DNSKEY data to and from the registrar's JSON, following an {@link HttpApiMapping}.
 */
final class Payloads {
  static final int MAX_DEPTH = 32;
  static final int MAX_MESSAGE = 300;

  /** One record as listed by the registrar, with its id (empty for replace-set). */
  record Listed<T>(Optional<String> id, T data) {}

  private final HttpApiMapping mapping;

  Payloads(HttpApiMapping mapping) {
    this.mapping = mapping;
  }

  Map<String, Object> dsJson(DsData ds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(mapping.field(HttpApiMapping.KEY_TAG), ds.keyTag());
    m.put(mapping.field(HttpApiMapping.ALGORITHM), ds.algorithm());
    m.put(mapping.field(HttpApiMapping.DIGEST_TYPE), ds.digestType());
    m.put(
        mapping.field(HttpApiMapping.DIGEST),
        HexFormat.of().withUpperCase().formatHex(ds.digest()));
    return m;
  }

  Map<String, Object> keyJson(KeyData key) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(mapping.field(HttpApiMapping.FLAGS), key.flags());
    m.put(mapping.field(HttpApiMapping.PROTOCOL), key.protocol());
    m.put(mapping.field(HttpApiMapping.ALGORITHM), key.algorithm());
    m.put(
        mapping.field(HttpApiMapping.PUBLIC_KEY),
        Base64.getEncoder().encodeToString(key.publicKey()));
    return m;
  }

  /** The PUT body of replace-set: {@code {"<listField>": [ds...]}}. */
  String dsSetJson(Iterable<DsData> ds) {
    List<Object> list = new ArrayList<>();
    ds.forEach(d -> list.add(dsJson(d)));
    return Json.write(Map.of(mapping.listField().orElse("ds"), list));
  }

  List<Listed<DsData>> parseDs(HttpTransport.Response r, boolean withIds)
      throws RegistrarException {
    List<Listed<DsData>> out = new ArrayList<>();
    for (Map<?, ?> o : entries(r)) {
      try {
        DsData d =
            new DsData(
                integer(o, HttpApiMapping.KEY_TAG),
                integer(o, HttpApiMapping.ALGORITHM),
                integer(o, HttpApiMapping.DIGEST_TYPE),
                HexFormat.of().parseHex(string(o, HttpApiMapping.DIGEST)));
        out.add(new Listed<>(withIds ? Optional.of(id(o)) : Optional.empty(), d));
      } catch (IllegalArgumentException e) {
        throw protocol("DS entry not usable: " + e.getMessage());
      }
    }
    return out;
  }

  List<Listed<KeyData>> parseKeys(HttpTransport.Response r) throws RegistrarException {
    List<Listed<KeyData>> out = new ArrayList<>();
    for (Map<?, ?> o : entries(r)) {
      try {
        KeyData k =
            new KeyData(
                integer(o, HttpApiMapping.FLAGS),
                integer(o, HttpApiMapping.PROTOCOL),
                integer(o, HttpApiMapping.ALGORITHM),
                Base64.getDecoder().decode(string(o, HttpApiMapping.PUBLIC_KEY)));
        out.add(new Listed<>(Optional.of(id(o)), k));
      } catch (IllegalArgumentException e) {
        throw protocol("DNSKEY entry not usable: " + e.getMessage());
      }
    }
    return out;
  }

  private List<Map<?, ?>> entries(HttpTransport.Response r) throws RegistrarException {
    Object root = parse(r);
    Optional<String> field = mapping.listField();
    if (field.isPresent()) {
      if (!(root instanceof Map<?, ?> m)) {
        throw protocol("expected a JSON object with member '" + field.get() + "'");
      }
      Object inner = m.get(field.get());
      if (inner == null) {
        throw protocol("the response object has no member '" + field.get() + "'");
      }
      // an explicit null list means "no DNSSEC data" at some registrars
      root = inner == Json.NULL ? List.of() : inner;
    }
    if (!(root instanceof List<?> list)) {
      throw protocol("expected a JSON array of records");
    }
    List<Map<?, ?>> out = new ArrayList<>();
    for (Object e : list) {
      if (!(e instanceof Map<?, ?> m)) {
        throw protocol("expected JSON objects in the record array");
      }
      out.add(m);
    }
    return out;
  }

  static Object parse(HttpTransport.Response r) throws RegistrarException {
    if (r.truncated()) {
      throw protocol("response larger than " + HttpTransport.MAX_BODY + " bytes");
    }
    try {
      return Json.parse(r.body(), HttpTransport.MAX_BODY, MAX_DEPTH);
    } catch (JsonException e) {
      throw new RegistrarException(Reason.PROTOCOL, String.valueOf(e.getMessage()), null, e);
    }
  }

  private String id(Map<?, ?> o) throws RegistrarException {
    String name = mapping.field(HttpApiMapping.ID);
    Object v = o.get(name);
    if (v instanceof String s && !s.isEmpty()) {
      return s;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    throw protocol("record without usable id member '" + name + "'");
  }

  private int integer(Map<?, ?> o, String canonical) throws RegistrarException {
    String name = mapping.field(canonical);
    Object v = o.get(name);
    try {
      if (v instanceof BigDecimal d) {
        return d.intValueExact();
      }
      if (v instanceof String s && s.matches("[0-9]{1,9}")) {
        return Integer.parseInt(s);
      }
    } catch (ArithmeticException e) {
      throw protocol("member '" + name + "' is not an integer");
    }
    throw protocol("member '" + name + "' missing or not an integer");
  }

  private String string(Map<?, ?> o, String canonical) throws RegistrarException {
    String name = mapping.field(canonical);
    if (o.get(name) instanceof String s) {
      return s;
    }
    throw protocol("member '" + name + "' missing or not a string");
  }

  /** The registrar's own explanation of an error response, cleaned and bounded. */
  static String message(HttpTransport.Response r) {
    String text = r.body();
    try {
      Object root = Json.parse(text, HttpTransport.MAX_BODY, MAX_DEPTH);
      if (root instanceof Map<?, ?> m) {
        Object v = m.get("message");
        if (v == null) {
          v = m.get("error");
        }
        if (v instanceof Map<?, ?> inner) {
          v = inner.get("message");
        }
        if (v instanceof String s) {
          text = s;
        }
      }
    } catch (JsonException e) {
      // not JSON: use the text itself
    }
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    if (clean.isEmpty()) {
      return "HTTP " + r.status() + " without explanation";
    }
    if (clean.length() > MAX_MESSAGE) {
      clean = clean.substring(0, MAX_MESSAGE) + "...";
    }
    return "HTTP " + r.status() + ": " + clean;
  }

  static RegistrarException protocol(String message) {
    return new RegistrarException(Reason.PROTOCOL, message);
  }
}
