package org.zonetrust.dane;

import org.xbill.DNS.TLSARecord;

/**
 * One TLSA record's verdict against a server's certificate chain.
 *
 * @param record the TLSA record
 * @param verdict matched, not matched or unusable
 * @param detail why, e.g. {@code "DANE-TA: matched certificate 1 (CN=Issuing CA)"}
 */
public record RecordCheck(TLSARecord record, RecordVerdict verdict, String detail) {}
