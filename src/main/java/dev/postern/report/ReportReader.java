package dev.postern.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.Evidence;
import dev.postern.model.Finding;
import dev.postern.model.ResourceKind;
import dev.postern.model.ResourceRef;
import dev.postern.model.RuleInfo;
import dev.postern.model.ScanResult;
import dev.postern.model.Scope;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import dev.postern.model.TrustMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON report back (for {@code --baseline} and {@code diff}): findings, scopes, what was
 * collected, rules and errors. Reports of schema 1.0 lack the collected kinds and the rules; a
 * scope of such a report counts as collected in full when the report has no error for it. Schema
 * 1.x findings (one per reason) are merged into schema 2's one per (rule, resource): see {@link #mergeV1}.
 */
public final class ReportReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReportReader() {}

  public static ScanResult read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new BadInputException(file.toString(), "report not found");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new BadInputException(line > 0 ? file + ":" + line : file.toString(), "not a JSON report: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    try {
      return parse(root);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(file.toString(), "not a postern JSON report (" + e.getMessage() + "); write one with -o json=FILE", e);
    } catch (NullPointerException e) {
      // The JDK's message for it names Java methods: say what it means instead.
      throw new BadInputException(file.toString(), "not a postern JSON report (a field is missing or of another type); write one with -o json=FILE", e);
    }
  }

  static ScanResult parse(JsonNode root) {
    String schema = root == null || !root.isObject() ? "" : text(root, "schemaVersion");
    boolean v1 = schema.startsWith("1.");
    if (!v1 && !schema.startsWith("2.")) {
      throw new IllegalArgumentException(schema.isEmpty() ? "no schemaVersion" : "schemaVersion " + schema + " is newer than this postern reads (1.x, 2.x)");
    }
    List<CollectionError> errors = new ArrayList<>();
    for (JsonNode e : root.path("errors")) {
      errors.add(new CollectionError(text(e, "service"), text(e, "region"), text(e, "account"), text(e, "operation"),
          text(e, "code"), text(e, "message")));
    }
    List<Scope> scopes = new ArrayList<>();
    Map<Scope, Set<ResourceKind>> collected = new LinkedHashMap<>();
    for (JsonNode s : root.path("scopes")) {
      Scope scope = new Scope(text(s, "account"), text(s, "region"));
      scopes.add(scope);
      Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
      if (s.has("collected")) {
        for (JsonNode k : s.get("collected")) {
          try {
            kinds.add(ResourceKind.fromId(k.asText()));
          } catch (IllegalArgumentException ignored) {
            // a kind a newer postern collects: not one this version can reason about
          }
        }
      } else if (errors.stream().noneMatch(e -> e.account().equals(scope.account()) && e.region().equals(scope.region()))) {
        kinds.addAll(EnumSet.allOf(ResourceKind.class));
      }
      collected.put(scope, kinds);
    }
    List<RuleInfo> rules = new ArrayList<>();
    for (JsonNode r : root.path("rules")) {
      rules.add(rule(text(r, "id"), text(r, "name"), text(r, "title"), text(r, "severity"), "", List.of(), List.of()));
    }
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : root.path("findings")) findings.add(finding(f));
    if (v1) findings = mergeV1(findings);
    int ruleCount = root.path("summary").path("rules").asInt(rules.size());
    String version = root.path("tool").path("version").asText("");
    long listedPasses = findings.stream().filter(f -> f.status() == Status.PASS).count();
    long passes = Math.max(0, root.path("summary").path("pass").asLong(listedPasses) - listedPasses);
    Map<String, Long> unlisted = passes == 0 ? Map.of() : Map.of("", passes); // by rule: not in the report
    return new ScanResult(version, scopes, findings, errors, ruleCount, rules, collected, TrustMap.EMPTY,
        Optional.empty(), List.of(), unlisted, root.path("generatedAt").asText(""));
  }

  static Finding finding(JsonNode f) {
    JsonNode res = f.path("resource");
    ResourceRef ref = new ResourceRef(text(res, "type"), text(res, "id"), text(res, "arn"), text(res, "name"),
        new Scope(text(res, "account"), text(res, "region")));
    if (text(f, "id").isEmpty() || ref.id().isEmpty()) throw new IllegalArgumentException("a finding without id or resource");
    RuleInfo rule = rule(text(f, "ruleId"), text(f, "ruleName"), text(f, "title"), text(f, "severity"),
        text(f, "remediation"), strings(f.path("references")), strings(f.path("compliance")));
    Severity severity = Severity.parse(text(f, "severity"));
    List<Evidence> evidence = new ArrayList<>();
    if (f.has("evidence")) {
      for (JsonNode e : f.get("evidence")) {
        String s = text(e, "severity");
        // A finding's only reason may leave out its message and commands: they are the finding's.
        evidence.add(new Evidence(text(e, "detail"), e.has("message") ? text(e, "message") : text(f, "message"),
            s.isEmpty() ? severity : Severity.parse(s),
            strings(e.has("remediationCommands") ? e.path("remediationCommands") : f.path("remediationCommands"))));
      }
    } else {
      // Schema 1: one finding per reason, the reason named by its discriminator.
      evidence.add(new Evidence(text(f, "discriminator"), text(f, "message"), severity, strings(f.path("remediationCommands"))));
    }
    java.util.Optional<dev.postern.model.Reachability> reach = java.util.Optional.empty();
    String state = text(f.path("reachability"), "state");
    for (dev.postern.model.Reachability.State st : dev.postern.model.Reachability.State.values()) {
      // A state this postern does not know is left out, as any field it does not know.
      if (st.id().equals(state)) {
        reach = java.util.Optional.of(new dev.postern.model.Reachability(st, text(f.path("reachability"), "path"),
            text(f.path("reachability"), "reason")));
      }
    }
    return new Finding(text(f, "id"), rule, severity, Status.valueOf(text(f, "status")), ref, text(f, "message"), evidence,
        java.util.Optional.empty(), java.util.Optional.empty(), reach);
  }

  /**
   * Schema 1 reported one finding per reason (port and source…), its id hashing a discriminator
   * too. As schema 2 it is one finding per (rule, account, region, resource), with the id that
   * key gives: the worst status wins (FAIL, SUPPRESSED, UNKNOWN, PASS), the highest severity, the
   * reasons as evidence. So a schema-1 baseline matches today's findings.
   */
  static List<Finding> mergeV1(List<Finding> findings) {
    Map<String, List<Finding>> byKey = new LinkedHashMap<>();
    for (Finding f : findings) byKey.computeIfAbsent(Finding.idOf(f.rule().name(), f.resource()), k -> new ArrayList<>()).add(f);
    List<Finding> out = new ArrayList<>(byKey.size());
    byKey.forEach((id, group) -> {
      Finding lead = group.get(0);
      for (Finding f : group) {
        if (ScanResult.rank(f.status()) < ScanResult.rank(lead.status()) || (f.status() == lead.status() && f.severity().ordinal() < lead.severity().ordinal())) lead = f;
      }
      List<Evidence> evidence = new ArrayList<>();
      for (Finding f : group) if (f.status() == lead.status()) evidence.addAll(f.evidence());
      String message = lead.message() + (evidence.size() > 1 ? " (and " + (evidence.size() - 1) + " more)" : "");
      out.add(new Finding(id, lead.rule(), lead.severity(), lead.status(), lead.resource(), message, evidence));
    });
    return out;
  }

  private static RuleInfo rule(String id, String name, String title, String severity, String remediation,
      List<String> references, List<String> compliance) {
    return new RuleInfo(id, name, title, Severity.parse(severity), "", "", "", "", remediation, references, compliance);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return out;
  }
}
