package org.zonetrust.core.event;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened inside ZoneTrust that a hosting platform may want to show, count or
 * audit: a record was published, a change propagated, a certificate was issued, a key rolled.
 *
 * <p>Events are plain values. {@code type} is a stable dotted name such as {@code
 * "dns.update.applied"}; {@code subject} is the object it concerns (a zone, a name, an order);
 * {@code attributes} carry details as strings and never hold a secret.
 *
 * @param time when it happened, from the component's injected clock
 * @param type stable dotted event name, e.g. {@code "dns.propagation.complete"}
 * @param subject the zone, name or object the event is about
 * @param attributes further details (never secrets); copied, unmodifiable
 */
public record ZoneTrustEvent(
    Instant time, String type, String subject, Map<String, String> attributes) {

  /**
   * Validates and copies the attributes.
   *
   * @param time see the record component
   * @param type see the record component
   * @param subject see the record component
   * @param attributes see the record component
   */
  public ZoneTrustEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(subject, "subject");
    attributes = Map.copyOf(attributes);
  }
}
