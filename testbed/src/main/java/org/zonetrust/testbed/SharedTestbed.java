package org.zonetrust.testbed;

import org.jspecify.annotations.Nullable;

/** The one testbed of this JVM: started on first use, stopped at the end (or by the hook). */
final class SharedTestbed {
  private static @Nullable Testbed instance;
  private static @Nullable TestbedException startFailure;

  private SharedTestbed() {}

  /**
   * Returns the running testbed, starting it if needed. A failed start is remembered so later tests
   * fail fast with the same cause instead of waiting again.
   */
  // Keeping the start failure is the point: later tests rethrow it instead of waiting again.
  @SuppressWarnings("StaticAssignmentOfThrowable")
  static synchronized Testbed get() {
    if (instance != null) {
      return instance;
    }
    if (startFailure != null) {
      throw new TestbedException("the testbed failed to start earlier in this JVM", startFailure);
    }
    try {
      instance = new Testbed(Servers.start());
      return instance;
    } catch (TestbedException e) {
      startFailure = e;
      throw e;
    } catch (RuntimeException e) {
      TestbedException failure = new TestbedException("the testbed failed to start", e);
      startFailure = failure;
      throw failure;
    }
  }

  /** The running testbed, or {@code null} if none was started. */
  static synchronized @Nullable Testbed current() {
    return instance;
  }

  /** Stops the testbed if it runs; a later {@link #get()} starts a new one. */
  static synchronized void stop() {
    if (instance != null) {
      Testbed running = instance;
      instance = null;
      running.stop();
    }
  }
}
