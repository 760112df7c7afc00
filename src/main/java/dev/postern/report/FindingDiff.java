package dev.postern.report;

import dev.postern.model.BaselineOutcome;
import dev.postern.model.BaselineState;
import dev.postern.model.Finding;
import dev.postern.model.ScanResult;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Two reports compared by stable finding id. Open means FAIL or SUPPRESSED. {@code added}: open
 * now, not before; {@code stillOpen}: open in both; {@code resolved}: open before, not now, and the
 * newer scan looked again ({@link ScanResult#coverage}); {@code notRescanned}: open before, absent
 * now, and the newer scan did not look — never counted resolved.
 */
public record FindingDiff(List<Finding> added, List<Finding> resolved, List<Finding> stillOpen, List<Finding> notRescanned) {
  public static FindingDiff compare(ScanResult older, ScanResult newer) {
    Set<String> before = older.findings().stream().filter(f -> f.status().open()).map(Finding::id).collect(Collectors.toSet());
    Set<String> now = newer.findings().stream().filter(f -> f.status().open()).map(Finding::id).collect(Collectors.toSet());
    List<Finding> added = new ArrayList<>();
    List<Finding> stillOpen = new ArrayList<>();
    for (Finding f : newer.findings()) {
      if (!f.status().open()) continue;
      (before.contains(f.id()) ? stillOpen : added).add(f);
    }
    List<Finding> resolved = new ArrayList<>();
    List<Finding> notRescanned = new ArrayList<>();
    var covered = newer.coverage();
    for (Finding f : older.findings()) {
      if (!f.status().open() || now.contains(f.id())) continue;
      (covered.test(f) ? resolved : notRescanned).add(f);
    }
    return new FindingDiff(sorted(added), sorted(resolved), sorted(stillOpen), sorted(notRescanned));
  }

  /**
   * {@code current} with each open finding marked new or existing against {@code baseline}, and
   * the baseline's findings that are gone listed as resolved or not rescanned. Existing means the
   * baseline had it as it is now: a FAIL the baseline only had suppressed (its entry since removed
   * or expired) is new, so taking a suppression away brings the gate back.
   */
  public static ScanResult applyBaseline(ScanResult current, ScanResult baseline, String source) {
    FindingDiff d = compare(baseline, current);
    Map<String, Status> before = baseline.findings().stream()
        .collect(Collectors.toMap(Finding::id, Finding::status, (a, b) -> a));
    List<Finding> marked = current.findings().stream()
        .map(f -> {
          if (!f.status().open()) return f;
          Status was = before.get(f.id());
          boolean existing = was == Status.FAIL || (was == Status.SUPPRESSED && f.status() == Status.SUPPRESSED);
          return f.withBaseline(existing ? BaselineState.EXISTING : BaselineState.NEW);
        })
        .toList();
    return current.withFindings(marked).withBaseline(new BaselineOutcome(source, d.resolved(), d.notRescanned()));
  }

  /** True when a newly added FAIL is at {@code threshold} or above (suppressed ones do not count). */
  public boolean addsAt(Severity threshold) {
    return added.stream().anyMatch(f -> f.status() == Status.FAIL && f.severity().atLeast(threshold));
  }

  private static List<Finding> sorted(List<Finding> in) {
    List<Finding> l = new ArrayList<>(in);
    l.sort(ScanResult.ORDER);
    return List.copyOf(l);
  }
}
