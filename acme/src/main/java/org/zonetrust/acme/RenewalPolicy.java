package org.zonetrust.acme;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * When to renew, pure and clock-free: every method is a function of its arguments and the injected
 * {@link Random}. The {@link RenewalScheduler} applies it; tests and simulations call it directly.
 *
 * <ul>
 *   <li><b>With ARI</b> (RFC 9773 section 4.2): a uniformly random instant inside the suggested
 *       window {@code [start, end)}, chosen once per window and kept in the {@link
 *       CertificateRecord} (choosing again at every scan would skew renewals towards the start). An
 *       instant already past means "renew now". A window that starts at or after the certificate's
 *       notAfter is ignored as nonsensical.
 *   <li><b>Without ARI</b>: when one third of the lifetime remains ({@code notAfter - (notAfter -
 *       notBefore) / 3}), minus a random jitter of up to {@code min(maxJitter, lifetime / 10)}, so
 *       that certificates issued together do not all renew in the same second; the renewal always
 *       happens with at least a third of the lifetime left.
 *   <li><b>Polling ARI again</b>: after the answer's Retry-After, or six hours without one; values
 *       below one minute count as one minute and above one day as one day (the limits RFC 9773
 *       section 4.3 gives as examples).
 *   <li><b>Failures</b>: consecutive failure {@code n} waits {@code ladder[min(n, size) - 1]}
 *       (default 1 min, 10 min, 100 min, 1 day, then 1 day), plus up to 10% random jitter; a
 *       Retry-After from the CA (429 rate limited, 503) is honoured when it is later.
 * </ul>
 *
 * <p>Thread-safe if the {@link Random} is ({@link java.util.Random} and {@link SecureRandom} are).
 */
