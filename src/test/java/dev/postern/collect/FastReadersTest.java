package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.postern.model.BadInputException;
import dev.postern.model.GroupRef;
import dev.postern.model.Inventory;
import dev.postern.model.Permission;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The fast readers ({@link SdkJsonReader}, {@link SecurityGroupJson}, {@link ElementScanner}) held
 * to the slow path they replace: wherever a fast reader returns normally, its answer equals what
 * Jackson databind and {@link InventoryAssembler} make of the same bytes; otherwise it throws
 * {@link SdkJsonReader.Unexpected} and the databind path decides.
 */
class FastReadersTest {
  static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
  static final Path RULES = Path.of("rules");
  static final Scope SCOPE = new Scope("111122223333", "eu-west-1");
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SG = "SecurityGroups";

  // ---------------------------------------------------------------------------------------------
  // The two paths and their comparison
  // ---------------------------------------------------------------------------------------------

  /** What the fast reader did with an input that databind was also given. */
  enum Outcome { EQUAL, UNEXPECTED, BOTH_FAIL }

  /** Databind, as {@link AwsCliReader#parseWithDatabind} and {@link AwsCliReader#fromDocuments} do it. */
  static SdkPojo databind(CliKind kind, byte[] json) throws IOException {
    Object builder = AwsJson.READER.readValue(json, kind.builderClass);
    return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
  }

  static SdkPojo fastSdk(CliKind kind, byte[] json) throws IOException {
    try (JsonParser p = AwsJson.READER.getFactory().createParser(json)) {
      return SdkJsonReader.read(p, kind.newBuilder);
    }
  }

  static List<SecurityGroup> fastGroups(byte[] json) throws IOException {
    try (JsonParser p = AwsJson.READER.getFactory().createParser(json)) {
      return SecurityGroupJson.read(p, SCOPE);
    }
  }

  /**
   * SdkJsonReader against databind: when the fast reader returns, databind must return an equal
   * object; when it throws Unexpected, anything goes (databind decides); any other exception is a
   * JSON syntax error which databind must report too.
   */
  static Outcome sdkAgrees(CliKind kind, byte[] json) {
    SdkPojo fast;
    try {
      fast = fastSdk(kind, json);
    } catch (SdkJsonReader.Unexpected e) {
      return Outcome.UNEXPECTED;
    } catch (IOException e) {
      assertThrows(IOException.class, () -> databind(kind, json),
          "fast reader failed with " + e + " where databind reads " + show(json));
      return Outcome.BOTH_FAIL;
    } catch (RuntimeException e) {
      throw new AssertionError("fast reader threw " + e + " (not Unexpected) on " + show(json), e);
    }
    SdkPojo slow;
    try {
      slow = databind(kind, json);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("fast reader returned " + fast + " where databind fails with " + e + " on " + show(json), e);
    }
    assertEquals(slow, fast, () -> "SdkJsonReader vs databind on " + show(json));
    return Outcome.EQUAL;
  }

  /** SecurityGroupJson against databind + InventoryAssembler, as {@link #sdkAgrees}. */
  static Outcome groupsAgree(byte[] json) {
    List<SecurityGroup> fast;
    try {
      fast = fastGroups(json);
    } catch (SdkJsonReader.Unexpected e) {
      return Outcome.UNEXPECTED;
    } catch (IOException e) {
      assertThrows(IOException.class, () -> databind(CliKind.SECURITY_GROUPS, json),
          "SecurityGroupJson failed with " + e + " where databind reads " + show(json));
      return Outcome.BOTH_FAIL;
    } catch (RuntimeException e) {
      throw new AssertionError("SecurityGroupJson threw " + e + " (not Unexpected) on " + show(json), e);
    }
    DescribeSecurityGroupsResponse slow;
    try {
      slow = (DescribeSecurityGroupsResponse) databind(CliKind.SECURITY_GROUPS, json);
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("SecurityGroupJson returned " + fast + " where databind fails with " + e + " on " + show(json), e);
    }
    assertEquals(slow.securityGroups().stream().map(g -> InventoryAssembler.s(g.groupId())).toList(),
        fast.stream().map(SecurityGroup::id).toList(), () -> "group ids, in order, of " + show(json));
    assertEquals(sdkModel(slow), fastModel(fast), () -> "SecurityGroupJson vs SDK mapping on " + show(json));
    return Outcome.EQUAL;
  }

  /** The model InventoryAssembler maps from the SDK objects. */
  static List<SecurityGroup> sdkModel(DescribeSecurityGroupsResponse r) {
    return assembleGroups(new Capture(CliKind.SECURITY_GROUPS, "", r));
  }

  /** The same assembly, fed the fast reader's groups (as AwsCliReader's security-group parts do). */
  static List<SecurityGroup> fastModel(List<SecurityGroup> groups) {
    return assembleGroups(Capture.groupsPart(() -> {
      throw new AssertionError("the SDK objects are not read when the groups are given");
    }, SCOPE, groups));
  }

  static List<SecurityGroup> assembleGroups(Capture c) {
    ScopeCapture sc = new ScopeCapture(SCOPE, EnumSet.of(ResourceKind.SECURITY_GROUPS), List.of(c));
    return InventoryAssembler.assemble(new Collection(List.of(sc), List.of(), List.of())).securityGroups();
  }

