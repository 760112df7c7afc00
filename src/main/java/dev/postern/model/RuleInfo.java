package dev.postern.model;

import java.util.List;

/** A rule's metadata, as its YAML file states it. */
public record RuleInfo(
    String id,
    String name,
    String title,
    Severity severity,
    String service,
    String resource,
    String check,
    String description,
    String remediation,
    List<String> references,
    List<String> compliance) {
  public RuleInfo {
    references = List.copyOf(references);
    compliance = List.copyOf(compliance);
  }
}