public final class RenewalPolicy {
  /** The default failure backoff ladder. */
  public static final List<Duration> DEFAULT_BACKOFF =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(10),
          Duration.ofMinutes(100),
          Duration.ofDays(1));

  private static final Duration ARI_DEFAULT_POLL = Duration.ofHours(6);
  private static final Duration ARI_MIN_POLL = Duration.ofMinutes(1);
  private static final Duration ARI_MAX_POLL = Duration.ofDays(1);

  private final Random random;
  private final Duration maxJitter;
  private final List<Duration> backoff;

  private RenewalPolicy(Random random, Duration maxJitter, List<Duration> backoff) {
    this.random = random;
    this.maxJitter = maxJitter;
    this.backoff = backoff;
  }

  /**
   * The default policy with a {@link SecureRandom}.
   *
   * @return the policy
   */
  public static RenewalPolicy defaults() {
    return builder().build();
  }

  /**
   * Starts configuring a policy.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Chooses the renewal instant if the record has none yet.
   *
   * @param certificate the record
   * @return the record with {@link CertificateRecord#plannedRenewal()} set (the same record if it
   *     was set already)
   */
  public CertificateRecord plan(CertificateRecord certificate) {
    if (certificate.plannedRenewal() != null) {
      return certificate;
    }
    RenewalWindow w = usableWindow(certificate);
    Instant at = w != null ? pointIn(w) : fallback(certificate.notBefore(), certificate.notAfter());
    return certificate.withPlannedRenewal(at);
  }

  /**
   * Whether the record's plan rests on an ARI window (such renewals go first and carry {@code
   * replaces}).
   *
   * @param certificate the record
   * @return true if an ARI window is known and usable
   */
  public boolean ariBased(CertificateRecord certificate) {
    return usableWindow(certificate) != null;
  }

  /**
   * When a planned record is due: the later of its planned renewal and its {@code retryNotBefore}.
   *
   * @param planned a record returned by {@link #plan}
   * @return the instant
   */
  public Instant dueAt(CertificateRecord planned) {
    Instant at = Objects.requireNonNull(planned.plannedRenewal(), "plan the record first");
    Instant retry = planned.retryNotBefore();
    return retry != null && retry.isAfter(at) ? retry : at;
  }

  /**
   * The renewal instant without ARI, before jitter: one third of the lifetime before notAfter.
   *
   * @param notBefore start of validity
   * @param notAfter end of validity
   * @return {@code notAfter - (notAfter - notBefore) / 3}
   */
  public static Instant oneThirdRemaining(Instant notBefore, Instant notAfter) {
    return notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3));
  }

  /**
   * When to ask for renewal information again.
   *
   * @param retryAfter the answer's Retry-After, or null
   * @param now the current instant
   * @return {@code now} plus the Retry-After clamped to [1 min, 1 day], or 6 hours
   */
  public Instant nextAriPoll(@Nullable Duration retryAfter, Instant now) {
    Duration d = retryAfter == null ? ARI_DEFAULT_POLL : retryAfter;
    if (d.compareTo(ARI_MIN_POLL) < 0) {
      d = ARI_MIN_POLL;
    } else if (d.compareTo(ARI_MAX_POLL) > 0) {
      d = ARI_MAX_POLL;
    }
    return now.plus(d);
  }

  /**
   * The base wait after {@code failures} consecutive failures (no jitter): non-decreasing in {@code
   * failures}.
   *
   * @param failures at least 1
   * @return the ladder step
   */
  public Duration backoff(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, got " + failures);
    }
    return backoff.get(Math.min(failures, backoff.size()) - 1);
  }

  /**
   * When to try again after a failure.
   *
   * @param failures consecutive failures including this one (at least 1)
   * @param retryAfter the instant the CA's Retry-After names (429, 503), or null
   * @param now the current instant
   * @return {@code now + backoff(failures)} plus up to 10% jitter, or {@code retryAfter} if later
   */
  public Instant retryAt(int failures, @Nullable Instant retryAfter, Instant now) {
    Duration base = backoff(failures);
    Instant at = now.plus(base).plusMillis((long) (random.nextDouble() * base.toMillis() / 10));
    return retryAfter != null && retryAfter.isAfter(at) ? retryAfter : at;
  }

  private static @Nullable RenewalWindow usableWindow(CertificateRecord c) {
    RenewalWindow w = c.window();
    return w != null && w.start().isBefore(c.notAfter()) ? w : null;
  }

  private Instant pointIn(RenewalWindow w) {
    long span = Duration.between(w.start(), w.end()).toMillis();
    long offset = span <= 1 ? 0 : (long) (random.nextDouble() * span);
    return w.start().plusMillis(Math.min(offset, span - 1));
  }

  private Instant fallback(Instant notBefore, Instant notAfter) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    Duration cap = lifetime.dividedBy(10);
    long jitter =
        (long) (random.nextDouble() * (maxJitter.compareTo(cap) < 0 ? maxJitter : cap).toMillis());
    return oneThirdRemaining(notBefore, notAfter).minusMillis(jitter);
  }

  /** Configures a {@link RenewalPolicy}. Not thread-safe. */
  public static final class Builder {
    private Random random = new SecureRandom();
    private Duration maxJitter = Duration.ofDays(1);
    private List<Duration> backoff = DEFAULT_BACKOFF;

    private Builder() {}

    /**
     * Sets the source of randomness (window point, jitter); tests pass a seeded one.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Sets the largest jitter of a renewal without ARI (default 1 day; never more than a tenth of
     * the lifetime).
     *
     * @param maxJitter zero or positive
     * @return this builder
     */
    public Builder maxJitter(Duration maxJitter) {
      if (maxJitter.isNegative()) {
        throw new IllegalArgumentException("maxJitter must not be negative, got " + maxJitter);
      }
      this.maxJitter = maxJitter;
      return this;
    }

    /**
     * Sets the failure backoff ladder (default {@link #DEFAULT_BACKOFF}).
     *
     * @param ladder non-empty, positive, non-decreasing durations
     * @return this builder
     * @throws IllegalArgumentException if the ladder is empty, has a non-positive step or decreases
     */
    public Builder backoff(List<Duration> ladder) {
      List<Duration> copy = List.copyOf(ladder);
      if (copy.isEmpty()) {
        throw new IllegalArgumentException("the backoff ladder needs at least one step");
      }
      for (int i = 0; i < copy.size(); i++) {
        Duration d = copy.get(i);
        if (d.isNegative() || d.isZero() || (i > 0 && d.compareTo(copy.get(i - 1)) < 0)) {
          throw new IllegalArgumentException(
              "backoff steps must be positive and non-decreasing: " + copy);
        }
      }
      this.backoff = copy;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     */
    public RenewalPolicy build() {
      return new RenewalPolicy(random, maxJitter, backoff);
    }
  }
}
