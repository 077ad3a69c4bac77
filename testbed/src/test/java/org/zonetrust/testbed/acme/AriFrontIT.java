package org.zonetrust.testbed.acme;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/**
 * The ARI front against the testbed's real Pebble 2.4.0, with a plain Java HTTP client that trusts
 * only the testbed CA. Pebble 2.4.0 has no renewalInfo and no profiles: the front adds exactly
 * those, and every other URL of the directory must still be Pebble's.
 */
@WithTestbed
class AriFrontIT {
  private static final Pattern URL_MEMBER =
      Pattern.compile("\"(\\w+)\"\\s*:\\s*\"(https://[^\"]+)\"");

  @Test
  void directoryIsPebblesPlusRenewalInfoAndProfiles(Testbed testbed) throws Exception {
    HttpClient http = client(testbed);
    try (AriFront front = AriFront.builder(testbed).start()) {
      String pebble = get(http, testbed.acmeDirectory()).body();
      HttpResponse<String> r = get(http, front.directory());
      assertThat(r.statusCode()).isEqualTo(200);
      String dir = r.body();

      Map<String, String> pebbleUrls = urls(pebble);
      assertThat(pebbleUrls).containsKeys("newNonce", "newAccount", "newOrder", "revokeCert");
      assertThat(urls(dir)).containsAllEntriesOf(pebbleUrls);
      assertThat(urls(dir)).containsEntry("renewalInfo", front.renewalInfo().toString());
      assertThat(pebble).doesNotContain("renewalInfo").doesNotContain("profiles");
      assertThat(dir)
          .contains("\"profiles\": {")
          .contains("\"tlsserver\"")
          .contains("\"shortlived\"")
          .contains("\"classic\"")
          .contains("termsOfService");
      assertThat(front.directory().getPort()).isNotEqualTo(testbed.acmeDirectory().getPort());
    }
  }

  @Test
  void renewalInfoAnswersTheConfiguredWindowWithRetryAfter(Testbed testbed) throws Exception {
    HttpClient http = client(testbed);
    Instant start = Instant.parse("2031-02-03T04:05:06Z");
    try (AriFront front =
        AriFront.builder(testbed)
            .window(start, start.plus(Duration.ofDays(1)))
            .retryAfter(Duration.ofHours(3))
            .start()) {
      HttpResponse<String> r = get(http, URI.create(front.renewalInfo() + "/aaaa.bbbb"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("10800");
      assertThat(r.body())
          .isEqualTo(
              "{\"suggestedWindow\": {\"start\": \"2031-02-03T04:05:06Z\","
                  + " \"end\": \"2031-02-04T04:05:06Z\"}}");

      front.window("cccc.dddd", start.minus(Duration.ofDays(9)), start.minus(Duration.ofDays(8)));
      front.retryAfter(Duration.ofMinutes(1));
      HttpResponse<String> own = get(http, URI.create(front.renewalInfo() + "/cccc.dddd"));
      assertThat(own.body()).contains("\"start\": \"2031-01-25T04:05:06Z\"");
      assertThat(own.headers().firstValue("Retry-After")).hasValue("60");
      assertThat(front.renewalInfoRequests()).containsExactly("aaaa.bbbb", "cccc.dddd");

      // nothing else is served here: ACME requests go to Pebble
      assertThat(get(http, front.directory().resolve("/nonce-plz")).statusCode()).isEqualTo(404);
      assertThat(get(http, URI.create(front.renewalInfo() + "/")).statusCode()).isEqualTo(404);
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(front.renewalInfo() + "/aaaa.bbbb"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  private static Map<String, String> urls(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = URL_MEMBER.matcher(json);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClient client(Testbed testbed) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(testbed.acmeTrustStore());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
  }
}
