package org.zonetrust.dnssec;

import java.util.List;
import org.xbill.DNS.Record;

/**
 * Makes the authoritative servers of a zone serve a signed zone: the way a {@link
 * ManagedSignedZone} publishes. {@link ZonePublishers} has the two built-in ways (master file plus
 * reload command; signed RFC 2136 update); a platform with its own distribution implements this
 * interface.
 *
 * <p>Obligations of an implementation:
 *
 * <ul>
 *   <li><b>Complete:</b> when {@code publish} returns, the primary server has accepted exactly
 *       {@code zone} (a server that loads asynchronously, like BIND after {@code rndc reload}, may
 *       serve it a moment later: callers that need it served, like the ACME client, wait with a
 *       {@code PropagationChecker}); secondaries follow by NOTIFY and zone transfer, which is why
 *       the managed zone raises the SOA serial on every publication.
 *   <li><b>Idempotent:</b> publishing the same zone again is harmless, so a caller may retry after
 *       a failure without finding out what the first attempt did.
 *   <li><b>Thread-safety:</b> one {@code ManagedSignedZone} never calls its publisher concurrently
 *       for the same zone, but a publisher shared by several zones is called concurrently for
 *       different zones and must allow that.
 *   <li><b>Interrupt:</b> an interrupted caller gets a {@link ZonePublishException} promptly, with
 *       its interrupt flag set again; the zone may or may not have been published (retry is safe).
 *   <li><b>Errors:</b> every failure is a {@link ZonePublishException} naming the zone and what
 *       failed (a command's exit code and output, a server's response code); never key material.
 *       Runtime exceptions are not allowed to escape.
 * </ul>
 */
@FunctionalInterface
public interface ZonePublisher {

  /**
   * Publishes a signed zone.
   *
   * @param zone the signed zone to serve; read it, do not keep it (the managed zone changes it on
   *     its next change)
   * @param previous the records this managed zone published last, in canonical order, or an empty
   *     list before its first publication and after a restart (then what the server has is unknown:
   *     replace all of it)
   * @throws ZonePublishException if the zone could not be published
   */
  void publish(SignedZone zone, List<Record> previous) throws ZonePublishException;
}
