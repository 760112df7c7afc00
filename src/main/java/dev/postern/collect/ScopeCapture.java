package dev.postern.collect;

import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.util.List;
import java.util.Set;

/** What was collected for one account and region: the kinds collected and their answers. */
public record ScopeCapture(Scope scope, Set<ResourceKind> collected, List<Capture> captures) {
  public ScopeCapture {
    collected = Set.copyOf(collected);
    captures = List.copyOf(captures);
  }
}
