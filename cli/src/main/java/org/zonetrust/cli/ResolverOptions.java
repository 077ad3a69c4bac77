package org.zonetrust.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntBiFunction;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Name-server port options shared by the commands that find a zone's servers through a resolver and
 * then ask each one directly ({@code wait-propagation}, {@code ds check}), and the parsing of their
 * {@code --resolver} option (declared by each command, whose help text says what it finds).
 */
final class ResolverOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--ns-port",
      paramLabel = "PORT",
      defaultValue = "53",
      description = "port of every name server (default ${DEFAULT-VALUE})")
  int nsPort;

  @Option(
      names = "--ns-port-for",
      paramLabel = "NSNAME=PORT",
      description = "port of one name server, e.g. ns2.example.net.=5353 (repeatable)")
  Map<String, Integer> nsPorts = new LinkedHashMap<>();

  /**
   * The port of each name server address, after checking the options.
   *
   * @return {@code --ns-port-for}'s port for that name server, else {@code --ns-port}
   * @throws ParameterException if a port is out of range or a name is invalid
   */
  ToIntBiFunction<Name, InetAddress> ports() {
    checkPort("--ns-port", nsPort);
    nsPorts.forEach((ns, port) -> checkPort("--ns-port-for " + ns, port));
    Map<Name, Integer> ports = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> e : nsPorts.entrySet()) {
      ports.put(Arguments.absoluteName(spec, "name", e.getKey()), e.getValue());
    }
    int fallback = nsPort;
    return (ns, address) -> ports.getOrDefault(ns, fallback);
  }

  /**
   * The resolver named by a {@code --resolver} option.
   *
   * @param resolver the option's value, or null if it was not given
   * @return a resolver for that address (port 53 unless given), or null for the system default
   * @throws ParameterException if the address is invalid
   */
  @Nullable Resolver resolver(@Nullable String resolver) {
    if (resolver == null) {
      return null;
    }
    InetSocketAddress r = Arguments.endpoint(spec, "--resolver", resolver);
    return new SimpleResolver(r);
  }

  private void checkPort(String option, int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(
          spec.commandLine(), option + ": port must be 1..65535, got " + port);
    }
  }
}
