package org.zonetrust.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline;
import org.zonetrust.dnssec.RolloverTimeline.Milestone;
import org.zonetrust.dnssec.RolloverTimeline.Span;
import org.zonetrust.dnssec.RolloverTimeline.Track;

/**
 * A {@link RolloverTimeline} as text for {@code zonetrust rollover plan}: every milestone and every
 * state change in time order (ISO-8601 instant in UTC, offset from the start, key, record kind, new
 * state), then a fixed-width ASCII chart with one row per track, a row marking the milestones, and
 * a legend. Usage in a command: {@code out.print(TimelineText.render(timeline))}.
 */
final class TimelineText {
  /** The chart's width in columns when none is given. */
  static final int DEFAULT_WIDTH = 72;

  private TimelineText() {}

  /** One line of the event listing, before it is laid out in columns. */
  record Event(Instant at, int order, String key, String kind, String what) {}

  /**
   * Renders the listing and a chart {@link #DEFAULT_WIDTH} columns wide.
   *
   * @param timeline the timeline
   * @return the text, lines ending in {@code \n}
   */
  static String render(RolloverTimeline timeline) {
    return render(timeline, DEFAULT_WIDTH);
  }

  /**
   * Renders the listing and a chart of the given width.
   *
   * @param timeline the timeline
   * @param width the chart's columns (at least 10)
   * @return the text, lines ending in {@code \n}
   */
  static String render(RolloverTimeline timeline, int width) {
    if (width < 10) {
      throw new IllegalArgumentException("the chart needs at least 10 columns, not " + width);
    }
    StringBuilder out = new StringBuilder();
    out.append("Rollover timeline of policy \"")
        .append(timeline.policyName())
        .append("\": ")
        .append(iso(timeline.start()))
        .append(" to ")
        .append(iso(timeline.end()))
        .append(" (")
        .append(offset(Duration.between(timeline.start(), timeline.end())).substring(1))
        .append(")\n\n");
    listing(timeline, out);
    out.append('\n');
    chart(timeline, width, out);
    return out.toString();
  }

  /**
   * Every milestone, and every span whose state differs from the one before it on its track (the
   * first span counts unless it is hidden), sorted by instant; at one instant milestones first,
   * then tracks in drawing order.
   */
  static List<Event> events(RolloverTimeline timeline) {
    List<Event> events = new ArrayList<>();
    for (Milestone m : timeline.milestones()) {
      events.add(new Event(m.at(), -1, "milestone", "", m.label()));
    }
    List<Track> tracks = timeline.tracks();
    for (int i = 0; i < tracks.size(); i++) {
      Track t = tracks.get(i);
      RecordState previous = RecordState.HIDDEN;
      boolean first = true;
      for (Span s : t.spans()) {
        if (first ? s.state() != RecordState.HIDDEN : s.state() != previous) {
          events.add(new Event(s.from(), i, t.key(), t.kind().name(), name(s.state())));
        }
        previous = s.state();
        first = false;
      }
    }
    events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
    return events;
  }

  private static void listing(RolloverTimeline timeline, StringBuilder out) {
    List<Event> events = events(timeline);
    if (events.isEmpty()) {
      out.append("No milestones and no state changes.\n");
      return;
    }
    int offsetWidth = 0;
    int keyWidth = 0;
    int kindWidth = 0;
    for (Event e : events) {
      offsetWidth = Math.max(offsetWidth, offset(timeline.start(), e.at()).length());
      keyWidth = Math.max(keyWidth, e.key().length());
      kindWidth = Math.max(kindWidth, e.kind().length());
    }
    for (Event e : events) {
      String line =
          iso(e.at())
              + "  "
              + pad(offset(timeline.start(), e.at()), offsetWidth)
              + "  "
              + pad(e.key(), keyWidth)
              + "  "
              + pad(e.kind(), kindWidth)
              + "  "
              + e.what();
      out.append(line.stripTrailing()).append('\n');
    }
  }

