package dev.postern.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The secret shapes of {@code postern/secrets/secret-patterns.yaml} (ported from gitleaks and
 * detect-secrets, see that file): each a kind shown in place of the secret and a pattern whose
 * group {@code secret}, or else whole match, is the secret.
 */
final class SecretPatterns {
  static final String RESOURCE = "/postern/secrets/secret-patterns.yaml";

  record Shape(String id, String kind, Pattern pattern) {
    boolean hasSecretGroup() {
      return pattern.pattern().contains("(?<secret>");
    }
  }

  /** In file order: the more specific shapes first, the 40-character AWS-secret shape last. */
  static final List<Shape> SHAPES = load();

  private SecretPatterns() {}

  private static List<Shape> load() {
    try (InputStream in = SecretPatterns.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
      List<Shape> shapes = new ArrayList<>();
      for (JsonNode p : new YAMLMapper().readTree(in).path("patterns")) {
        shapes.add(new Shape(p.path("id").asText(), p.path("kind").asText(), Pattern.compile(p.path("regex").asText())));
      }
      return List.copyOf(shapes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
