package dev.postern.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.postern.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code scan}'s options, through picocli's own mechanism: a flag on the command
 * line wins (picocli never asks for a default it has a flag for), then {@code POSTERN_<OPTION>}
 * in the environment, then the config file ({@code --config FILE}, else {@code ./.postern.yaml},
 * else {@code $XDG_CONFIG_HOME/postern/config.yaml}), then the option's built-in default. A key
 * of the file is an option's long name without its dashes ({@code fail-on: critical}); a list
 * option takes a YAML list or one value. The known keys are the scan command's own options, so an
 * option added to {@code scan} is configurable without a change here.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  static final String ENV_PREFIX = "POSTERN_";
  static final String LOCAL_FILE = ".postern.yaml";
  /** Options that make no sense as a default: they are about this one run of the command line. */
  private static final java.util.Set<String> NOT_CONFIGURABLE = java.util.Set.of("help", "version", "config");

  /** A value from the environment or the file, and where it came from ({@code POSTERN_X} or {@code file:line}). */
  record Value(String text, List<String> items, String origin) {}

  private final Map<String, Value> fromFile;
  private final Map<String, String> env;
  private final Path file;

  private ConfigDefaults(Path file, Map<String, Value> fromFile, Map<String, String> env) {
    this.file = file;
    this.fromFile = fromFile;
    this.env = env;
  }

  /** No file and no environment: the built-in defaults (for commands other than scan). */
  static ConfigDefaults none() {
    return new ConfigDefaults(null, Map.of(), Map.of());
  }

  /**
   * The defaults for a command line: its {@code --config FILE}, else the first of the default
   * files that exists. Refused, naming the file and line, when the file has a key that is not an
   * option of {@code scan}, a value of the wrong shape, or is not YAML.
   */
  static ConfigDefaults load(String[] args, Map<String, String> env, CommandSpec scan) {
    Optional<Path> explicit = explicitConfig(args);
    Path file = null;
    if (explicit.isPresent()) {
      file = explicit.get();
      if (!Files.isRegularFile(file)) throw new BadInputException(file.toString(), "config file not found (--config)");
    } else {
      for (Path p : defaultFiles(env)) {
        if (Files.isRegularFile(p)) {
          file = p;
          break;
        }
      }
    }
    Map<String, OptionSpec> options = options(scan);
    // The environment's values are checked here, before picocli asks for them.
    options.forEach((key, o) -> {
      String v = env.get(envName(key));
      if (v != null) checkShape(o, o.isMultiValue() ? splitList(v) : List.of(v), envName(key));
    });
    Map<String, Value> values = file == null ? Map.of() : read(file, options);
    return new ConfigDefaults(file, values, env);
  }

  /** Where a config file is looked for when {@code --config} is not given, in order. */
  static List<Path> defaultFiles(Map<String, String> env) {
    List<Path> out = new ArrayList<>();
    out.add(Path.of(LOCAL_FILE));
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      out.add(Path.of(xdg, "postern", "config.yaml"));
    } else if (env.get("HOME") != null && !env.get("HOME").isBlank()) {
      out.add(Path.of(env.get("HOME"), ".config", "postern", "config.yaml"));
    }
    return out;
  }

  /** The value of {@code --config FILE} or {@code --config=FILE}, read before picocli parses (it needs the defaults first). */
  static Optional<Path> explicitConfig(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) break;
      if (args[i].equals("--config") && i + 1 < args.length) return Optional.of(Path.of(args[i + 1]));
      if (args[i].startsWith("--config=")) return Optional.of(Path.of(args[i].substring("--config=".length())));
    }
    return Optional.empty();
  }

  /** The file in use, if any. */
  Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** The configurable options of a command, by key (long name without dashes). */
  static Map<String, OptionSpec> options(CommandSpec spec) {
    Map<String, OptionSpec> out = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      String key = key(o);
      if (!NOT_CONFIGURABLE.contains(key)) out.put(key, o);
    }
    return out;
  }

  static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "");
  }

  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    Value v = lookup(arg);
    return v == null ? null : v.text();
  }

  /** Where an option's default comes from, when not from the option itself. */
  Value lookup(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || o.command() == null || !"scan".equals(o.command().name())) return null;
    String key = key(o);
    if (NOT_CONFIGURABLE.contains(key)) return null;
    String fromEnv = env.get(envName(key));
    if (fromEnv != null) {
      List<String> items = o.isMultiValue() ? splitList(fromEnv) : List.of(fromEnv);
      return new Value(o.isMultiValue() ? String.join(",", items) : fromEnv, items, envName(key));
    }
    return fromFile.get(key);
  }

  /**
   * An error about an option whose value came from the environment or the file is about that
   * variable or that line: {@code --fail-on: ...} becomes {@code .postern.yaml:3: fail-on: ...}.
   */
  BadInputException locate(BadInputException e, picocli.CommandLine.ParseResult parsed) {
    String where = e.where();
    if (!where.startsWith("--") || parsed == null) return e;
    if (parsed.hasMatchedOption(where)) return e;
    OptionSpec o = parsed.commandSpec().findOption(where);
    Value v = o == null ? null : lookup(o);
    return v == null ? e : new BadInputException(v.origin(), key(o) + ": " + e.getMessage(), e);
  }

  /** A picocli error about an option (a value it cannot convert) whose value came from here, said with its origin. */
  String locate(picocli.CommandLine.ParameterException e) {
    ArgSpec arg = e.getArgSpec();
    if (arg instanceof OptionSpec o && (e.getCommandLine().getParseResult() == null
        || !e.getCommandLine().getParseResult().hasMatchedOption(o))) {
      Value v = lookup(o);
      if (v != null) return v.origin() + ": " + key(o) + ": " + e.getMessage();
    }
    return e.getMessage();
  }

  private static List<String> splitList(String s) {
    List<String> out = new ArrayList<>();
    for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
    return out;
  }

  /** Reads the file's top-level keys with their lines; a key that is not a scan option is refused with its line. */
  private static Map<String, Value> read(Path file, Map<String, OptionSpec> options) {
    Map<String, Value> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file); JsonParser p = new YAMLFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t == null) return out; // an empty file sets nothing
      if (t != JsonToken.START_OBJECT) {
        throw new BadInputException(file + ":" + line(p), "expected 'option: value' lines (a YAML mapping)");
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = line(p);
        String where = file + ":" + line;
        OptionSpec o = options.get(key);
        if (o == null) {
          throw new BadInputException(where, "unknown key '" + key + "'" + suggestion(key, options.keySet())
              + " (keys are the long options of 'postern scan' without '--')");
        }
        if (out.containsKey(key)) throw new BadInputException(where, "'" + key + "' is set twice");
        List<String> items = new ArrayList<>();
        t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          if (!o.isMultiValue()) throw new BadInputException(where, key + ": takes one value, found a list");
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (!t.isScalarValue()) throw new BadInputException(file + ":" + line(p), key + ": expected a list of values");
            items.add(p.getText());
          }
        } else if (t.isScalarValue()) {
          if (t != JsonToken.VALUE_NULL) items.add(p.getText());
        } else {
          throw new BadInputException(where, key + ": expected a value" + (o.isMultiValue() ? " or a list of values" : ""));
        }
        for (String item : items) {
          if (o.isMultiValue() && item.contains(",")) throw new BadInputException(where, key + ": one value per list item, without commas");
        }
        checkShape(o, items, where);
        if (items.isEmpty()) continue; // "key:" with no value leaves the default
        out.put(key, new Value(String.join(",", items), List.copyOf(items), where));
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new BadInputException(line > 0 ? file + ":" + line : file.toString(),
          "not valid YAML: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /** A boolean option takes true or false; a number a whole number. Other values are checked where the option is. */
  private static void checkShape(OptionSpec o, List<String> items, String where) {
    String key = key(o);
    Class<?> type = o.typeInfo().getType();
    for (String v : items) {
      if ((type == boolean.class || type == Boolean.class) && !(v.equals("true") || v.equals("false"))) {
        throw new BadInputException(where, key + ": expected true or false, found '" + v + "'");
      }
      if ((type == int.class || type == Integer.class || type == long.class || type == Long.class) && !v.matches("-?\\d{1,9}")) {
        throw new BadInputException(where, key + ": expected a whole number, found '" + v + "'");
      }
      if (type.isEnum()) {
        boolean known = false;
        for (Object c : type.getEnumConstants()) known |= c.toString().equalsIgnoreCase(v);
        if (!known) throw new BadInputException(where, key + ": '" + v + "' is not one of " + o.completionCandidates());
      }
    }
  }

  private static String suggestion(String key, java.util.Set<String> known) {
    TreeSet<String> close = new TreeSet<>();
    for (String k : known) if (distance(k, key) <= 2) close.add(k);
    return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length()];
  }
}
