package org.zonetrust.dane;

/**
 * Which key a certificate renewal uses, as the rollover planner decides it. A plain value that the
 * platform hands to the ACME client's key policy (the {@code acme} module does not depend on {@code
 * dane}).
 */
public enum RenewalKey {
  /** Renew with the key in use now: the next key's TLSA is not yet safely published. */
  CURRENT,
  /** Renew with the pre-generated next key: every resolver cache now holds its TLSA record. */
  NEXT
}
