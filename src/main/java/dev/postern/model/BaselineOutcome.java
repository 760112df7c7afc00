package dev.postern.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline's open findings that are no longer open: {@code resolved} where this scan looked
 * again (same rule, the resource's kind collected in its scope), {@code notRescanned} where it
 * could not tell — those are never counted resolved. {@code source} names the baseline file.
 */
public record BaselineOutcome(String source, List<Finding> resolved, List<Finding> notRescanned) {
  public BaselineOutcome {
    resolved = sorted(resolved);
    notRescanned = sorted(notRescanned);
  }

  private static List<Finding> sorted(List<Finding> in) {
    List<Finding> l = new ArrayList<>(in);
    l.sort(ScanResult.ORDER);
    return List.copyOf(l);
  }
}
