package org.zonetrust.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  @Test
  void forms() throws Exception {
    assertThat(Endpoints.parse("127.0.0.1", 53)).isEqualTo(new InetSocketAddress("127.0.0.1", 53));
    assertThat(Endpoints.parse("127.0.0.1:5353", 53).getPort()).isEqualTo(5353);
    assertThat(Endpoints.parse("[::1]:5353", 53)).isEqualTo(new InetSocketAddress("::1", 5353));
    assertThat(Endpoints.parse("::1", 53)).isEqualTo(new InetSocketAddress("::1", 53));
  }

  @Test
  void badPort() {
    assertThatThrownBy(() -> Endpoints.parse("127.0.0.1:99999", 53))
        .hasMessageContaining("invalid port");
  }
}
