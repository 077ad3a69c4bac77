package org.zonetrust.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSslServerTest {
  @TempDir Path dir;

  @Test
  void servesTheGivenCertificateAndStopsByPid() throws Exception {
    Tools.selfSignedEcCertificate(dir, "s-server.example", 2);
    OpenSslServer server =
        OpenSslServer.start(dir, dir.resolve("key.pem"), dir.resolve("cert.pem"), null);
    long pid = server.pid();
    try {
      for (int i = 0; i < 2; i++) {
        Tools.Result r =
            Tools.run(
                    dir,
                    "openssl",
                    "s_client",
                    "-connect",
                    "127.0.0.1:" + server.port(),
                    "-servername",
                    "s-server.example")
                .requireOk();
        assertThat(r.output()).contains("CN = s-server.example");
      }
    } finally {
      server.close();
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close())
        .isInstanceOf(IOException.class);
  }
}
