package org.zonetrust.acme.internal;

import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.acme.internal.ChallengePublisher.Publication;
import org.zonetrust.acme.internal.ChallengePublisher.PublishedRecord;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.event.ZoneTrustEvent;

/** Events and log lines of the publisher; they name orders, zones and owners, never a secret. */
final class PublisherEvents {
  private static final Logger LOG = LoggerFactory.getLogger(DnsChallengePublisher.class);

  private final Clock clock;
  private final EventListener listener;

  PublisherEvents(Clock clock, EventListener listener) {
    this.clock = clock;
    this.listener = listener;
  }

  void log(String orderKey, ChallengeTargets.Target t) {
    if (!t.via().equals("direct")) {
      LOG.debug(
          "order {}: {} is published at {} in zone {} ({})",
          orderKey,
          t.challengeName(),
          t.owner(),
          t.zone(),
          t.via());
    }
  }

  void emit(String type, String orderKey, Publication p) {
    String zones =
        p.records().stream().map(PublishedRecord::zone).distinct().collect(Collectors.joining(","));
    String owners =
        p.records().stream()
            .map(PublishedRecord::owner)
            .distinct()
            .collect(Collectors.joining(","));
    int values = p.records().stream().mapToInt(r -> r.values().size()).sum();
    LOG.debug("order {}: {} ({} values at {})", orderKey, type, values, owners);
    try {
      listener.onEvent(
          new ZoneTrustEvent(
              clock.instant(),
              type,
              orderKey,
              Map.of("zones", zones, "owners", owners, "values", Integer.toString(values))));
    } catch (RuntimeException e) {
      LOG.warn("event listener failed on {} for order {}", type, orderKey, e);
    }
  }
}
