package dev.postern.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.postern.model.BadInputException;
import dev.postern.model.RuleInfo;
import dev.postern.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads rules: one YAML file per rule, {@code rules/<service>/<name>.yaml}. Built-in rules come
 * from the jar; {@code --rules DIR} adds a user's. Any problem is a {@link BadInputException}
 * naming the file and line. Files ending in {@code .cases.yaml} are test fixtures, not rules.
 */
public final class RuleLoader {
  public static final String BUILTIN = "postern/rules";
  static final Set<String> KEYS = Set.of("id", "name", "title", "severity", "service", "resource", "check",
      "params", "description", "remediation", "references", "compliance", "enabled", "severityWhen", "severityRationale");
  static final Set<String> REQUIRED = Set.of("id", "name", "title", "severity", "service", "resource", "check",
      "description", "remediation");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*-\\d{3}");

  private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private final CheckRegistry registry;

  public RuleLoader(CheckRegistry registry) {
    this.registry = registry;
  }

  /** Built-in rules plus those under {@code extraDirs}; names and ids must be unique overall. */
  public List<Rule> load(List<Path> extraDirs) {
    List<Rule> rules = new ArrayList<>(loadBuiltin());
    for (Path dir : extraDirs) {
      if (!Files.isDirectory(dir)) throw new BadInputException(dir.toString(), "rules directory not found");
      rules.addAll(loadDir(dir, dir.toString()));
    }
    Map<String, String> names = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    for (Rule r : rules) {
      String prev = names.put(r.name(), r.source());
      if (prev != null) throw new BadInputException(r.source(), "rule name '" + r.name() + "' is already used by " + prev);
      prev = ids.put(r.info().id(), r.source());
      if (prev != null) throw new BadInputException(r.source(), "rule id '" + r.info().id() + "' is already used by " + prev);
    }
    rules.sort((a, b) -> a.name().compareTo(b.name()));
    return rules;
  }

