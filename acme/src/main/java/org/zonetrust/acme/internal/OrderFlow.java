package org.zonetrust.acme.internal;

import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.AcmeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.CertificateDelivery;
import org.zonetrust.acme.CertificateKeyType;
import org.zonetrust.acme.CertificateRequest;
import org.zonetrust.acme.CertificateSink;
import org.zonetrust.acme.IssuedCertificate;
import org.zonetrust.core.event.EventListener;

/**
 * One ACME DNS-01 order from creation to delivery (RFC 8555 section 7.4). See {@code
 * AcmeDns01Client#issue} for the guarantees. Thread-safe: each call works on its own order.
 */
public final class OrderFlow {
  private static final Logger LOG = LoggerFactory.getLogger(OrderFlow.class);
  private static final Set<Status> AUTHZ_DONE =
      EnumSet.of(Status.VALID, Status.INVALID, Status.DEACTIVATED, Status.EXPIRED, Status.REVOKED);
  private static final Set<Status> ORDER_READY =
      EnumSet.of(Status.READY, Status.VALID, Status.INVALID, Status.PROCESSING);
  private static final URI ACCOUNT_DOES_NOT_EXIST =
      URI.create("urn:ietf:params:acme:error:accountDoesNotExist");
  private static final Set<Status> ORDER_DONE = EnumSet.of(Status.VALID, Status.INVALID);

  /**
   * Settings of the flow.
   *
   * @param keyType the certificate key type
   * @param orderTimeout how long to wait for the CA, from triggering the challenges to the
   *     certificate
   * @param pollInitial the first poll interval
   * @param pollMax the longest poll interval (a longer Retry-After is honoured)
   * @param clock time source for events and Retry-After
   * @param events the listener
   */
  public record Settings(
      CertificateKeyType keyType,
      Duration orderTimeout,
      Duration pollInitial,
      Duration pollMax,
      Clock clock,
      EventListener events) {}

  private final AccountLogin account;
  private final ChallengePublisher publisher;
  private final CertificateSink sink;
  private final Settings settings;
  private final Poller poller;
  private final Events events;
  private final OrderCleanup cleanup;

  /**
   * Creates the flow.
   *
   * @param account the account login
   * @param publisher publishes and removes the TXT values
   * @param sink receives the certificates
   * @param settings settings
   */
  public OrderFlow(
      AccountLogin account, ChallengePublisher publisher, CertificateSink sink, Settings settings) {
    this(
        account,
        publisher,
        sink,
        settings,
        Poller.real(settings.clock(), settings.pollInitial(), settings.pollMax()));
  }

  OrderFlow(
      AccountLogin account,
      ChallengePublisher publisher,
      CertificateSink sink,
      Settings settings,
      Poller poller) {
    this.account = account;
    this.publisher = publisher;
    this.sink = sink;
    this.settings = settings;
    this.poller = poller;
    this.events = new Events(settings.events(), settings.clock());
    this.cleanup = new OrderCleanup(publisher, events);
  }

  /**
   * Runs one order.
   *
   * @param request what to order
   * @return the delivered certificate
   * @throws AcmeException if any step failed (published values are removed first)
   * @throws InterruptedException if interrupted (published values are removed first)
   */
  public IssuedCertificate issue(CertificateRequest request)
      throws AcmeException, InterruptedException {
    String names = String.join(", ", request.names());
    Order order;
    try {
      try {
        order = createOrder(request, account.login());
      } catch (AcmeServerException e) {
        if (!ACCOUNT_DOES_NOT_EXIST.equals(e.getType())) {
          throw e;
        }
        // The stored account URL names an account the CA no longer knows: register again once.
        LOG.warn("the CA does not know the stored ACME account; registering the key again");
        account.forgetStoredAccount();
        order = createOrder(request, account.login());
      }
    } catch (org.shredzone.acme4j.exception.AcmeException e) {
      AcmeException x = AcmeErrors.translate("cannot create an order for " + names, e, null);
      failed(request, x);
      throw x;
    } catch (AcmeException e) {
      failed(request, e);
      throw e;
    }
    String orderUrl = order.getLocation().toString();
    events.emit("acme.order.created", request.id(), "order", orderUrl, "names", names);
    LOG.info("order {} for {}", orderUrl, names);
    List<Authorization> authorizations = List.of();
    boolean success = false;
    try {
      authorizations = order.getAuthorizations();
      validate(request, authorizations, orderUrl);
      IssuedCertificate issued = finalizeAndDeliver(request, order, orderUrl);
      success = true;
      return issued;
    } catch (org.shredzone.acme4j.exception.AcmeException e) {
      AcmeException x = AcmeErrors.translate("order for " + names + " failed", e, orderUrl);
      failed(request, x);
      throw x;
    } catch (AcmeException | RuntimeException e) {
      failed(request, e);
      throw e;
    } catch (InterruptedException e) {
      failed(request, e);
      throw e;
    } finally {
      if (!success) {
        cleanup.deactivate(authorizations, orderUrl);
      }
    }
  }

