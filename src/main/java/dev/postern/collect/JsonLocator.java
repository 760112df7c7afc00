package dev.postern.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.postern.model.InputText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a JSON path ({@code SecurityGroups[3].IpPermissions[0].FromPort}) in a file again, for an
 * error message: the line it is on and the value found there. Only run when a file is refused, so
 * a second read of it costs nothing in a scan that succeeds. Keys match in any case and the last
 * of duplicate keys wins, as databind reads them.
 */
final class JsonLocator {
  private JsonLocator() {}

  /** Where the path, or the deepest part of it present in the file, is; {@code found} describes the value there. */
  record Spot(int line, boolean exact, String found) {}

  static Spot find(Path file, List<Object> path) {
    Spot[] best = {new Spot(0, false, "nothing")};
    int[] deepest = {-1};
    try (InputStream in = Files.newInputStream(file); JsonParser p = AwsJson.READER.getFactory().createParser(in)) {
      JsonToken t = p.nextToken();
      if (t != null) value(p, t, path, 0, best, deepest);
    } catch (IOException | RuntimeException e) {
      // The file is refused anyway: what was found before the problem is the best answer.
    }
    return best[0];
  }

  /** At a value matching the first {@code depth} parts of the path. */
  private static void value(JsonParser p, JsonToken t, List<Object> path, int depth, Spot[] best, int[] deepest) throws IOException {
    if (depth >= deepest[0]) {
      deepest[0] = depth;
      best[0] = new Spot(p.currentTokenLocation().getLineNr(), depth == path.size(), describe(p, t));
    }
    if (depth == path.size()) {
      p.skipChildren();
      return;
    }
    Object want = path.get(depth);
    if (t == JsonToken.START_OBJECT) {
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (want instanceof String s && s.equalsIgnoreCase(name)) value(p, v, path, depth + 1, best, deepest);
        else p.skipChildren();
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        if (want instanceof Integer n && n == i) value(p, t, path, depth + 1, best, deepest);
        else p.skipChildren();
        i++;
      }
    }
  }

  /** A value as a user would recognise it in the file. */
  static String describe(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> InputText.quoted(p.getText());
      case VALUE_NULL -> "null";
      case VALUE_TRUE, VALUE_FALSE, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
      default -> "something else";
    };
  }
}
