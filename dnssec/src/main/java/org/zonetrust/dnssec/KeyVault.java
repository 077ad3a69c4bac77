package org.zonetrust.dnssec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;
import org.zonetrust.dnssec.internal.BindKeyText;
import org.zonetrust.dnssec.internal.KeyMaterial;

/**
 * Keeps the key manager's private keys in the {@link StateStore} (readable by its owner only), in
 * BIND's private-key text format, one value per key. Nothing here logs or prints key material.
 */
final class KeyVault {
  private final StateStore store;

  KeyVault(StateStore store) {
    this.store = store;
  }

  static String prefix(Name zone) {
    String z = zone.toString(true).toLowerCase(java.util.Locale.ROOT);
    return "dnssec/keys/" + (z.isEmpty() ? "root" : z) + "/";
  }

  static String stateKey(Name zone) {
    return prefix(zone) + "state";
  }

  static String leaseName(Name zone) {
    return prefix(zone) + "lease";
  }

  private static String keyKey(Name zone, String id) {
    return prefix(zone) + "key-" + id;
  }

  void put(SigningKey key, String id) throws DnssecException {
    Map<String, byte[]> material = KeyMaterial.toFields(key.algorithm(), key.privateKey());
    byte[] text =
        ("Role: "
                + key.role()
                + "\n"
                + BindKeyText.formatPrivate(key.algorithm(), material, KeyTiming.NONE))
            .getBytes(StandardCharsets.UTF_8);
    material.values().forEach(v -> Arrays.fill(v, (byte) 0));
    try {
      store.put(keyKey(key.zone(), id), text);
    } catch (StateStoreException e) {
      throw new DnssecException("cannot store key " + id + " of " + key.zone(), e);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  SigningKey get(Name zone, String id, long dnskeyTtl) throws DnssecException {
    return get(zone, id, dnskeyTtl, null);
  }

  /** Reads a key; {@code as} gives it another role (a CSK that signs only keys or only data). */
  SigningKey get(Name zone, String id, long dnskeyTtl, @Nullable KeyRole as)
      throws DnssecException {
    String name = keyKey(zone, id);
    Optional<Versioned> v;
    try {
      v = store.get(name);
    } catch (StateStoreException e) {
      throw new DnssecException("cannot read key " + id + " of " + zone, e);
    }
    if (v.isEmpty()) {
      throw new DnssecException(
          "key " + id + " of " + zone + " is missing from the state store (" + name + ")");
    }
    byte[] bytes = v.get().value();
    List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    Arrays.fill(bytes, (byte) 0);
    if (lines.isEmpty() || !lines.get(0).startsWith("Role: ")) {
      throw new DnssecException("key " + id + " of " + zone + " is damaged: no role line");
    }
    KeyRole role;
    try {
      role = KeyRole.valueOf(lines.get(0).substring(6).trim());
    } catch (IllegalArgumentException e) {
      throw new DnssecException("key " + id + " of " + zone + " has an unknown role", e);
    }
    BindKeyText.PrivateFile parsed =
        BindKeyText.parsePrivate(Path.of(name), lines.subList(1, lines.size()));
    DnssecAlgorithm algorithm =
        DnssecAlgorithm.fromCode(parsed.algorithmCode())
            .orElseThrow(
                () -> new DnssecException(BindKeyText.unsupported(parsed.algorithmCode())));
    try {
      KeyMaterial.Pair pair = KeyMaterial.fromFields(algorithm, parsed.material());
      return SigningKey.of(
          zone, algorithm, as == null ? role : as, pair.publicKey(), pair.privateKey(), dnskeyTtl);
    } catch (KeyMaterial.MaterialException e) {
      throw new DnssecException("key " + id + " of " + zone + " is damaged: " + e.field(), e);
    } finally {
      parsed.material().values().forEach(b -> Arrays.fill(b, (byte) 0));
    }
  }

  void delete(Name zone, String id) throws DnssecException {
    String name = keyKey(zone, id);
    try {
      Optional<Versioned> v = store.get(name);
      if (v.isPresent()) {
        store.delete(name, v.get().version());
      }
    } catch (StateStoreException e) {
      throw new DnssecException("cannot delete key " + id + " of " + zone, e);
    }
  }
}
