package org.zonetrust.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.acme.internal.ChallengePublisher.PublishedRecord;
import org.zonetrust.core.state.FileStateStore;
import org.zonetrust.core.state.StateStoreException;

class ChallengeJournalTest {
  private static final PublishedRecord APEX =
      new PublishedRecord("a.test.", "_acme-challenge.a.test.", List.of("v1", "v 2/+=%"));
  private static final JournalOwner OWNER = JournalOwner.current();
  private static final PublishedRecord B =
      new PublishedRecord("b.test.", "_acme-challenge.b.test.", List.of("v3"));

  @Test
  void encodesAndDecodesEveryField() throws Exception {
    ChallengeJournal.Entry e =
        new ChallengeJournal.Entry(
            "order key/1",
            new JournalOwner("host 1", 42, 1234, "inst"),
            Instant.ofEpochMilli(99),
            List.of(APEX, B));
    byte[] bytes = ChallengeJournal.encode(e);
    assertThat(ChallengeJournal.decode("k", bytes)).isEqualTo(e);
  }

  @Test
  void rejectsMalformedEntriesNamingTheKeyOnly() {
    byte[] garbage =
        "zonetrust-acme-challenge-journal 1\nrecord x\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ChallengeJournal.decode("acme/journal/x", garbage))
        .isInstanceOf(StateStoreException.class)
        .hasMessageContaining("acme/journal/x")
        .hasMessageContaining("line 2");
    assertThatThrownBy(() -> ChallengeJournal.decode("k", "other".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(StateStoreException.class);
  }

  @Test
  void keysAreSafeSegmentsOrHashes() {
    assertThat(ChallengeJournal.keyOf("order-1.a_b")).isEqualTo("acme/journal/order-1.a_b");
    assertThat(ChallengeJournal.keyOf("https://ca/order/1"))
        .matches("acme/journal/sha256-[0-9a-f]{64}");
    assertThat(ChallengeJournal.keyOf("..")).startsWith("acme/journal/sha256-");
  }

  @Test
  void mergesAndSubtractsExactValues(@TempDir Path dir) throws Exception {
    ChallengeJournal j = new ChallengeJournal(FileStateStore.open(dir, Clock.systemUTC()));
    j.add("o", OWNER, Instant.EPOCH, List.of(APEX));
    j.add(
        "o",
        OWNER,
        Instant.EPOCH,
        List.of(B, new PublishedRecord(APEX.zone(), APEX.owner(), List.of("v4"))));
    assertThat(j.read("acme/journal/o").orElseThrow().records())
        .containsExactly(
            new PublishedRecord(APEX.zone(), APEX.owner(), List.of("v1", "v 2/+=%", "v4")), B);
    j.subtract("o", List.of(APEX));
    assertThat(j.read("acme/journal/o").orElseThrow().records())
        .containsExactly(new PublishedRecord(APEX.zone(), APEX.owner(), List.of("v4")), B);
    j.subtract("o", List.of(B, new PublishedRecord(APEX.zone(), APEX.owner(), List.of("v4"))));
    assertThat(j.keys()).isEmpty();
    j.subtract("o", List.of(B));
    assertThat(j.keys()).isEmpty();
  }
}
