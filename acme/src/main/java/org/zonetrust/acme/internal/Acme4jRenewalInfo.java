package org.zonetrust.acme.internal;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.connector.Resource;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.AriResponse;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.acme.RenewalInfoSource;
import org.zonetrust.acme.RenewalWindow;

/**
 * {@link RenewalInfoSource} on acme4j: {@code GET <renewalInfo>/<certID>} (RFC 9773 section 4.1,
 * unauthenticated) through {@code Login.bindRenewalInfo(URL)} and {@code RenewalInfo.fetch()}.
 * Empty if the CA's directory has no {@code renewalInfo}. Thread-safe as acme4j's session is.
 */
public final class Acme4jRenewalInfo implements RenewalInfoSource {
  private final Login login;
  private final Clock clock;

  /**
   * Creates the source.
   *
   * @param login the ACME login (only its session and HTTP client are used)
   * @param clock turns acme4j's Retry-After instant into a duration
   */
  public Acme4jRenewalInfo(Login login, Clock clock) {
    this.login = Objects.requireNonNull(login, "login");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Optional<AriResponse> fetch(CertificateRecord certificate) throws AcmeException {
    String certId = certificate.ariCertId();
    if (certId == null) {
      return Optional.empty();
    }
    try {
      Optional<URL> base = login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO);
      if (base.isEmpty()) {
        return Optional.empty();
      }
      String url = base.get().toExternalForm();
      RenewalInfo info =
          login.bindRenewalInfo(URI.create((url.endsWith("/") ? url : url + "/") + certId).toURL());
      Optional<Instant> retry = info.fetch();
      Instant start = info.getSuggestedWindowStart();
      Instant end = info.getSuggestedWindowEnd();
      if (!end.isAfter(start)) {
        // RFC 9773 section 4.2: treat it as though no response was received
        throw new AcmeException(
            "renewal information of certificate "
                + certificate.id()
                + ": the CA served an invalid window (end "
                + end
                + " not after start "
                + start
                + ")");
      }
      RenewalWindow window = new RenewalWindow(start, end);
      Duration retryAfter =
          retry
              .map(at -> Duration.between(clock.instant(), at))
              .map(d -> d.isNegative() ? Duration.ZERO : d)
              .orElse(null);
      return Optional.of(new AriResponse(window, retryAfter));
    } catch (org.shredzone.acme4j.exception.AcmeException e) {
      throw new AcmeException(
          "renewal information of certificate "
              + certificate.id()
              + " ("
              + certId
              + "): "
              + e.getMessage(),
          e);
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new AcmeException(
          "renewal information of certificate " + certificate.id() + ": bad URL for " + certId, e);
    }
  }
}
