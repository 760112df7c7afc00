package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postern.InternalNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's fuzz test: a seeded mutator changes one file of a reference scenario's captures at a
 * time (truncation, type changes, nulls, bad CIDRs/ports/protocols, unicode, duplicates, deep
 * nesting, …) and runs postern on the folder in-process. For every mutant: exit 0, 4 or 5 with a
 * report, or exit 2 with exactly one line naming the file; never exit 1, never a stack trace,
 * never a Java class name. A mutant that makes a value a rule reads invalid (a CIDR, a port, a
 * protocol) must be refused: read, it would have matched nothing and the rule would PASS.
 */
class MutatedCapturesTest {
  static final long SEED = 13_2026L;
  static final int MUTANTS = 300;
  static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  enum Mutation {
    TRUNCATE, FLIP_BYTE, NULL_VALUE, NULL_ELEMENT, CHANGE_TYPE, REMOVE_FIELD, DUPLICATE_ELEMENT, UNICODE, DEEP_NESTING,
    BAD_CIDR, BAD_PORT, BAD_PROTOCOL;

    /** A value a rule reads is made invalid: the only right answer is a refusal. */
    boolean invalidatesARuleInput() {
      return this == BAD_CIDR || this == BAD_PORT || this == BAD_PROTOCOL;
    }
  }

  @TempDir Path tmp;

  /** One mutant: the scenario folder with one file replaced. */
  record Mutant(int n, Mutation mutation, Path dir, Path file, String what) {}

