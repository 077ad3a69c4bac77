package org.zonetrust.acme.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.AcmeException;

/**
 * What {@link OrderFlow} does after validation or a failure: remove the published values and
 * deactivate pending authorizations. Both run with the thread's interrupt flag cleared (a cancelled
 * order must still clean up) and set it again afterwards; neither throws.
 */
final class OrderCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(OrderCleanup.class);

  private final ChallengePublisher publisher;
  private final Events events;

  OrderCleanup(ChallengePublisher publisher, Events events) {
    this.publisher = publisher;
    this.events = events;
  }

  /**
   * Removes the values; a failure is logged, reported as an event and added to {@code primary} (the
   * journal keeps the entry for {@code recover()}).
   */
  void remove(ChallengePublisher.Publication publication, String id, @Nullable Throwable primary) {
    boolean interrupted = Thread.interrupted();
    try {
      publisher.remove(publication);
    } catch (AcmeException | RuntimeException e) {
      LOG.warn(
          "could not remove the challenge values of {}; the journal keeps them for recover(): {}",
          id,
          e.getMessage());
      events.emit("acme.challenge.remove-failed", id, "error", String.valueOf(e.getMessage()));
      if (primary != null) {
        primary.addSuppressed(e);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Deactivates the order's pending authorizations so that the order does not hang at the CA. */
  void deactivate(List<Authorization> authorizations, String orderUrl) {
    boolean interrupted = Thread.interrupted();
    try {
      for (Authorization auth : authorizations) {
        try {
          auth.fetch();
          if (auth.getStatus() == Status.PENDING) {
            auth.deactivate();
          }
        } catch (org.shredzone.acme4j.exception.AcmeException | RuntimeException e) {
          LOG.debug(
              "order {}: cannot deactivate {}: {}", orderUrl, auth.getLocation(), e.toString());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
