package dev.postern.collect;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * postern's snapshot: per account and region, the kinds collected and the answers in the AWS CLI's
 * JSON shape, plus the collection errors. Written by {@code --save-snapshot}, read by
 * {@code --from-snapshot} and {@code --demo}; documented in docs/snapshot.md.
 */
public final class SnapshotIo {
  public static final String FORMAT = "postern-snapshot";
  public static final int SCHEMA_VERSION = 1;

  private SnapshotIo() {}

  public static void write(Collection c, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(c, out);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot write snapshot: " + e.getMessage(), e);
    }
  }

  public static void write(Collection c, OutputStream out) throws IOException {
    try (JsonGenerator g = AwsJson.WRITER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(new OneResponseALine());
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeArrayFieldStart("scopes");
      for (ScopeCapture sc : c.scopes()) {
        g.writeStartObject();
        g.writeStringField("account", sc.scope().account());
        g.writeStringField("region", sc.scope().region());
        g.writeArrayFieldStart("collected");
        for (ResourceKind k : new java.util.TreeSet<>(sc.collected())) {
          g.writeString(k.id());
        }
        g.writeEndArray();
        g.writeArrayFieldStart("responses");
        for (Capture cap : sc.captures()) {
          g.writeStartObject();
          g.writeStringField("command", cap.kind().command);
          if (!cap.subject().isEmpty()) g.writeStringField("subject", cap.subject());
          g.writeFieldName("output");
          AwsJson.WRITER.writeValue(g, toBuilder(cap.response()));
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("errors");
      for (CollectionError e : c.errors()) {
        g.writeStartObject();
        g.writeStringField("service", e.service());
        g.writeStringField("region", e.region());
        g.writeStringField("account", e.account());
        g.writeStringField("operation", e.operation());
        g.writeStringField("code", e.code());
        g.writeStringField("message", e.message());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /**
   * Compact JSON, a scope, a response and an error to a line: pretty printing made a large
   * account's snapshot half spaces (and its reading slower); a problem is still reported with the
   * line of the response that has it.
   */
  private static final class OneResponseALine extends com.fasterxml.jackson.core.util.MinimalPrettyPrinter {
    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (listOfLines(g)) g.writeRaw('\n');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(listOfLines(g) ? ",\n" : ",");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      if (listOfLines(g) && nrOfValues > 0) g.writeRaw('\n');
      g.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      g.writeRaw('}');
      if (g.getOutputContext().getParent() != null && g.getOutputContext().getParent().inRoot()) g.writeRaw('\n');
    }

    /** {@code scopes}, {@code errors} and a scope's {@code responses}. */
    private static boolean listOfLines(JsonGenerator g) {
      com.fasterxml.jackson.core.JsonStreamContext c = g.getOutputContext();
      if (!c.inArray() || c.getParent() == null) return false;
      int depth = c.getNestingDepth();
      return depth == 2 || depth == 4 && "responses".equals(c.getParent().getCurrentName());
    }
  }

  private static Object toBuilder(SdkPojo response) {
    try {
      return response.getClass().getMethod("toBuilder").invoke(response);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot serialise " + response.getClass(), e);
    }
  }

  public static Collection read(Path file) {
    try {
      Optional<Outputs> outputs = Outputs.find(file);
      if (outputs.isPresent()) return readSkeleton(file, outputs.get());
    } catch (IOException | RuntimeException e) {
      // read as below, which reports a problem with the file's own line and JSON path
    }
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString(), file);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read snapshot: " + e.getMessage(), e);
    }
  }

  public static Collection read(InputStream in, String name) {
    return readTokens(in, name, null, null, null); // the embedded demo: small, read one response after the other
  }

  /**
   * Responses are tokenized in order, as the file is read, and turned into answers on every core
   * (security groups straight into the model, when the snapshot is a file that can be read again
   * for their SDK answer, the others through the SDK's field metadata), a few at a time so that
   * memory holds only those. A problem is reported for the first response that has one, as when
   * read one by one.
   */
  private static Collection read(InputStream in, String name, Path file) {
    Conversions conversions = new Conversions();
    try {
      Collection c = readTokens(in, name, file, conversions, null);
      List<ScopeCapture> scopes = new ArrayList<>();
      for (ScopeCapture sc : c.scopes()) scopes.add(new ScopeCapture(sc.scope(), sc.collected(), conversions.captures(sc.captures())));
      return new Collection(scopes, c.errors(), c.warnings());
    } catch (RuntimeException e) {
      if (e instanceof BadInputException b && !(b.getCause() instanceof Wrapped) && conversions.none()) throw b;
      // A response could not be read: read the file again one response after the other, which
      // reports the first problem with the file's line and JSON path.
      conversions.cancel();
      try (InputStream again = Files.newInputStream(file)) {
        return readTokens(again, name, file, null, null);
      } catch (IOException io) {
        throw new BadInputException(name, "cannot read snapshot: " + io.getMessage(), io);
      }
    } finally {
      conversions.cancel();
    }
  }

  /**
   * The snapshot with each response's output replaced by {@code {}} (the skeleton: kilobytes),
   * parsed as any snapshot; the outputs are parsed from the file on every core. Any problem
   * throws: the file is then read as below, which reports it where it is.
   */
  private static Collection readSkeleton(Path file, Outputs outputs) throws IOException {
    Conversions conversions = new Conversions();
    try {
      Collection c = readTokens(new java.io.ByteArrayInputStream(outputs.skeleton(file)), file.toString(), file, conversions, outputs);
      if (outputs.used != outputs.ranges.size()) throw new Wrapped(new IOException("not laid out"));
      List<ScopeCapture> scopes = new ArrayList<>();
      for (ScopeCapture sc : c.scopes()) scopes.add(new ScopeCapture(sc.scope(), sc.collected(), conversions.captures(sc.captures())));
      return new Collection(scopes, c.errors(), c.warnings());
    } finally {
      conversions.cancel();
    }
  }

  /**
   * Where the responses' outputs are in a snapshot file ({@code scopes[].responses[].output}, when
   * an object): found by one pass over the bytes that follows only strings and nesting, far
   * cheaper than tokenizing them. Each range is {start, end, line}. What is not valid JSON is
   * refused later (by the parsing of the skeleton or of an output).
   */
  static final class Outputs {
    private static final byte[][] KEYS = {"scopes".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "responses".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "output".getBytes(java.nio.charset.StandardCharsets.US_ASCII)};
    private static final int OTHER = -1;
    private static final int SCOPES = 0;
    private static final int RESPONSES = 1;
    private static final int OUTPUT = 2;
    private static final int DEEPEST = 6;

    final List<long[]> ranges;
    int used;

    private Outputs(List<long[]> ranges) {
      this.ranges = ranges;
    }

    long[] next() {
      if (used >= ranges.size()) throw new Wrapped(new IOException("not laid out"));
      return ranges.get(used++);
    }

    static Optional<Outputs> find(Path file) throws IOException {
      List<long[]> ranges = new ArrayList<>();
      int depth = 0;
      boolean[] object = new boolean[DEEPEST + 1];
      int[] key = new int[DEEPEST + 1];
      boolean inString = false;
      boolean escaped = false; // inside a string, after a backslash
      boolean plain = false; // the string began in this buffer and has no escape: it may be a key looked for
      int stringStart = 0;
      int lastString = OTHER;
      long line = 1;
      long outputStart = -1;
      long outputLine = 0;
      byte[] buf = new byte[1 << 20];
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf);
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
        long base = 0;
        int n;
        while ((n = ch.read(bb.clear(), base)) > 0) {
          int i = 0;
          while (i < n) {
            if (inString) {
              if (escaped) {
                escaped = false;
                i++;
                continue;
              }
              while (i < n && buf[i] != '"' && buf[i] != '\\') i++; // nearly all of the file's bytes
              if (i == n) {
                plain = false;
                break;
              }
              if (buf[i] == '\\') {
                escaped = true;
                plain = false;
                i++;
                continue;
              }
              inString = false;
              lastString = plain && (depth & 1) == 1 && depth <= 5 ? keyOf(buf, stringStart, i - stringStart) : OTHER;
              i++;
              continue;
            }
            byte b = buf[i];
            if (b == ' ') { // an indented snapshot is half spaces
              i++;
              while (i < n && buf[i] == ' ') i++;
              continue;
            }
            switch (b) {
              case '"' -> {
                inString = true;
                plain = true;
                stringStart = i + 1;
              }
              case ':' -> { // in valid JSON, only after a member's name
                if (depth <= DEEPEST) key[depth] = lastString;
              }
              case '{', '[' -> {
                if (depth == 5 && outputStart < 0 && b == '{' && object[1] && !object[2] && object[3] && !object[4] && object[5]
                    && key[1] == SCOPES && key[3] == RESPONSES && key[5] == OUTPUT) {
                  outputStart = base + i;
                  outputLine = line;
                }
                depth++;
                if (depth <= DEEPEST) {
                  object[depth] = b == '{';
                  key[depth] = OTHER;
                }
              }
              case '}', ']' -> {
                depth--;
                if (depth < 0) return Optional.empty();
                if (depth == 5 && outputStart >= 0) {
                  ranges.add(new long[] {outputStart, base + i + 1, outputLine});
                  outputStart = -1;
                }
              }
              case '\n' -> line++;
              default -> { }
            }
            i++;
          }
          base += n;
        }
      }
      return depth == 0 && !inString && !ranges.isEmpty() ? Optional.of(new Outputs(ranges)) : Optional.empty();
    }

    private static int keyOf(byte[] buf, int from, int length) {
      for (int k = 0; k < KEYS.length; k++) {
        if (length == KEYS[k].length && java.util.Arrays.equals(buf, from, from + length, KEYS[k], 0, length)) return k;
      }
      return OTHER;
    }

    /** The file with each output replaced by {@code {}}. */
    byte[] skeleton(Path file) throws IOException {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
        long at = 0;
        for (long[] r : ranges) {
          copy(ch, at, r[0], out);
          out.write('{');
          out.write('}');
          at = r[1];
        }
        copy(ch, at, ch.size(), out);
      }
      return out.toByteArray();
    }

    private static void copy(java.nio.channels.FileChannel ch, long from, long to, java.io.ByteArrayOutputStream out) throws IOException {
      if (to - from > Integer.MAX_VALUE / 2) throw new IOException("too large a gap between outputs");
      byte[] b = new byte[(int) (to - from)];
      java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b);
      while (bb.hasRemaining()) {
        if (ch.read(bb, from + bb.position()) < 0) throw new IOException("the snapshot changed while it was read");
      }
      out.write(b, 0, b.length);
    }
  }

  private static Collection readTokens(InputStream in, String name, Path file, Conversions conversions, Outputs outputs) {
    List<ScopeCapture> scopes = new ArrayList<>();
    List<CollectionError> errors = new ArrayList<>();
    try (JsonParser p = AwsJson.READER.getFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new BadInputException(AwsCliReader.where(Path.of(name), p.currentLocation()),
            t == null ? "empty file, expected a postern snapshot" : "not a postern snapshot (expected a JSON object)");
      }
      boolean sawFormat = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "format" -> {
            if (!FORMAT.equals(p.getText())) throw bad(name, p, "not a postern snapshot (format is '" + p.getText() + "')");
            sawFormat = true;
          }
          case "schemaVersion" -> {
            if (p.getIntValue() > SCHEMA_VERSION) throw bad(name, p, "snapshot schemaVersion " + p.getIntValue() + " is newer than this postern reads (" + SCHEMA_VERSION + ")");
          }
          case "scopes" -> {
            expect(p, JsonToken.START_ARRAY, name, "'scopes' must be an array");
            while (p.nextToken() == JsonToken.START_OBJECT) scopes.add(readScope(p, name, file, scopes.size(), conversions, outputs));
          }
          case "errors" -> {
            expect(p, JsonToken.START_ARRAY, name, "'errors' must be an array");
            while (p.nextToken() == JsonToken.START_OBJECT) {
              JsonNode n = AwsJson.READER.readerFor(JsonNode.class)
                  .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(p);
              errors.add(new CollectionError(n.path("service").asText(), n.path("region").asText(), n.path("account").asText(),
                  n.path("operation").asText(), n.path("code").asText(), n.path("message").asText()));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!sawFormat) throw new BadInputException(name, "not a postern snapshot (no \"format\": \"" + FORMAT + "\")");
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      if (e.getPath().isEmpty()) throw new BadInputException(AwsCliReader.where(Path.of(name), e.getLocation()),
          "malformed snapshot: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
      List<Object> path = new ArrayList<>();
      for (var r : e.getPath()) path.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex());
      Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi ? mi.getTargetType() : null;
      throw new BadInputException(AwsCliReader.where(Path.of(name), e.getLocation()), "malformed snapshot: "
          + dev.postern.model.InputText.path(path) + ": expected " + dev.postern.model.InputText.expectedFor(target), e);
    } catch (JsonProcessingException e) {
      throw new BadInputException(AwsCliReader.where(Path.of(name), e.getLocation()), "malformed snapshot: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(name, "cannot read snapshot: " + e.getMessage(), e);
    }
    return new Collection(scopes, errors, List.of());
  }

  private static ScopeCapture readScope(JsonParser p, String name, Path file, int scopeIndex, Conversions conversions, Outputs outputs)
      throws IOException {
    String account = "";
    String region = "";
    Set<ResourceKind> collected = EnumSet.noneOf(ResourceKind.class);
    List<Capture> captures = new ArrayList<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "account" -> account = p.getText();
        case "region" -> region = p.getText();
        case "collected" -> {
          expect(p, JsonToken.START_ARRAY, name, "'collected' must be an array");
          while (p.nextToken() == JsonToken.VALUE_STRING) {
            try {
              collected.add(ResourceKind.fromId(p.getText()));
            } catch (IllegalArgumentException e) {
              throw bad(name, p, "unknown kind '" + p.getText() + "' in 'collected'");
            }
          }
        }
        case "responses" -> {
          expect(p, JsonToken.START_ARRAY, name, "'responses' must be an array");
          while (p.nextToken() == JsonToken.START_OBJECT) {
            captures.add(conversions == null ? readCaptureWithDatabind(p, name)
                : readCapture(p, name, file, scopeIndex, captures.size(), new Scope(account, region), conversions, outputs));
          }
        }
        default -> p.skipChildren();
      }
    }
    return new ScopeCapture(new Scope(account, region), collected, captures);
  }

  /**
   * A response as read: its output is skipped over (tokens only, no values made), and its answer
   * made by {@link Conversions} from the output's bytes in the file (a placeholder until then).
   */
  private static Capture readCapture(JsonParser p, String name, Path file, int scopeIndex, int index, Scope scope, Conversions conversions,
      Outputs outputs) throws IOException {
    CliKind kind = null;
    String subject = "";
    long start = -1;
    long end = -1;
    int line = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "command" -> {
          for (CliKind k : CliKind.values()) if (k.command.equals(p.getText())) kind = k;
          if (kind == null) throw bad(name, p, "unknown command '" + p.getText() + "'");
        }
        case "subject" -> subject = p.getText();
        case "output" -> {
          if (kind == null) throw bad(name, p, "'command' must come before 'output'");
          if (outputs != null) { // the skeleton: "{}" stands for the output, found in the file by Outputs
            if (p.currentToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.END_OBJECT) throw new Wrapped(new IOException("not laid out"));
            long[] r = outputs.next();
            start = r[0];
            end = r[1];
            line = (int) r[2];
            continue;
          }
          com.fasterxml.jackson.core.JsonLocation at = p.currentTokenLocation();
          line = at.getLineNr();
          start = at.getByteOffset();
          p.skipChildren();
          end = p.currentLocation().getByteOffset();
        }
        default -> p.skipChildren();
      }
    }
    if (kind == null || start < 0) throw bad(name, p, "a response needs 'command' and 'output'");
    if (end <= start) throw new Wrapped(new IOException("no byte offsets")); // read one by one instead
    return conversions.submit(new Pending(kind, subject, start, end, name, line, file, scopeIndex, index, scope));
  }

  /** A response found in the file, bytes {@code [start, end)} its output, to be turned into its answer. */
  private record Pending(CliKind kind, String subject, long start, long end, String name, int line,
      Path file, int scopeIndex, int index, Scope scope) {

    JsonParser output() throws IOException {
      return AwsJson.READER.getFactory().createParser(new FileRange(file, start, end));
    }

    Capture convert() {
      if (kind == CliKind.SECURITY_GROUPS) {
        try (JsonParser q = output()) {
          List<dev.postern.model.SecurityGroup> groups = SecurityGroupJson.read(q, scope);
          // The SDK answer, when something asks for it, is read again from the file (not kept in memory).
          return Capture.groupsPart(() -> responseAt(file, name, scopeIndex, index), scope, groups);
        } catch (IOException | RuntimeException e) {
          // not plain: the SDK's reading below says what is wrong, and where
        }
      }
      SdkPojo response;
      try (JsonParser q = output()) {
        response = SdkJsonReader.read(q, kind.newBuilder);
      } catch (IOException | RuntimeException e) {
        try (JsonParser q = output()) {
          response = databind(q, kind, name);
        } catch (IOException io) {
          throw new Wrapped(io);
        }
      }
      checked(kind, response, name, line);
      return new Capture(kind, subject, response);
    }
  }

  /** The {@code index}-th response of the {@code scopeIndex}-th scope of a snapshot file, read with databind. */
  private static SdkPojo responseAt(Path file, String name, int scopeIndex, int index) {
    try (JsonParser p = AwsJson.READER.getFactory().createParser(file.toFile())) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (!field.equals("scopes")) {
          p.skipChildren();
          continue;
        }
        for (int s = 0; p.nextToken() == JsonToken.START_OBJECT; s++) {
          if (s != scopeIndex) {
            p.skipChildren();
            continue;
          }
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (!f.equals("responses")) {
              p.skipChildren();
              continue;
            }
            for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
              if (i != index) {
                p.skipChildren();
                continue;
              }
              CliKind kind = null;
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String g = p.currentName();
                p.nextToken();
                if (g.equals("command")) {
                  for (CliKind k : CliKind.values()) if (k.command.equals(p.getText())) kind = k;
                } else if (g.equals("output") && kind != null) {
                  return databind(p, kind, name);
                } else {
                  p.skipChildren();
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new BadInputException(name, "cannot read snapshot: " + e.getMessage(), e);
    }
    throw new BadInputException(name, "the snapshot changed while it was read");
  }

  private static SdkPojo databind(JsonParser p, CliKind kind, String name) {
    try {
      if (p.currentToken() == null) p.nextToken();
      // Mid-stream: the rest of the snapshot follows this value, so trailing tokens are expected here.
      Object builder = AwsJson.READER.readerFor(kind.builderClass)
          .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(p);
      return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
    } catch (IOException e) {
      throw new Wrapped(e);
    }
  }

  /** An I/O or mapping problem met on a reading thread, rethrown in order on the caller's. */
  private static final class Wrapped extends RuntimeException {
    Wrapped(IOException e) {
      super(e);
    }
  }

  private static void checked(CliKind kind, SdkPojo response, String name, int line) {
    // A snapshot is a file too: what postern reads from it is checked as in an AWS CLI file.
    var problem = CaptureChecks.check(kind, response, false);
    if (problem.isPresent()) {
      CaptureChecks.Problem pr = problem.get();
      throw new BadInputException(line > 0 ? name + ":" + line : name, "in the " + kind.command + " output here: "
          + pr.message(pr.found() != null ? pr.found() : "null"));
    }
  }

  /** Responses turned into answers on every core, at most a few at a time; results in order. */
  private static final class Conversions {
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2 * Runtime.getRuntime().availableProcessors());
    private final java.util.IdentityHashMap<Capture, java.util.concurrent.Future<Capture>> futures = new java.util.IdentityHashMap<>();

    Capture submit(Pending pending) {
      inFlight.acquireUninterruptibly();
      java.util.concurrent.CompletableFuture<Capture> f = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return pending.convert();
        } finally {
          inFlight.release();
        }
      });
      Capture placeholder = new Capture(pending.kind(), pending.subject(), null);
      futures.put(placeholder, f);
      return placeholder;
    }

    List<Capture> captures(List<Capture> placeholders) {
      List<Capture> out = new ArrayList<>(placeholders.size());
      for (Capture c : placeholders) {
        java.util.concurrent.Future<Capture> f = futures.get(c);
        try {
          out.add(f == null ? c : f.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return out;
    }

    boolean none() {
      return futures.isEmpty();
    }

    void cancel() {
      futures.values().forEach(f -> f.cancel(true));
    }
  }

  private static Capture readCaptureWithDatabind(JsonParser p, String name) throws IOException {
    CliKind kind = null;
    String subject = "";
    SdkPojo response = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "command" -> {
          for (CliKind k : CliKind.values()) if (k.command.equals(p.getText())) kind = k;
          if (kind == null) throw bad(name, p, "unknown command '" + p.getText() + "'");
        }
        case "subject" -> subject = p.getText();
        case "output" -> {
          if (kind == null) throw bad(name, p, "'command' must come before 'output'");
          int line = p.currentTokenLocation().getLineNr();
          // Mid-stream: the rest of the snapshot follows this value, so trailing tokens are expected here.
          Object builder = AwsJson.READER.readerFor(kind.builderClass)
              .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(p);
          response = (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
          // A snapshot is a file too: what postern reads from it is checked as in an AWS CLI file.
          var problem = CaptureChecks.check(kind, response, false);
          if (problem.isPresent()) {
            CaptureChecks.Problem pr = problem.get();
            throw new BadInputException(line > 0 ? name + ":" + line : name, "in the " + kind.command + " output here: "
                + pr.message(pr.found() != null ? pr.found() : "null"));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (kind == null || response == null) throw bad(name, p, "a response needs 'command' and 'output'");
    return new Capture(kind, subject, response);
  }

  private static void expect(JsonParser p, JsonToken t, String name, String what) {
    if (p.currentToken() != t) throw bad(name, p, what);
  }

  private static BadInputException bad(String name, JsonParser p, String what) {
    return new BadInputException(AwsCliReader.where(Path.of(name), p.currentLocation()), what);
  }
}
