package dev.postern.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The compliance frameworks rules map to, by the prefix of their control ids in a rule's
 * {@code compliance} list ({@code AWS FSBP EC2.18}), and the short names {@code --compliance} takes.
 */
public enum Frameworks {
  FSBP("AWS FSBP", "AWS Foundational Security Best Practices", "fsbp"),
  CIS("CIS AWS Foundations", "CIS AWS Foundations Benchmark", "cis"),
  WELL_ARCHITECTED("AWS Well-Architected", "AWS Well-Architected Framework (security pillar)", "well-architected", "wa"),
  /** Security Hub controls in none of its standards above (EC2.22 left FSBP in 2023). */
  SECURITY_HUB("AWS Security Hub", "AWS Security Hub controls outside FSBP", "securityhub");

  public final String prefix;
  public final String title;
  private final List<String> names;

  Frameworks(String prefix, String title, String... names) {
    this.prefix = prefix;
    this.title = title;
    this.names = List.of(names);
  }

  /** The short name users type: {@code fsbp}, {@code cis}, {@code well-architected}. */
  public String id() {
    return names.get(0);
  }

  /** Whether {@code controlId} ({@code AWS FSBP EC2.18}) belongs to this framework. */
  public boolean covers(String controlId) {
    return controlId.startsWith(prefix + " ");
  }

  /** By short name or prefix, any case. */
  public static Optional<Frameworks> named(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (Frameworks f : values()) {
      if (f.names.contains(n) || f.prefix.toLowerCase(Locale.ROOT).equals(n)) return Optional.of(f);
    }
    return Optional.empty();
  }

  public static Optional<Frameworks> of(String controlId) {
    for (Frameworks f : values()) if (f.covers(controlId)) return Optional.of(f);
    return Optional.empty();
  }
}
