package org.zonetrust.dane.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.jspecify.annotations.Nullable;
import org.zonetrust.dane.DaneOutcome;
import org.zonetrust.dane.StartTls;

/**
 * One TLS connection to one address: TCP connect, the STARTTLS dialog if any, and a handshake whose
 * certificate decision is the TLSA match ({@link DaneTrustManager}): a chain that does not match
 * aborts the handshake, so no application data ever flows to an unverified server. Nothing is sent
 * after the handshake but QUIT or LOGOUT. Every read is bounded by the timeout, and the whole
 * STARTTLS dialog by three times it.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /**
   * What happened.
   *
   * @param outcome MATCHED, MISMATCH or the failure
   * @param match the TLSA verdict, when the server sent a chain
   * @param detail a human-readable explanation
   */
  public record Outcome(DaneOutcome outcome, TlsaMatcher.@Nullable Result match, String detail) {}

  /**
   * Connects and checks.
   *
   * @param address where to connect
   * @param sniHost the TLSA base name, sent as SNI (without the trailing dot)
   * @param mode direct TLS or the STARTTLS dialog
   * @param ehloName the name sent in SMTP EHLO
   * @param timeout the connect timeout and the timeout of every read
   * @param matcher decides on the chain the server sent
   * @return the outcome; never throws for a network problem
   */
  public static Outcome probe(
      InetSocketAddress address,
      String sniHost,
      StartTls mode,
      String ehloName,
      Duration timeout,
      Function<List<X509Certificate>, TlsaMatcher.Result> matcher) {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    DaneTrustManager trust = new DaneTrustManager(matcher);
    try (Socket plain = new Socket()) {
      try {
        plain.connect(address, millis);
      } catch (SocketTimeoutException e) {
        return new Outcome(DaneOutcome.TIMEOUT, null, "connect timed out after " + timeout);
      } catch (IOException e) {
        return new Outcome(DaneOutcome.UNREACHABLE, null, "cannot connect: " + e.getMessage());
      }
      plain.setSoTimeout(millis);
      try {
        new StartTlsDialog(
                plain.getInputStream(),
                plain.getOutputStream(),
                System.nanoTime() + timeout.multipliedBy(3).toNanos())
            .begin(mode, ehloName);
      } catch (StartTlsDialog.RefusedException e) {
        return new Outcome(DaneOutcome.STARTTLS_REFUSED, null, String.valueOf(e.getMessage()));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      try (SSLSocket tls =
          (SSLSocket)
              context.getSocketFactory().createSocket(plain, sniHost, address.getPort(), false)) {
        SSLParameters params = tls.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(sniHost)));
        params.setEndpointIdentificationAlgorithm(null);
        params.setProtocols(
            Arrays.stream(params.getProtocols())
                .filter(p -> p.equals("TLSv1.3") || p.equals("TLSv1.2"))
                .toArray(String[]::new));
        tls.setSSLParameters(params);
        tls.startHandshake();
        StartTlsDialog.end(mode, tls.getOutputStream());
        TlsaMatcher.Result result = trust.result();
        if (result == null || !result.matched()) {
          return new Outcome(DaneOutcome.TLS_FAILED, result, "handshake ended without a chain");
        }
        return new Outcome(
            DaneOutcome.MATCHED, result, "matched, " + tls.getSession().getProtocol());
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(DaneOutcome.TIMEOUT, trust.result(), "no answer within " + timeout);
    } catch (SSLException e) {
      TlsaMatcher.Result result = trust.result();
      if (result != null && !result.matched()) {
        return new Outcome(DaneOutcome.MISMATCH, result, mismatchDetail(result));
      }
      return new Outcome(DaneOutcome.TLS_FAILED, result, "TLS handshake failed: " + e.getMessage());
    } catch (IOException e) {
      return new Outcome(DaneOutcome.TLS_FAILED, trust.result(), "connection failed: " + e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Java 17 always has a TLS context", e);
    }
  }

  private static String mismatchDetail(TlsaMatcher.Result result) {
    if (result.usable() == 0) {
      return "no usable TLSA record";
    }
    return "none of " + result.usable() + " usable TLSA records matched the chain";
  }

  /** Hands the server's chain to the matcher; throws (aborting the handshake) on no match. */
  static final class DaneTrustManager extends javax.net.ssl.X509ExtendedTrustManager {
    private final Function<List<X509Certificate>, TlsaMatcher.Result> matcher;
    private volatile TlsaMatcher.@Nullable Result result;

    DaneTrustManager(Function<List<X509Certificate>, TlsaMatcher.Result> matcher) {
      this.matcher = matcher;
    }

    TlsaMatcher.@Nullable Result result() {
      return result;
    }

    private void decide(X509Certificate[] chain) throws CertificateException {
      if (chain.length == 0) {
        throw new CertificateException("the server sent no certificate");
      }
      TlsaMatcher.Result r = matcher.apply(List.of(chain));
      result = r;
      if (!r.matched()) {
        throw new CertificateException("no TLSA record matches the server's chain");
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      decide(chain);
    }

    @Override
    public void checkServerTrusted(
        X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
        throws CertificateException {
      decide(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      decide(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a DANE client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(
        X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a DANE client does not accept client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a DANE client does not accept client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
