package org.zonetrust.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.zonetrust.dnssec.DnssecAlgorithm;

/**
 * Measures the raw signing rate of each crypto provider on this machine: Bouncy Castle, the Amazon
 * Corretto Crypto Provider (when its native library loads) and the JDK's SunEC, on one thread and
 * on all cores, signing 160-byte messages (the size of a typical RRset's signed data). Each
 * provider is warmed up on all threads first; each rate is the better of two rounds.
 *
 * <p>Usage: {@code ProviderRate [--alg p256|ed25519|p384|ed448|rsa] [--millis 2000]}. Prints one
 * line per provider: {@code RATE provider=BC alg=ECDSAP256SHA256 cores=2 single=16900 multi=33000}
 * (signatures per second); providers without the algorithm are reported as {@code SKIP}.
 */
public final class ProviderRate {
  private static final int MESSAGE_BYTES = 160;

  private ProviderRate() {}

  /**
   * Runs the measurement.
   *
   * @param args the options described on the class
   * @throws Exception if a provider fails
   */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    DnssecAlgorithm algorithm = Algorithms.parse(options.get("alg", "p256"));
    long millis = options.getInt("millis", 2000);
    int cores = Runtime.getRuntime().availableProcessors();
    for (Provider provider : providers(algorithm)) {
      if (provider.getService("Signature", Algorithms.signatureName(algorithm)) == null) {
        System.out.printf(
            Locale.ROOT, "SKIP provider=%s alg=%s%n", provider.getName(), algorithm.mnemonic());
        continue;
      }
      PrivateKey key = Algorithms.keyPair(algorithm, provider).getPrivate();
      // warm-up (JIT) on all threads; then the best of two rounds, as the machine may be shared
      rate(algorithm, provider, key, cores, millis);
      double single =
          Math.max(
              rate(algorithm, provider, key, 1, millis / 2),
              rate(algorithm, provider, key, 1, millis / 2));
      double multi =
          Math.max(
              rate(algorithm, provider, key, cores, millis / 2),
              rate(algorithm, provider, key, cores, millis / 2));
      System.out.printf(
          Locale.ROOT,
          "RATE provider=%s alg=%s cores=%d single=%.0f multi=%.0f%n",
          provider.getName(),
          algorithm.mnemonic(),
          cores,
          single,
          multi);
    }
  }

  private static List<Provider> providers(DnssecAlgorithm algorithm) {
    List<Provider> list = new ArrayList<>();
    list.add(new BouncyCastleProvider());
    Throwable accpError = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
    if (accpError == null) {
      list.add(AmazonCorrettoCryptoProvider.INSTANCE);
    } else {
      System.out.printf(
          Locale.ROOT,
          "SKIP provider=%s (%s)%n",
          AmazonCorrettoCryptoProvider.PROVIDER_NAME,
          accpError);
    }
    Provider sunEc = Security.getProvider("SunEC");
    if (sunEc != null) {
      list.add(sunEc);
    }
    Provider sunRsa = Security.getProvider("SunRsaSign");
    if (sunRsa != null && algorithm == DnssecAlgorithm.RSASHA256) {
      list.add(sunRsa);
    }
    return list;
  }

  private static double rate(
      DnssecAlgorithm algorithm, Provider provider, PrivateKey key, int threads, long millis)
      throws InterruptedException {
    AtomicLong count = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    long[] window = new long[2];
    for (int t = 0; t < threads; t++) {
      byte[] message = new byte[MESSAGE_BYTES];
      for (int i = 0; i < message.length; i++) {
        message[i] = (byte) (i * 31 + t);
      }
      Thread w =
          new Thread(
              () -> {
                try {
                  Signature s =
                      Signature.getInstance(Algorithms.signatureName(algorithm), provider);
                  s.initSign(key);
                  start.await();
                  long deadline = window[0] + millis * 1_000_000L;
                  long n = 0;
                  while (System.nanoTime() < deadline) {
                    s.update(message);
                    message[0] = s.sign()[2];
                    n++;
                  }
                  count.addAndGet(n);
                } catch (GeneralSecurityException | InterruptedException | RuntimeException e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              });
      workers.add(w);
      w.start();
    }
    window[0] = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    window[1] = System.nanoTime();
    if (!failures.isEmpty()) {
      throw new IllegalStateException(provider.getName() + " failed to sign", failures.get(0));
    }
    return count.get() * 1e9 / (window[1] - window[0]);
  }
}
