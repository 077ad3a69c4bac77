package org.zonetrust.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.zonetrust.testbed.Testbed;

/**
 * The testbed's TSIG secret as a file, and a file with one bit of it flipped, for the CLI's {@code
 * --tsig-secret-file} ITs.
 */
record TsigSecretFiles(Path good, Path wrong) {

  static TsigSecretFiles write(Testbed tb, Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("tsig.b64"), tb.tsigSecret() + "\n");
    byte[] flipped = Base64.getDecoder().decode(tb.tsigSecret());
    flipped[0] ^= 1;
    Path wrong =
        Files.writeString(dir.resolve("wrong.b64"), Base64.getEncoder().encodeToString(flipped));
    return new TsigSecretFiles(good, wrong);
  }
}
