package org.zonetrust.acme;

import org.jspecify.annotations.Nullable;

/**
 * What one {@link RenewalScheduler#runOnce()} did.
 *
 * @param scanned certificate records read
 * @param renewed certificates renewed
 * @param failed renewals that failed (backoff recorded)
 * @param deferred due renewals held back by the rate-limit ledger or the per-run bound
 * @param leased due certificates skipped because another process held their lease
 * @param errors records that could not be read or written (logged)
 * @param nextDueAt the earliest instant at which something will be due (renewal, retry or ARI
 *     poll), or null if nothing is stored
 */
public record RenewalRun(
    int scanned,
    int renewed,
    int failed,
    int deferred,
    int leased,
    int errors,
    java.time.@Nullable Instant nextDueAt) {}
