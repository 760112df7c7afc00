package dev.postern.model;

import java.util.List;
import java.util.Map;

public record Vpc(Scope scope, String id, List<String> cidrs, boolean isDefault, Map<String, String> tags) {
  public Vpc {
    cidrs = List.copyOf(cidrs);
    tags = Map.copyOf(tags);
  }
}
