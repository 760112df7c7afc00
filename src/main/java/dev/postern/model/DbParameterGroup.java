package dev.postern.model;

import java.util.Map;

/** Parameters of a DB (or DB cluster) parameter group, as far as they were collected. */
public record DbParameterGroup(Scope scope, String name, Map<String, String> parameters) {
  public DbParameterGroup {
    parameters = Map.copyOf(parameters);
  }
}
