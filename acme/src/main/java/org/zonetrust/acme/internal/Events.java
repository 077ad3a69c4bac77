package org.zonetrust.acme.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.event.ZoneTrustEvent;

/** Sends {@code acme.*} events; a failing listener is logged and otherwise ignored. */
final class Events {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final EventListener listener;
  private final Clock clock;

  Events(EventListener listener, Clock clock) {
    this.listener = listener;
    this.clock = clock;
  }

  /** Sends an event; {@code kv} are attribute name/value pairs. */
  void emit(String type, String subject, String... kv) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      attributes.put(kv[i], kv[i + 1]);
    }
    try {
      listener.onEvent(new ZoneTrustEvent(clock.instant(), type, subject, attributes));
    } catch (RuntimeException e) {
      LOG.warn("event listener failed on {} for {}", type, subject, e);
    }
  }
}
