package org.zonetrust.acme.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.acme.RenewalWindow;

/** Encodes {@link CertificateRecord}s for the state store. */
public final class RecordCodec {
  private static final String FORMAT = "certificate-record/1";

  private RecordCodec() {}

  /**
   * Encodes a record.
   *
   * @param r the record
   * @return the bytes
   */
  public static byte[] encode(CertificateRecord r) {
    RenewalWindow w = r.window();
    return Fields.create(FORMAT)
        .put("id", r.id())
        .putList("names", r.names())
        .put("notBefore", r.notBefore())
        .put("notAfter", r.notAfter())
        .put("ariCertId", r.ariCertId())
        .put("profile", r.profile())
        .put("window.start", w == null ? null : w.start())
        .put("window.end", w == null ? null : w.end())
        .put("ariNextPoll", r.ariNextPoll())
        .put("plannedRenewal", r.plannedRenewal())
        .put("failures", r.failures())
        .put("lastFailure", r.lastFailure())
        .put("retryNotBefore", r.retryNotBefore())
        .put("replacesRejected", r.replacesRejected())
        .toBytes();
  }

  /**
   * Decodes a record.
   *
   * @param key the state key
   * @param bytes the value
   * @return the record
   * @throws AcmeException if malformed
   */
  public static CertificateRecord decode(String key, byte[] bytes) throws AcmeException {
    Fields f = Fields.parse(key, bytes, FORMAT);
    Instant start = f.instant("window.start");
    Instant end = f.instant("window.end");
    try {
      @Nullable RenewalWindow w =
          start == null || end == null ? null : new RenewalWindow(start, end);
      return new CertificateRecord(
          f.required("id"),
          f.list("names"),
          f.requiredInstant("notBefore"),
          f.requiredInstant("notAfter"),
          f.optional("ariCertId"),
          f.optional("profile"),
          w,
          f.instant("ariNextPoll"),
          f.instant("plannedRenewal"),
          f.integer("failures", 0),
          f.optional("lastFailure"),
          f.instant("retryNotBefore"),
          Boolean.parseBoolean(f.optional("replacesRejected")));
    } catch (IllegalArgumentException e) {
      throw new AcmeException("invalid certificate record at key " + key + ": " + e.getMessage());
    }
  }
}
