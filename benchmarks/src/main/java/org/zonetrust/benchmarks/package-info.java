/**
 * Benchmark mains that {@code benchmarks/compare-signers} runs: {@code SignZone} signs one zone
 * file with ZoneTrust, {@code SignZones} signs many small zones in one JVM, and {@code
 * ProviderRate} measures the raw signing rate of each crypto provider. For {@code
 * benchmarks/compare-acme}, {@code AcmeTestbed} keeps the testbed running for the peer ACME
 * clients.
 *
 * <p>Elapsed time is measured with {@link java.lang.System#nanoTime()}; signature timestamps come
 * from the system {@link java.time.Clock}.
 */
@NullMarked
package org.zonetrust.benchmarks;

import org.jspecify.annotations.NullMarked;
