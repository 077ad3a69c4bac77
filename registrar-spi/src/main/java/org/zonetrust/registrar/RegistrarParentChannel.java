package org.zonetrust.registrar;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;
import org.zonetrust.core.dns.ParentDsChannel;
import org.zonetrust.core.dns.ParentDsView;
import org.zonetrust.registrar.RegistrarException.Reason;

/**
 * Core's {@link ParentDsChannel} over a {@link RegistrarDsUpdater} (requests) and a {@link
 * ParentObserver} (observations). Made by {@link RegistrarDsUpdaters#parentChannel}; owns neither.
 */
final class RegistrarParentChannel implements ParentDsChannel {
  private final RegistrarDsUpdater updater;
  private final ParentObserver observer;

  RegistrarParentChannel(RegistrarDsUpdater updater, ParentObserver observer) {
    this.updater = Objects.requireNonNull(updater, "updater");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  @Override
  public void request(Name zone, Set<DSRecord> desired) throws RegistrarException {
    Objects.requireNonNull(zone, "zone");
    for (DSRecord ds : desired) {
      if (!ds.getName().equals(zone)) {
        throw new IllegalArgumentException(
            "DS record of " + ds.getName() + " given for the delegation of " + zone);
      }
    }
    SecureDelegation wanted = SecureDelegation.ofDsRecords(desired);
    DsUpdateResult result = updater.converge(zone, wanted);
    if (result.status() == DsUpdateResult.Status.REJECTED) {
      throw new RegistrarException(
          Reason.REJECTED,
          "the parent of "
              + zone
              + " refused the DS set "
              + wanted.ds()
              + " through "
              + updater
              + ": "
              + result.message());
    }
  }

  @Override
  public ParentDsView observe(Name zone) throws RegistrarException {
    ParentObservation seen = observer.observe(zone);
    Optional<Set<DSRecord>> agreed = seen.agreed().map(d -> Set.copyOf(d.dsRecords(zone, 0)));
    return new ParentDsView(zone, agreed, detail(seen.servers()), seen.largestDsTtl());
  }

  private static String detail(List<ServerAnswer> servers) {
    if (servers.isEmpty()) {
      return "no authoritative server found";
    }
    return servers.stream().map(ServerAnswer::toString).collect(Collectors.joining("\n"));
  }

  @Override
  public String toString() {
    return "ParentDsChannel[" + updater + "]";
  }
}
