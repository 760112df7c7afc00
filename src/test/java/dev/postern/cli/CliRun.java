package dev.postern.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.collect.ClientFactory;
import dev.postern.collect.LiveSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One in-process run of postern: exit code, stdout, stderr. */
record CliRun(int code, String out, String err) {
  static final ObjectMapper JSON = new ObjectMapper();

  static CliRun run(Map<String, String> env, boolean stderrTty, Function<LiveSettings, ClientFactory> clients, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // A fixed report time (generatedAt) unless the test gives one: two runs of one input give the same bytes.
    Map<String, String> withClock = new java.util.HashMap<>(env);
    withClock.putIfAbsent("SOURCE_DATE_EPOCH", "1767225600");
    Console console = new Console(new PrintWriter(out, true), new PrintWriter(err, true), withClock, false, stderrTty);
    int code = clients == null ? Main.run(args, console) : Main.run(args, console, clients);
    if (!java.util.Arrays.asList(args).contains("--debug")) {
      err.toString().lines().filter(l -> l.startsWith("error: ") || l.startsWith("warning: "))
          .forEach(dev.postern.InternalNames::assertNone);
    }
    return new CliRun(code, out.toString(), err.toString());
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode stdoutJson() {
    try {
      return JSON.readTree(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Findings with this status, as "ruleName resourceId". */
  static List<String> findings(JsonNode report, String status) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : report.path("findings")) {
      if (f.path("status").asText().equals(status)) out.add(f.path("ruleName").asText() + " " + f.path("resource").path("id").asText());
    }
    return out;
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
