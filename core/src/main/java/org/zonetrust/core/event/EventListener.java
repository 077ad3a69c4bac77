package org.zonetrust.core.event;

/**
 * Receives {@link ZoneTrustEvent}s from the components it is registered with.
 *
 * <p>Obligations of an implementation: it must be thread-safe (components call it from their worker
 * threads, possibly concurrently); it must return quickly and never block on I/O (hand slow work to
 * your own executor); an exception it throws is logged and otherwise ignored, so a faulty listener
 * never breaks an operation.
 */
@FunctionalInterface
public interface EventListener {

  /** A listener that ignores every event. */
  EventListener NONE = event -> {};

  /**
   * Called once per event.
   *
   * @param event what happened
   */
  void onEvent(ZoneTrustEvent event);
}
