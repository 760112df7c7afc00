package dev.postern.rules;

import dev.postern.graph.TrustGraph;
import java.util.List;

/**
 * Reusable, stateless logic behind one or more rules. Typed parameters come from the rule's
 * {@code params} (unknown keys are rejected). A check gives every resource it evaluates PASS or
 * FAIL (or UNKNOWN when something it needs was not collected) and is silent on anything else.
 *
 * @param <P> the parameter record
 */
public interface Check<P> {
  /** The name rules use in {@code check:}. */
  String name();

  Class<P> paramsType();

  /** Checks the parameters once, at load; throws IllegalArgumentException with a clear message. */
  default void validate(P params) {}

  List<Verdict> evaluate(TrustGraph graph, P params);
}
