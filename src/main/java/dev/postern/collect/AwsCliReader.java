package dev.postern.collect;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;

/**
 * Reads a folder of unmodified AWS CLI {@code describe-*} outputs. A file's kind comes from its
 * top-level key; files of one kind are merged; a folder named like a region ({@code us-east-1})
 * or an account ({@code 123456789012}) sets that part of the scope of the files below it.
 */
public final class AwsCliReader {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern PREFIX_LIST_ID = Pattern.compile("pl-[0-9a-f]+");
  /** How the README names a parameter group's file: {@code describe-db-parameters-<group>.json}. */
  static final String PARAMETERS_FILE_PREFIX = "describe-db-parameters-";

  /** How the README names a load balancer's attributes file: {@code lb-attributes-<name>.json}. */
  static final String LB_ATTRIBUTES_FILE_PREFIX = "lb-attributes-";
  /** describe-target-health names no group: the file is named {@code target-health-<target-group-name>.json}. */
  static final String TARGET_HEALTH_FILE_PREFIX = "target-health-";

  private final String defaultRegion;

  /** @param defaultRegion region of files not under a region folder when it cannot be inferred */
  public AwsCliReader(String defaultRegion) {
    this.defaultRegion = defaultRegion == null ? "" : defaultRegion;
  }

  /** A folder with nothing postern reads is not an empty account: it is an error, never a clean scan. */
  private static BadInputException nothingRead(Path dir, int files) {
    return new BadInputException(dir.toString(), "no AWS CLI output postern reads (looked at " + files
        + (files == 1 ? " .json file" : " .json files") + "); see README \"Usage\" for the describe-* commands to capture");
  }

