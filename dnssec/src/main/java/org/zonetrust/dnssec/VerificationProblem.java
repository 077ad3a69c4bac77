package org.zonetrust.dnssec;

import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One problem that {@link ZoneVerifier} found in a signed zone.
 *
 * @param owner the owner name concerned (for NSEC3 problems of a name: that name, not its hash)
 * @param type the record type concerned, as a dnsjava {@link Type} code
 * @param message what is wrong, for an operator
 */
public record VerificationProblem(Name owner, int type, String message) {
  /**
   * Validates the components.
   *
   * @param owner the owner name concerned
   * @param type the record type concerned, as a dnsjava {@link Type} code
   * @param message what is wrong, for an operator
   */
  public VerificationProblem {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(message, "message");
    Type.check(type);
  }

  /**
   * The type's mnemonic, e.g. {@code "RRSIG"} or {@code "TYPE65534"}.
   *
   * @return the type name
   */
  public String typeName() {
    return Type.string(type);
  }

  /**
   * One line for logs and the command line: {@code owner TYPE: message}.
   *
   * @return the problem as text
   */
  @Override
  public String toString() {
    return owner + " " + typeName() + ": " + message;
  }
}
