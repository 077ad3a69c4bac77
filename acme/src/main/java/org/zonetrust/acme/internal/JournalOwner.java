package org.zonetrust.acme.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who wrote a journal entry: host, process id, process start time and publisher instance. Decides
 * whether an entry is abandoned (its writer is gone) and may be cleaned by {@code recover()}.
 *
 * @param host the writer's host name
 * @param pid the writer's process id
 * @param started the writer process's start time in epoch milliseconds, or -1 if unknown
 * @param instance the writer publisher's random id
 */
record JournalOwner(String host, long pid, long started, String instance) {

  /** The owner for a new publisher of this process. */
  static JournalOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new JournalOwner(
        hostName(), self.pid(), startedMillis(self), UUID.randomUUID().toString());
  }

  /**
   * Whether an entry written by {@code writer} at {@code written} is abandoned, seen from this
   * owner at {@code now}: a writer on this host is abandoned when its process is gone (or is
   * another process that reused the pid); a writer on another host, whose process cannot be
   * checked, when the entry is older than {@code foreignAge}. An entry of this very instance counts
   * as abandoned: the caller skips its own live publications before asking, so what is left is a
   * removal that failed earlier.
   */
  boolean considersAbandoned(
      JournalOwner writer, Instant written, Instant now, Duration foreignAge) {
    if (writer.instance().equals(instance)) {
      return true;
    }
    if (!writer.host().equals(host)) {
      return !written.plus(foreignAge).isAfter(now);
    }
    if (writer.pid() == pid) {
      return writer.started() != started;
    }
    Optional<ProcessHandle> p = ProcessHandle.of(writer.pid());
    if (p.isEmpty() || !p.get().isAlive()) {
      return true;
    }
    long otherStarted = startedMillis(p.get());
    return writer.started() >= 0 && otherStarted >= 0 && otherStarted != writer.started();
  }

  private static long startedMillis(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
