package dev.beliefs.pipeline.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A benchmark's own {@code --name=value} options, picked out of the command line; the others are
 * passed on to every {@code extract} run.
 */
final class BenchArgs {

  private final Map<String, String> values = new HashMap<>();
  private final List<String> extractArgs = new ArrayList<>();

  BenchArgs(String[] args, Set<String> names) {
    for (String arg : args) {
      String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
      if (names.contains(name)) {
        values.put(name, arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true");
      } else {
        extractArgs.add(arg);
      }
    }
  }

  List<String> extractArgs() {
    return List.copyOf(extractArgs);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  Path path(String name, Path otherwise) {
    return values.containsKey(name) ? Path.of(values.get(name)) : otherwise;
  }

  Path requiredPath(String name) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("--" + name + "=... is required");
    }
    return Path.of(values.get(name));
  }

  int integer(String name, int otherwise) {
    return (int) number(name, otherwise);
  }

  double number(String name, double otherwise) {
    if (!values.containsKey(name)) {
      return otherwise;
    }
    try {
      double value = Double.parseDouble(values.get(name));
      if (!(value >= 0)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + "=" + values.get(name) + " is not a number >= 0");
    }
  }

  List<Integer> integers(String name, List<Integer> otherwise) {
    if (!values.containsKey(name)) {
      return otherwise;
    }
    try {
      List<Integer> list =
          Stream.of(values.get(name).split(",")).map(String::strip).map(Integer::parseInt).toList();
      if (list.isEmpty() || list.stream().anyMatch(n -> n < 1)) {
        throw new NumberFormatException();
      }
      return list;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + name + " must list whole numbers >= 1, e.g. 1,4,10");
    }
  }

  String string(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }
}
