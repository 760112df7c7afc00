package dev.postern.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One compliance control as this scan judged it: the rules mapped to it and their verdicts added
 * up (resources failing, passing, not evaluated; suppressed findings count as failing, accepted).
 */
public record ControlSummary(String control, List<String> rules, long fail, long suppressed, long pass, long unknown) {
  /** Every control of the rules evaluated, in id order; only those of {@code framework} when given. */
  public static List<ControlSummary> of(ScanResult r, java.util.Optional<Frameworks> framework) {
    Map<String, long[]> byRule = new HashMap<>();
    for (Finding f : r.findings()) {
      long[] c = byRule.computeIfAbsent(f.rule().name(), k -> new long[4]);
      switch (f.status()) {
        case FAIL -> c[0]++;
        case SUPPRESSED -> c[1]++;
        case PASS -> c[2]++;
        case UNKNOWN -> c[3]++;
      }
    }
    r.unlistedPasses().forEach((rule, n) -> byRule.computeIfAbsent(rule, k -> new long[4])[2] += n);
    Map<String, List<RuleInfo>> rulesByControl = new TreeMap<>();
    for (RuleInfo i : r.rules()) {
      for (String control : i.compliance()) {
        if (framework.isPresent() && !framework.get().covers(control)) continue;
        rulesByControl.computeIfAbsent(control, k -> new ArrayList<>()).add(i);
      }
    }
    List<ControlSummary> out = new ArrayList<>();
    rulesByControl.forEach((control, rules) -> {
      long[] sum = new long[4];
      List<String> names = new ArrayList<>();
      for (RuleInfo i : rules) {
        names.add(i.name());
        long[] c = byRule.getOrDefault(i.name(), new long[4]);
        for (int k = 0; k < 4; k++) sum[k] += c[k];
      }
      out.add(new ControlSummary(control, names, sum[0], sum[1], sum[2], sum[3]));
    });
    return out;
  }

  /** FAIL when a resource fails, UNKNOWN when none fails but some could not be judged, else PASS. */
  public Status status() {
    if (fail > 0) return Status.FAIL;
    if (unknown > 0) return Status.UNKNOWN;
    return Status.PASS;
  }
}
