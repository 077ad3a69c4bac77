package org.zonetrust.acme.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.CertificateRecord;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.core.state.StateStoreException;
import org.zonetrust.core.state.Versioned;

/** The certificate records in the state store, updated by compare-and-set. Thread-safe. */
public final class RecordStore {
  private static final int MAX_ATTEMPTS = 16;
  private final StateStore store;

  /**
   * Wraps a store.
   *
   * @param store the store
   */
  public RecordStore(StateStore store) {
    this.store = store;
  }

  /**
   * The ids of all stored records.
   *
   * @return the ids, sorted
   * @throws AcmeException if the store fails
   */
  public List<String> ids() throws AcmeException {
    try {
      List<String> ids = new ArrayList<>();
      for (String key : store.list(StateKeys.CERTIFICATES)) {
        String id = key.substring(StateKeys.CERTIFICATES.length());
        if (StateKeys.isSegment(id)) {
          ids.add(id);
        }
      }
      return ids;
    } catch (StateStoreException e) {
      throw new AcmeException("cannot list certificate records", e);
    }
  }

  /**
   * Reads a record.
   *
   * @param id the certificate id
   * @return the record, or empty
   * @throws AcmeException if the store fails or the record is corrupt
   */
  public Optional<CertificateRecord> get(String id) throws AcmeException {
    String key = StateKeys.certificate(id);
    try {
      Optional<Versioned> v = store.get(key);
      return v.isEmpty() ? Optional.empty() : Optional.of(RecordCodec.decode(key, v.get().value()));
    } catch (StateStoreException e) {
      throw new AcmeException("cannot read certificate record " + key, e);
    }
  }

  /**
   * Writes a record unconditionally.
   *
   * @param record the record
   * @throws AcmeException if the store fails
   */
  public void put(CertificateRecord record) throws AcmeException {
    String key = StateKeys.certificate(record.id());
    try {
      store.put(key, RecordCodec.encode(record));
    } catch (StateStoreException e) {
      throw new AcmeException("cannot write certificate record " + key, e);
    }
  }

  /**
   * Deletes a record.
   *
   * @param id the certificate id
   * @return true if it existed
   * @throws AcmeException if the store fails
   */
  public boolean delete(String id) throws AcmeException {
    String key = StateKeys.certificate(id);
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Optional<Versioned> v = store.get(key);
        if (v.isEmpty()) {
          return false;
        }
        if (store.delete(key, v.get().version())) {
          return true;
        }
      }
    } catch (StateStoreException e) {
      throw new AcmeException("cannot delete certificate record " + key, e);
    }
    throw new AcmeException("certificate record " + key + " kept changing; gave up");
  }

  /**
   * Applies a change to the current record, retrying on concurrent writes.
   *
   * @param id the certificate id
   * @param change computes the new record from the current one
   * @return the new record, or empty if there is no record (any more)
   * @throws AcmeException if the store fails or the record is corrupt
   */
  public Optional<CertificateRecord> update(String id, UnaryOperator<CertificateRecord> change)
      throws AcmeException {
    String key = StateKeys.certificate(id);
    try {
      for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        Optional<Versioned> v = store.get(key);
        if (v.isEmpty()) {
          return Optional.empty();
        }
        CertificateRecord current = RecordCodec.decode(key, v.get().value());
        CertificateRecord next = change.apply(current);
        if (next.equals(current)
            || store.compareAndSet(key, v.get().version(), RecordCodec.encode(next)).isPresent()) {
          return Optional.of(next);
        }
      }
    } catch (StateStoreException e) {
      throw new AcmeException("cannot update certificate record " + key, e);
    }
    throw new AcmeException("certificate record " + key + " kept changing; gave up");
  }
}
