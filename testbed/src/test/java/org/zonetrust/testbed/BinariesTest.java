package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinariesTest {
  @TempDir Path emptyDir;

  @Test
  void aMissingBinaryNamesTheDebianPackageAndTheInstallScript() {
    assertThatThrownBy(() -> Binaries.find("named", emptyDir.toString()))
        .isInstanceOf(TestbedException.class)
        .hasMessage(
            "named not found on PATH: install Debian package bind9 (scripts/install-testbed)");
    assertThatThrownBy(() -> Binaries.find("knotd", emptyDir.toString()))
        .hasMessageContaining("install Debian package knot ");
    assertThatThrownBy(() -> Binaries.find("unbound", emptyDir.toString()))
        .hasMessageContaining("install Debian package unbound ");
    assertThatThrownBy(() -> Binaries.find("pebble", "/nonexistent:" + emptyDir))
        .hasMessageContaining("install Debian package pebble ");
    assertThat(Binaries.missingMessage("ss")).contains("iproute2");
    assertThat(Binaries.missingMessage("rndc")).contains("bind9-utils");
  }

  @Test
  void findsAnExecutableOnTheGivenPathOnly() throws Exception {
    Path fake = emptyDir.resolve("named");
    Files.writeString(fake, "#!/bin/sh\n");
    assertThatThrownBy(() -> Binaries.find("named", emptyDir.toString()))
        .isInstanceOf(TestbedException.class); // not executable
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    assertThat(Binaries.find("named", "/nonexistent::" + emptyDir)).isEqualTo(fake);
  }
}
