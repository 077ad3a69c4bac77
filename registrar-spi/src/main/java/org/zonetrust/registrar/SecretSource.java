package org.zonetrust.registrar;

import java.util.Map;
import java.util.Optional;

/**
 * Where adapters get their secrets (EPP password, API token, SMTP password, TSIG secret, key store
 * password): always from the caller, never from the configuration URI, and never logged.
 *
 * <p>Each adapter documents the names it asks for. Implementations return a fresh array each call;
 * adapters clear it when done.
 */
@FunctionalInterface
public interface SecretSource {

  /**
   * Returns the secret with this name.
   *
   * @param name the secret's name, e.g. {@code "password"} or {@code "token"}
   * @return a fresh copy of the secret, or empty if there is none
   */
  Optional<char[]> secret(String name);

  /**
   * A source with no secrets.
   *
   * @return the empty source
   */
  static SecretSource none() {
    return name -> Optional.empty();
  }

  /**
   * A source backed by a map (copied).
   *
   * @param secrets the secrets by name
   * @return the source
   */
  static SecretSource of(Map<String, String> secrets) {
    Map<String, String> copy = Map.copyOf(secrets);
    return name -> Optional.ofNullable(copy.get(name)).map(String::toCharArray);
  }
}