  @Test
  void everyMutantIsReadOrRefusedInOneLine() throws IOException {
    List<Path> scenarios;
    try (Stream<Path> s = Files.list(SCENARIOS)) {
      scenarios = s.map(d -> d.resolve("aws")).filter(Files::isDirectory).sorted().toList();
    }
    assertEquals(4, scenarios.size(), "the reference scenarios");
    Random random = new Random(SEED);
    Map<Integer, Integer> byExit = new TreeMap<>();
    Map<Mutation, int[]> byMutation = new EnumMap<>(Mutation.class);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (int n = 0; n < MUTANTS; n++) {
      Mutation m = Mutation.values()[n % Mutation.values().length];
      Mutant mutant = mutate(n, m, scenarios.get(random.nextInt(scenarios.size())), random);
      Run r = run(mutant.dir());
      byExit.merge(r.exit(), 1, Integer::sum);
      byMutation.computeIfAbsent(m, k -> new int[6])[Math.min(r.exit(), 5)]++;
      String problem = problem(mutant, r);
      if (problem != null) failures.add("#" + n + " " + m + " " + mutant.what() + " in " + mutant.file().getFileName() + ": " + problem);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    StringBuilder summary = new StringBuilder(MUTANTS + " mutants (seed " + SEED + ") in " + ms + " ms; by exit code " + byExit + ";");
    byMutation.forEach((k, v) -> summary.append(' ').append(k).append(Arrays.toString(v)));
    System.out.println(summary);
    assertEquals(List.of(), failures, summary.toString());
    // The mutator must exercise both answers, or it tests nothing.
    assertTrue(byExit.getOrDefault(2, 0) > MUTANTS / 5, summary.toString());
    assertTrue(byExit.getOrDefault(0, 0) + byExit.getOrDefault(4, 0) + byExit.getOrDefault(5, 0) > MUTANTS / 5, summary.toString());
  }

  /** What is wrong with postern's answer to a mutant, or null. */
  static String problem(Mutant mutant, Run r) {
    List<String> errLines = r.err().lines().toList();
    for (String l : errLines) {
      if (l.contains("\tat ") || l.startsWith("Exception")) return "a stack trace: " + r.err();
      String leak = InternalNames.leak(l);
      if (leak != null) return "internal name '" + leak + "': " + l;
    }
    if (mutant.mutation().invalidatesARuleInput() && r.exit() != 2) {
      return "an invalid " + mutant.what() + " was read (exit " + r.exit() + "): a rule reading it could PASS";
    }
    switch (r.exit()) {
      case 0, 4, 5 -> {
        if (r.out().isBlank()) return "exit " + r.exit() + " without a report";
        if (errLines.stream().anyMatch(l -> !l.startsWith("warning: "))) return "exit " + r.exit() + " with stderr: " + r.err();
      }
      case 2 -> {
        if (errLines.size() != 1) return "exit 2 with " + errLines.size() + " lines: " + r.err();
        if (!errLines.get(0).startsWith("error: " + mutant.dir())) return "exit 2 not naming a file of the input: " + errLines.get(0);
        if (!r.out().isEmpty()) return "exit 2 with output";
      }
      default -> {
        return "exit " + r.exit() + ": " + r.err();
      }
    }
    return null;
  }

  static Run run(Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"scan", "--from-aws-cli", dir.toString()},
        new Console(new PrintWriter(out, true), new PrintWriter(err, true), Map.of("NO_COLOR", "1"), false, false));
    return new Run(code, out.toString(), err.toString());
  }

  // ---- The mutator -----------------------------------------------------------------------------

  static final List<String> BAD_CIDRS = List.of(" 0.0.0.0/0", "300.1.1.1/40", "0.0.0.0", "10.0.0.0/33", "0.0.0.0/0\n", "10.0.0.0/8 ",
      "1.2.3.4/255.0.0.0", "*", "", "0x0a.0.0.0/8", "10.0/8");
  static final List<String> BAD_CIDRS_V6 = List.of("::", "0.0.0.0/0", "2001:db8::/129", " ::/0", "fe80::1%eth0/64", "");
  static final List<Object> BAD_PORTS = List.of(65536, 70000, -2, 2147483647, -2147483648, "0x16", "22-80", 1.5, true);
  static final List<String> BAD_PROTOCOLS = List.of("256", "tcpx", "", "-2", "06", " tcp", "TCP/UDP", "1000");
  static final List<String> UNICODE = List.of("\u001b[2J\u001b[H", "é中文🙂", "\u0000", "\u202etxt.exe", "\u00a0\u2028",
      "𝕊𝕘-𝟙", "ﬁ\uFEFF");

  Mutant mutate(int n, Mutation m, Path scenario, Random random) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(scenario)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    Path target = m.invalidatesARuleInput() ? scenario.resolve("describe-security-groups.json") : files.get(random.nextInt(files.size()));
    byte[] original = Files.readAllBytes(target);
    String[] what = {m.name().toLowerCase()};
    byte[] mutated = switch (m) {
      case TRUNCATE -> Arrays.copyOf(original, random.nextInt(original.length));
      case FLIP_BYTE -> {
        byte[] b = original.clone();
        String noise = "{}[]\",:0-9aZ \\\u00ff";
        b[random.nextInt(b.length)] = (byte) noise.charAt(random.nextInt(noise.length()));
        yield b;
      }
      default -> {
        JsonNode doc = JSON.readTree(original);
        String text = treeMutation(m, doc, random, what);
        yield text.getBytes(StandardCharsets.UTF_8);
      }
    };
    Path dir = Files.createDirectories(tmp.resolve("m" + n));
    for (Path f : files) {
      // Unchanged files are links to the originals: a mutant costs one file's bytes.
      if (f.equals(target)) Files.write(dir.resolve(f.getFileName()), mutated);
      else Files.createSymbolicLink(dir.resolve(f.getFileName()), f.toAbsolutePath());
    }
    return new Mutant(n, m, dir, dir.resolve(target.getFileName()), what[0]);
  }

  /** A place in the tree: a field of an object or an element of an array. */
  record Slot(JsonNode parent, String field, int index) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode v) {
      if (field != null) ((ObjectNode) parent).set(field, v);
      else ((ArrayNode) parent).set(index, v);
    }
  }

  static List<Slot> slots(JsonNode node, Predicate<Slot> keep) {
    List<Slot> out = new ArrayList<>();
    collect(node, keep, out);
    return out;
  }

  private static void collect(JsonNode node, Predicate<Slot> keep, List<Slot> out) {
    if (node.isObject()) {
      for (var it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        Slot s = new Slot(node, f, -1);
        if (keep.test(s)) out.add(s);
        collect(node.get(f), keep, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Slot s = new Slot(node, null, i);
        if (keep.test(s)) out.add(s);
        collect(node.get(i), keep, out);
      }
    }
  }

  static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  static JsonNode node(Object v) {
    if (v instanceof Integer i) return NODES.numberNode(i);
    if (v instanceof Double d) return NODES.numberNode(d);
    if (v instanceof Boolean b) return NODES.booleanNode(b);
    return NODES.textNode((String) v);
  }

  /** Mutates {@code doc} in place and returns it as pretty-printed JSON; {@code what} says what changed. */
  static String treeMutation(Mutation m, JsonNode doc, Random random, String[] what) throws IOException {
    String deep = null;
    switch (m) {
      case NULL_VALUE -> pick(slots(doc, s -> true), random).set(NODES.nullNode());
      case NULL_ELEMENT -> {
        List<Slot> arrays = slots(doc, s -> s.get().isArray());
        if (arrays.isEmpty()) ((ObjectNode) doc).putNull(doc.fieldNames().next());
        else ((ArrayNode) pick(arrays, random).get()).insertNull(0);
      }
      case CHANGE_TYPE -> {
        Slot s = pick(slots(doc, x -> true), random);
        JsonNode v = s.get();
        s.set(v.isTextual() ? NODES.numberNode(v.asText().length()) : v.isNumber() ? NODES.textNode(v.asText() + "x")
            : v.isContainerNode() ? NODES.textNode("was " + (v.isArray() ? "a list" : "an object")) : NODES.objectNode());
      }
      case REMOVE_FIELD -> {
        List<Slot> fields = slots(doc, s -> s.field() != null && s.parent() != doc);
        if (!fields.isEmpty()) {
          Slot s = pick(fields, random);
          what[0] = "removed " + s.field();
          ((ObjectNode) s.parent()).remove(s.field());
        }
      }
      case DUPLICATE_ELEMENT -> {
        List<Slot> arrays = slots(doc, s -> s.get().isArray() && !s.get().isEmpty());
        if (!arrays.isEmpty()) {
          ArrayNode a = (ArrayNode) pick(arrays, random).get();
          a.add(a.get(random.nextInt(a.size())).deepCopy());
        }
      }
      case UNICODE -> {
        List<Slot> strings = slots(doc, s -> s.get().isTextual());
        if (!strings.isEmpty()) pick(strings, random).set(NODES.textNode(pick(UNICODE, random)));
      }
      case DEEP_NESTING -> {
        pick(slots(doc, s -> true), random).set(NODES.textNode("__DEEP__"));
        deep = "[".repeat(1500) + "]".repeat(1500);
      }
      case BAD_CIDR -> {
        boolean v6 = random.nextInt(4) == 0;
        List<Slot> cidrs = slots(doc, s -> (v6 ? "CidrIpv6" : "CidrIp").equals(s.field()));
        if (cidrs.isEmpty()) cidrs = slots(doc, s -> "CidrIp".equals(s.field()));
        String bad = pick(v6 && !cidrs.isEmpty() && "CidrIpv6".equals(cidrs.get(0).field()) ? BAD_CIDRS_V6 : BAD_CIDRS, random);
        Slot s = pick(cidrs, random);
        what[0] = s.field() + " " + JSON.writeValueAsString(bad);
        s.set(NODES.textNode(bad));
      }
      case BAD_PORT -> {
        // Ports are read where the protocol has them: not on all-traffic (-1) permissions.
        List<Slot> ports = slots(doc, s -> ("FromPort".equals(s.field()) || "ToPort".equals(s.field()))
            && !"-1".equals(s.parent().path("IpProtocol").asText()));
        Slot s = pick(ports, random);
        Object bad = pick(BAD_PORTS, random);
        if (random.nextInt(3) == 0 && s.parent().path("IpProtocol").asText().matches("tcp|udp")
            && s.parent().path("FromPort").asInt() < 65535) {
          bad = "FromPort".equals(s.field()) ? 65535 : s.parent().path("FromPort").asInt() - 1; // from above to
          if ("ToPort".equals(s.field()) && (int) bad < 0) bad = -2;
        }
        what[0] = s.field() + " " + bad;
        s.set(node(bad));
      }
      case BAD_PROTOCOL -> {
        Slot s = pick(slots(doc, x -> "IpProtocol".equals(x.field())), random);
        String bad = pick(BAD_PROTOCOLS, random);
        what[0] = "IpProtocol " + JSON.writeValueAsString(bad);
        s.set(NODES.textNode(bad));
      }
      default -> throw new IllegalArgumentException(m.name());
    }
    String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    return deep == null ? text : text.replace("\"__DEEP__\"", deep);
  }

  /** The mutator's checks must be able to fail: a crash, a leak, a PASS on an invalid value are each caught. */
  @Test
  void theChecksSeeWhatTheyLookFor() {
    Mutant cidr = new Mutant(0, Mutation.BAD_CIDR, tmp, tmp.resolve("sg.json"), "CidrIp \"0.0.0.0\"");
    assertFalse(problem(cidr, new Run(4, "report", "")) == null, "an invalid CIDR read");
    Mutant any = new Mutant(0, Mutation.NULL_VALUE, tmp, tmp.resolve("sg.json"), "null");
    assertFalse(problem(any, new Run(1, "", "error: unexpected NullPointerException: x")) == null, "exit 1");
    assertFalse(problem(any, new Run(2, "", "error: " + tmp + "/sg.json: Cannot deserialize `java.util.ArrayList`")) == null, "a leak");
    assertFalse(problem(any, new Run(2, "", "error: " + tmp + "/sg.json: x\nerror: y")) == null, "two lines");
    assertFalse(problem(any, new Run(0, "", "")) == null, "no report");
    assertEquals(null, problem(any, new Run(2, "", "error: " + tmp + "/sg.json:3: Vpcs[0]: expected a list element, found null")));
    assertEquals(null, problem(any, new Run(5, "report", "warning: x")));
  }
}
