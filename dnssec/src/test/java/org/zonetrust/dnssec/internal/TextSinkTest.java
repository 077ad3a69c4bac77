package org.zonetrust.dnssec.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.xbill.DNS.utils.base32;

/** The encoders write what the JDK's (and dnsjava's) encoders write, across buffer boundaries. */
class TextSinkTest {
  private static final DateTimeFormatter RRSIG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** Writes through the smallest buffer the writer supports, with a prefix to shift alignment. */
  private interface Body {
    void write(TextSink sink) throws IOException;
  }

  private static String text(int prefix, Body body) throws IOException {
    StringWriter w = new StringWriter();
    TextSink sink = new TextSink(w, 256);
    sink.append("x".repeat(prefix));
    body.write(sink);
    sink.flush();
    return w.toString().substring(prefix);
  }

  @Property(tries = 300)
  void base64(@ForAll @Size(max = 1200) byte[] data, @ForAll @LongRange(max = 255) long prefix)
      throws IOException {
    assertThat(text((int) prefix, s -> s.base64(data)))
        .isEqualTo(Base64.getEncoder().encodeToString(data));
  }

  @Property(tries = 300)
  void hex(@ForAll @Size(max = 1200) byte[] data, @ForAll @LongRange(max = 255) long prefix)
      throws IOException {
    assertThat(text((int) prefix, s -> s.hex(data)))
        .isEqualTo(HexFormat.of().withUpperCase().formatHex(data));
  }

  @Property(tries = 300)
  void base32hex(@ForAll @Size(max = 40) byte[] data, @ForAll @LongRange(max = 255) long prefix)
      throws IOException {
    assertThat(text((int) prefix, s -> s.base32hex(data)))
        .isEqualTo(new base32("0123456789ABCDEFGHIJKLMNOPQRSTUV=", false, false).toString(data));
  }

  @Property(tries = 500)
  void rrsigTime(@ForAll @LongRange(min = 0, max = 0xffff_ffffL) long epochSecond)
      throws IOException {
    assertThat(text(250, s -> s.rrsigTime(epochSecond)))
        .isEqualTo(RRSIG_TIME.format(Instant.ofEpochSecond(epochSecond)));
  }

  @Property(tries = 300)
  void decimal(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) throws IOException {
    assertThat(text(250, s -> s.decimal(value))).isEqualTo(Long.toString(value));
  }
}
