package org.zonetrust.testbed.epp;

import java.time.Duration;
import java.util.Objects;

/**
 * A fault the {@link EppSimulator} plays on the next domain command ({@code info} or {@code
 * update}) it receives, once: {@link EppSimulator#inject} queues them in order.
 *
 * @param kind what goes wrong
 * @param code the result code for {@link Kind#RESULT_CODE}, else 0
 * @param delay the delay for {@link Kind#SLOW}, else zero
 * @param target the external entity's system id for {@link Kind#EXTERNAL_ENTITY}, else empty
 */
public record Fault(Kind kind, int code, Duration delay, String target) {

  /** What goes wrong. */
  public enum Kind {
    /** Answer normally (lets the next fault hit the command after). */
    PASS,
    /** Close the connection without answering (the command is not applied). */
    DROP,
    /** Apply the command, then close the connection without answering. */
    DROP_AFTER_APPLYING,
    /** Answer 2502 (session limit exceeded; server closing connection) and close. */
    SESSION_ENDED,
    /** Answer after a delay. */
    SLOW,
    /** Answer with XML that is not well-formed. */
    MALFORMED_XML,
    /** Answer 1001 (action pending) to an update without applying it. */
    PENDING,
    /** Answer a given result code. */
    RESULT_CODE,
    /** Send a frame header announcing 64 MiB (and a few bytes of it). */
    OVERSIZED_FRAME,
    /** Answer with a DOCTYPE declaring an external entity and using it. */
    EXTERNAL_ENTITY,
    /** Answer with the billion-laughs entity expansion. */
    BILLION_LAUGHS
  }

  /**
   * Checks the components.
   *
   * @param kind what goes wrong
   * @param code the result code for {@link Kind#RESULT_CODE}
   * @param delay the delay for {@link Kind#SLOW}
   * @param target the system id for {@link Kind#EXTERNAL_ENTITY}
   */
  public Fault {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(target, "target");
  }

  /**
   * A fault of a kind without parameters.
   *
   * @param kind the kind
   * @return the fault
   */
  public static Fault of(Kind kind) {
    return new Fault(kind, 0, Duration.ZERO, "");
  }

  /**
   * Answers a result code (with message "simulated result").
   *
   * @param code the EPP result code
   * @return the fault
   */
  public static Fault resultCode(int code) {
    return new Fault(Kind.RESULT_CODE, code, Duration.ZERO, "");
  }

  /**
   * Answers late.
   *
   * @param delay how late
   * @return the fault
   */
  public static Fault slow(Duration delay) {
    return new Fault(Kind.SLOW, 0, delay, "");
  }

  /**
   * Answers with an external entity pointing at a system id (a file URL, an http URL).
   *
   * @param systemId the entity's system id
   * @return the fault
   */
  public static Fault externalEntity(String systemId) {
    return new Fault(Kind.EXTERNAL_ENTITY, 0, Duration.ZERO, systemId);
  }
}