  public List<Rule> loadBuiltin() {
    URL url = RuleLoader.class.getClassLoader().getResource(BUILTIN);
    if (url == null) throw new IllegalStateException("built-in rules missing from the classpath (" + BUILTIN + ")");
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        // Read the jar's entries directly: cheaper than mounting a zip file system, and this runs in every scan.
        String spec = uri.getRawSchemeSpecificPart();
        Path jarPath = Path.of(new URI(spec.substring(0, spec.indexOf("!/"))));
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(jarPath.toFile())) {
          List<java.util.jar.JarEntry> entries = jar.stream()
              .filter(e -> e.getName().startsWith(BUILTIN + "/") && isRuleFile(e.getName()))
              .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
          List<Rule> out = new ArrayList<>();
          for (java.util.jar.JarEntry e : entries) {
            String name = e.getName();
            try (InputStream in = jar.getInputStream(e)) {
              out.add(parse(in, "rules" + name.substring(BUILTIN.length()), name.substring(name.lastIndexOf('/') + 1)));
            }
          }
          return out;
        }
      }
      return loadDir(Path.of(uri), "rules");
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot list built-in rules: " + e.getMessage(), e);
    }
  }

  /** The list of compliance controls rules may name, beside the built-in rules (data, not a rule). */
  public static final String CONTROLS_FILE = "compliance-controls.yaml";

  private static boolean isRuleFile(String name) {
    return name.endsWith(".yaml") && !name.endsWith(".cases.yaml") && !name.endsWith("/" + CONTROLS_FILE) && !name.equals(CONTROLS_FILE);
  }


  private List<Rule> loadDir(Path dir, String shownAs) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.getFileName() != null && isRuleFile(p.getFileName().toString()))
          .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    } catch (IOException e) {
      throw new BadInputException(dir.toString(), "cannot read rules: " + e.getMessage(), e);
    }
    List<Rule> out = new ArrayList<>();
    for (Path f : files) {
      String shown = shownAs + "/" + dir.relativize(f).toString().replace('\\', '/');
      try (InputStream in = Files.newInputStream(f)) {
        out.add(parse(in, shown, f.getFileName().toString()));
      } catch (IOException e) {
        throw new BadInputException(shown, "cannot read: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Parses one rule file; {@code fileName} must be {@code <name>.yaml}. */
  public Rule parse(InputStream in, String shown, String fileName) {
    JsonNode root;
    Lines lines;
    try {
      byte[] bytes = in.readAllBytes();
      try (JsonParser p = YAML.getFactory().createParser(bytes)) {
        root = YAML.readTree(p);
      }
      lines = new Lines(bytes);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where(shown, e.getLocation()), "invalid YAML: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(shown, "cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) throw new BadInputException(shown + ":1", "a rule file must be a YAML mapping");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) throw new BadInputException(at(shown, lines, k), "unknown key '" + k + "' (expected one of " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
    }
    for (String k : REQUIRED.stream().sorted().toList()) {
      JsonNode v = root.get(k);
      if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
        throw new BadInputException(shown + ":1", "missing required key '" + k + "'");
      }
      if (!v.isValueNode()) throw new BadInputException(at(shown, lines, k), "'" + k + "' must be a single value");
    }
    String name = root.get("name").asText();
    if (!NAME.matcher(name).matches()) throw new BadInputException(at(shown, lines, "name"), "name '" + name + "' must be kebab-case");
    if (!fileName.equals(name + ".yaml")) throw new BadInputException(at(shown, lines, "name"), "name '" + name + "' must match the file name (" + fileName + ")");
    String id = root.get("id").asText();
    if (!ID.matcher(id).matches()) throw new BadInputException(at(shown, lines, "id"), "id '" + id + "' must look like SG-001");
    Severity severity;
    try {
      severity = Severity.parse(root.get("severity").asText());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(at(shown, lines, "severity"), e.getMessage());
    }
    String checkName = root.get("check").asText();
    Check<?> check = registry.find(checkName).orElseThrow(() -> new BadInputException(at(shown, lines, "check"),
        "unknown check '" + checkName + "' (known: " + String.join(", ", registry.all().keySet()) + ")"));
    List<String> refs = stringList(root, "references", shown, lines);
    List<String> compliance = stringList(root, "compliance", shown, lines);
    JsonNode paramsNode = root.has("params") && !root.get("params").isNull() ? root.get("params") : YAML.createObjectNode();
    if (!paramsNode.isObject()) throw new BadInputException(at(shown, lines, "params"), "'params' must be a mapping");
    Object params = params(check, (ObjectNode) paramsNode, shown, lines);
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = YAML.convertValue(paramsNode, LinkedHashMap.class);
    RuleInfo info = new RuleInfo(id, name, root.get("title").asText().trim(), severity, root.get("service").asText(),
        root.get("resource").asText(), checkName, root.get("description").asText().trim(),
        root.get("remediation").asText().trim(), refs, compliance);
    JsonNode enabled = root.get("enabled");
    if (enabled != null && !enabled.isBoolean()) throw new BadInputException(at(shown, lines, "enabled"), "'enabled' must be true or false");
    JsonNode rationale = root.get("severityRationale");
    if (rationale != null && !rationale.isNull() && !rationale.isTextual()) {
      throw new BadInputException(at(shown, lines, "severityRationale"), "'severityRationale' must be a text");
    }
    return new Rule(info, check, params, raw, shown, enabled == null || enabled.asBoolean(), severityWhen(root, severity, shown, lines),
        rationale == null || rationale.isNull() ? "" : rationale.asText().trim());
  }

  /** {@code severityWhen: [{severity: low, when: "..."}]}: the severities a rule's findings may have besides its own. */
  private static List<Rule.SeverityWhen> severityWhen(JsonNode root, Severity own, String shown, Lines lines) {
    JsonNode n = root.get("severityWhen");
    if (n == null || n.isNull()) return List.of();
    String bad = "'severityWhen' must be a list of {severity, when} mappings";
    if (!n.isArray()) throw new BadInputException(at(shown, lines, "severityWhen"), bad);
    List<Rule.SeverityWhen> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isObject() || e.size() != 2 || !e.path("severity").isTextual() || !e.path("when").isTextual() || e.path("when").asText().isBlank()) {
        throw new BadInputException(at(shown, lines, "severityWhen"), bad);
      }
      Severity s;
      try {
        s = Severity.parse(e.get("severity").asText());
      } catch (IllegalArgumentException x) {
        throw new BadInputException(at(shown, lines, "severityWhen"), x.getMessage());
      }
      if (s == own) throw new BadInputException(at(shown, lines, "severityWhen"), "'severityWhen' names the rule's own severity " + s.id());
      out.add(new Rule.SeverityWhen(s, e.get("when").asText().trim()));
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object params(Check<?> check, ObjectNode node, String shown, Lines lines) {
    Object params;
    try {
      params = YAML.treeToValue(node, check.paramsType());
    } catch (JsonProcessingException e) {
      throw new BadInputException(at(shown, lines, "params"), "bad params for check '" + check.name() + "': " + paramsProblem(node, e), e);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(at(shown, lines, "params"), "bad params for check '" + check.name() + "': " + firstLine(e.getMessage()), e);
    }
    try {
      ((Check) check).validate(params);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(at(shown, lines, "params"), "bad params for check '" + check.name() + "': " + e.getMessage(), e);
    }
    return params;
  }

  private static List<String> stringList(JsonNode root, String key, String shown, Lines lines) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw new BadInputException(at(shown, lines, key), "'" + key + "' must be a list");
    List<String> out = new ArrayList<>();
    n.forEach(x -> {
      if (!x.isValueNode()) throw new BadInputException(at(shown, lines, key), "'" + key + "' must be a list of strings");
      out.add(x.asText());
    });
    return out;
  }

  /** Lines of the top-level keys, found only when an error needs one (the tree keeps no locations). */
  private static final class Lines {
    private final byte[] bytes;
    private Map<String, Integer> lines;

    Lines(byte[] bytes) {
      this.bytes = bytes;
    }

    Integer get(String key) {
      if (lines == null) {
        try {
          lines = keyLines(bytes);
        } catch (IOException e) {
          lines = Map.of();
        }
      }
      return lines.get(key);
    }
  }

  private static Map<String, Integer> keyLines(byte[] bytes) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(bytes)) {
      int depth = 0;
      for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructStart()) depth++;
        else if (t.isStructEnd()) depth--;
        else if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && depth == 1) {
          lines.putIfAbsent(p.currentName(), p.currentLocation().getLineNr());
        }
      }
    }
    return lines;
  }

  /**
   * What is wrong with a rule's params, in the rule author's terms: the key path, what was
   * expected and what was found, or the check's own reason; never the params class's Java name.
   */
  static String paramsProblem(ObjectNode params, JsonProcessingException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      List<String> known = new ArrayList<>();
      if (u.getKnownPropertyIds() != null) u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      known.sort(null);
      return "unknown key '" + u.getPropertyName() + "' (known: " + String.join(", ", known) + ")";
    }
    List<Object> path = new ArrayList<>(List.of("params"));
    JsonNode at = params;
    if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
      for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          path.add(r.getFieldName());
          at = at == null ? null : at.get(r.getFieldName());
        } else {
          path.add(r.getIndex());
          at = at == null ? null : at.get(r.getIndex());
        }
      }
    }
    String where = dev.postern.model.InputText.path(path);
    // A value the params type refused with a reason of its own (a port list, a pattern): that reason.
    if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() instanceof IllegalArgumentException
        && e.getCause().getMessage() != null) {
      return where + ": " + e.getCause().getMessage();
    }
    Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi ? mi.getTargetType() : null;
    if (target == null && !(e instanceof com.fasterxml.jackson.databind.JsonMappingException)) {
      return dev.postern.model.InputText.parserMessage(e.getOriginalMessage());
    }
    String expected = target != null && target.isEnum() ? "one of " + enumValues(target) : dev.postern.model.InputText.expectedFor(target);
    return where + ": expected " + expected + ", found " + shown(at);
  }

  private static String enumValues(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Object c : type.getEnumConstants()) out.add(c.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    return String.join(", ", out);
  }

  private static String shown(JsonNode v) {
    if (v == null || v.isMissingNode()) return "nothing";
    if (v.isObject()) return "a mapping";
    if (v.isArray()) return "a list";
    if (v.isTextual()) return dev.postern.model.InputText.quoted(v.asText());
    return v.toString();
  }

  private static String at(String shown, Lines lines, String key) {
    Integer l = lines.get(key);
    return l == null ? shown : shown + ":" + l;
  }

  private static String where(String shown, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? shown : shown + ":" + loc.getLineNr();
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