  private Order createOrder(CertificateRequest request, Login login)
      throws AcmeException, org.shredzone.acme4j.exception.AcmeException {
    OrderBuilder builder = login.newOrder().domains(request.names());
    if (request.profile() != null) {
      Metadata md = account.session().getMetadata();
      if (!md.isProfileAllowed(request.profile())) {
        throw new AcmeException(
            "the CA does not offer certificate profile '"
                + request.profile()
                + "' (offered: "
                + md.getProfiles()
                + "); nothing was ordered for "
                + String.join(", ", request.names()));
      }
      builder.profile(request.profile());
    }
    if (request.replaces() != null
        && account.session().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent()) {
      builder.replaces(request.replaces());
    }
    return builder.create();
  }

  private record Pending(Authorization authorization, Dns01Challenge challenge, String domain) {}

  private void validate(
      CertificateRequest request, List<Authorization> authorizations, String orderUrl)
      throws AcmeException, InterruptedException, org.shredzone.acme4j.exception.AcmeException {
    List<Pending> pending = new ArrayList<>();
    List<ChallengePublisher.Challenge> values = new ArrayList<>();
    for (Authorization auth : authorizations) {
      String domain = auth.getIdentifier().getDomain();
      Status status = auth.getStatus();
      if (status == Status.VALID) {
        continue;
      }
      if (status != Status.PENDING) {
        throw new AcmeException(
            "authorization of " + domain + " is " + status + " [order " + orderUrl + "]");
      }
      Dns01Challenge challenge =
          auth.findChallenge(Dns01Challenge.class)
              .orElseThrow(
                  () ->
                      new AcmeException(
                          "the CA offers no dns-01 challenge for "
                              + domain
                              + " [order "
                              + orderUrl
                              + "]"));
      values.add(new ChallengePublisher.Challenge(domain + ".", challenge.getDigest()));
      pending.add(new Pending(auth, challenge, domain));
    }
    if (!pending.isEmpty()) {
      String orderKey = orderKey(request.id(), orderUrl);
      ChallengePublisher.Publication publication;
      try {
        publication = publisher.publish(orderKey, values);
      } catch (AcmeException e) {
        throw new AcmeException(
            "cannot publish the DNS-01 values for "
                + String.join(", ", request.names())
                + " (no challenge was triggered): "
                + e.getMessage()
                + " [order "
                + orderUrl
                + "]",
            e,
            null,
            null,
            orderUrl);
      }
      Throwable primary = null;
      try {
        for (Pending p : pending) {
          p.challenge().trigger();
        }
        long deadline = poller.deadline(settings.orderTimeout());
        for (Pending p : pending) {
          Status s =
              poller.await(
                  p.authorization(), AUTHZ_DONE, deadline, "authorization of " + p.domain());
          if (s != Status.VALID) {
            throw AcmeErrors.problem(
                "the CA could not validate " + p.domain() + " (authorization " + s + ")",
                p.authorization()
                    .findChallenge(Dns01Challenge.class)
                    .flatMap(org.shredzone.acme4j.challenge.Challenge::getError),
                orderUrl);
          }
        }
        events.emit("acme.order.validated", request.id(), "order", orderUrl);
      } catch (Throwable t) {
        primary = t;
        throw t;
      } finally {
        cleanup.remove(publication, request.id(), primary);
      }
    }
  }

