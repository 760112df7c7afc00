package dev.postern.collect;

import dev.postern.model.CollectionError;
import java.util.List;

/**
 * The raw result of collection, before mapping to the model: what a snapshot stores. Warnings are
 * lines for the user (e.g. a skipped file), never part of a report.
 */
public record Collection(List<ScopeCapture> scopes, List<CollectionError> errors, List<String> warnings) {
  public Collection {
    scopes = List.copyOf(scopes);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }
}
