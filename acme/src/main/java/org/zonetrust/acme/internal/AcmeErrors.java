package org.zonetrust.acme.internal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.zonetrust.acme.AcmeException;

/** Turns acme4j's failures and problem documents into ZoneTrust {@link AcmeException}s. */
final class AcmeErrors {
  private AcmeErrors() {}

  static AcmeException translate(
      String what, org.shredzone.acme4j.exception.AcmeException e, @Nullable String orderUrl) {
    URI type = null;
    Instant retryAfter = null;
    String detail = e.getMessage();
    if (e instanceof AcmeServerException s) {
      type = s.getType();
      detail = describe(s.getProblem());
    }
    if (e instanceof AcmeRateLimitedException r) {
      retryAfter = r.getRetryAfter().orElse(null);
    }
    return new AcmeException(
        what
            + ": "
            + detail
            + (retryAfter == null ? "" : " (retry after " + retryAfter + ")")
            + (orderUrl == null ? "" : " [order " + orderUrl + "]"),
        e,
        type,
        retryAfter,
        orderUrl);
  }

  static AcmeException problem(String what, Optional<Problem> problem, @Nullable String orderUrl) {
    return new AcmeException(
        what
            + ": "
            + problem.map(AcmeErrors::describe).orElse("the CA gave no reason")
            + (orderUrl == null ? "" : " [order " + orderUrl + "]"),
        null,
        problem.map(Problem::getType).orElse(null),
        null,
        orderUrl);
  }

  /** {@code type: detail (identifier)}, with sub-problems, as the CA wrote them. */
  static String describe(Problem p) {
    StringBuilder sb = new StringBuilder();
    sb.append(p.getType());
    p.getDetail().ifPresent(d -> sb.append(": ").append(d));
    p.getIdentifier().ifPresent(i -> sb.append(" (").append(i.getValue()).append(')'));
    List<Problem> subs = p.getSubProblems();
    for (Problem sub : subs) {
      sb.append("; ").append(describe(sub));
    }
    return sb.toString();
  }
}
