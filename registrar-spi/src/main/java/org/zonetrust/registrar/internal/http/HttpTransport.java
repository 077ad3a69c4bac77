package org.zonetrust.registrar.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.registrar.RegistrarException;
import org.zonetrust.registrar.RegistrarException.Reason;
import org.zonetrust.registrar.SecretSource;

/**
 * Sends one JSON request with authentication and retries: 429 and 5xx are retried with bounded
 * exponential backoff (honouring Retry-After, capped); 401/403 become AUTHENTICATION. Secrets are
 * read per request and never logged or put in messages.
 */
final class HttpTransport {
  /** Largest response body read, in bytes. */
  static final int MAX_BODY = 1 << 20;

  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_WAIT = Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

  /** One response: status and body (decoded leniently, cut at {@link #MAX_BODY}). */
  record Response(int status, String body, boolean truncated) {}

  private final HttpClient client;
  private final HttpSettings settings;
  private final SecretSource secrets;
  private final Clock clock;
  private final Sleeper sleeper;

  HttpTransport(HttpSettings settings, SecretSource secrets, Clock clock, Sleeper sleeper) {
    this.settings = settings;
    this.secrets = secrets;
    this.clock = clock;
    this.sleeper = sleeper;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Response send(String method, URI uri, @Nullable String json) throws RegistrarException {
    String what = method + " " + uri;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> r;
      Response response;
      try {
        r = client.send(request(method, uri, json), HttpResponse.BodyHandlers.ofInputStream());
        response = read(r);
      } catch (HttpTimeoutException e) {
        throw new RegistrarException(Reason.TIMEOUT, what + ": no answer in time", null, e);
      } catch (IOException e) {
        throw new RegistrarException(
            Reason.UNAVAILABLE, what + ": " + e.getClass().getSimpleName(), null, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistrarException(Reason.INTERRUPTED, what + ": interrupted", null, e);
      }
      int status = response.status();
      LOG.debug("{} -> HTTP {} (attempt {})", what, status, attempt);
      boolean retryable = status == 429 || status >= 500;
      if (retryable && attempt < settings.maxAttempts()) {
        Duration wait = retryAfter(r).orElse(backoff(attempt));
        LOG.info("{}: HTTP {}, retrying in {}", what, status, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RegistrarException(Reason.INTERRUPTED, what + ": interrupted", null, e);
        }
        continue;
      }
      if (status == 429) {
        throw new RegistrarException(
            Reason.RATE_LIMITED, what + ": HTTP 429 after " + attempt + " attempts", 429, null);
      }
      if (status >= 500) {
        throw new RegistrarException(
            Reason.UNAVAILABLE,
            what + ": HTTP " + status + " after " + attempt + " attempts",
            status,
            null);
      }
      if (status == 401 || status == 403) {
        throw new RegistrarException(
            Reason.AUTHENTICATION,
            what + ": HTTP " + status + " (credentials refused)",
            status,
            null);
      }
      return response;
    }
  }

  static Duration backoff(int attempt) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 16));
    return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
  }

  private Optional<Duration> retryAfter(HttpResponse<?> r) {
    return r.headers().firstValue("Retry-After").flatMap(v -> parseRetryAfter(v, clock.instant()));
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String v = value.trim();
    Duration d;
    if (v.matches("[0-9]{1,9}")) {
      d = Duration.ofSeconds(Long.parseLong(v));
    } else {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        d = Duration.between(now, at);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    return Optional.of(d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d);
  }

  private HttpRequest request(String method, URI uri, @Nullable String json)
      throws RegistrarException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Accept", "application/json");
    if (json == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    switch (settings.auth()) {
      case BEARER -> b.header("Authorization", "Bearer " + secret("token"));
      case HEADER -> b.header(settings.header(), secret("token"));
      case BASIC -> {
        String pair = settings.user() + ":" + secret("password");
        b.header(
            "Authorization",
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
      }
      case NONE -> {}
    }
    return b.build();
  }

  private String secret(String name) throws RegistrarException {
    char[] chars =
        secrets
            .secret(name)
            .orElseThrow(
                () ->
                    new RegistrarException(
                        Reason.CONFIGURATION,
                        "the SecretSource has no secret named '"
                            + name
                            + "' for the HTTP adapter"));
    try {
      return new String(chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private static Response read(HttpResponse<InputStream> r) throws IOException {
    try (InputStream in = r.body()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      boolean truncated = bytes.length > MAX_BODY;
      int n = truncated ? MAX_BODY : bytes.length;
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, n));
      return new Response(r.statusCode(), chars.toString(), truncated);
    }
  }
}
