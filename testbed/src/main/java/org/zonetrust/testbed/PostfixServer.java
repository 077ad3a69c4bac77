package org.zonetrust.testbed;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Postfix (Debian {@code postfix}) for DANE tests: its own configuration, queue and data
 * directories, loopback only, {@code smtp_tls_security_level = dane} with DNSSEC lookups, and a
 * transport per test domain to a port of the caller's choice. Mail goes in through its {@code
 * smtpd} on 127.0.0.1 ({@link #submit}); its log is {@link #logFile()} in the testbed's log
 * directory (copied when a test fails).
 *
 * <p>Postfix resolves with the libc resolver, which only talks to port 53 of the addresses in
 * {@code /etc/resolv.conf}. So each instance has a validating Unbound of its own on {@code
 * 127.0.0.N:53} (stub for {@code test.} to BIND, the testbed's trust anchor), and Postfix starts in
 * a private mount namespace ({@code unshare --mount}) where its own resolv.conf is bind-mounted
 * over {@code /etc/resolv.conf}; the machine's file is untouched. That needs root.
 *
 * <p>Get one from {@link Testbed#startPostfix(Map)} and close it; the testbed closes it at the end
 * otherwise.
 */
public final class PostfixServer implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern QUEUED = Pattern.compile("^250 .*queued as ([0-9A-Za-z]+)");

  private final Path dir;
  private final Path logFile;
  private final int smtpdPort;
  private final InetAddress resolverAddress;
  private final UnboundServer resolver;
  private final Runnable onClose;
  private volatile long masterPid;
  private volatile boolean closed;

  private PostfixServer(
      Path dir,
      Path logFile,
      int smtpdPort,
      InetAddress resolverAddress,
      UnboundServer resolver,
      Runnable onClose) {
    this.dir = dir;
    this.logFile = logFile;
    this.smtpdPort = smtpdPort;
    this.resolverAddress = resolverAddress;
    this.resolver = resolver;
    this.onClose = onClose;
  }

  /** Starts the resolver, writes the configuration and starts Postfix in its mount namespace. */
  static PostfixServer start(Servers servers, Map<String, Integer> routes, Runnable onClose) {
    for (String binary : List.of("postfix", "postqueue", "unshare", "mount", "unbound")) {
      Binaries.find(binary);
    }
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("Postfix needs at least one routed domain");
    }
    Path dir = createDirectory();
    int smtpdPort = Ports.pick(1)[0];
    Path logDir = servers.root().resolve("logs");
    Path logFile = logDir.resolve("postfix-" + smtpdPort + ".log");
    UnboundServer resolver = null;
    PostfixServer postfix = null;
    try {
      Path etc = dir.resolve("etc");
      Files.writeString(etc.resolve("main.cf"), PostfixConfig.mainCf(dir, logFile, routes));
      Files.writeString(etc.resolve("master.cf"), PostfixConfig.masterCf(smtpdPort));
      resolver =
          Servers.retryOnCollision(
              "unbound for postfix",
              () ->
                  UnboundServer.startOnPort53(
                      dir.resolve("unbound"),
                      "unbound-postfix-" + smtpdPort,
                      logDir,
                      servers.trustAnchor(),
                      servers.bind().port(),
                      freePort53Address(),
                      TIMEOUT));
      InetAddress resolverAddress = resolver.address();
      Files.writeString(
          etc.resolve("resolv.conf"), PostfixConfig.resolvConf(resolverAddress.getHostAddress()));
      postfix = new PostfixServer(dir, logFile, smtpdPort, resolverAddress, resolver, onClose);
      postfix.startMaster();
      return postfix;
    } catch (IOException | RuntimeException e) {
      if (postfix != null) {
        postfix.close(); // postfix stop, kills leftovers, stops the resolver, deletes the directory
      } else {
        if (resolver != null) {
          resolver.process().stop();
        }
        Servers.deleteTree(dir);
      }
      throw e instanceof TestbedException t ? t : new TestbedException("Postfix did not start", e);
    }
  }

  /** A directory others may traverse: Postfix's daemons run as user postfix. */
  private static Path createDirectory() {
    try {
      Path dir = Files.createTempDirectory("zonetrust-postfix-");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.createDirectories(dir.resolve("etc"));
      Files.createDirectories(dir.resolve("queue"));
      Path data = Files.createDirectories(dir.resolve("data"));
      UserPrincipal owner =
          data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
      Files.setOwner(data, owner);
      return dir;
    } catch (IOException e) {
      throw new TestbedException(
          "cannot prepare a Postfix directory (needs root and the postfix user)", e);
    }
  }

  /** A loopback address 127.0.0.2..254 whose port 53 is free (UDP and TCP) right now. */
  private static InetAddress freePort53Address() {
    for (int tries = 0; tries < 50; tries++) {
      int last = ThreadLocalRandom.current().nextInt(2, 255);
      if (last == 53) {
        continue;
      }
      InetAddress address = Loopback.v4(last);
      try (ServerSocket tcp = new ServerSocket();
          DatagramSocket udp = new DatagramSocket(null)) {
        tcp.setReuseAddress(false);
        tcp.bind(new InetSocketAddress(address, 53));
        udp.setReuseAddress(false);
        udp.bind(new InetSocketAddress(address, 53));
        return address;
      } catch (IOException e) {
        // taken (or no privilege): try another address
      }
    }
    throw new TestbedException("no loopback address with a free port 53 (binding it needs root)");
  }

  private void startMaster() {
    Path etc = dir.resolve("etc");
    Tools.Result started =
        Tools.run(
            dir,
            Duration.ofMinutes(1),
            "unshare",
            List.of(
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                "\"$0\" --bind \"$1\" /etc/resolv.conf && exec \"$2\" -c \"$3\" start",
                Binaries.find("mount").toString(),
                etc.resolve("resolv.conf").toString(),
                Binaries.find("postfix").toString(),
                etc.toString()));
    if (!started.ok()) {
      throw new TestbedException(
          "postfix start failed (exit "
              + started.exitCode()
              + "): "
              + started.output()
              + "\nlog "
              + logFile
              + ":\n"
              + tail());
    }
    masterPid =
        Poll.until(
            "Postfix master and smtpd on 127.0.0.1:" + smtpdPort,
            TIMEOUT,
            null,
            () -> {
              long pid = readMasterPid();
              return pid > 0 && Smtp.greets(smtpd()) ? Optional.of(pid) : Optional.empty();
            });
  }

  private long readMasterPid() {
    try {
      String text = Files.readString(dir.resolve("queue/pid/master.pid"), StandardCharsets.UTF_8);
      return Long.parseLong(text.trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Where Postfix accepts mail (no TLS, no authentication, relaying for 127.0.0.0/8).
   *
   * @return 127.0.0.1 and the smtpd port
   */
  public InetSocketAddress smtpd() {
    return new InetSocketAddress(Loopback.V4, smtpdPort);
  }

  /**
   * The validating Unbound Postfix resolves through.
   *
   * @return {@code 127.0.0.N:53}
   */
  public InetSocketAddress resolver() {
    return new InetSocketAddress(resolverAddress, 53);
  }

  /**
   * The configuration directory ({@code main.cf}, {@code master.cf}, {@code resolv.conf}), for
   * {@code postconf -c} and friends.
   *
   * @return the directory
   */
  public Path configDirectory() {
    return dir.resolve("etc");
  }

  /**
   * Postfix's log ({@code maillog_file}, written by postlogd), in the testbed's log directory.
   *
   * @return the file
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * The log so far.
   *
   * @return the text, empty if nothing was logged yet
   */
  public String log() {
    try {
      return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new TestbedException("cannot read " + logFile, e);
    }
  }

  /**
   * Submits a message through Postfix's smtpd.
   *
   * @param from the envelope sender
   * @param to the envelope recipient
   * @param subject the subject
   * @param body the body text
   * @return the queue ID Postfix gave the message (it appears in the log and the queue)
   * @throws TestbedException when Postfix refuses the message
   */
  public String submit(String from, String to, String subject, String body) {
    String reply = Smtp.send(smtpd(), PostfixConfig.MY_HOSTNAME, from, to, subject, body);
    Matcher m = QUEUED.matcher(reply);
    if (!m.find()) {
      throw new TestbedException("Postfix did not queue the message: " + reply);
    }
    return m.group(1);
  }

  /**
   * Waits until a log line matches.
   *
   * @param regex a regular expression found in one line, e.g. {@code QUEUEID: .*status=sent}
   * @param timeout how long to wait
   * @return the first matching line
   * @throws TestbedException on timeout, with the end of the log
   */
  public String awaitLog(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    try {
      return Poll.until(
          "Postfix to log /" + regex + "/",
          timeout,
          null,
          () -> log().lines().filter(l -> pattern.matcher(l).find()).findFirst());
    } catch (TestbedException e) {
      throw new TestbedException(e.getMessage() + "\nlast lines of " + logFile + ":\n" + tail(), e);
    }
  }

  /**
   * The queue as {@code postqueue -j} prints it: one JSON object per message.
   *
   * @return the lines, empty when the queue is empty
   */
  public List<String> queue() {
    Tools.Result r =
        Tools.run(
            dir,
            Duration.ofMinutes(1),
            "postqueue",
            List.of("-c", configDirectory().toString(), "-j"));
    r.requireOk();
    return r.output().lines().filter(l -> l.startsWith("{")).toList();
  }

  /**
   * Why Postfix has not delivered a queued message yet, from {@link #queue()}.
   *
   * @param queueId the ID from {@link #submit}
   * @return the first recipient's {@code delay_reason}, empty when the message is not queued or has
   *     no reason yet
   */
  public Optional<String> delayReason(String queueId) {
    Pattern reason = Pattern.compile("\"delay_reason\": \"((?:[^\"\\\\]|\\\\.)*)\"");
    for (String line : queue()) {
      if (line.contains("\"queue_id\": \"" + queueId + "\"")) {
        Matcher m = reason.matcher(line);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Stops Postfix ({@code postfix stop}, then kills what is left) and its resolver. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ProcessHandle> processes = new ArrayList<>();
    long pid = masterPid > 0 ? masterPid : readMasterPid();
    ProcessHandle.of(pid)
        .ifPresent(
            master -> {
              processes.add(master);
              master.descendants().forEach(processes::add);
            });
    try {
      Tools.run(
          dir,
          Duration.ofMinutes(1),
          "postfix",
          List.of("-c", configDirectory().toString(), "stop"));
    } catch (TestbedException e) {
      // killed below
    }
    try {
      Poll.untilTrue(
          "Postfix master " + pid + " to exit", Duration.ofSeconds(5), null, () -> !running(pid));
    } catch (TestbedException e) {
      // killed below
    }
    processes.stream().filter(p -> running(p.pid())).forEach(ProcessHandle::destroyForcibly);
    resolver.process().stop();
    if (!Boolean.getBoolean(Servers.KEEP_PROPERTY)) {
      Servers.deleteTree(dir);
    }
    onClose.run();
  }

  /**
   * True while the process exists and is not a zombie: the master daemonizes, so its parent is
   * init, which reaps it in its own time.
   */
  static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.UTF_8);
      String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return !state.equals("Z") && !state.equals("X");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private String tail() {
    List<String> lines = log().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  @Override
  public String toString() {
    return "PostfixServer[smtpd=" + smtpd() + ", resolver=" + resolver() + ", dir=" + dir + "]";
  }
}
