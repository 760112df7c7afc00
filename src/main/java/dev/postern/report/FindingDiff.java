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
import java.util.stream.Stream;

/**
 * Two reports compared by stable finding id. Open means FAIL or SUPPRESSED. {@code added}: open
 * now, not before; {@code stillOpen}: open in both; {@code resolved}: open before, not now, and the
 * newer scan looked again ({@link ScanResult#coverage}); {@code notRescanned}: open before, absent
 * now, and the newer scan did not look — never counted resolved; {@code worse}: still open, with
 * evidence the older did not have (a second port opened on a group that already failed).
 */
public record FindingDiff(List<Finding> added, List<Finding> resolved, List<Finding> stillOpen, List<Finding> notRescanned,
    List<Finding> worse) {
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
    Map<String, Finding> old = older.findings().stream().collect(Collectors.toMap(Finding::id, f -> f, (a, b) -> a));
    List<Finding> worse = stillOpen.stream().filter(f -> !newEvidence(old.get(f.id()), f).isEmpty()).toList();
    return new FindingDiff(sorted(added), sorted(resolved), sorted(stillOpen), sorted(notRescanned), sorted(worse));
  }

  /**
   * {@code current} with each open finding marked new or existing against {@code baseline}, and
   * the baseline's findings that are gone listed as resolved or not rescanned. Existing means the
   * baseline had it as it is now: a FAIL the baseline only had suppressed (its entry since removed
   * or expired) is new, so taking a suppression away brings the gate back.
   */
  public static ScanResult applyBaseline(ScanResult current, ScanResult baseline, String source) {
    FindingDiff d = compare(baseline, current);
    Map<String, Finding> before = baseline.findings().stream()
        .collect(Collectors.toMap(Finding::id, f -> f, (a, b) -> a));
    List<Finding> marked = current.findings().stream()
        .map(f -> {
          if (!f.status().open()) return f;
          Finding was = before.get(f.id());
          Status wasStatus = was == null ? null : was.status();
          boolean existing = wasStatus == Status.FAIL || (wasStatus == Status.SUPPRESSED && f.status() == Status.SUPPRESSED);
          if (!existing) return f.withBaseline(BaselineState.NEW);
          return f.withBaseline(newEvidence(was, f).isEmpty() ? BaselineState.EXISTING : BaselineState.WORSE);
        })
        .toList();
    return current.withFindings(marked).withBaseline(new BaselineOutcome(source, d.resolved(), d.notRescanned()));
  }

  /** The evidence of {@code now} that {@code before}, the same finding, did not have (by detail). */
  public static List<String> newEvidence(Finding before, Finding now) {
    Set<String> had = new java.util.HashSet<>();
    before.evidence().forEach(e -> had.add(e.detail()));
    return now.evidence().stream().map(e -> e.detail()).filter(d -> !had.contains(d)).toList();
  }

  /**
   * True when a newly added FAIL is at {@code threshold} or above (suppressed ones do not count),
   * or one still open that got new evidence ({@code worse}).
   */
  public boolean addsAt(Severity threshold) {
    return Stream.concat(added.stream(), worse.stream()).anyMatch(f -> f.status() == Status.FAIL && f.severity().atLeast(threshold));
  }

  private static List<Finding> sorted(List<Finding> in) {
    List<Finding> l = new ArrayList<>(in);
    l.sort(ScanResult.ORDER);
    return List.copyOf(l);
  }
}
