package org.zonetrust.dane;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of {@link TlsaRolloverPlanner#verifyBeforeSwitch}: one verdict per endpoint.
 *
 * @param endpoints the verdict of every endpoint, in the planner's endpoint order
 */
public record SwitchVerification(List<EndpointVerification> endpoints) {
  /**
   * Copies the list.
   *
   * @param endpoints the verdicts
   */
  public SwitchVerification {
    endpoints = List.copyOf(endpoints);
  }

  /**
   * Whether every endpoint is ready: only then may the servers switch to the next key.
   *
   * @return {@code true} if every endpoint's validated TLSA RRset holds the next key
   */
  public boolean ready() {
    return endpoints.stream().allMatch(EndpointVerification::ready);
  }

  /**
   * The endpoints that are not ready.
   *
   * @return the failing verdicts
   */
  public List<EndpointVerification> failures() {
    return endpoints.stream().filter(e -> !e.ready()).toList();
  }

  @Override
  public String toString() {
    return endpoints.stream()
        .map(EndpointVerification::toString)
        .collect(Collectors.joining("\n", ready() ? "ready to switch:\n" : "NOT ready:\n", ""));
  }
}
