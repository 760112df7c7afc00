package dev.postern.rules;

import dev.postern.rules.checks.DefaultGroupRulesCheck;
import dev.postern.rules.checks.IngressFromInternetCheck;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The explicit list of checks rules may name. Adding a check is one line here; a rule, none. */
public final class CheckRegistry {
  private final Map<String, Check<?>> checks = new TreeMap<>();

  public CheckRegistry(List<Check<?>> list) {
    for (Check<?> c : list) {
      if (checks.put(c.name(), c) != null) throw new IllegalStateException("duplicate check " + c.name());
    }
  }

  public static CheckRegistry standard() {
    return new CheckRegistry(List.of(
        new IngressFromInternetCheck(),
        new DefaultGroupRulesCheck()));
  }

  public Optional<Check<?>> find(String name) {
    return Optional.ofNullable(checks.get(name));
  }

  public Map<String, Check<?>> all() {
    return Collections.unmodifiableMap(checks);
  }
}