  public Collection read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(dir.toString(), "not a directory of AWS CLI JSON files");
    }
    Map<String, List<Path>> byFolder = new TreeMap<>();
    List<String> warnings = new ArrayList<>();
    List<CollectionError> failedCalls = new ArrayList<>();
    for (Path p : jsonFiles(dir, warnings)) {
      if (p.getFileName().toString().endsWith(CaptureScript.MARKER_SUFFIX)) {
        failedCalls.add(FailedCall.read(p, folderScope(dir.relativize(p.getParent()), defaultRegion)));
        continue;
      }
      byFolder.computeIfAbsent(dir.relativize(p.getParent()).toString(), k -> new ArrayList<>()).add(p);
    }
    if (byFolder.isEmpty() && failedCalls.isEmpty()) throw nothingRead(dir, 0);
    Map<Scope, ScopeBuilder> scopes = new TreeMap<>();
    for (Map.Entry<String, List<Path>> folder : byFolder.entrySet()) {
      String folderAccount = "";
      String folderRegion = "";
      for (Path part : Path.of(folder.getKey())) {
        String name = part.toString();
        if (REGION.matcher(name).matches()) folderRegion = name;
        else if (ACCOUNT.matcher(name).matches()) folderAccount = name;
      }
      List<Path> files = folder.getValue();
      List<Optional<CliKind>> kinds = files.parallelStream().map(AwsCliReader::kindOf).toList();
      // Read in the scope the folders and --region give; the resources' own fields complete it below.
      Scope readIn = new Scope(folderAccount, folderRegion.isEmpty() ? defaultRegion : folderRegion);
      // Files are parsed in parallel (a large one in parts); results keep the files' order.
      List<List<Capture>> parsed = java.util.stream.IntStream.range(0, files.size()).parallel()
          .mapToObj(i -> kinds.get(i).isEmpty() ? List.<Capture>of() : parsePages(files.get(i), kinds.get(i).get(), readIn))
          .toList();
      for (int i = 0; i < files.size(); i++) {
        if (kinds.get(i).isEmpty()) warnings.add("warning: " + files.get(i) + ": not an AWS CLI output postern reads; skipped");
      }
      FolderScope where = folderScope(files, parsed, readIn, folderAccount, folderRegion, warnings);
      for (String account : where.accounts()) {
        Scope scope = new Scope(account, where.region());
        ScopeBuilder sb = new ScopeBuilder();
        for (int i = 0; i < files.size(); i++) {
          for (Capture page : parsed.get(i)) {
            sb.add(files.get(i), where.accounts().size() == 1 ? page : OwnScope.only(page, readIn, account, where.accounts().get(0)));
          }
        }
        if (sb.files.isEmpty()) continue;
        ScopeBuilder existing = scopes.get(scope);
        if (existing == null) scopes.put(scope, sb);
        else existing.files.addAll(sb.files);
      }
    }
    if (scopes.isEmpty() && failedCalls.isEmpty()) throw nothingRead(dir, byFolder.values().stream().mapToInt(List::size).sum());
    List<ScopeCapture> out = new ArrayList<>();
    for (Map.Entry<Scope, ScopeBuilder> e : scopes.entrySet()) {
      out.add(e.getValue().build(e.getKey(), warnings));
    }
    return new Collection(out, failedCalls, warnings);
  }

  /** The scope its folders give a file: {@code <account>/<region>/}, either optional; {@code region} when no folder names one. */
  private static Scope folderScope(Path relativeFolder, String region) {
    String account = "";
    String r = "";
    for (Path part : relativeFolder) {
      String name = part.toString();
      if (REGION.matcher(name).matches()) r = name;
      else if (ACCOUNT.matcher(name).matches()) account = name;
    }
    return new Scope(account, r.isEmpty() ? region : r);
  }

  /**
   * The regular {@code *.json} files under {@code dir}, symbolic links followed, sorted. What
   * cannot be read as such (a link loop, a FIFO or a directory named {@code *.json}, a folder that
   * cannot be listed) is skipped with a warning: it is not AWS CLI output.
   */
  private static List<Path> jsonFiles(Path dir, List<String> warnings) {
    List<Path> out = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try {
      Files.walkFileTree(dir, EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new java.nio.file.SimpleFileVisitor<Path>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
              if (!d.equals(dir) && named(d)) skipped.add("warning: " + d + ": a directory named *.json, not an AWS CLI output; its files are read");
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
              if (!named(f)) return java.nio.file.FileVisitResult.CONTINUE;
              if (a.isRegularFile()) out.add(f);
              else skipped.add("warning: " + f + ": not a regular file (a FIFO, device or socket); skipped");
              return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
              if (e instanceof java.nio.file.FileSystemLoopException) {
                skipped.add("warning: " + f + ": a symbolic link back to a folder above it (a loop); skipped");
              } else if (f.equals(dir)) {
                throw new BadInputException(dir.toString(), "cannot read: " + reason(e));
              } else {
                skipped.add("warning: " + f + ": cannot read (" + reason(e) + "); skipped");
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new BadInputException(dir.toString(), "cannot read: " + reason(e), e);
    }
    skipped.stream().sorted().forEach(warnings::add);
    out.sort(null);
    return out;
  }

  private static boolean named(Path p) {
    return p.getFileName() != null && p.getFileName().toString().endsWith(".json");
  }

  /** An I/O failure in words: the JDK's exception names are not for users. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.NoSuchFileException) return "no such file (a broken link?)";
    if (e instanceof java.nio.file.FileSystemLoopException) return "a symbolic link loop";
    String m = e.getMessage();
    return m == null || m.isBlank() ? "an I/O error" : m;
  }

  /**
   * A world stated whole, for rule fixtures and tests: AWS CLI outputs (JSON objects recognised by
   * their top-level key) in one scope, every kind counted as collected. A {@code Parameters} output
   * names its group with an extra {@code DBParameterGroupName} key, an {@code Entries} output its
   * list with {@code PrefixListId}.
   */
  public static Collection fromDocuments(Scope scope, List<com.fasterxml.jackson.databind.JsonNode> documents) {
    return fromDocuments(scope, documents, EnumSet.allOf(ResourceKind.class));
  }

  /** The same, with only {@code collected} counted as collected (a fixture of a partial capture). */
  public static Collection fromDocuments(Scope scope, List<com.fasterxml.jackson.databind.JsonNode> documents, Set<ResourceKind> collected) {
    List<Capture> captures = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode doc : documents) {
      CliKind kind = null;
      for (java.util.Iterator<String> it = doc.fieldNames(); it.hasNext() && kind == null; ) {
        kind = CliKind.byKey(it.next()).orElse(null);
      }
      if (kind == null) throw new BadInputException("", "not an AWS CLI output postern reads: " + doc.fieldNames().next());
      try {
        Object builder = AwsJson.READER.treeToValue(doc, kind.builderClass);
        String subject = doc.path(kind == CliKind.DB_PARAMETERS ? "DBParameterGroupName"
            : kind == CliKind.LB_ATTRIBUTES ? "LoadBalancerArn" : kind == CliKind.TARGET_HEALTH ? "TargetGroupArn"
            : "PrefixListId").asText("");
        captures.add(new Capture(kind, subject, (SdkPojo) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build()));
      } catch (JsonProcessingException e) {
        throw new BadInputException("", "not valid " + kind.command + " output: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
      }
    }
    return new Collection(List.of(new ScopeCapture(scope, collected.isEmpty() ? EnumSet.noneOf(ResourceKind.class) : EnumSet.copyOf(collected), captures)), List.of(), List.of());
  }

  /** The first top-level key that names a known kind; empty for other JSON objects. */
  static Optional<CliKind> kindOf(Path file) {
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = AwsJson.READER.getFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new BadInputException(where(file, p.currentLocation()),
            t == null ? "empty file, expected AWS CLI JSON output" : "expected a JSON object (AWS CLI output), found " + t.asString());
      }
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        Optional<CliKind> k = CliKind.byKey(p.currentName());
        if (k.isPresent()) {
          return k;
        }
        p.nextToken();
        p.skipChildren();
      }
      return Optional.empty();
    } catch (JsonProcessingException e) {
      throw new BadInputException(where(file, e.getLocation()), "malformed JSON: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + reason(e), e);
    }
  }

  /** Files above this size are read in parts of their main array, in parallel. */
  static long chunkFileBytes = 16L << 20;
  /** Elements per part. */
  static int chunkElements = 4000;
  /**
   * Files above this size are cut into parts of at most {@link #partBytes} (at element boundaries
   * found from the JSON's structure near each cut point, without scanning the file), read in
   * parallel; when a cut turns out wrong the file is scanned instead.
   */
  static long splitFileBytes = 16L << 20;
  static long partBytes = 8L << 20;

  /** Parts of at most {@link #partBytes}, and at least four a core (so that cores finish together). */
  private static long partBytes(Path file) throws IOException {
    long quarter = Files.size(file) / (4L * Runtime.getRuntime().availableProcessors());
    return Math.min(partBytes, Math.max(1L << 20, quarter));
  }
  private static final java.util.Set<CliKind> CHUNKABLE = java.util.EnumSet.of(CliKind.SECURITY_GROUPS,
      CliKind.NETWORK_INTERFACES, CliKind.INSTANCES, CliKind.SUBNETS, CliKind.ROUTE_TABLES, CliKind.DB_INSTANCES,
      CliKind.DB_CLUSTERS, CliKind.CACHE_CLUSTERS, CliKind.REPLICATION_GROUPS, CliKind.LOAD_BALANCERS, CliKind.LISTENERS);

  /**
   * The file's answer as one or more pages. A large file is cut at element boundaries of its main
   * array ({@code "SecurityGroups": [...]}) and the parts read in parallel, each as a page of the
   * same answer. Security groups, by far the largest kind, are read straight into the model. A part
   * that cannot be read makes the whole file be read again, which reports the problem with the
   * file's own line numbers.
   */
  static List<Capture> parsePages(Path file, CliKind kind) {
    return parsePages(file, kind, UNSCOPED);
  }

  /** As {@link #parsePages(Path, CliKind)}; parts read straight into the model are in {@code scope}. */
  static List<Capture> parsePages(Path file, CliKind kind, Scope scope) {
    try {
      if (CHUNKABLE.contains(kind) && Files.size(file) > chunkFileBytes) {
        if (kind == CliKind.SECURITY_GROUPS) {
          Optional<List<Capture>> parts = groupParts(file, scope);
          if (parts.isPresent()) return parts.get();
        } else {
          Optional<List<long[]>> split = Files.size(file) > splitFileBytes
              ? ElementScanner.split(file, kind.key, partBytes(file)) : Optional.empty();
          if (split.isPresent() && split.get().size() > 1) {
            List<Optional<SdkPojo>> read = split.get().parallelStream().map(r -> tryPart(file, kind, r)).toList();
            if (read.stream().allMatch(Optional::isPresent)) {
              List<Capture> parts = new ArrayList<>();
              for (int i = 0; i < read.size(); i++) parts.add(new Capture(kind, "", checkedPart(file, kind, read.get(i).get())));
              return parts;
            }
          }
          Optional<List<long[]>> ranges = ElementScanner.chunks(file, kind.key, chunkElements);
          if (ranges.isPresent() && !ranges.get().isEmpty()) {
            return ranges.get().parallelStream().map(r -> new Capture(kind, "", parsePart(file, kind, r))).toList();
          }
        }
      }
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + reason(e), e);
    }
    return List.of(new Capture(kind, "", parse(file, kind)));
  }

  /** Reads the parts of large security-group files, one thread a core (a part is found before the scan ends). */
  private static final class PartReaders {
    static final java.util.concurrent.ExecutorService POOL = java.util.concurrent.Executors.newFixedThreadPool(
        Runtime.getRuntime().availableProcessors(), r -> {
          Thread t = new Thread(r, "postern-part-reader");
          t.setDaemon(true);
          return t;
        });
  }

  private static final Scope UNSCOPED = new Scope("", "");

  /**
   * A large security-group file as parts read into the model, in {@code scope}: cut by its layout
   * when it is large enough, else by a scan (whose parts are read as soon as they are found).
   * Empty when a part cannot be read: the file is then read whole.
   */
  private static Optional<List<Capture>> groupParts(Path file, Scope scope) throws IOException {
    if (Files.size(file) > splitFileBytes) {
      Optional<List<long[]>> ranges = ElementScanner.split(file, CliKind.SECURITY_GROUPS.key, partBytes(file));
      if (ranges.isPresent()) {
        List<java.util.concurrent.Future<Optional<List<dev.postern.model.SecurityGroup>>>> reads = new ArrayList<>();
        for (long[] r : ranges.get()) reads.add(PartReaders.POOL.submit(() -> groupsOfPart(file, r, scope)));
        Optional<List<Capture>> parts = groupParts(file, scope, ranges.get(), reads);
        if (parts.isPresent()) return parts;
      }
    }
    List<java.util.concurrent.Future<Optional<List<dev.postern.model.SecurityGroup>>>> early = new ArrayList<>();
    Optional<List<long[]>> ranges = ElementScanner.chunks(file, CliKind.SECURITY_GROUPS.key, chunkElements,
        r -> early.add(PartReaders.POOL.submit(() -> groupsOfPart(file, r, scope))));
    if (ranges.isEmpty() || ranges.get().isEmpty()) {
      early.forEach(f -> f.cancel(true));
      return Optional.empty();
    }
    return groupParts(file, scope, ranges.get(), early);
  }

  /** The parts, once every one of them has been read into the model; empty if one could not be. */
  private static Optional<List<Capture>> groupParts(Path file, Scope read, List<long[]> ranges,
      List<java.util.concurrent.Future<Optional<List<dev.postern.model.SecurityGroup>>>> reads) {
    List<Capture> parts = new ArrayList<>();
    for (int i = 0; i < ranges.size(); i++) {
      long[] r = ranges.get(i);
      Optional<List<dev.postern.model.SecurityGroup>> part = joined(reads.get(i));
      if (part.isEmpty()) {
        reads.forEach(f -> f.cancel(true));
        return Optional.empty();
      }
      parts.add(Capture.groupsPart(() -> parsePart(file, CliKind.SECURITY_GROUPS, r), read, part.get()));
    }
    return Optional.of(parts);
  }

  private static <T> Optional<T> joined(java.util.concurrent.Future<Optional<T>> f) {
    try {
      return f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A part of a security-group file read straight into the model; empty when it is not plain CLI output. */
  private static Optional<List<dev.postern.model.SecurityGroup>> groupsOfPart(Path file, long[] r, Scope scope) {
    try (JsonParser p = AwsJson.READER.getFactory().createParser(partStream(file, CliKind.SECURITY_GROUPS, r))) {
      return Optional.of(SecurityGroupJson.read(p, scope));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A part cut without a scan, read through the SDK's field metadata; empty when it does not parse (a wrong cut). */
  private static Optional<SdkPojo> tryPart(Path file, CliKind kind, long[] r) {
    try (JsonParser p = AwsJson.READER.getFactory().createParser(partStream(file, kind, r))) {
      return Optional.of(SdkJsonReader.read(p, kind.newBuilder));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A part read: refused as when the whole file is read, when a value in it is not valid. */
  private static SdkPojo checkedPart(Path file, CliKind kind, SdkPojo read) {
    if (CaptureChecks.check(kind, read).isPresent()) parse(file, kind); // throws with the file's first problem, line and path
    return read;
  }

  /** Bytes {@code [r[0], r[1])} of the file, a run of whole elements, read as {@code {"Key":[...]}}. */
  private static SdkPojo parsePart(Path file, CliKind kind, long[] r) {
    SdkPojo read;
    try (JsonParser p = AwsJson.READER.getFactory().createParser(partStream(file, kind, r))) {
      read = SdkJsonReader.read(p, kind.newBuilder);
    } catch (IOException | RuntimeException e) {
      try (InputStream in = partStream(file, kind, r)) {
        Object builder = AwsJson.READER.readValue(in, kind.builderClass);
        read = (SdkPojo) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
      } catch (IOException | RuntimeException again) {
        parse(file, kind); // throws with the file's line
        throw new BadInputException(file.toString(), "not valid " + kind.command + " output", again);
      }
    }
    if (CaptureChecks.check(kind, read).isPresent()) {
      parse(file, kind); // the whole file is refused as when read whole: the first problem, the file's line and path
    }
    return read;
  }

  /** A part as a document of its own, streamed from the file (a part is megabytes: no copy of it is made). */
  private static InputStream partStream(Path file, CliKind kind, long[] r) throws IOException {
    byte[] head = ("{\"" + kind.key + "\":[").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = {']', '}'};
    InputStream range = new FileRange(file, r[0], r[1]);
    return new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
        new java.io.ByteArrayInputStream(head), range, new java.io.ByteArrayInputStream(tail))));
  }

  /** The whole file: through the SDK's field metadata, else databind (which says what is wrong, and where). */
  static SdkPojo parse(Path file, CliKind kind) {
    SdkPojo read;
    try (InputStream in = Files.newInputStream(file); JsonParser p = AwsJson.READER.getFactory().createParser(in)) {
      read = SdkJsonReader.read(p, kind.newBuilder);
    } catch (IOException | RuntimeException e) {
      read = parseWithDatabind(file, kind);
    }
    checked(file, kind, read);
    return read;
  }

  /** The answer, when the values postern reads from it are valid; else refused, naming the line and path. */
  private static SdkPojo checked(Path file, CliKind kind, SdkPojo read) {
    Optional<CaptureChecks.Problem> problem = CaptureChecks.check(kind, read);
    if (problem.isEmpty()) return read;
    throw refused(file, problem.get().path(), problem.get());
  }

  /** A refusal at {@code path} in the file: its line, and the value found there when the problem does not say. */
  private static BadInputException refused(Path file, List<Object> path, CaptureChecks.Problem problem) {
    JsonLocator.Spot spot = JsonLocator.find(file, path);
    // The value as written in the file (a number stays a number), else as read, else its absence.
    String found = spot.exact() ? spot.found() : problem.found() != null ? problem.found() : "no " + path.get(path.size() - 1);
    return new BadInputException(spot.line() > 0 ? file + ":" + spot.line() : file.toString(), problem.message(found));
  }

  private static SdkPojo parseWithDatabind(Path file, CliKind kind) {
    try (InputStream in = Files.newInputStream(file)) {
      Object builder = AwsJson.READER.readValue(in, kind.builderClass);
      return (SdkPojo) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
    } catch (JsonProcessingException e) {
      throw describe(file, e);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + reason(e), e);
    }
  }

  /**
   * What databind refused, in the user's terms: a value of the wrong type is named by its JSON
   * path, what was expected and what was found; a syntax error by its line. No Java type and no
   * Jackson feature is named.
   */
  static BadInputException describe(Path file, JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // A limit of the parser (nesting depth, number or string length), wherever databind met it.
      if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException c) {
        return new BadInputException(where(file, c.getLocation() != null ? c.getLocation() : e.getLocation()), "cannot read: " + dev.postern.model.InputText.parserMessage(c.getOriginalMessage()), e);
      }
    }
    if (!syntaxError(e) && e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
      List<Object> path = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
        path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
      }
      Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi ? mi.getTargetType() : null;
      JsonLocator.Spot spot = JsonLocator.find(file, path);
      int line = spot.line() > 0 ? spot.line() : e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      return new BadInputException(line > 0 ? file + ":" + line : file.toString(),
          dev.postern.model.InputText.path(path) + ": expected " + dev.postern.model.InputText.expectedFor(target)
              + ", found " + (spot.exact() ? spot.found() : "something else"), e);
    }
    // Two documents in one file (databind's "trailing token") is malformed JSON to a user too.
    boolean trailing = String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
    String what = syntaxError(e) || trailing ? "malformed JSON: " : "not valid AWS CLI output: ";
    return new BadInputException(where(file, e.getLocation()), what + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
  }

  /** A syntax error (truncated, garbage), as opposed to valid JSON of the wrong shape. */
  static boolean syntaxError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.fasterxml.jackson.core.exc.StreamReadException
          && !(t instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException)) return true;
      if (t instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
          && m.getOriginalMessage() != null && m.getOriginalMessage().contains("end-of-input")) return true;
    }
    return false;
  }


  static String where(Path file, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1 ? file.toString() : file + ":" + loc.getLineNr();
  }

  /** A folder's accounts (the main one first: it gets resources that name none) and its region. */
  record FolderScope(List<String> accounts, String region) {}

  /**
   * Where a folder's resources live. The account: the account folder, else each resource's own
   * account ({@code OwnerId}, its own ARN), several accounts making several scopes. The region: the
   * region folder, else {@code --region}, else the resources' own ARNs and availability zones (the
   * most common one). A file whose resources say otherwise than the folder is named in a warning.
   */
  static FolderScope folderScope(List<Path> files, List<List<Capture>> parsed, Scope readIn, String folderAccount,
      String folderRegion, List<String> warnings) {
    Map<String, Integer> accountCounts = new TreeMap<>();
    Map<String, Integer> regionCounts = new TreeMap<>();
    List<Set<String>> fileAccounts = new ArrayList<>();
    List<Set<String>> fileRegions = new ArrayList<>();
    for (List<Capture> pages : parsed) {
      Set<String> accounts = new java.util.TreeSet<>();
      Set<String> regions = new java.util.TreeSet<>();
      for (Capture page : pages) {
        for (OwnScope.Place place : OwnScope.places(page, readIn)) {
          if (!place.account().isEmpty()) {
            accounts.add(place.account());
            accountCounts.merge(place.account(), 1, Integer::sum);
          }
          if (!place.region().isEmpty()) {
            regions.add(place.region());
            regionCounts.merge(place.region(), 1, Integer::sum);
          }
        }
      }
      fileAccounts.add(accounts);
      fileRegions.add(regions);
    }
    List<String> accounts;
    if (!folderAccount.isEmpty()) {
      accounts = List.of(folderAccount);
    } else if (accountCounts.isEmpty()) {
      accounts = List.of("");
    } else {
      accounts = new ArrayList<>(accountCounts.keySet());
      accounts.sort(java.util.Comparator.comparing((String a) -> -accountCounts.get(a)).thenComparing(a -> a));
    }
    String region = readIn.region();
    String regionFrom = folderRegion.isEmpty() ? "--region" : "its folder";
    if (region.isEmpty() && !regionCounts.isEmpty()) {
      region = regionCounts.entrySet().stream()
          .max(java.util.Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue()).thenComparing(Map.Entry::getKey,
              java.util.Comparator.reverseOrder()))
          .get().getKey();
      regionFrom = "most of the folder";
    }
    for (int i = 0; i < files.size(); i++) {
      Set<String> other = new java.util.TreeSet<>(fileRegions.get(i));
      other.remove(region);
      if (!other.isEmpty()) {
        warnings.add("warning: " + files.get(i) + ": resources in " + String.join(", ", other) + ", but " + regionFrom + " says "
            + region + "; read as " + region);
      }
      if (!folderAccount.isEmpty()) {
        Set<String> foreign = new java.util.TreeSet<>(fileAccounts.get(i));
        foreign.remove(folderAccount);
        if (!foreign.isEmpty()) {
          warnings.add("warning: " + files.get(i) + ": resources of account " + String.join(", ", foreign) + " under account folder "
              + folderAccount + "; read as " + folderAccount);
        }
      }
    }
    return new FolderScope(List.copyOf(accounts), region);
  }

  /** Files of one scope; subjects of parameter and prefix-list files are resolved at build. */
  private static final class ScopeBuilder {
    final List<Object[]> files = new ArrayList<>();

    void add(Path file, Capture page) {
      files.add(new Object[] {file, page});
    }

    /** @param warnings where a parameters file that names no group is reported, skipped */
    ScopeCapture build(Scope scope, List<String> warnings) {
      Set<ResourceKind> collected = EnumSet.noneOf(ResourceKind.class);
      List<Capture> captures = new ArrayList<>();
      List<String> groupsInUse = new ArrayList<>();
      List<Path> parameterFiles = new ArrayList<>();
      for (Object[] f : files) {
        Capture c = (Capture) f[1];
        if (c.kind() == CliKind.DB_INSTANCES && c.response() instanceof DescribeDbInstancesResponse r) {
          r.dbInstances().forEach(d -> d.dbParameterGroups().forEach(g -> groupsInUse.add(g.dbParameterGroupName())));
        } else if (c.kind() == CliKind.DB_CLUSTERS && c.response() instanceof DescribeDbClustersResponse r) {
          r.dbClusters().forEach(x -> { if (x.dbClusterParameterGroup() != null) groupsInUse.add(x.dbClusterParameterGroup()); });
        } else if (c.kind() == CliKind.DB_PARAMETERS) {
          parameterFiles.add((Path) f[0]);
        }
      }
      List<String> custom = groupsInUse.stream().filter(g -> g != null && !g.startsWith("default.")).distinct().sorted().toList();
      for (Object[] f : files) {
        Path file = (Path) f[0];
        Capture page = (Capture) f[1];
        CliKind kind = page.kind();
        String subject = "";
        if (kind == CliKind.DB_PARAMETERS) {
          subject = parameterGroupOf(file, groupsInUse, custom, parameterFiles.size());
          if (subject.isEmpty()) {
            // Which group it describes cannot be told: its databases judge as not collected, the scan goes on.
            warnings.add("warning: " + file + ": describe-db-parameters output does not say which parameter group; skipped:"
                + " name the file " + PARAMETERS_FILE_PREFIX + "<group>.json"
                + (custom.isEmpty() ? " (no DB instance or cluster here uses a custom group)" : " (one of " + String.join(", ", custom) + ")"));
            continue;
          }
        } else if (kind == CliKind.LB_ATTRIBUTES) {
          subject = loadBalancerOf(file);
          if (subject.isEmpty()) {
            warnings.add("warning: " + file + ": describe-load-balancer-attributes output does not say which load balancer; skipped:"
                + " name the file " + LB_ATTRIBUTES_FILE_PREFIX + "<load-balancer-name>.json");
            continue;
          }
        } else if (kind == CliKind.TARGET_HEALTH) {
          subject = namedIn(file, TARGET_HEALTH_FILE_PREFIX);
          if (subject.isEmpty()) {
            warnings.add("warning: " + file + ": describe-target-health output does not say which target group; skipped:"
                + " name the file " + TARGET_HEALTH_FILE_PREFIX + "<target-group-name>.json");
            continue;
          }
        } else if (kind == CliKind.PREFIX_LIST_ENTRIES) {
          Matcher m = PREFIX_LIST_ID.matcher(file.getFileName().toString());
          if (!m.find()) {
            throw new BadInputException(file.toString(),
                "get-managed-prefix-list-entries output does not say which list: name the file after the list id (pl-…)");
          }
          subject = m.group();
        }
        collected.add(kind.kind);
        captures.add(subject.isEmpty() ? page : new Capture(kind, subject, page.response()));
      }
      return new ScopeCapture(scope, collected, captures);
    }

    /** What a {@code <prefix><name>.json} file is about; "" for another name. */
    private static String namedIn(Path file, String prefix) {
      String name = file.getFileName().toString();
      if (name.startsWith(prefix) && name.endsWith(".json") && name.length() > prefix.length() + ".json".length()) {
        return name.substring(prefix.length(), name.length() - ".json".length());
      }
      return "";
    }

    /** The load balancer a {@code lb-attributes-<name>.json} file is about; "" for another name. */
    private static String loadBalancerOf(Path file) {
      String name = file.getFileName().toString();
      if (name.startsWith(LB_ATTRIBUTES_FILE_PREFIX) && name.endsWith(".json")
          && name.length() > LB_ATTRIBUTES_FILE_PREFIX.length() + ".json".length()) {
        return name.substring(LB_ATTRIBUTES_FILE_PREFIX.length(), name.length() - ".json".length());
      }
      return "";
    }

    /**
     * The group a describe-db-parameters file is about. A file named as the README says,
     * {@code describe-db-parameters-<group>.json}, is about that group, used here or not (a capture
     * loop over every group writes some no DB uses: they are kept and never looked at). Other
     * names are matched against the groups in use; "" when that cannot tell.
     */
    private static String parameterGroupOf(Path file, List<String> inUse, List<String> custom, int parameterFiles) {
      String name = file.getFileName().toString();
      if (name.startsWith(PARAMETERS_FILE_PREFIX) && name.endsWith(".json")
          && name.length() > PARAMETERS_FILE_PREFIX.length() + ".json".length()) {
        return name.substring(PARAMETERS_FILE_PREFIX.length(), name.length() - ".json".length());
      }
      String best = "";
      for (String g : inUse) {
        if (name.contains(g) && g.length() > best.length()) best = g;
      }
      if (!best.isEmpty()) return best;
      return custom.size() == 1 && parameterFiles == 1 ? custom.get(0) : "";
    }
  }
}
