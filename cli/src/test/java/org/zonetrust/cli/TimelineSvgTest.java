package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;
import org.zonetrust.dnssec.RecordState;
import org.zonetrust.dnssec.RolloverTimeline;
import org.zonetrust.dnssec.RolloverTimeline.Span;
import org.zonetrust.dnssec.RolloverTimeline.Track;

/** The SVG form of a rollover timeline, read back with a parser that refuses DTDs. */
class TimelineSvgTest {
  private static final String SVG = "http://www.w3.org/2000/svg";

  /** A parser that refuses DTDs and external entities. */
  static DocumentBuilder parser() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b;
  }

  private static Document parse(String svg) throws Exception {
    return parser().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** Elements in the SVG namespace with the given name and class (first class token). */
  private static List<Element> all(Node in, String name, String cls) {
    NodeList nodes =
        in instanceof Document d
            ? d.getElementsByTagNameNS(SVG, name)
            : ((Element) in).getElementsByTagNameNS(SVG, name);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (cls == null || List.of(e.getAttribute("class").split(" ")).contains(cls)) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Element> children(Element parent, String name, String cls) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && SVG.equals(e.getNamespaceURI())
          && e.getLocalName().equals(name)
          && (cls == null || List.of(e.getAttribute("class").split(" ")).contains(cls))) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element e) {
    return e.getTextContent();
  }

  @Test
  void oneGroupPerTrackAndOneBarPerVisibleSpanGroupedByKey() throws Exception {
    RolloverTimeline timeline = TimelineFixtures.zskRoll();
    Document doc = parse(TimelineSvg.render(timeline));

    Element root = doc.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(SVG);
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getAttribute("version")).isEqualTo("1.1");
    assertThat(doc.getDoctype()).isNull();

    List<Element> tracks = all(doc, "g", "track");
    assertThat(tracks).hasSize(timeline.tracks().size());
    Set<String> keys = new LinkedHashSet<>();
    timeline.tracks().forEach(t -> keys.add(t.key()));
    List<Element> keyGroups = all(doc, "g", "key");
    assertThat(keyGroups).hasSize(keys.size());
    for (int k = 0; k < keyGroups.size(); k++) {
      String key = List.copyOf(keys).get(k);
      Element group = keyGroups.get(k);
      assertThat(text(children(group, "text", null).get(0))).isEqualTo(key);
      long kinds = timeline.tracks().stream().filter(t -> t.key().equals(key)).count();
      assertThat(children(group, "g", "track")).hasSize((int) kinds);
    }

    int bars = 0;
    for (int i = 0; i < tracks.size(); i++) {
      Track t = timeline.tracks().get(i);
      Element g = tracks.get(i);
      assertThat(text(children(g, "title", null).get(0))).isEqualTo(t.key() + " " + t.kind());
      List<Span> visible = t.spans().stream().filter(s -> s.state() != RecordState.HIDDEN).toList();
      List<Element> rects = children(g, "rect", "span");
      assertThat(rects).as("bars of %s %s", t.key(), t.kind()).hasSize(visible.size());
      for (int r = 0; r < rects.size(); r++) {
        RecordState state = visible.get(r).state();
        assertThat(rects.get(r).getAttribute("class"))
            .isEqualTo("span " + TimelineText.name(state));
        assertThat(rects.get(r).getAttribute("fill")).isEqualTo(TimelineSvg.colour(state));
        assertThat(Double.parseDouble(rects.get(r).getAttribute("width"))).isPositive();
        assertThat(text(children(rects.get(r), "title", null).get(0)))
            .contains(TimelineText.iso(visible.get(r).from()));
      }
      bars += visible.size();
    }
    assertThat(all(doc, "rect", "span")).hasSize(bars);

    // a span of 2 of 240 hours is 6 pixels of 720
    Element rumoured = children(tracks.get(5), "rect", "span").get(0);
    assertThat(Double.parseDouble(rumoured.getAttribute("width"))).isEqualTo(6.0);
  }

  @Test
  void legendMilestonesAndTicksAreThere() throws Exception {
    RolloverTimeline timeline = TimelineFixtures.zskRoll();
    Document doc = parse(TimelineSvg.render(timeline));

    List<Element> legend = all(doc, "g", "legend");
    assertThat(legend).hasSize(1);
    List<String> entries =
        children(legend.get(0), "g", "legend-entry").stream()
            .map(e -> text(children(e, "text", null).get(0)))
            .toList();
    assertThat(entries)
        .containsExactly("hidden", "rumoured", "omnipresent", "unretentive", "milestone");

    List<Element> milestones = all(doc, "g", "milestone");
    assertThat(milestones).hasSize(timeline.milestones().size());
    for (int i = 0; i < milestones.size(); i++) {
      Element m = milestones.get(i);
      assertThat(text(children(m, "text", null).get(0)))
          .isEqualTo(timeline.milestones().get(i).label());
      Element line = children(m, "line", null).get(0);
      assertThat(line.getAttribute("stroke-dasharray")).isNotEmpty();
      assertThat(line.getAttribute("x1")).isEqualTo(line.getAttribute("x2"));
    }
    // +1d is a tenth of the 720-pixel chart that starts at x=190
    assertThat(
            Double.parseDouble(children(milestones.get(0), "line", null).get(0).getAttribute("x1")))
        .isEqualTo(190 + 72.0);

    List<String> ticks = all(doc, "text", "tick").stream().map(TimelineSvgTest::text).toList();
    assertThat(ticks)
        .containsExactly(
            "+0", "+1d", "+2d", "+3d", "+4d", "+5d", "+6d", "+7d", "+8d", "+9d", "+10d");
  }

  @Test
  void textIsEscaped() throws Exception {
    String nasty = "a<b>&\"c' ]]> \u0001";
    RolloverTimeline timeline = TimelineFixtures.zskRoll("p<&>\"'", nasty);
    String svg = TimelineSvg.render(timeline);
    Document doc = parse(svg);

    assertThat(text(all(doc, "title", null).get(0))).contains("policy p<&>\"'");
    assertThat(text(children(all(doc, "g", "milestone").get(0), "text", null).get(0)))
        .isEqualTo("a<b>&\"c' ]]> ");
  }

  @Test
  void tickStepsKeepTheAxisReadable() {
    assertThat(TimelineSvg.tickStep(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(5));
    assertThat(TimelineSvg.tickStep(Duration.ofDays(10))).isEqualTo(Duration.ofDays(1));
    assertThat(TimelineSvg.tickStep(Duration.ofDays(60))).isEqualTo(Duration.ofDays(7));
    assertThat(Duration.ofDays(10_000).dividedBy(TimelineSvg.tickStep(Duration.ofDays(10_000))))
        .isLessThanOrEqualTo(10);
  }

  @Test
  void theParserRefusesDtds() {
    String withDtd =
        "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x \"y\">]><svg"
            + " xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>";
    assertThatThrownBy(() -> parse(withDtd)).isInstanceOf(SAXParseException.class);
  }

  @Test
  void aTimelineWithoutTracksIsStillAValidDocument() throws Exception {
    RolloverTimeline empty =
        new RolloverTimeline(
            "none", TimelineFixtures.T0, TimelineFixtures.hours(3), List.of(), List.of());
    Document doc = parse(TimelineSvg.render(empty));
    assertThat(all(doc, "g", "track")).isEmpty();
    assertThat(all(doc, "g", "legend-entry")).hasSize(5);
  }
}