  private IssuedCertificate finalizeAndDeliver(
      CertificateRequest request, Order order, String orderUrl)
      throws AcmeException, InterruptedException, org.shredzone.acme4j.exception.AcmeException {
    long deadline = poller.deadline(settings.orderTimeout());
    Status s = poller.await(order, ORDER_READY, deadline, "order " + orderUrl);
    if (s == Status.INVALID) {
      throw AcmeErrors.problem("the order became invalid", order.getError(), orderUrl);
    }
    KeyPair key =
        request.keyPair() != null
            ? request.keyPair()
            : CertificateKeys.generate(settings.keyType());
    CertificateKeyType keyType = CertificateKeyType.of(key.getPublic());
    if (s == Status.READY) {
      order.execute(CertificateKeys.csr(key, request.names()));
    }
    s = poller.await(order, ORDER_DONE, deadline, "order " + orderUrl);
    if (s != Status.VALID) {
      throw AcmeErrors.problem("the CA refused to issue", order.getError(), orderUrl);
    }
    Certificate certificate = chooseChain(order.getCertificate(), request, orderUrl);
    List<X509Certificate> chain = certificate.getCertificateChain();
    X509Certificate leaf = chain.get(0);
    IssuedCertificate issued =
        new IssuedCertificate(
            request.id(),
            request.names(),
            chain,
            leaf.getNotBefore().toInstant(),
            leaf.getNotAfter().toInstant(),
            leaf.getSerialNumber(),
            ariCertId(leaf),
            orderUrl);
    events.emit(
        "acme.certificate.issued",
        request.id(),
        "order",
        orderUrl,
        "serial",
        leaf.getSerialNumber().toString(16),
        "notAfter",
        issued.notAfter().toString());
    try {
      sink.deliver(
          new CertificateDelivery(request.id(), request.names(), chain, key.getPrivate(), keyType));
    } catch (java.io.IOException | RuntimeException e) {
      throw new AcmeException(
          "certificate "
              + request.id()
              + " (serial "
              + leaf.getSerialNumber().toString(16)
              + ") was issued but the sink failed to store it: "
              + e.getMessage(),
          e,
          null,
          null,
          orderUrl);
    }
    events.emit("acme.certificate.delivered", request.id(), "order", orderUrl);
    LOG.info(
        "certificate {} for {} issued (serial {}, until {})",
        request.id(),
        request.names(),
        leaf.getSerialNumber().toString(16),
        issued.notAfter());
    return issued;
  }

  private Certificate chooseChain(Certificate cert, CertificateRequest request, String orderUrl)
      throws org.shredzone.acme4j.exception.AcmeException {
    String issuer = request.preferredIssuer();
    if (issuer == null) {
      return cert;
    }
    cert.download();
    Optional<Certificate> found = cert.findCertificate(issuer);
    if (found.isEmpty()) {
      LOG.info(
          "order {}: no chain issued by '{}' among {} alternates; using the default chain",
          orderUrl,
          issuer,
          cert.getAlternates().size());
    }
    return found.orElse(cert);
  }

  private void failed(CertificateRequest request, Exception e) {
    events.emit(
        "acme.order.failed",
        request.id(),
        "names",
        String.join(",", request.names()),
        "error",
        String.valueOf(e.getMessage()));
  }

  /** RFC 9773 CertID, or "" for a leaf without Authority Key Identifier (no ARI possible). */
  static String ariCertId(X509Certificate leaf) {
    try {
      return AcmeUtils.getRenewalUniqueIdentifier(leaf);
    } catch (RuntimeException e) {
      LOG.debug(
          "no ARI CertID for serial {}: {}", leaf.getSerialNumber().toString(16), e.toString());
      return "";
    }
  }

  static String orderKey(String id, String orderUrl) {
    return id + "-" + AcmeUtils.hexEncode(AcmeUtils.sha256hash(orderUrl)).substring(0, 16);
  }
}
