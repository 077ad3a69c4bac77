package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zonetrust.cli.TimelineFixtures.KSK;
import static org.zonetrust.cli.TimelineFixtures.NEW;
import static org.zonetrust.cli.TimelineFixtures.OLD;
import static org.zonetrust.cli.TimelineFixtures.T0;
import static org.zonetrust.cli.TimelineFixtures.hours;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline;
import org.zonetrust.dnssec.RolloverTimeline.Span;
import org.zonetrust.dnssec.RolloverTimeline.Track;

/** The text form of a rollover timeline: the listing of changes and the ASCII chart. */
class TimelineTextTest {

  private static List<String> lines(String text) {
    return text.lines().toList();
  }

  /** The listing's lines: they start with an ISO instant. */
  private static List<String> listing(String text) {
    return text.lines().filter(l -> l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
  }

  @Test
  void offsetsNameTheirNonZeroUnits() {
    assertThat(TimelineText.offset(Duration.ZERO)).isEqualTo("+0");
    assertThat(TimelineText.offset(Duration.ofHours(26))).isEqualTo("+1d 2h");
    assertThat(TimelineText.offset(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("+1h 30m 5s");
    assertThat(TimelineText.offset(Duration.ofDays(-3))).isEqualTo("-3d");
    assertThat(TimelineText.offset(Duration.ofMillis(999))).isEqualTo("+0");
  }

  @Test
  void listsEveryStateChangeAndMilestoneInTimeOrder() {
    RolloverTimeline timeline = TimelineFixtures.zskRoll();
    String text = TimelineText.render(timeline);

    int changes = 0;
    for (Track t : timeline.tracks()) {
      RecordState before = RecordState.HIDDEN;
      for (Span s : t.spans()) {
        if (s.state() != before) {
          changes++;
          assertThat(listing(text))
              .as("the change of %s %s to %s", t.key(), t.kind(), s.state())
              .anySatisfy(
                  l ->
                      assertThat(l)
                          .startsWith(TimelineText.iso(s.from()) + "  ")
                          .contains(t.key())
                          .contains(t.kind().name())
                          .endsWith(TimelineText.name(s.state())));
        }
        before = s.state();
      }
    }
    List<String> listed = listing(text);
    assertThat(listed).hasSize(changes + timeline.milestones().size());
    List<Instant> times =
        listed.stream().map(l -> Instant.parse(l.substring(0, l.indexOf(' ')))).toList();
    assertThat(times).isSorted();
    assertThat(listed)
        .contains(
            "2026-03-02T00:00:00Z  +1d     milestone             ZSK roll starts",
            "2026-03-02T00:00:00Z  +1d     " + NEW + "  DNSKEY  rumoured",
            "2026-03-02T02:00:00Z  +1d 2h  " + NEW + "  DNSKEY  omnipresent",
            "2026-03-05T02:00:00Z  +4d 2h  " + OLD + "  DNSKEY  hidden");
    // the milestone comes before the track changes at the same instant
    assertThat(
            listed.indexOf(
                listed.stream()
                    .filter(l -> l.contains("ZSK roll starts"))
                    .findFirst()
                    .orElseThrow()))
        .isLessThan(
            listed.indexOf(
                listed.stream().filter(l -> l.contains("rumoured")).findFirst().orElseThrow()));
    assertThat(text)
        .startsWith(
            "Rollover timeline of policy \"defaults\": 2026-03-01T00:00:00Z to 2026-03-11T00:00:00Z (10d)\n");
  }

  @Test
  void theChartHasOneFixedWidthRowPerTrackAndALegend() {
    RolloverTimeline timeline = TimelineFixtures.zskRoll();
    String text = TimelineText.render(timeline, 40);
    List<String> rows = lines(text).stream().filter(l -> l.endsWith("|")).toList();

    assertThat(rows).hasSize(timeline.tracks().size());
    for (int i = 0; i < rows.size(); i++) {
      String row = rows.get(i);
      Track t = timeline.tracks().get(i);
      assertThat(row).startsWith(t.key() + " " + t.kind().name());
      String cells = row.substring(row.indexOf('|') + 1, row.length() - 1);
      assertThat(cells).hasSize(40);
    }
    String kskDnskey = cells(rows.get(0));
    assertThat(kskDnskey).isEqualTo("#".repeat(40));
    // 10 days in 40 columns: 6 hours a column. New ZSK signatures: hidden to +2d, rumoured to +3d.
    String newSigs = cells(rows.get(6));
    assertThat(newSigs).isEqualTo(" ".repeat(8) + "/".repeat(4) + "#".repeat(28));
    String oldSigs = cells(rows.get(4));
    assertThat(oldSigs).isEqualTo("#".repeat(8) + "\\".repeat(4) + " ".repeat(28));
    // the old DNSKEY is unretentive for 2 hours, a third of a column: it still shows
    String oldKey = cells(rows.get(3));
    assertThat(oldKey).isEqualTo("#".repeat(16) + "\\" + " ".repeat(23));
    assertThat(text)
        .contains("Chart: 40 columns, one column = 6h\n")
        .contains("Legend: ' ' hidden, '/' rumoured, '#' omnipresent, '\\' unretentive\n")
        .contains("A = +1d ZSK roll starts\n")
        .contains("B = +2d new ZSK signs\n")
        .contains("C = +4d old ZSK withdrawn\n");
    String marks =
        lines(text).stream().filter(l -> l.startsWith("milestones")).findFirst().orElseThrow();
    int firstColumn = rows.get(0).indexOf('|') + 1;
    assertThat(marks.indexOf('A') - firstColumn).isEqualTo(4);
    assertThat(marks.indexOf('B') - firstColumn).isEqualTo(8);
    assertThat(marks.indexOf('C') - firstColumn).isEqualTo(16);
    assertThat(KSK).isNotEqualTo(OLD);
  }

  private static String cells(String row) {
    return row.substring(row.indexOf('|') + 1, row.length() - 1);
  }

  @Test
  void anEmptyTimelineSaysSoAndTooNarrowAChartIsRefused() {
    RolloverTimeline empty = new RolloverTimeline("none", T0, hours(1), List.of(), List.of());
    assertThat(TimelineText.render(empty)).contains("No milestones and no state changes.\n");
    assertThatThrownBy(() -> TimelineText.render(empty, 5))
        .isInstanceOf(IllegalArgumentException.class);
    RolloverTimeline instant = new RolloverTimeline("zero", T0, T0, List.of(), List.of());
    assertThat(TimelineText.render(instant)).contains("(0)");
  }
}
