package org.zonetrust.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Command-line options of the form {@code --name value}, plus positional arguments. */
final class Options {
  private final Map<String, String> named;
  private final List<String> positional;

  private Options(Map<String, String> named, List<String> positional) {
    this.named = named;
    this.positional = positional;
  }

  static Options parse(String[] args) {
    Map<String, String> named = new HashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + a + " needs a value");
        }
        named.put(a.substring(2), args[++i]);
      } else {
        positional.add(a);
      }
    }
    return new Options(named, positional);
  }

  String get(String name, String defaultValue) {
    return named.getOrDefault(name, defaultValue);
  }

  @Nullable String get(String name) {
    return named.get(name);
  }

  int getInt(String name, int defaultValue) {
    String v = named.get(name);
    return v == null ? defaultValue : Integer.parseInt(v);
  }

  String positional(int index, String what) {
    if (index >= positional.size()) {
      throw new IllegalArgumentException("missing argument: " + what);
    }
    return positional.get(index);
  }
}
