package org.zonetrust.registrar.internal.epp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zonetrust.registrar.SecretSource;
import org.zonetrust.registrar.internal.epp.EppSession.Ended;
import org.zonetrust.testbed.epp.EppSimulator;
import org.zonetrust.testbed.epp.TestPki;

/** The simulator is honest: a frame the schemas reject is answered 2001 and recorded. */
class EppSimulatorTest {
  @TempDir Path dir;

  @Test
  void invalidFrameIsAnswered2001AndRecorded() throws Exception {
    EppFixture fixture = new EppFixture(dir);
    try (EppSimulator registry = fixture.registry(dir).start()) {
      EppOptions options =
          EppOptions.of(fixture.config(registry, "clid=platform", EppFixture.PASSWORD).build());
      try (EppConnection c =
          EppConnection.open(options, new EppXml(), TestPki.KEY_STORE_PASSWORD.toCharArray())) {
        c.receive();
        c.send(
            ("<epp xmlns='urn:ietf:params:xml:ns:epp-1.0'><command><logn/>"
                    + "<clTRID>ABC-1</clTRID></command></epp>")
                .getBytes(StandardCharsets.UTF_8));
        EppResponse r = EppResponse.of(c.receive());
        assertThat(r).isNotNull();
        assertThat(r.code()).isEqualTo(2001);
      }
      assertThat(registry.schemaErrors()).hasSize(1);
      assertThat(registry.schemaErrors().get(0)).contains("logn");
      assertThat(registry.commands()).containsExactly("invalid");
    }
  }

  @Test
  void sessionOpensAgainstTheSimulator() throws Exception {
    EppFixture fixture = new EppFixture(dir);
    try (EppSimulator registry = fixture.registry(dir).start()) {
      EppOptions options =
          EppOptions.of(fixture.config(registry, "clid=platform", EppFixture.PASSWORD).build());
      SecretSource secrets =
          fixture.config(registry, "clid=platform", EppFixture.PASSWORD).build().secrets();
      try (EppSession s =
          EppSession.open(
              options,
              new EppXml(),
              secrets,
              EppSession.newPrefix(),
              new java.util.concurrent.atomic.AtomicLong())) {
        assertThat(s.nextTrid()).isNotEqualTo(s.nextTrid()).startsWith("ZT-");
      } catch (Ended e) {
        throw new AssertionError(e);
      }
      assertThat(registry.commands()).containsExactly("login", "logout");
    }
  }
}
