package org.zonetrust.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline;
import org.zonetrust.dnssec.RolloverTimeline.Milestone;
import org.zonetrust.dnssec.RolloverTimeline.Span;
import org.zonetrust.dnssec.RolloverTimeline.Track;

/**
 * A {@link RolloverTimeline} as a standalone SVG 1.1 document in the style of the figures of RFC
 * 7583: a time axis with labelled ticks at the top, one row per track grouped by key, a coloured
 * bar per visible span (one colour per {@link RecordState}), milestones as dashed vertical lines
 * with their labels, and a legend. Hidden spans draw no bar.
 *
 * <p>Structure, for tools and tests: every track is a {@code <g class="track">} inside a {@code <g
 * class="key">}; every bar is a {@code <rect class="span STATE">} with a {@code <title>}; every
 * milestone is a {@code <g class="milestone">}; the legend is {@code <g class="legend">} with one
 * {@code <g class="legend-entry">} per state. All text is escaped; there is no DOCTYPE.
 */
final class TimelineSvg {
  private static final int LEFT = 190;
  private static final int CHART_WIDTH = 720;
  private static final int RIGHT = 30;
  private static final int ROW = 18;
  private static final int BAR = 12;
  private static final int KEY_GAP = 22;
  private static final int MILESTONE_LANES = 3;
  private static final int LANE = 13;
  private static final int MAX_TICKS = 10;
  private static final List<Duration> TICK_STEPS =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          Duration.ofHours(3),
          Duration.ofHours(6),
          Duration.ofHours(12),
          Duration.ofDays(1),
          Duration.ofDays(2),
          Duration.ofDays(7),
          Duration.ofDays(14),
          Duration.ofDays(30),
          Duration.ofDays(90),
          Duration.ofDays(365));

  private TimelineSvg() {}

  /**
   * Renders the timeline.
   *
   * @param timeline the timeline
   * @return the SVG document, UTF-8 text with an XML declaration
   */
  static String render(RolloverTimeline timeline) {
    Map<String, List<Track>> byKey = new LinkedHashMap<>();
    for (Track t : timeline.tracks()) {
      byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t);
    }
    int axisY = 56 + MILESTONE_LANES * LANE;
    int top = axisY + 14;
    int rowsHeight = byKey.size() * KEY_GAP + timeline.tracks().size() * ROW;
    int bottom = top + rowsHeight;
    int legendY = bottom + 30;
    int width = LEFT + CHART_WIDTH + RIGHT;
    int height = legendY + 40;

    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    String title =
        "Rollover timeline of policy "
            + timeline.policyName()
            + ", "
            + TimelineText.iso(timeline.start())
            + " to "
            + TimelineText.iso(timeline.end());
    svg.append("<title>").append(escape(title)).append("</title>\n");
    svg.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#ffffff\"/>\n");
    svg.append("<text x=\"10\" y=\"20\" font-size=\"13\" font-weight=\"bold\">")
        .append(escape(title))
        .append("</text>\n");

    axis(timeline, axisY, bottom, svg);
    int y = top;
    for (Map.Entry<String, List<Track>> key : byKey.entrySet()) {
      svg.append("<g class=\"key\">\n");
      svg.append("<text x=\"10\" y=\"")
          .append(y + KEY_GAP - 6)
          .append("\" font-weight=\"bold\">")
          .append(escape(key.getKey()))
          .append("</text>\n");
      y += KEY_GAP;
      for (Track t : key.getValue()) {
        track(timeline, t, y, svg);
        y += ROW;
      }
      svg.append("</g>\n");
    }
    milestones(timeline, bottom, svg);
    legend(legendY, svg);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void axis(RolloverTimeline timeline, int axisY, int bottom, StringBuilder svg) {
    Duration total = Duration.between(timeline.start(), timeline.end());
    svg.append("<g class=\"axis\" stroke=\"#555555\">\n");
    line(LEFT, axisY, LEFT + CHART_WIDTH, axisY, "", svg);
    Duration step = tickStep(total);
    for (Duration at = Duration.ZERO;
        at.compareTo(total) <= 0 && !total.isZero();
        at = at.plus(step)) {
      double x = x(timeline, timeline.start().plus(at));
      line(x, axisY - 4, x, axisY, "", svg);
      line(x, axisY, x, bottom, " stroke-opacity=\"0.15\"", svg);
      svg.append("<text class=\"tick\" x=\"")
          .append(num(x))
          .append("\" y=\"")
          .append(axisY - 7)
          .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"#333333\">")
          .append(escape(TimelineText.offset(at)))
          .append("</text>\n");
    }
    svg.append("</g>\n");
  }

  /** The smallest step that gives at most {@link #MAX_TICKS} intervals (at least one tick). */
  static Duration tickStep(Duration total) {
    for (Duration step : TICK_STEPS) {
      if (total.dividedBy(step) <= MAX_TICKS) {
        return step;
      }
    }
    Duration last = TICK_STEPS.get(TICK_STEPS.size() - 1);
    return last.multipliedBy(total.dividedBy(last) / MAX_TICKS + 1);
  }

  private static void track(RolloverTimeline timeline, Track t, int y, StringBuilder svg) {
    String label = t.kind().name();
    svg.append("<g class=\"track\">\n");
    svg.append("<title>").append(escape(t.key() + " " + label)).append("</title>\n");
    svg.append("<text x=\"24\" y=\"").append(y + BAR - 2).append("\">");
    svg.append(escape(label)).append("</text>\n");
    line(LEFT, y + BAR / 2.0, LEFT + CHART_WIDTH, y + BAR / 2.0, " stroke=\"#dddddd\"", svg);
    for (Span s : t.spans()) {
      if (s.state() == RecordState.HIDDEN) {
        continue;
      }
      Instant from = clamp(timeline, s.from());
      Instant to = clamp(timeline, s.to());
      double x0 = x(timeline, from);
      double x1 = x(timeline, to);
      svg.append("<rect class=\"span ")
          .append(TimelineText.name(s.state()))
          .append("\" x=\"")
          .append(num(x0))
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"")
          .append(num(Math.max(0, x1 - x0)))
          .append("\" height=\"")
          .append(BAR)
          .append("\" fill=\"")
          .append(colour(s.state()))
          .append("\" stroke=\"#333333\" stroke-width=\"0.5\"><title>")
          .append(
              escape(
                  t.key()
                      + " "
                      + label
                      + " "
                      + TimelineText.name(s.state())
                      + " from "
                      + TimelineText.iso(s.from())
                      + " ("
                      + TimelineText.offset(timeline.start(), s.from())
                      + ") to "
                      + TimelineText.iso(s.to())
                      + " ("
                      + TimelineText.offset(timeline.start(), s.to())
                      + ")"))
          .append("</title></rect>\n");
    }
    svg.append("</g>\n");
  }

  private static void milestones(RolloverTimeline timeline, int bottom, StringBuilder svg) {
    List<Milestone> milestones = timeline.milestones();
    for (int i = 0; i < milestones.size(); i++) {
      Milestone m = milestones.get(i);
      double x = x(timeline, clamp(timeline, m.at()));
      int labelY = 40 + (i % MILESTONE_LANES) * LANE;
      svg.append("<g class=\"milestone\">\n");
      svg.append("<title>")
          .append(
              escape(
                  m.label()
                      + " at "
                      + TimelineText.iso(m.at())
                      + " ("
                      + TimelineText.offset(timeline.start(), m.at())
                      + ")"))
          .append("</title>\n");
      line(
          x,
          labelY + 3,
          x,
          bottom,
          " stroke=\"#1f4e79\" stroke-width=\"1\" stroke-dasharray=\"5,3\"",
          svg);
      boolean right = x > LEFT + CHART_WIDTH * 0.75;
      svg.append("<text x=\"")
          .append(num(right ? x - 3 : x + 3))
          .append("\" y=\"")
          .append(labelY)
          .append("\" fill=\"#1f4e79\" text-anchor=\"")
          .append(right ? "end" : "start")
          .append("\">")
          .append(escape(m.label()))
          .append("</text>\n");
      svg.append("</g>\n");
    }
  }

  private static void legend(int y, StringBuilder svg) {
    svg.append("<g class=\"legend\">\n");
    int x = LEFT;
    for (RecordState state : RecordState.values()) {
      svg.append("<g class=\"legend-entry\">");
      svg.append("<rect x=\"")
          .append(x)
          .append("\" y=\"")
          .append(y)
          .append("\" width=\"24\" height=\"")
          .append(BAR)
          .append("\" fill=\"")
          .append(state == RecordState.HIDDEN ? "#ffffff" : colour(state))
          .append("\" stroke=\"#333333\" stroke-width=\"0.5\"/>");
      svg.append("<text x=\"")
          .append(x + 30)
          .append("\" y=\"")
          .append(y + BAR - 2)
          .append("\">")
          .append(escape(TimelineText.name(state)))
          .append("</text></g>\n");
      x += 130;
    }
    svg.append("<g class=\"legend-entry\">");
    line(
        x,
        y + BAR / 2.0,
        x + 24,
        y + BAR / 2.0,
        " stroke=\"#1f4e79\" stroke-dasharray=\"5,3\"",
        svg);
    svg.append("<text x=\"")
        .append(x + 30)
        .append("\" y=\"")
        .append(y + BAR - 2)
        .append("\">milestone</text></g>\n");
    svg.append("</g>\n");
  }

  /**
   * The fill colour of a state's bars.
   *
   * @param state the state
   * @return an sRGB colour, {@code #rrggbb}
   */
  static String colour(RecordState state) {
    return switch (state) {
      case HIDDEN -> "#ffffff";
      case RUMOURED -> "#f2c14e";
      case OMNIPRESENT -> "#3a9d5d";
      case UNRETENTIVE -> "#d9534f";
    };
  }

  private static void line(
      double x1, double y1, double x2, double y2, String attributes, StringBuilder svg) {
    svg.append("<line x1=\"")
        .append(num(x1))
        .append("\" y1=\"")
        .append(num(y1))
        .append("\" x2=\"")
        .append(num(x2))
        .append("\" y2=\"")
        .append(num(y2))
        .append('"')
        .append(attributes)
        .append("/>\n");
  }

  private static Instant clamp(RolloverTimeline timeline, Instant at) {
    if (at.isBefore(timeline.start())) {
      return timeline.start();
    }
    return at.isAfter(timeline.end()) ? timeline.end() : at;
  }

  private static double x(RolloverTimeline timeline, Instant at) {
    Duration total = Duration.between(timeline.start(), timeline.end());
    if (total.isZero()) {
      return LEFT;
    }
    double share =
        (double) Duration.between(timeline.start(), at).toMillis() / (double) total.toMillis();
    return LEFT + share * CHART_WIDTH;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Escapes text for XML character data and attribute values; drops characters XML 1.0 cannot
   * carry.
   *
   * @param text the text
   * @return the escaped text
   */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                  boolean legal =
                      c == 0x9
                          || c == 0xA
                          || c == 0xD
                          || (c >= 0x20 && c <= 0xD7FF)
                          || (c >= 0xE000 && c <= 0xFFFD)
                          || c >= 0x10000;
                  if (legal) {
                    b.appendCodePoint(c);
                  }
                }
              }
            });
    return b.toString();
  }
}