  static String show(byte[] json) {
    String s = new String(json, StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "…(" + json.length + " bytes)" : s;
  }

  static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Single quotes for double quotes, to keep the JSON in this file readable. */
  static String q(String json) {
    return json.replace('\'', '"');
  }

  // ---------------------------------------------------------------------------------------------
  // 1, 2. Every captured file, every fixture document, every generated file
  // ---------------------------------------------------------------------------------------------

  static List<Path> scenarioFiles() throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(SCENARIOS)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(d.resolve("aws"))) {
          files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(out::add);
        }
      }
    }
    return out;
  }

  static List<Path> scenarioDirs() throws IOException {
    try (Stream<Path> dirs = Files.list(SCENARIOS)) {
      return dirs.filter(Files::isDirectory).map(d -> d.resolve("aws")).sorted().toList();
    }
  }

  /** The kind of a fixture document as {@link AwsCliReader#fromDocuments} recognises it. */
  static Optional<CliKind> kindOf(JsonNode doc) {
    for (var it = doc.fieldNames(); it.hasNext(); ) {
      Optional<CliKind> k = CliKind.byKey(it.next());
      if (k.isPresent()) return k;
    }
    return Optional.empty();
  }

  /** Every AWS CLI document of every rule fixture, named by file and case. */
  static Map<String, JsonNode> fixtureDocuments() throws IOException {
    Map<String, JsonNode> out = new TreeMap<>();
    YAMLMapper yaml = new YAMLMapper();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(RULES)) {
      files = walk.filter(p -> p.toString().endsWith(".cases.yaml")).sorted().toList();
    }
    for (Path f : files) {
      int n = 0;
      for (JsonNode c : yaml.readTree(f.toFile()).path("cases")) {
        for (JsonNode doc : c.path("aws")) {
          out.put(String.format("%s #%03d %s", RULES.relativize(f), n++, c.path("name").asText()), doc);
        }
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicNode> everyScenarioFile() throws IOException {
    List<Path> files = scenarioFiles();
    assertTrue(files.size() >= 40, "the four scenarios' captures: " + files.size());
    Set<CliKind> kinds = EnumSet.noneOf(CliKind.class);
    List<DynamicNode> out = new ArrayList<>();
    for (Path f : files) {
      CliKind kind = AwsCliReader.kindOf(f).orElseThrow(() -> new AssertionError("no kind: " + f));
      kinds.add(kind);
      out.add(fileTests(SCENARIOS.relativize(f).toString(), f, kind));
    }
    assertTrue(kinds.containsAll(EnumSet.of(CliKind.SECURITY_GROUPS, CliKind.INSTANCES, CliKind.DB_INSTANCES,
        CliKind.EB_SETTINGS, CliKind.LOAD_BALANCERS, CliKind.DB_PARAMETERS)), "kinds covered: " + kinds);
    return out.stream();
  }

  /** bench/generate.py at a tiny scale: every file it writes, and the account read in parts. */
  @TestFactory
  Stream<DynamicNode> everyGeneratedFile(@TempDir Path gen) throws Exception {
    Process p = new ProcessBuilder("python3", "bench/generate.py", gen.toString(), "--scale", "0.002")
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "generator finished");
    assertEquals(0, p.exitValue(), "bench/generate.py: " + log);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(gen)) {
      files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertTrue(files.size() >= 10, "generated files: " + files);
    List<DynamicNode> out = new ArrayList<>();
    for (Path f : files) {
      // The generator also writes kinds postern may not read yet (network ACLs, gateways...): skipped as in a scan.
      Optional<CliKind> kind = AwsCliReader.kindOf(f);
      if (kind.isPresent()) out.add(fileTests(gen.relativize(f).toString(), f, kind.get()));
    }
    out.add(DynamicTest.dynamicTest("read in parts equals read whole", () -> {
      try {
        AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
        Inventory whole = InventoryAssembler.assemble(new AwsCliReader("").read(gen));
        assertTrue(whole.securityGroups().size() >= 100, "groups: " + whole.securityGroups().size());
        AwsCliReader.chunkFileBytes = 0;
        AwsCliReader.chunkElements = 7;
        assertEquals(whole, InventoryAssembler.assemble(new AwsCliReader("").read(gen)));
      } finally {
        AwsCliReader.chunkFileBytes = savedBytes;
        AwsCliReader.chunkElements = savedElements;
      }
    }));
    return out.stream();
  }

  /** Real CLI output must take the fast path (no Unexpected) and agree with databind. */
  static DynamicContainer fileTests(String name, Path f, CliKind kind) {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(DynamicTest.dynamicTest("SdkJsonReader equals databind", () ->
        assertEquals(Outcome.EQUAL, sdkAgrees(kind, Files.readAllBytes(f)), "read by the fast path")));
    if (kind == CliKind.SECURITY_GROUPS) {
      tests.add(DynamicTest.dynamicTest("SecurityGroupJson equals the SDK mapping", () -> {
        byte[] json = Files.readAllBytes(f);
        assertEquals(Outcome.EQUAL, groupsAgree(json), "read by the fast path");
        assertFalse(fastGroups(json).isEmpty(), "a security-group file with groups");
      }));
    }
    tests.add(DynamicTest.dynamicTest("ElementScanner delimits every element", () -> assertElementsExact(f, kind.key)));
    return DynamicContainer.dynamicContainer(name + " (" + kind + ")", tests);
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureDocument() throws IOException {
    Map<String, JsonNode> docs = fixtureDocuments();
    assertTrue(docs.size() > 50, "fixture documents: " + docs.size());
    List<DynamicTest> out = new ArrayList<>();
    int groupDocs = 0;
    for (Map.Entry<String, JsonNode> e : docs.entrySet()) {
      CliKind kind = kindOf(e.getValue()).orElseThrow(() -> new AssertionError("not a CLI document: " + e.getKey()));
      byte[] json = JSON.writeValueAsBytes(e.getValue());
      if (kind == CliKind.SECURITY_GROUPS) groupDocs++;
      out.add(DynamicTest.dynamicTest(e.getKey() + " (" + kind + ")", () -> {
        Outcome sdk = sdkAgrees(kind, json);
        assertTrue(sdk != Outcome.BOTH_FAIL, () -> "fixture is valid: " + show(json));
        byte[] read = json;
        if (sdk == Outcome.UNEXPECTED) {
          // A YAML value databind coerces (e.g. `off` is a boolean in YAML 1.1, read into a string field): the same
          // answer written back as CLI JSON must take the fast path.
          SdkPojo slow = databind(kind, json);
          read = AwsJson.WRITER.writeValueAsBytes(slow.getClass().getMethod("toBuilder").invoke(slow));
          assertEquals(slow, databind(kind, read), "round trip");
          byte[] canonical = read;
          assertEquals(Outcome.EQUAL, sdkAgrees(kind, read), () -> "read by SdkJsonReader: " + show(canonical));
        }
        if (kind == CliKind.SECURITY_GROUPS) {
          byte[] groups = read;
          assertEquals(Outcome.EQUAL, groupsAgree(groups), () -> "read by SecurityGroupJson: " + show(groups));
        }
      }));
    }
    assertTrue(groupDocs > 20, "security-group fixture documents: " + groupDocs);
    return out.stream();
  }

  // ---------------------------------------------------------------------------------------------
  // Structure: the fast reader sees the same fields as databind, and wrong types never slip by
  // ---------------------------------------------------------------------------------------------

  /** Every builder reachable from a CLI kind, with a document template reaching an object of it ("%s"). */
  static Map<Class<?>, Object[]> reachableBuilders() {
    Map<Class<?>, Object[]> out = new java.util.LinkedHashMap<>();
    for (CliKind k : CliKind.values()) reach(k, k.newBuilder.get(), "%s", out);
    return out;
  }

  private static void reach(CliKind kind, SdkPojo builder, String template, Map<Class<?>, Object[]> out) {
    if (out.containsKey(builder.getClass())) return;
    out.put(builder.getClass(), new Object[] {kind, builder, template});
    for (SdkField<?> f : builder.sdkFields()) {
      SdkField<?> e = f;
      String inner = "%s";
      while (true) {
        if (e.marshallingType() == MarshallingType.LIST) {
          e = e.getRequiredTrait(ListTrait.class).memberFieldInfo();
          inner = "[" + inner + "]";
        } else if (e.marshallingType() == MarshallingType.MAP) {
          e = e.getRequiredTrait(MapTrait.class).valueFieldInfo();
          inner = "{\"k\":" + inner + "}";
        } else {
          break;
        }
      }
      if (e.marshallingType() == MarshallingType.SDK_POJO) {
        reach(kind, (SdkPojo) e.constructor().get(), template.replace("%s", "{\"" + f.memberName() + "\":" + inner + "}"), out);
      }
    }
  }

  /**
   * SdkJsonReader matches the SDK's member names (any case); databind the bean properties of the
   * builders. A member databind does not know, or a property without a member, would be read by
   * one and ignored by the other.
   */
  @Test
  void sdkMembersAreDatabindsProperties() {
    Map<Class<?>, Object[]> builders = reachableBuilders();
    assertTrue(builders.size() > 100, "builders reached: " + builders.size());
    List<String> differences = new ArrayList<>();
    for (Object[] b : builders.values()) {
      SdkPojo builder = (SdkPojo) b[1];
      Set<String> members = new TreeSet<>();
      for (SdkField<?> f : builder.sdkFields()) {
        assertTrue(members.add(f.memberName().toLowerCase(Locale.ROOT)), "members differ in more than case: " + f.memberName());
      }
      BeanDescription d = AwsJson.READER.getDeserializationConfig()
          .introspect(AwsJson.READER.getTypeFactory().constructType(builder.getClass()));
      Set<String> properties = new TreeSet<>();
      for (BeanPropertyDefinition p : d.findProperties()) {
        if (p.hasSetter() || p.hasField()) properties.add(p.getName().toLowerCase(Locale.ROOT));
      }
      if (!members.equals(properties)) {
        Set<String> onlyMembers = new TreeSet<>(members);
        onlyMembers.removeAll(properties);
        Set<String> onlyProperties = new TreeSet<>(properties);
        onlyProperties.removeAll(members);
        differences.add(builder.getClass().getName() + ": only SDK " + onlyMembers + ", only databind " + onlyProperties);
      }
    }
    assertEquals(List.of(), differences);
  }

  /** Values of every JSON shape, some of them right for a field, most of them wrong. */
  static final List<String> ODD_VALUES = List.of("null", "\"s\"", "1", "1.5", "3000000000", "true", "{}", "{\"x\":1}", "[]",
      "[\"x\"]", "[{}]", "[null]", "{\"a\":null}", "\"22\"", "\"2020-01-01T00:00:00Z\"");

  /** Every member of every reachable builder, given each odd value: SdkJsonReader agrees or says Unexpected. */
  @Test
  void everyMemberWithEveryShapeOfValue() {
    int equal = 0;
    int unexpected = 0;
    for (Object[] b : reachableBuilders().values()) {
      CliKind kind = (CliKind) b[0];
      for (SdkField<?> f : ((SdkPojo) b[1]).sdkFields()) {
        for (String v : ODD_VALUES) {
          String doc = ((String) b[2]).replace("%s", "{\"" + f.memberName() + "\":" + v + "}");
          Outcome o = sdkAgrees(kind, bytes(doc));
          if (o == Outcome.EQUAL) equal++;
          if (o == Outcome.UNEXPECTED) unexpected++;
        }
      }
    }
    assertTrue(equal > 1000 && unexpected > 1000, "both outcomes exercised: " + equal + " equal, " + unexpected + " unexpected");
  }

  /** The same for the security-group tree, through SecurityGroupJson and the SDK mapping. */
  @Test
  void everyGroupMemberWithEveryShapeOfValue() {
    int equal = 0;
    int unexpected = 0;
    for (Object[] b : reachableBuilders().values()) {
      if (b[0] != CliKind.SECURITY_GROUPS) continue;
      for (SdkField<?> f : ((SdkPojo) b[1]).sdkFields()) {
        for (String v : ODD_VALUES) {
          // A group has its id (without one it is refused, whatever else it holds).
          String doc = ((String) b[2]).replace("%s", "{\"" + f.memberName() + "\":" + v + "}")
              .replace("{\"SecurityGroups\":[{", "{\"SecurityGroups\":[{\"GroupId\":\"sg-1\",");
          Outcome o = groupsAgree(bytes(doc));
          if (o == Outcome.EQUAL) equal++;
          if (o == Outcome.UNEXPECTED) unexpected++;
        }
      }
    }
    // Fewer are equal since the values read are checked: an odd CIDR, protocol or port is refused.
    assertTrue(equal > 50 && unexpected > 300, "both outcomes exercised: " + equal + " equal, " + unexpected + " unexpected");
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Edge cases
  // ---------------------------------------------------------------------------------------------

  @TempDir Path tmp;
  long savedBytes;
  int savedElements;

  @BeforeEach
  void saveChunking() {
    savedBytes = AwsCliReader.chunkFileBytes;
    savedElements = AwsCliReader.chunkElements;
  }

  @AfterEach
  void restoreChunking() {
    AwsCliReader.chunkFileBytes = savedBytes;
    AwsCliReader.chunkElements = savedElements;
  }

  /**
   * A security-group document through every path: SdkJsonReader and SecurityGroupJson agree with
   * databind (or say Unexpected), and AwsCliReader — fast reader with databind fallback, whole or
   * in parts of one element — gives databind's model or the same error. Returns databind's model,
   * or null when the document is refused (by databind, or by the checks of the values read).
   */
  List<SecurityGroup> groupDocument(String json, Outcome... fastMustBe) throws IOException {
    byte[] b = bytes(json);
    Outcome sdk = sdkAgrees(CliKind.SECURITY_GROUPS, b);
    Outcome groups = groupsAgree(b);
    if (fastMustBe.length > 0) {
      assertEquals(fastMustBe[0], sdk, "SdkJsonReader");
      // A second outcome is SecurityGroupJson's, where it differs from SdkJsonReader's.
      assertEquals(fastMustBe[fastMustBe.length - 1], groups, "SecurityGroupJson");
    }
    Path dir = Files.createTempDirectory(tmp, "doc");
    Path file = dir.resolve("sg.json");
    Files.write(file, b);
    SdkPojo slow;
    try {
      slow = databind(CliKind.SECURITY_GROUPS, b);
    } catch (IOException e) {
      BadInputException whole = assertThrows(BadInputException.class, () -> AwsCliReader.parse(file, CliKind.SECURITY_GROUPS));
      AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
      BadInputException unchunked = assertThrows(BadInputException.class,
          () -> InventoryAssembler.assemble(new AwsCliReader("").read(dir)));
      AwsCliReader.chunkFileBytes = 0;
      AwsCliReader.chunkElements = 1;
      // A part of a security-group file is read when the model is assembled.
      BadInputException chunked = assertThrows(BadInputException.class,
          () -> InventoryAssembler.assemble(new AwsCliReader("").read(dir)),
          "read in parts, " + json + " fails as when read whole: " + whole.oneLine());
      assertEquals(whole.oneLine(), unchunked.oneLine());
      assertEquals(whole.oneLine(), chunked.oneLine());
      dev.postern.InternalNames.assertNone(whole.oneLine());
      return null;
    }
    if (CaptureChecks.check(CliKind.SECURITY_GROUPS, slow).isPresent()) {
      // Databind reads it, but a value postern reads is invalid: refused the same whole and in parts.
      assertEquals(Outcome.UNEXPECTED, groups, "SecurityGroupJson leaves an invalid value to the SDK path");
      BadInputException whole = assertThrows(BadInputException.class, () -> AwsCliReader.parse(file, CliKind.SECURITY_GROUPS));
      AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
      assertEquals(whole.oneLine(), assertThrows(BadInputException.class,
          () -> InventoryAssembler.assemble(new AwsCliReader("").read(dir))).oneLine());
      AwsCliReader.chunkFileBytes = 0;
      AwsCliReader.chunkElements = 1;
      assertEquals(whole.oneLine(), assertThrows(BadInputException.class,
          () -> InventoryAssembler.assemble(new AwsCliReader("").read(dir))).oneLine());
      dev.postern.InternalNames.assertNone(whole.oneLine());
      return null;
    }
    assertEquals(slow, AwsCliReader.parse(file, CliKind.SECURITY_GROUPS), "AwsCliReader.parse");
    List<SecurityGroup> model = sdkModel((DescribeSecurityGroupsResponse) slow);
    if (!new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).has("SecurityGroups")) {
      // No group list at all: a folder of nothing else has nothing to audit, and is refused.
      assertThrows(BadInputException.class, () -> new AwsCliReader(SCOPE.region()).read(dir));
      return model;
    }
    AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
    Inventory whole = InventoryAssembler.assemble(new AwsCliReader(SCOPE.region()).read(dir));
    AwsCliReader.chunkFileBytes = 0;
    AwsCliReader.chunkElements = 1;
    Inventory parts = InventoryAssembler.assemble(new AwsCliReader(SCOPE.region()).read(dir));
    assertEquals(whole, parts, "read whole and in parts: " + json);
    assertEquals(model.size(), whole.securityGroups().size(), "groups read by AwsCliReader");
    return model;
  }

  static final String OWNER_LAST = q("{'SecurityGroups':[{'GroupId':'sg-1','GroupName':'web',"
      + "'IpPermissions':[{'IpProtocol':'tcp','FromPort':443,'ToPort':443,'UserIdGroupPairs':[{'GroupId':'sg-2'},{'GroupId':'sg-3','UserId':'444455556666'}]}],"
      + "'IpPermissionsEgress':[{'IpProtocol':'-1','UserIdGroupPairs':[{'GroupId':'sg-4','UserId':null}]}],"
      + "'OwnerId':'123456789012'}]}");

  @Test
  void missingUserIdTakesTheGroupsOwnerEvenWhenOwnerIdComesLast() throws IOException {
    List<SecurityGroup> g = groupDocument(OWNER_LAST, Outcome.EQUAL);
    assertEquals(List.of(new GroupRef("sg-2", "123456789012"), new GroupRef("sg-3", "444455556666")), g.get(0).ingress().get(0).groups());
    assertEquals(List.of(new GroupRef("sg-4", "123456789012")), g.get(0).egress().get(0).groups());
  }

  @Test
  void missingOwnerIdAndUserIdGiveAnEmptyOwner() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'tcp','FromPort':1,"
        + "'ToPort':2,'UserIdGroupPairs':[{'GroupId':'sg-2'}]}]}]}"), Outcome.EQUAL);
    assertEquals(List.of(new GroupRef("sg-2", "")), g.get(0).ingress().get(0).groups());
  }

  @Test
  void nullStringsAndListsAreEmpty() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'NextToken':null,'SecurityGroups':[{'GroupId':'sg-1','GroupName':null,'Description':null,"
        + "'VpcId':null,'OwnerId':null,'Tags':null,'IpPermissionsEgress':null,'IpPermissions':[{'IpProtocol':null,'FromPort':null,"
        + "'ToPort':null,'IpRanges':[{'CidrIp':'10.0.0.0/8','Description':null}],'Ipv6Ranges':null,'PrefixListIds':null,"
        + "'UserIdGroupPairs':[{'GroupId':'sg-2','UserId':null,'GroupName':null}]}]}]}"), Outcome.EQUAL);
    SecurityGroup sg = g.get(0);
    assertEquals(List.of("sg-1", "", "", "", ""), List.of(sg.id(), sg.name(), sg.description(), sg.vpcId(), sg.ownerAccount()));
    assertEquals(new Permission("-1", 0, 65535, List.of("10.0.0.0/8"), List.of(), List.of(new GroupRef("sg-2", "")), List.of()),
        sg.ingress().get(0));
    assertEquals(List.of(), sg.egress());
  }

  /** Values postern reads may not be null or absent: a null CIDR or group id matched nothing and hid findings. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{'SecurityGroups':null}",
      "{'SecurityGroups':[{'GroupName':'no-id'}]}",
      "{'SecurityGroups':[{'GroupId':null}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'-1','IpRanges':[{'CidrIp':null}]}]}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'-1','IpRanges':[{}]}]}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'-1','Ipv6Ranges':[{'CidrIpv6':null}]}]}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'-1','PrefixListIds':[{'PrefixListId':null}]}]}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1','IpPermissionsEgress':[{'IpProtocol':'-1','UserIdGroupPairs':[{'UserId':'1'}]}]}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':''}]}]}"})
  void nullOrMissingReadValuesAreRefusedByBothPaths(String json) throws IOException {
    assertEquals(null, groupDocument(q(json), Outcome.EQUAL, Outcome.UNEXPECTED), json);
  }

  /** Malformed values: SecurityGroupJson leaves them to the SDK path, which refuses them whole and in parts alike. */
  @ParameterizedTest
  @ValueSource(strings = {"'IpProtocol':'256'", "'IpProtocol':'tcp','FromPort':80,'ToPort':79", "'IpProtocol':'udp','FromPort':1,'ToPort':65536",
      "'IpProtocol':'icmp','FromPort':300,'ToPort':0", "'IpProtocol':'-1','IpRanges':[{'CidrIp':' 0.0.0.0/0'}]",
      "'IpProtocol':'-1','IpRanges':[{'CidrIp':'0.0.0.0'}]", "'IpProtocol':'-1','IpRanges':[{'CidrIp':'300.1.1.1/40'}]",
      "'IpProtocol':'-1','Ipv6Ranges':[{'CidrIpv6':'0.0.0.0/0'}]", "'IpProtocol':'-1','IpRanges':[{'CidrIp':'10.0.0.0/8\\n'}]"})
  void malformedValuesAreRefusedByBothPaths(String permission) throws IOException {
    String json = q("{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{" + permission + "}]}]}");
    assertEquals(null, groupDocument(json, Outcome.EQUAL, Outcome.UNEXPECTED), json);
  }


  @Test
  void protocolsAndPorts() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':["
        + "{'IpProtocol':'TCP','FromPort':22,'ToPort':22},"
        + "{'IpProtocol':'tcp','FromPort':-1,'ToPort':-1},"
        + "{'IpProtocol':'Udp','FromPort':53,'ToPort':-1},"
        + "{'IpProtocol':'-1'},"
        + "{'IpProtocol':'-1','FromPort':22,'ToPort':22},"
        + "{'IpProtocol':'icmp','FromPort':-1,'ToPort':-1},"
        + "{'IpProtocol':'6','FromPort':-1,'ToPort':80},"
        + "{}]}]}"), Outcome.EQUAL);
    List<String> labels = g.get(0).ingress().stream().map(p -> p.protocol() + " " + p.fromPort() + "-" + p.toPort()).toList();
    assertEquals(List.of("tcp 22-22", "tcp 0-65535", "udp 0-65535", "-1 0-65535", "-1 0-65535", "icmp -1--1", "6 -1-80", "-1 0-65535"),
        labels);
  }

  @Test
  void fieldNamesInAnotherCaseAreReadByDatabind() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'SecurityGroups':[{'groupId':'sg-1','GROUPNAME':'web','ipPermissions':[{'ipprotocol':'tcp',"
        + "'fromPort':80,'ToPort':80,'ipRanges':[{'cidrIp':'0.0.0.0/0'}]}],'tags':[{'key':'Name','value':'n'}]}]}"));
    SecurityGroup sg = g.get(0);
    assertEquals("sg-1 web {Name=n}", sg.id() + " " + sg.name() + " " + sg.tags());
    assertEquals(new Permission("tcp", 80, 80, List.of("0.0.0.0/0"), List.of(), List.of(), List.of()), sg.ingress().get(0));
    // A top-level key in another case: AwsCliReader does not take the file for a CLI output at all, but the readers agree.
    byte[] lower = bytes(q("{'securityGroups':[{'GroupId':'sg-2'}]}"));
    sdkAgrees(CliKind.SECURITY_GROUPS, lower);
    groupsAgree(lower);
    assertEquals(1, ((DescribeSecurityGroupsResponse) databind(CliKind.SECURITY_GROUPS, lower)).securityGroups().size());
  }

  @Test
  void numbersAndStringsGivenAsTheOther() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'tcp','FromPort':'22','ToPort':22.0}]}]}"));
    assertEquals(22, g.get(0).ingress().get(0).fromPort());
    assertEquals(22, g.get(0).ingress().get(0).toPort());
    g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','OwnerId':123456789012,'IpPermissions':[{'IpProtocol':6,'FromPort':1,'ToPort':2}]}]}"));
    assertEquals("123456789012", g.get(0).ownerAccount());
    assertEquals("6", g.get(0).ingress().get(0).protocol());
  }

  @Test
  void duplicateKeysLastWins() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','GroupId':'sg-2','OwnerId':'1','IpPermissions':"
        + "[{'IpProtocol':'tcp','FromPort':1,'FromPort':2,'ToPort':3,'UserIdGroupPairs':[{'GroupId':'sg-9'}]}],"
        + "'IpPermissions':[{'IpProtocol':'udp','FromPort':4,'ToPort':5,'UserIdGroupPairs':[{'GroupId':'sg-8'}]}],'OwnerId':'2',"
        + "'Tags':[{'Key':'a','Value':'1'}],'Tags':[{'Key':'b','Value':'2','Value':'3'}]}]}"));
    SecurityGroup sg = g.get(0);
    assertEquals("sg-2 2 {b=3}", sg.id() + " " + sg.ownerAccount() + " " + sg.tags());
    assertEquals(List.of(new Permission("udp", 4, 5, List.of(), List.of(), List.of(new GroupRef("sg-8", "2")), List.of())), sg.ingress());
    g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1'}],'SecurityGroups':[{'GroupId':'sg-2'},{'GroupId':'sg-3'}]}"));
    assertEquals(List.of("sg-2", "sg-3"), g.stream().map(SecurityGroup::id).toList());
    g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpProtocol':'tcp','FromPort':1,'ToPort':2}],"
        + "'IpPermissions':null,'Tags':[{'Key':'a','Value':'1'}],'Tags':null}]}"));
    assertEquals(List.of(), g.get(0).ingress());
    assertEquals(Map.of(), g.get(0).tags());
  }

  @Test
  void duplicateSecurityGroupsKeyLastNullWinsAndIsRefused() throws IOException {
    String json = q("{'SecurityGroups':[{'GroupId':'sg-1'}],'SecurityGroups':null}");
    assertEquals(null, groupDocument(json));
  }

  @Test
  void unknownFieldsAreIgnoredByBoth() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'Extra':{'SecurityGroups':[1]},'SecurityGroups':[{'GroupId':'sg-1','Unknown':[{'a':[1,{}]}],"
        + "'IpPermissions':[{'IpProtocol':'tcp','FromPort':1,'ToPort':2,'Whatever':null,'IpRanges':[{'CidrIp':'10.0.0.0/8','Other':{'x':1}}],"
        + "'UserIdGroupPairs':[{'GroupId':'sg-2','UserId':'1','Extra':true,'PeeringStatus':'active'}]}],"
        + "'Tags':[{'Key':'k','Value':'v','More':[]}],'SecurityGroupArn':'arn:aws:ec2:x'}],'ResponseMetadata':{'RequestId':'r'}}"), Outcome.EQUAL);
    assertEquals(List.of("10.0.0.0/8"), g.get(0).ingress().get(0).ipv4Ranges());
    assertEquals(Map.of("k", "v"), g.get(0).tags());
  }

  @Test
  void tagsWithNullOrMissingKeyAreDropped() throws IOException {
    List<SecurityGroup> g = groupDocument(q("{'SecurityGroups':[{'GroupId':'sg-1','Tags':[{'Key':null,'Value':'x'},{'Value':'y'},"
        + "{'Key':'a','Value':null},{'Key':'b'},{'Key':'','Value':'e'}]}]}"), Outcome.EQUAL);
    assertEquals(Map.of("a", "", "b", "", "", "e"), g.get(0).tags());
  }

  @Test
  void wrongShapesAreLeftToDatabind() throws IOException {
    // Databind rejects these; the fast readers must not accept them.
    for (String json : List.of(
        "{'SecurityGroups':{}}", "{'SecurityGroups':[1]}", "{'SecurityGroups':[{'IpPermissions':{}}]}",
        "{'SecurityGroups':[{'IpPermissions':[{'IpRanges':'x'}]}]}", "{'SecurityGroups':[{'IpPermissions':[{'FromPort':{}}]}]}",
        "{'SecurityGroups':[{'Tags':[{'Key':[]}]}]}", "{'SecurityGroups':[{'GroupId':{}}]}",
        "{'SecurityGroups':[{'IpPermissions':[{'FromPort':3000000000}]}]}")) {
      assertEquals(null, groupDocument(q(json)), json);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'SecurityGroups':[{'GroupId':'sg-1'}]} {}", "{'SecurityGroups':[{'GroupId':'sg-1'}]} []",
      "{'SecurityGroups':[{'GroupId':'sg-1'}]} 1"})
  void trailingTokenAfterTheDocument(String json) throws IOException {
    byte[] b = bytes(q(json));
    assertThrows(SdkJsonReader.Unexpected.class, () -> fastSdk(CliKind.SECURITY_GROUPS, b));
    assertThrows(SdkJsonReader.Unexpected.class, () -> fastGroups(b));
    assertThrows(IOException.class, () -> databind(CliKind.SECURITY_GROUPS, b));
    Path file = Files.write(tmp.resolve("sg.json"), b);
    assertEquals("malformed JSON: expected the end of the file after the document, found more",
        assertThrows(BadInputException.class, () -> AwsCliReader.parse(file, CliKind.SECURITY_GROUPS)).getMessage());
  }

  @Test
  void trailingGarbageIsASyntaxErrorForBoth() {
    byte[] b = bytes(q("{'SecurityGroups':[]} x"));
    assertEquals(Outcome.BOTH_FAIL, sdkAgrees(CliKind.SECURITY_GROUPS, b));
    assertEquals(Outcome.BOTH_FAIL, groupsAgree(b));
    assertEquals(Outcome.BOTH_FAIL, sdkAgrees(CliKind.SECURITY_GROUPS, bytes(q("{'SecurityGroups':[{'GroupId':'sg-1'"))));
  }

  @Test
  void otherKindsEdgeCases() {
    // Timestamps as the CLI prints them, with offsets, fractions, or as databind alone reads them.
    for (String t : List.of("2020-01-01T00:00:00+00:00", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00.123456+00:00",
        "2020-01-01T02:00:00+02:00", "2020-01-01T00:00:00-05:30", "2020-01-01t00:00:00z", "2020-01-01T00:00:00+0000",
        "2020-01-01T23:59:60Z", " 2020-01-01T00:00:00Z", "", "1577836800", "x")) {
      sdkAgrees(CliKind.LOAD_BALANCERS, bytes(q("{'LoadBalancers':[{'LoadBalancerName':'a','CreatedTime':'" + t + "'}]}")));
    }
    assertEquals(Outcome.EQUAL, sdkAgrees(CliKind.LOAD_BALANCERS,
        bytes(q("{'LoadBalancers':[{'CreatedTime':'2020-01-01T01:00:00+01:00'}]}"))));
    sdkAgrees(CliKind.LOAD_BALANCERS, bytes(q("{'LoadBalancers':[{'CreatedTime':1577836800}]}")));
    // Numbers, booleans and nulls of every scalar type.
    for (String doc : List.of(
        "{'DBInstances':[{'DBInstanceIdentifier':'d','PubliclyAccessible':true,'AllocatedStorage':20,'Endpoint':{'Port':3306}}]}",
        "{'DBInstances':[{'PubliclyAccessible':'true','AllocatedStorage':'20','Endpoint':{'Port':3306.0}}]}",
        "{'DBInstances':[{'PubliclyAccessible':null,'AllocatedStorage':null,'Endpoint':null,'VpcSecurityGroups':null}]}",
        "{'DBInstances':[{'Endpoint':{'Port':-0}},{'Endpoint':{'Port':2147483648}}]}",
        "{'DBClusters':[{'ServerlessV2ScalingConfiguration':{'MinCapacity':0.5,'MaxCapacity':16}}]}",
        "{'DBClusters':[{'ServerlessV2ScalingConfiguration':{'MinCapacity':1e-3,'MaxCapacity':'16'}}]}",
        "{'Reservations':[{'Instances':[{'InstanceId':'i-1','State':{'Name':'running','Code':16},'SecurityGroups':[{'GroupId':'sg-1'}]}]}]}",
        "{'Reservations':[{'Instances':[{'InstanceId':'i-1','State':'running'}]}]}",
        "{'Reservations':[{'Instances':[null]}]}",
        "{'Reservations':[{'instances':[{'instanceid':'i-1','TAGS':[{'key':'k'}]}]}]}",
        "{'Reservations':[],'Reservations':[{'Instances':[{'InstanceId':'i-2'}]}]}",
        "{'Reservations':[{'Instances':[{'InstanceId':'i-2'}]}],'Reservations':null}",
        "{'Vpcs':[{'VpcId':'v','IsDefault':1}]}",
        "{'Vpcs':[{'VpcId':'v','Tags':[{'Key':null,'Value':'x'}],'Unknown':{'Vpcs':[]}}]}")) {
      String json = q(doc);
      CliKind kind = CliKind.byKey(json.substring(2, json.indexOf('"', 2))).orElseThrow();
      sdkAgrees(kind, bytes(json));
    }
  }

  /** These are real CLI shapes: they must be read by the fast path, not left to databind. */
  @Test
  void realShapesTakeTheFastPath() {
    for (String doc : List.of(
        "{'Reservations':[{'Instances':[{'InstanceId':'i-1','State':{'Name':'running','Code':16},'LaunchTime':'2020-01-01T00:00:00+00:00',"
            + "'SecurityGroups':[{'GroupId':'sg-1','GroupName':'g'}],'Tags':[{'Key':'Name','Value':'n'}],'NetworkInterfaces':[]}],"
            + "'OwnerId':'1'}],'NextToken':null}",
        "{'DBInstances':[{'DBInstanceIdentifier':'d','PubliclyAccessible':false,'AllocatedStorage':20,'Endpoint':{'Address':'a','Port':3306},"
            + "'InstanceCreateTime':'2020-01-01T00:00:00.123000+00:00','DBParameterGroups':[{'DBParameterGroupName':'p'}]}]}",
        "{'DBClusters':[{'ServerlessV2ScalingConfiguration':{'MinCapacity':0.5,'MaxCapacity':16}}]}",
        "{'Parameters':[{'ParameterName':'require_secure_transport','ParameterValue':'1','IsModifiable':true}],"
            + "'DBParameterGroupName':'p'}",
        "{'LoadBalancers':[{'LoadBalancerArn':'arn','CreatedTime':'2020-01-01T00:00:00.5Z','SecurityGroups':['sg-1'],"
            + "'AvailabilityZones':[{'ZoneName':'z','SubnetId':'s','LoadBalancerAddresses':[]}]}]}")) {
      String json = q(doc);
      CliKind kind = AwsCliReader.kindOf(writeTemp(json)).orElseThrow();
      assertEquals(Outcome.EQUAL, sdkAgrees(kind, bytes(json)), json);
    }
  }

  private Path writeTemp(String json) {
    try {
      return Files.writeString(Files.createTempFile(tmp, "doc", ".json"), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * postern reads no timestamp: an odd one must not refuse a scan (issue 13), and both readers
   * agree on it. boto3's {@code str(datetime)} shape (a space, not a T) is the same instant.
   */
  @Test
  void timestampsPosternNeverReadsAreNotRefused() throws IOException {
    for (String t : List.of("2020-01-01T00:00Z", "2020-01-01T00:00:00+01", "2020-01-01T00:00+00:00", "2020-10-09 06:51:30+00:00",
        "2020-10-09 06:51:30.123456+00:00", "not a time")) {
      byte[] b = bytes(q("{'LoadBalancers':[{'CreatedTime':'" + t + "'}]}"));
      assertEquals(Outcome.EQUAL, sdkAgrees(CliKind.LOAD_BALANCERS, b), t);
    }
    byte[] boto3 = bytes(q("{'LoadBalancers':[{'CreatedTime':'2020-10-09 06:51:30.5+00:00'}]}"));
    assertEquals(java.time.Instant.parse("2020-10-09T06:51:30.500Z"),
        ((DescribeLoadBalancersResponse) fastSdk(CliKind.LOAD_BALANCERS, boto3)).loadBalancers().get(0).createdTime());
  }

  @Test
  void timestampsAreTheSameInstant() throws IOException {
    byte[] b = bytes(q("{'LoadBalancers':[{'CreatedTime':'2020-01-01T02:00:00.250+02:00'}]}"));
    assertEquals(Outcome.EQUAL, sdkAgrees(CliKind.LOAD_BALANCERS, b));
    assertEquals(java.time.Instant.parse("2020-01-01T00:00:00.250Z"),
        ((DescribeLoadBalancersResponse) fastSdk(CliKind.LOAD_BALANCERS, b)).loadBalancers().get(0).createdTime());
  }

  // ---------------------------------------------------------------------------------------------
  // 4. ElementScanner
  // ---------------------------------------------------------------------------------------------

  /** Every element offset pair delimits exactly that element of the file's main array. */
  static void assertElementsExact(Path file, String key) throws IOException {
    byte[] all = Files.readAllBytes(file);
    JsonNode doc = AwsJson.READER.readTree(all);
    JsonNode expected = doc.get(key);
    boolean arrayOfObjects = expected != null && expected.isArray();
    for (JsonNode n : arrayOfObjects ? expected : JSON.createArrayNode()) arrayOfObjects &= n.isObject();
    if (!arrayOfObjects) {
      // e.g. {"EnvironmentResources": {...}}: not an array to split.
      assertTrue(ElementScanner.elements(file, key).isEmpty(), "no main array in " + file);
      return;
    }
    long[] e = ElementScanner.elements(file, key).orElseThrow(() -> new AssertionError("no elements found in " + file));
    assertEquals(expected.size() * 2, e.length, "element count of " + file);
    for (int i = 0; i < expected.size(); i++) {
      int s = (int) e[2 * i];
      int end = (int) e[2 * i + 1];
      assertEquals('{', all[s], "element " + i + " starts at its brace");
      assertEquals('}', all[end - 1], "element " + i + " ends after its brace");
      assertEquals(expected.get(i), AwsJson.READER.readTree(Arrays.copyOfRange(all, s, end)), "element " + i + " of " + file);
    }
    for (int per = 1; per <= 3; per++) assertChunksCover(file, key, per, expected);
  }

  /** The chunks' elements, in order, are the array's elements; each chunk but the last holds {@code per}. */
  static void assertChunksCover(Path file, String key, int per, JsonNode expected) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<long[]> chunks = ElementScanner.chunks(file, key, per).orElseThrow();
    assertEquals((expected.size() + per - 1) / per, chunks.size(), "chunks of " + per);
    List<JsonNode> seen = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      long[] r = chunks.get(c);
      byte[] part = new byte[(int) (r[1] - r[0]) + 2];
      part[0] = '[';
      System.arraycopy(all, (int) r[0], part, 1, (int) (r[1] - r[0]));
      part[part.length - 1] = ']';
      JsonNode elements = AwsJson.READER.readTree(part);
      assertEquals(c < chunks.size() - 1 ? per : expected.size() - per * (chunks.size() - 1), elements.size(), "chunk " + c);
      elements.forEach(seen::add);
    }
    List<JsonNode> want = new ArrayList<>();
    expected.forEach(want::add);
    assertEquals(want, seen, "chunks of " + per + " of " + file);
  }

  Path file(String json) throws IOException {
    return Files.write(Files.createTempFile(tmp, "scan", ".json"), json.getBytes(StandardCharsets.UTF_8));
  }

  Optional<long[]> scan(String json) throws IOException {
    return ElementScanner.elements(file(json), SG);
  }

  void assertScansExactly(String json, int elements) throws IOException {
    Path f = file(json);
    assertEquals(elements, AwsJson.READER.readTree(f.toFile()).get(SG).size(), "test document");
    assertElementsExact(f, SG);
  }

  @Test
  void stringsWithBracesQuotesAndBackslashes() throws IOException {
    String json = q("{'SecurityGroups':[\n {'GroupId':'sg-1','Description':'a \\'}]{[\\\\','Tags':[{'Key':'}','Value':']'}]},\n"
        + " {'GroupId':'sg-2','Description':'\\\\\\\\','GroupName':'\\\\\\'{'},\n"
        + " {'GroupId':'sg-3','Description':'\\u007d \\' [ é → \\\\\\'','x{':'[{'}\n]}");
    JsonNode doc = AwsJson.READER.readTree(json);
    assertEquals("a \"}]{[\\", doc.get(SG).get(0).get("Description").asText(), "the tricky description as intended");
    assertEquals("\\\\", doc.get(SG).get(1).get("Description").asText());
    assertEquals("\\\"{", doc.get(SG).get(1).get("GroupName").asText());
    assertEquals("} \" [ é → \\\"", doc.get(SG).get(2).get("Description").asText());
    assertScansExactly(json, 3);
  }

  @Test
  void minifiedOnOneLine() throws IOException {
    assertScansExactly(q("{'SecurityGroups':[{'GroupId':'sg-1','IpPermissions':[{'IpRanges':[{'CidrIp':'0.0.0.0/0'}]}]},{},{'a':{'b':{}}}]}"), 3);
    assertScansExactly(q("\r\n\t {\t'SecurityGroups' \n:\r\n [ {} , { } ,\n{'x':[]} ] } \n"), 3);
  }

  @Test
  void theKeyAsAValueOrNestedIsNotTheMainArray() throws IOException {
    assertScansExactly(q("{'NextToken':'SecurityGroups','Other':[{'SecurityGroups':[{'z':1}]}],"
        + "'SecurityGroups':[{'GroupId':'sg-1','Description':'SecurityGroups','SecurityGroups':[{'GroupId':'sg-x'}]},"
        + "{'GroupName':'SecurityGroups'}],'Next':'SecurityGroups'}"), 2);
    // A value "SecurityGroups" right before an array of another key is not the key.
    assertScansExactly(q("{'A':'SecurityGroups','B':[{'not':'main'}],'SecurityGroups':[{'GroupId':'sg-1'}]}"), 1);
    // Names that only start or end like the key.
    assertScansExactly(q("{'SecurityGroupsX':[{'a':1}],'Security':[{'b':2}],'XSecurityGroups':[{}],'SecurityGroups':[{'c':3}]}"), 1);
    assertEquals(Optional.empty(), scan(q("{'SecurityGroupsX':[{'a':1}],'Other':'SecurityGroups'}")).map(Arrays::toString));
  }

  @Test
  void otherTopLevelKeysBeforeAndAfter() throws IOException {
    assertScansExactly(q("{'Before':{'x':[1,{'y':'}'}]},'List':[{'a':1},{'b':2}],'N':1,'T':true,'Z':null,"
        + "'SecurityGroups':[{'GroupId':'sg-1'},{'GroupId':'sg-2'},{'GroupId':'sg-3'},{'GroupId':'sg-4'}],"
        + "'After':[{'c':[]}],'NextToken':'abc'}"), 4);
  }

  @Test
  void emptyArrayHasNoElements() throws IOException {
    Path f = file(q("{'SecurityGroups':[ ]}"));
    assertArrayEquals(new long[0], ElementScanner.elements(f, SG).orElseThrow());
    assertEquals(0, ElementScanner.chunks(f, SG, 2).orElseThrow().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'SecurityGroups':['sg-1']}", "{'SecurityGroups':[{},'x']}", "{'SecurityGroups':[{}, 1]}", "{'SecurityGroups':[null]}",
      "{'SecurityGroups':[true,{}]}", "{'SecurityGroups':[[{}]]}", "{'SecurityGroups':[{},[]]}"})
  void anElementThatIsNotAnObjectGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'SecurityGroups':[{'GroupId':'sg-1'}", "{'SecurityGroups':[{'GroupId':'sg-1'},{'GroupId':'sg-", "{'SecurityGroups':[{'a':'}]}",
      "{'SecurityGroups':[{'GroupId':'sg-1'}]", "{'SecurityGroups':[{}]}}", "{'SecurityGroups':[{}]}]", "", "   ",
      "{'SecurityGroups':[{'a':'\\'}]}"})
  void unbalancedOrTruncatedGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[{'SecurityGroups':[{}]}]", "'SecurityGroups'", "1", "null", "x{'SecurityGroups':[{}]}"})
  void notAnObjectAtTopGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'SecurityGroups':[{'a':1}],'SecurityGroups':[{'b':2}]}", "{'SecurityGroups':[],'X':1,'SecurityGroups':[{}]}",
      "{'SecurityGroups':[{}],'SecurityGroups':[]}"})
  void theMainKeyTwiceGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'Other':[{}]}", "{}", "{'SecurityGroups':null}", "{'SecurityGroups':{'a':[{}]}}", "{'SecurityGroups':'[{}]'}"})
  void noMainArrayGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'SecurityGroups':[{'a':1}],'SecurityGroups':null}", "{'SecurityGroups':[{'a':1}],'SecurityGroups':{}}",
      "{'SecurityGroups':[{'a':1}],'SecurityGroups':'x'}", "{'SecurityGroups':[{'a':1}],'Security\\u0047roups':[{'b':2}]}"})
  void theMainKeyTwiceInAnyFormGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'SecurityGroups':[{'a':1}]} x", "{'SecurityGroups':[{'a':1}]} {}", "{'SecurityGroups':[{'a':1}]} 'y'"})
  void aTrailingTokenAfterTheDocumentGivesEmpty(String json) throws IOException {
    assertTrue(scan(q(json)).isEmpty(), json);
  }

  @Test
  void chunksSplitEveryWay() throws IOException {
    StringBuilder sb = new StringBuilder("{'Head':[{}],'SecurityGroups':[");
    for (int i = 0; i < 11; i++) {
      if (i > 0) sb.append(i % 2 == 0 ? ",\n  " : ",");
      sb.append("{'GroupId':'sg-").append(i).append("','Description':'}").append("]".repeat(i)).append("\\\\'}");
    }
    sb.append("],'Tail':[{'SecurityGroups':[{}]}]}");
    Path f = file(q(sb.toString()));
    JsonNode expected = AwsJson.READER.readTree(f.toFile()).get(SG);
    assertEquals(11, expected.size());
    for (int per : new int[] {1, 2, 3, 4, 10, 11, 12, 100}) assertChunksCover(f, SG, per, expected);
    assertElementsExact(f, SG);
  }

  /**
   * The scanner reads 1 MiB at a time: move the key, strings, escapes and braces across that
   * boundary one byte at a time, with multi-byte UTF-8 before them, and check every offset.
   */
  @Test
  void readBufferBoundary() throws IOException {
    String[] elements = {q("{'GroupId':'sg-1','Description':'a \\'}]{[\\\\'}"), q("{'é→':'\\\\\\\\\\\\\\'','x':[{'y':'\\u0022'}]}"), "{}",
        q("{'SecurityGroups':[{'z':'\\''}],'n':[1,2]}")};
    byte[] tail;
    int[][] relative = new int[elements.length][2];
    {
      ByteArrayOutputStream t = new ByteArrayOutputStream();
      t.writeBytes(bytes(q("','SecurityGroups' :[")));
      for (int i = 0; i < elements.length; i++) {
        if (i > 0) t.writeBytes(bytes(" ,\n"));
        relative[i][0] = t.size();
        t.writeBytes(bytes(elements[i]));
        relative[i][1] = t.size();
      }
      t.writeBytes(bytes(q("],'After':'SecurityGroups'}")));
      tail = t.toByteArray();
    }
    byte[] head = bytes(q("{'Pad':'ééé"));
    int boundary = 1 << 20;
    Path f = tmp.resolve("big.json");
    for (int shift = 0; shift <= tail.length + 1; shift++) {
      // The boundary falls `shift` bytes before the end of the padding string's contents plus the tail.
      int padding = boundary - head.length - tail.length + shift;
      byte[] all = new byte[head.length + padding + tail.length];
      System.arraycopy(head, 0, all, 0, head.length);
      Arrays.fill(all, head.length, head.length + padding, (byte) 'x');
      System.arraycopy(tail, 0, all, head.length + padding, tail.length);
      Files.write(f, all);
      long base = head.length + padding;
      long[] want = new long[elements.length * 2];
      for (int i = 0; i < elements.length; i++) {
        want[2 * i] = base + relative[i][0];
        want[2 * i + 1] = base + relative[i][1];
      }
      final int s = shift;
      assertArrayEquals(want, ElementScanner.elements(f, SG).orElseThrow(() -> new AssertionError("shift " + s)), "shift " + shift);
    }
    // And one of them parsed, to check the expected offsets themselves.
    assertElementsExact(f, SG);
  }

  // ---------------------------------------------------------------------------------------------
  // 5. The public path: AwsCliReader in small chunks equals AwsCliReader whole
  // ---------------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> scenariosReadInChunks() throws IOException {
    List<DynamicTest> out = new ArrayList<>();
    for (Path dir : scenarioDirs()) {
      out.add(DynamicTest.dynamicTest(dir.toString(), () -> {
        try {
          AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
          Inventory whole = InventoryAssembler.assemble(new AwsCliReader("").read(dir));
          assertFalse(whole.securityGroups().isEmpty());
          for (int per : new int[] {1, 2, 3}) {
            AwsCliReader.chunkFileBytes = 0;
            AwsCliReader.chunkElements = per;
            List<Capture> pages = AwsCliReader.parsePages(dir.resolve("describe-security-groups.json"), CliKind.SECURITY_GROUPS);
            assertTrue(pages.size() > 1, "read in parts: " + pages);
            assertEquals(whole, InventoryAssembler.assemble(new AwsCliReader("").read(dir)), "in chunks of " + per);
          }
        } finally {
          AwsCliReader.chunkFileBytes = savedBytes;
          AwsCliReader.chunkElements = savedElements;
        }
      }));
    }
    assertEquals(4, out.size(), "scenarios");
    return out.stream();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{'SecurityGroups':[{'GroupId':'sg-1'}]} x", "{'SecurityGroups':[{'GroupId':'sg-1'}]} {}",
      "{'SecurityGroups':[{'GroupId':'sg-1'} {'GroupId':'sg-2'}]}", "{'SecurityGroups':[,{'GroupId':'sg-1'},]}",
      "{'SecurityGroups':[{'GroupId':'sg-1'}],'SecurityGroups':{}}", "{'SecurityGroups':[{'GroupId':'sg-1'}],'SecurityGroups':null}",
      "{'SecurityGroups':[{'GroupId':'sg-1'}],'Next':}", "{'SecurityGroups':[{'GroupId':'sg-1'}],'Security\\u0047roups':[]}"})
  void oddFilesReadInPartsAsReadWhole(String json) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(dir.resolve("sg.json"), q(json));
    AwsCliReader.chunkFileBytes = Long.MAX_VALUE;
    String whole;
    try {
      whole = "groups " + InventoryAssembler.assemble(new AwsCliReader("").read(dir)).securityGroups();
    } catch (BadInputException e) {
      whole = e.oneLine();
    }
    AwsCliReader.chunkFileBytes = 0;
    AwsCliReader.chunkElements = 1;
    String parts;
    try {
      parts = "groups " + InventoryAssembler.assemble(new AwsCliReader("").read(dir)).securityGroups();
    } catch (BadInputException e) {
      parts = e.oneLine();
    }
    assertEquals(whole, parts);
  }

  /** The comparison itself sees a difference: a model with another owner is not equal. */
  @Test
  void theModelComparisonSeesADifference() throws IOException {
    byte[] json = bytes(q("{'SecurityGroups':[{'GroupId':'sg-1','OwnerId':'1','IpPermissions':[{'IpProtocol':'tcp','FromPort':1,"
        + "'ToPort':1,'UserIdGroupPairs':[{'GroupId':'sg-2'}]}]}]}"));
    List<SecurityGroup> sdk = sdkModel((DescribeSecurityGroupsResponse) databind(CliKind.SECURITY_GROUPS, json));
    List<SecurityGroup> fast = fastGroups(json);
    assertEquals(sdk, fastModel(fast));
    SecurityGroup g = fast.get(0);
    List<SecurityGroup> changed = List.of(new SecurityGroup(g.scope(), g.id(), g.name(), g.description(), g.vpcId(), "2",
        g.tags(), g.ingress(), g.egress()));
    assertThrows(AssertionError.class, () -> assertEquals(sdk, fastModel(changed)));
    assertTrue(reachableBuilders().containsKey(software.amazon.awssdk.services.ec2.model.UserIdGroupPair.builder().getClass()),
        "the pair builder is reached");
  }
}
