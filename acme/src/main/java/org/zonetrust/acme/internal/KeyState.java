package org.zonetrust.acme.internal;

import org.jspecify.annotations.Nullable;
import org.zonetrust.acme.AcmeException;

/**
 * The keys of one certificate: the current key, the pre-generated next key and the key before the
 * last roll (kept until the following roll, so that a crash around a switch never loses a key that
 * a served certificate may still use).
 *
 * @param current the key in use
 * @param next the pre-generated next key, or null if none is stored yet
 * @param previous the key replaced by the last roll, or null
 */
public record KeyState(StoredKey current, @Nullable StoredKey next, @Nullable StoredKey previous) {
  /** The format name of the stored value. */
  public static final String FORMAT = "certificate-keys/1";

  /**
   * Encodes the state.
   *
   * @return the value to store (holds private keys: the store keeps it 0600)
   */
  public byte[] encode() {
    Fields f = Fields.create(FORMAT);
    current.write(f, "current");
    if (next != null) {
      next.write(f, "next");
    }
    if (previous != null) {
      previous.write(f, "previous");
    }
    return f.toBytes();
  }

  /**
   * Decodes a stored state.
   *
   * @param stateKey the key it was read from
   * @param bytes the value
   * @return the state
   * @throws AcmeException if malformed
   */
  public static KeyState decode(String stateKey, byte[] bytes) throws AcmeException {
    Fields f = Fields.parse(stateKey, bytes, FORMAT);
    StoredKey current = StoredKey.read(f, "current", stateKey);
    if (current == null) {
      throw new AcmeException("state value at key " + stateKey + " lacks the current key");
    }
    return new KeyState(
        current, StoredKey.read(f, "next", stateKey), StoredKey.read(f, "previous", stateKey));
  }
}
