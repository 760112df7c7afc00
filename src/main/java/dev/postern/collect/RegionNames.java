package dev.postern.collect;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/** Region names as the SDK's region metadata knows them, and the closest one to a typo. */
final class RegionNames {
  private static final Set<String> KNOWN = Region.regions().stream()
      .filter(r -> !r.isGlobalRegion())
      .map(Region::id)
      .collect(Collectors.toUnmodifiableSet());

  private RegionNames() {}

  static boolean known(String name) {
    return KNOWN.contains(name);
  }

  /** " (did you mean X?)" for the known or listed name at most two edits away, else "". */
  static String suggestion(String name, Collection<String> listed) {
    Set<String> candidates = new TreeSet<>(KNOWN);
    candidates.addAll(listed);
    String best = null;
    int bestDistance = 3;
    for (String c : candidates) {
      int d = distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