  private static void chart(RolloverTimeline timeline, int width, StringBuilder out) {
    Duration total = Duration.between(timeline.start(), timeline.end());
    List<String> labels = new ArrayList<>();
    for (Track t : timeline.tracks()) {
      labels.add(t.key() + " " + t.kind().name());
    }
    int labelWidth = Math.max(10, labels.stream().mapToInt(String::length).max().orElse(0));
    out.append("Chart: ")
        .append(width)
        .append(" columns, one column = ")
        .append(offset(total.dividedBy(width)).substring(1))
        .append('\n');
    out.append(pad("", labelWidth))
        .append(" ")
        .append(axis(width, "+0", offset(total)))
        .append('\n');
    for (int i = 0; i < timeline.tracks().size(); i++) {
      StringBuilder row = new StringBuilder(width);
      for (int c = 0; c < width; c++) {
        row.append(
            symbol(
                columnState(
                    timeline.tracks().get(i),
                    columnStart(timeline, width, c),
                    columnStart(timeline, width, c + 1))));
      }
      out.append(pad(labels.get(i), labelWidth)).append(" |").append(row).append("|\n");
    }
    List<Milestone> milestones = timeline.milestones();
    if (!milestones.isEmpty()) {
      char[] marks = " ".repeat(width).toCharArray();
      for (int m = 0; m < milestones.size(); m++) {
        int c = columnOf(timeline, width, milestones.get(m).at());
        marks[c] = marks[c] == ' ' ? mark(m) : '*';
      }
      out.append(pad("milestones", labelWidth))
          .append("  ")
          .append(new String(marks).stripTrailing())
          .append('\n');
    }
    out.append("Legend: ' ' hidden, '/' rumoured, '#' omnipresent, '\\' unretentive\n");
    for (int m = 0; m < milestones.size(); m++) {
      out.append("        ")
          .append(mark(m))
          .append(" = ")
          .append(offset(timeline.start(), milestones.get(m).at()))
          .append(' ')
          .append(milestones.get(m).label())
          .append('\n');
    }
    if (milestones.size() > 1) {
      out.append("        * = several milestones in one column\n");
    }
  }

  private static String axis(int width, String left, String right) {
    int inner = width + 2;
    if (left.length() + right.length() + 1 > inner) {
      return left;
    }
    return left + " ".repeat(inner - left.length() - right.length()) + right;
  }

  /** The instant column {@code c} begins at (column {@code width} is the end). */
  private static Instant columnStart(RolloverTimeline timeline, int width, int c) {
    Duration total = Duration.between(timeline.start(), timeline.end());
    return timeline.start().plus(total.multipliedBy(c).dividedBy(width));
  }

  /**
   * The state a column shows: of the states a track has during the column, a passing one (rumoured,
   * unretentive) before omnipresent before hidden, so that a change shorter than a column still
   * shows; between two of the same rank, the longer one in the column.
   */
  static RecordState columnState(Track track, Instant from, Instant to) {
    RecordState best = RecordState.HIDDEN;
    Duration bestLength = Duration.ZERO;
    for (Span s : track.spans()) {
      Instant a = s.from().isAfter(from) ? s.from() : from;
      Instant b = s.to().isBefore(to) ? s.to() : to;
      Duration overlap = Duration.between(a, b);
      boolean inside =
          (!overlap.isNegative() && !overlap.isZero())
              || (from.equals(to) && s.from().equals(from));
      if (!inside) {
        continue;
      }
      int rank = rank(s.state());
      if (rank > rank(best) || (rank == rank(best) && overlap.compareTo(bestLength) > 0)) {
        best = s.state();
        bestLength = overlap;
      }
    }
    return best;
  }

  private static int rank(RecordState state) {
    return switch (state) {
      case HIDDEN -> 0;
      case OMNIPRESENT -> 1;
      case RUMOURED, UNRETENTIVE -> 2;
    };
  }

  private static int columnOf(RolloverTimeline timeline, int width, Instant at) {
    Duration total = Duration.between(timeline.start(), timeline.end());
    if (total.isZero() || !at.isAfter(timeline.start())) {
      return 0;
    }
    if (!at.isBefore(timeline.end())) {
      return width - 1;
    }
    double share =
        (double) Duration.between(timeline.start(), at).toMillis() / (double) total.toMillis();
    return Math.min(width - 1, (int) Math.floor(share * width));
  }

  /**
   * The chart character of a state.
   *
   * @param state the state
   * @return its character
   */
  static char symbol(RecordState state) {
    return switch (state) {
      case HIDDEN -> ' ';
      case RUMOURED -> '/';
      case OMNIPRESENT -> '#';
      case UNRETENTIVE -> '\\';
    };
  }

  private static char mark(int index) {
    return index < 26 ? (char) ('A' + index) : (char) ('a' + (index - 26) % 26);
  }

  /** A state's name for reading, e.g. {@code omnipresent}. */
  static String name(RecordState state) {
    return state.name().toLowerCase(Locale.ROOT);
  }

  /** An instant to the second in UTC, e.g. {@code 2026-01-01T00:00:00Z}. */
  static String iso(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The offset of {@code at} from {@code start}, e.g. {@code +1d 2h}. */
  static String offset(Instant start, Instant at) {
    return offset(Duration.between(start, at));
  }

  /**
   * A duration as an offset with its non-zero units, e.g. {@code +1d 2h}, {@code +45m 30s}, {@code
   * +0}, {@code -3h}; below a second it is rounded down.
   */
  static String offset(Duration d) {
    String sign = d.isNegative() ? "-" : "+";
    long seconds = Math.abs(d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0));
    return sign + (seconds == 0 ? "0" : HumanDuration.of(Duration.ofSeconds(seconds)));
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
