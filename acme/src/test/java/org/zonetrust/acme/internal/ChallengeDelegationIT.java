package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.acme.internal.PublisherTestbed.name;
import static org.zonetrust.acme.internal.PublisherTestbed.txt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.zonetrust.acme.AcmeException;
import org.zonetrust.acme.internal.ChallengePublisher.Challenge;
import org.zonetrust.acme.internal.ChallengePublisher.Publication;
import org.zonetrust.acme.internal.ChallengePublisher.PublishedRecord;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.PropagationChecker;
import org.zonetrust.core.state.StateStore;
import org.zonetrust.testbed.Testbed;
import org.zonetrust.testbed.WithTestbed;

/** {@code _acme-challenge} names delegated to a validation zone by CNAME or by the alias map. */
@WithTestbed
class ChallengeDelegationIT {

  private static void cname(Testbed tb, String zone, String... pairs) throws Exception {
    DnsUpdate.Builder b = DnsUpdate.builder(name(zone));
    for (int i = 0; i < pairs.length; i += 2) {
      b.add(new CNAMERecord(name(pairs[i]), DClass.IN, 60, name(pairs[i + 1])));
    }
    PublisherTestbed.updater(tb).apply(b.build());
  }

  @Test
  void followsCnameChainsIntoTheValidationZoneAndRemovesThere(Testbed tb, @TempDir Path dir)
      throws Exception {
    String cust = tb.createZone("cust");
    String validation = tb.createZone("validation");
    cname(
        tb,
        cust,
        "_acme-challenge.www." + cust,
        "www." + validation,
        "_acme-challenge." + cust,
        "step." + cust,
        "step." + cust,
        "apex." + validation);
    StateStore store = PublisherTestbed.store(dir);
    PublisherTestbed.Recording updater =
        new PublisherTestbed.Recording(PublisherTestbed.updater(tb));
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, updater, checker).build();
      Publication p =
          publisher.publish(
              "delegated",
              List.of(
                  new Challenge("www." + cust, "www-value"),
                  new Challenge(cust, "apex-value"),
                  new Challenge("*." + cust, "wild-value")));

      assertThat(p.records())
          .containsExactly(
              new PublishedRecord(validation, "www." + validation, List.of("www-value")),
              new PublishedRecord(
                  validation, "apex." + validation, List.of("apex-value", "wild-value")));
      assertThat(updater.updates)
          .singleElement()
          .satisfies(u -> assertThat(u.zone()).isEqualTo(name(validation)));
      for (var server : List.of(tb.bind(), tb.knot())) {
        assertThat(txt(server, "www." + validation)).containsExactly("www-value");
        assertThat(txt(server, "apex." + validation))
            .containsExactlyInAnyOrder("apex-value", "wild-value");
      }

      publisher.remove(p);
      assertThat(txt(tb.bind(), "www." + validation)).isEmpty();
      assertThat(txt(tb.bind(), "apex." + validation)).isEmpty();
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }

  @Test
  void aliasMapNeedsNoCname(Testbed tb, @TempDir Path dir) throws Exception {
    String cust = tb.createZone("alias-cust");
    String validation = tb.createZone("alias-validation");
    StateStore store = PublisherTestbed.store(dir);
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(60)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, PublisherTestbed.updater(tb), checker)
              .aliases(
                  Map.of(
                      name(cust), name("cust-apex." + validation),
                      name("_acme-challenge.shop." + cust), name("shop." + validation)))
              .build();
      Publication p =
          publisher.publish(
              "aliased",
              List.of(
                  new Challenge(cust, "apex-value"),
                  new Challenge("shop." + cust, "shop-value"),
                  new Challenge("mail." + cust, "direct-value")));

      assertThat(p.records())
          .containsExactly(
              new PublishedRecord(validation, "cust-apex." + validation, List.of("apex-value")),
              new PublishedRecord(validation, "shop." + validation, List.of("shop-value")),
              new PublishedRecord(cust, "_acme-challenge.mail." + cust, List.of("direct-value")));
      assertThat(txt(tb.knot(), "cust-apex." + validation)).containsExactly("apex-value");
      assertThat(txt(tb.knot(), "shop." + validation)).containsExactly("shop-value");
      assertThat(txt(tb.bind(), "_acme-challenge." + cust)).isEmpty();
      publisher.remove(p);
      assertThat(txt(tb.bind(), "cust-apex." + validation)).isEmpty();
      assertThat(txt(tb.bind(), "shop." + validation)).isEmpty();
      assertThat(txt(tb.bind(), "_acme-challenge.mail." + cust)).isEmpty();
    }
  }

  @Test
  void cnameLoopsAndOverlongChainsFailBeforeAnythingIsJournaled(Testbed tb, @TempDir Path dir)
      throws Exception {
    String zone = tb.createZone("loops");
    cname(
        tb,
        zone,
        "_acme-challenge.loop." + zone,
        "l2." + zone,
        "l2." + zone,
        "_acme-challenge.loop." + zone);
    String[] chain = new String[2 * (ChallengeTargets.MAX_CNAMES + 1)];
    for (int i = 0; i <= ChallengeTargets.MAX_CNAMES; i++) {
      chain[2 * i] = i == 0 ? "_acme-challenge.long." + zone : "c" + i + "." + zone;
      chain[2 * i + 1] = "c" + (i + 1) + "." + zone;
    }
    cname(tb, zone, chain);
    StateStore store = PublisherTestbed.store(dir);
    PublisherTestbed.Recording updater =
        new PublisherTestbed.Recording(PublisherTestbed.updater(tb));
    try (PropagationChecker checker =
        PublisherTestbed.checker(tb, Duration.ofSeconds(10)).build()) {
      DnsChallengePublisher publisher =
          PublisherTestbed.publisher(tb, store, updater, checker).build();

      assertThatThrownBy(
              () -> publisher.publish("loop", List.of(new Challenge("loop." + zone, "v"))))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("CNAME loop")
          .hasMessageContaining("l2." + zone);
      assertThatThrownBy(
              () -> publisher.publish("long", List.of(new Challenge("long." + zone, "v"))))
          .isInstanceOf(AcmeException.class)
          .hasMessageContaining("more than " + ChallengeTargets.MAX_CNAMES + " CNAMEs");
      assertThat(updater.updates).isEmpty();
      assertThat(store.list(ChallengeJournal.PREFIX)).isEmpty();
    }
  }
}
