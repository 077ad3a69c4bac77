package org.zonetrust.registrar.internal.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.xbill.DNS.Name;
import org.zonetrust.registrar.DsData;
import org.zonetrust.registrar.DsUpdateResult;
import org.zonetrust.registrar.KeyData;
import org.zonetrust.registrar.RegistrarDsUpdater;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecureDelegation;
import org.zonetrust.registrar.http.HttpApiMapping;
import org.zonetrust.registrar.internal.http.Payloads.Listed;
import org.zonetrust.registrar.spi.Capabilities;
import org.zonetrust.registrar.spi.Capabilities.DataKind;

/**
 * The HTTP/JSON adapter. Stateless apart from its immutable settings and the thread-safe {@link
 * java.net.http.HttpClient}, so it is safe across threads; converge() reads the current set first
 * and sends only the calls that make the difference (additions before removals).
 */
final class HttpRegistrarDsUpdater implements RegistrarDsUpdater {
  static final int MAX_RECORDS = 16;

  private final HttpSettings settings;
  private final HttpApiMapping mapping;
  private final HttpTransport transport;
  private final Payloads payloads;
  private final Capabilities capabilities;

  HttpRegistrarDsUpdater(HttpSettings settings, HttpTransport transport) {
    this.settings = settings;
    this.mapping = settings.mapping();
    this.transport = transport;
    this.payloads = new Payloads(mapping);
    Set<Integer> digests =
        Set.of(SecureDelegation.SHA1, SecureDelegation.SHA256, SecureDelegation.SHA384);
    this.capabilities =
        mapping.style() == HttpApiMapping.Style.DNSKEY
            ? new Capabilities(Set.of(DataKind.KEY_DATA), Set.of(), MAX_RECORDS, true)
            : new Capabilities(Set.of(DataKind.DS_DATA), digests, MAX_RECORDS, true);
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public SecureDelegation current(Name domain) throws RegistrarException {
    return switch (mapping.style()) {
      case DS_BY_ID, REPLACE_SET -> SecureDelegation.ofDs(values(listDs(domain)));
      case DNSKEY -> new SecureDelegation(Set.of(), Set.copyOf(values(listKeys(domain))));
    };
  }

  @Override
  public DsUpdateResult converge(Name domain, SecureDelegation desired) throws RegistrarException {
    capabilities.check(name(domain), desired);
    return switch (mapping.style()) {
      case DS_BY_ID -> byId(domain, desired, listDs(domain), desired.ds(), payloads::dsJson);
      case DNSKEY -> byId(domain, desired, listKeys(domain), desired.keys(), payloads::keyJson);
      case REPLACE_SET -> replaceSet(domain, desired);
    };
  }

  private <T> DsUpdateResult byId(
      Name domain,
      SecureDelegation desired,
      List<Listed<T>> listed,
      Set<T> wanted,
      Function<T, Object> json)
      throws RegistrarException {
    Set<T> have = new HashSet<>(values(listed));
    if (have.equals(wanted) && have.size() == listed.size()) {
      return DsUpdateResult.unchanged(desired);
    }
    int added = 0;
    for (T t : wanted) {
      if (!have.contains(t)) {
        HttpTransport.Response r =
            transport.send(
                "POST", uri(mapping.collectionPath(), domain, ""), Json.write(json.apply(t)));
        if (!ok(r)) {
          return DsUpdateResult.rejected(desired, "adding " + t + ": " + Payloads.message(r));
        }
        added++;
      }
    }
    int removed = 0;
    Set<T> kept = new HashSet<>();
    for (Listed<T> l : listed) {
      if (wanted.contains(l.data()) && kept.add(l.data())) {
        continue;
      }
      String id = l.id().orElseThrow();
      HttpTransport.Response r =
          transport.send("DELETE", uri(mapping.itemPath(), domain, id), null);
      // 404: someone else removed it already, which is what we wanted
      if (!ok(r) && r.status() != 404) {
        return DsUpdateResult.rejected(
            desired, "removing " + l.data() + ": " + Payloads.message(r));
      }
      removed++;
    }
    return DsUpdateResult.applied(desired, "added " + added + ", removed " + removed);
  }

  private DsUpdateResult replaceSet(Name domain, SecureDelegation desired)
      throws RegistrarException {
    List<Listed<DsData>> listed = listDs(domain);
    if (Set.copyOf(values(listed)).equals(desired.ds()) && listed.size() == desired.ds().size()) {
      return DsUpdateResult.unchanged(desired);
    }
    HttpTransport.Response r =
        transport.send(
            "PUT", uri(mapping.collectionPath(), domain, ""), payloads.dsSetJson(desired.ds()));
    if (!ok(r)) {
      return DsUpdateResult.rejected(desired, "replacing the DS set: " + Payloads.message(r));
    }
    return DsUpdateResult.applied(
        desired, "replaced " + listed.size() + " DS with " + desired.ds().size());
  }

  private List<Listed<DsData>> listDs(Name domain) throws RegistrarException {
    return payloads.parseDs(get(domain), mapping.style() == HttpApiMapping.Style.DS_BY_ID);
  }

  private List<Listed<KeyData>> listKeys(Name domain) throws RegistrarException {
    return payloads.parseKeys(get(domain));
  }

  private HttpTransport.Response get(Name domain) throws RegistrarException {
    URI uri = uri(mapping.collectionPath(), domain, "");
    HttpTransport.Response r = transport.send("GET", uri, null);
    if (!ok(r)) {
      throw new RegistrarException(
          Reason.CONFIGURATION, "GET " + uri + ": " + Payloads.message(r), r.status(), null);
    }
    return r;
  }

  private static <T> Set<T> values(List<Listed<T>> listed) {
    return listed.stream().map(Listed::data).collect(Collectors.toUnmodifiableSet());
  }

  private static boolean ok(HttpTransport.Response r) {
    return r.status() >= 200 && r.status() < 300;
  }

  private URI uri(String template, Name domain, String id) {
    String path = template.replace("{domain}", encode(name(domain))).replace("{id}", encode(id));
    return URI.create(settings.base() + path);
  }

  private static String name(Name domain) {
    return domain.toString(true).toLowerCase(Locale.ROOT);
  }

  /** Percent-encodes everything but unreserved characters (RFC 3986 section 2.3). */
  static String encode(String segment) {
    StringBuilder sb = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
