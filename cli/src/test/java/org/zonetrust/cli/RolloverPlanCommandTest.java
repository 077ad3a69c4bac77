package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class RolloverPlanCommandTest {
  @TempDir Path dir;

  @Test
  void defaultPlanPrintsTimelineAndTheThreeDurations() {
    CliRun r = CliRun.of("rollover", "plan");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("policy default: KSK + ZSK, ECDSAP256SHA256, parent latency 1h")
        .containsPattern("(?m)^first signing: \\d+[dhms]")
        .containsPattern("(?m)^ZSK roll: \\d+[dhms]")
        .containsPattern("(?m)^KSK roll: \\d+[dhms]")
        .containsPattern("(?m)^shortest ZSK rollover: .+ \\(lifetime 30d\\)")
        .containsPattern("(?m)^shortest KSK rollover: .+ \\(lifetime 365d\\)")
        .contains("zone signed for the first time")
        .contains("ZSK roll starts")
        .contains("ZSK roll complete")
        .contains("KSK roll starts")
        .contains("KSK roll complete");
  }

  @Test
  void cskPolicyFilePrintsTheCskRoll() throws Exception {
    Path policy = dir.resolve("csk.properties");
    Files.writeString(policy, "base = default-csk\nname = my-csk\n");
    CliRun r = CliRun.of("rollover", "plan", "--policy", policy.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("policy my-csk: CSK")
        .containsPattern("(?m)^CSK roll: \\d+")
        .doesNotContainPattern("(?m)^KSK roll:")
        .contains("shortest CSK rollover:");
  }

  @Test
  void svgIsWrittenAndParsesAsXml() throws Exception {
    Path svg = dir.resolve("plan.svg");
    CliRun r = CliRun.of("rollover", "plan", "--svg", svg.toString(), "--parent-latency", "2h");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("parent latency 2h").contains("wrote " + svg);
    Document d = TimelineSvgTest.parser().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(svg);
    }
  }

  @Test
  void badPolicyFileExitsTwoNamingFileAndKey() throws Exception {
    Path policy = dir.resolve("bad.properties");
    Files.writeString(policy, "base = fast\nzsk-lifetime = soon\n");
    CliRun r = CliRun.of("rollover", "plan", "--policy", policy.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(policy.toString()).contains("'zsk-lifetime'").contains("'soon'");

    Files.writeString(policy, "zsk-lifetme = 30d\n");
    r = CliRun.of("rollover", "plan", "--policy", policy.toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(policy.toString()).contains("'zsk-lifetme'");

    r = CliRun.of("rollover", "plan", "--policy", dir.resolve("missing").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("cannot read policy file").contains("missing");
  }
}
