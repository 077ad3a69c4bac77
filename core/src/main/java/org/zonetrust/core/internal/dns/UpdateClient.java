package org.zonetrust.core.internal.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.MessageSizeExceededException;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TSIGRecord;
import org.zonetrust.core.dns.DnsUpdate;
import org.zonetrust.core.dns.DnsUpdateException;
import org.zonetrust.core.dns.DnsUpdateException.Reason;
import org.zonetrust.core.dns.TsigKey;
import org.zonetrust.core.event.EventListener;
import org.zonetrust.core.event.ZoneTrustEvent;

/**
 * Engine of {@code Rfc2136Updater}: encodes, signs, sends, verifies and maps the answer. Immutable
 * and thread-safe; every call uses its own sockets.
 */
public final class UpdateClient {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateClient.class);

  private final InetSocketAddress server;
  private final String serverText;
  private final @Nullable TsigKey key;
  private final DnsTransport transport;
  private final Clock clock;
  private final EventListener listener;

  /**
   * Creates the engine.
   *
   * @param server the primary server
   * @param key the TSIG key, or null to send unsigned updates
   * @param timeout per-attempt timeout
   * @param clock source of TSIG time stamps and event times
   * @param listener receives {@code dns.update.applied} and {@code dns.update.failed}
   */
  public UpdateClient(
      InetSocketAddress server,
      @Nullable TsigKey key,
      Duration timeout,
      Clock clock,
      EventListener listener) {
    this.server = Objects.requireNonNull(server, "server");
    this.serverText = Addresses.format(server);
    this.key = key;
    this.transport = new DnsTransport(timeout);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Applies one update.
   *
   * @param update the update
   * @throws DnsUpdateException on any failure, naming zone, server and response code
   */
  public void apply(DnsUpdate update) throws DnsUpdateException {
    String zone = update.zone().toString();
    try {
      int rcode = send(update, zone);
      publish("dns.update.applied", zone, update, Map.of("rcode", Rcode.string(rcode)));
      LOG.debug("update of zone {} applied at {}", zone, serverText);
    } catch (DnsUpdateException e) {
      Map<String, String> attrs = new LinkedHashMap<>();
      attrs.put("reason", e.reason().name());
      e.rcode().ifPresent(r -> attrs.put("rcode", r));
      publish("dns.update.failed", zone, update, attrs);
      LOG.debug("update of zone {} at {} failed: {}", zone, serverText, e.getMessage());
      throw e;
    }
  }

  private int send(DnsUpdate update, String zone) throws DnsUpdateException {
    Message request = UpdateMessages.build(update);
    TSIG tsig = key == null ? null : tsig(key);
    byte[] wire;
    TSIGRecord requestTsig = null;
    if (tsig != null) {
      request.setTSIG(tsig);
    }
    try {
      // Without the size check dnsjava truncates silently: TC set, section counts lowered, and
      // the TSIG signs the shortened message.
      wire = request.toWire(DnsTransport.MAX_MESSAGE, false);
    } catch (MessageSizeExceededException e) {
      throw tooLarge(zone, request);
    }
    checkComplete(zone, request, wire);
    if (tsig != null) {
      try {
        requestTsig = new Message(wire).getTSIG();
      } catch (IOException e) {
        throw new IllegalStateException("cannot re-read our own signed update", e);
      }
    }
    DnsTransport.Exchange answer;
    try {
      answer = transport.exchange(server, wire);
    } catch (TransportException e) {
      throw new DnsUpdateException(
          zone, serverText, reason(e.kind()), null, String.valueOf(e.getMessage()), e);
    }
    return check(zone, answer, tsig, requestTsig);
  }

  /** Guards against any silent truncation: every section must be on the wire in full. */
  private void checkComplete(String zone, Message request, byte[] wire) throws DnsUpdateException {
    for (int section = Section.QUESTION; section <= Section.ADDITIONAL; section++) {
      int onWire = (wire[4 + 2 * section] & 0xff) << 8 | (wire[5 + 2 * section] & 0xff);
      if (onWire < request.getSection(section).size()) {
        throw tooLarge(zone, request);
      }
    }
  }

  private DnsUpdateException tooLarge(String zone, Message request) {
    int size = request.toWire().length;
    return new DnsUpdateException(
        zone,
        serverText,
        Reason.TOO_LARGE,
        null,
        "the update needs "
            + size
            + " bytes"
            + (key == null ? "" : " before its TSIG record")
            + " but a DNS message holds at most "
            + DnsTransport.MAX_MESSAGE
            + " bytes; nothing was sent: split it into several updates",
        null);
  }

  private int check(
      String zone,
      DnsTransport.Exchange answer,
      @Nullable TSIG tsig,
      @Nullable TSIGRecord requestTsig)
      throws DnsUpdateException {
    Message response = answer.message();
    int rcode = response.getRcode();
    TSIGRecord responseTsig = response.getTSIG();
    if (responseTsig != null && responseTsig.getError() != Rcode.NOERROR) {
      int error = responseTsig.getError();
      throw failure(zone, Reason.TSIG_REJECTED, RcodeMapping.mnemonic(error), null);
    }
    String unsigned = "";
    if (tsig != null) {
      int verified =
          responseTsig == null ? Rcode.BADSIG : tsig.verify(response, answer.wire(), requestTsig);
      if (verified != Rcode.NOERROR) {
        if (rcode == Rcode.NOERROR) {
          throw new DnsUpdateException(
              zone,
              serverText,
              Reason.TSIG_REJECTED,
              RcodeMapping.mnemonic(verified),
              (responseTsig == null
                      ? "the response is not signed"
                      : "the response failed TSIG" + " verification")
                  + "; the update's outcome cannot be trusted: check the key and the clocks",
              null);
        }
        unsigned = " (the error response failed TSIG verification)";
      }
    }
    if (rcode != Rcode.NOERROR) {
      throw failure(zone, RcodeMapping.reason(rcode), RcodeMapping.mnemonic(rcode), unsigned);
    }
    return rcode;
  }

  private DnsUpdateException failure(
      String zone, Reason reason, String rcode, @Nullable String suffix) {
    return new DnsUpdateException(
        zone,
        serverText,
        reason,
        rcode,
        RcodeMapping.explain(reason) + (suffix == null ? "" : suffix),
        null);
  }

  private static Reason reason(TransportException.Kind kind) {
    return switch (kind) {
      case TIMEOUT -> Reason.TIMEOUT;
      case INTERRUPTED -> Reason.INTERRUPTED;
      case UNREACHABLE -> Reason.UNREACHABLE;
      case BAD_RESPONSE -> Reason.BAD_RESPONSE;
    };
  }

  private TSIG tsig(TsigKey k) {
    return new TSIG(
        k.algorithm().dnsName(),
        k.name(),
        new SecretKeySpec(k.secret(), k.algorithm().jcaName()),
        clock);
  }

  private void publish(String type, String zone, DnsUpdate update, Map<String, String> extra) {
    Map<String, String> attrs = new LinkedHashMap<>(extra);
    attrs.put("server", serverText);
    attrs.put("changes", Integer.toString(update.changes().size()));
    attrs.put("prerequisites", Integer.toString(update.prerequisites().size()));
    try {
      listener.onEvent(new ZoneTrustEvent(clock.instant(), type, zone, attrs));
    } catch (RuntimeException e) {
      LOG.warn("event listener failed on {} for zone {}", type, zone, e);
    }
  }
}
