package org.zonetrust.dane;

import java.util.List;
import org.xbill.DNS.Name;

/**
 * The result of a DANE check of a mail domain or a service: one entry per address of every host.
 *
 * @param name the mail domain or host that was checked
 * @param checks one entry per address (or per host or domain that failed before an address)
 */
public record DaneReport(Name name, List<AddressCheck> checks) {
  /**
   * Copies the entries.
   *
   * @param name the mail domain or host that was checked
   * @param checks one entry per address
   */
  public DaneReport {
    checks = List.copyOf(checks);
  }

  /**
   * Whether DANE validates: there is at least one entry and every address of every host matched.
   *
   * @return {@code true} only when every entry is {@link DaneOutcome#MATCHED}
   */
  public boolean validated() {
    return !checks.isEmpty() && checks.stream().allMatch(c -> c.outcome() == DaneOutcome.MATCHED);
  }

  /**
   * One line per entry, for people.
   *
   * @return the lines joined with newlines
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (AddressCheck c : checks) {
      sb.append(c.toLine()).append('\n');
    }
    return sb.toString();
  }
}
