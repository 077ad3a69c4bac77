package org.zonetrust.acme;

import java.security.PublicKey;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The platform's answer to "may this renewal switch to the pre-generated next key?". {@link
 * CertificateKeyPolicy} asks it only when a roll is due. A DANE platform answers from its TLSA
 * rollover planner (the {@code dane} module's {@code RenewalKeyDecision} says {@code CURRENT} or
 * {@code NEXT}); the {@code acme} module does not depend on {@code dane}:
 *
 * <pre>{@code
 * KeySwitchGate gate = (certId, next) -> planner.keyForRenewal(set, confirmed).key() == RenewalKey.NEXT;
 * }</pre>
 *
 * <p>Obligations: answer quickly, without side effects; {@code true} means the TLSA (or whatever
 * pins the key) for {@code nextKey} is published and cached everywhere. It may be called from
 * several threads.
 */
@FunctionalInterface
public interface KeySwitchGate {

  /**
   * Whether the certificate may now switch to its next key.
   *
   * @param certId the certificate id
   * @param nextKey the public key of the pre-generated next key
   * @return true if switching is safe now
   */
  boolean switchAllowed(String certId, PublicKey nextKey);

  /**
   * A gate that always allows the switch: for platforms that pin nothing (no DANE, no HPKP-like
   * pinning), so the key rolls as soon as its lifetime is over.
   *
   * @return the gate
   */
  static KeySwitchGate always() {
    return (certId, nextKey) -> true;
  }

  /**
   * A gate that never allows the switch: the current key is kept however old it is.
   *
   * @return the gate
   */
  static KeySwitchGate never() {
    return (certId, nextKey) -> false;
  }

  /**
   * A gate from a plain yes/no decision, e.g. {@code () -> decision.key() == RenewalKey.NEXT}.
   *
   * @param decision supplies true when switching is safe
   * @return the gate
   */
  static KeySwitchGate of(BooleanSupplier decision) {
    Objects.requireNonNull(decision, "decision");
    return (certId, nextKey) -> decision.getAsBoolean();
  }
}
