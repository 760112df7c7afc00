package dev.postern.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.postern.model.PortRange;
import java.util.ArrayList;
import java.util.List;

/** Ports as rules write them: {@code [22, 3389, "1433-1434"]}. */
public record PortList(List<PortRange> ranges) {
  public PortList {
    ranges = List.copyOf(ranges);
  }

  public static final PortList NONE = new PortList(List.of());

  @JsonCreator
  public static PortList parse(List<Object> items) {
    List<PortRange> out = new ArrayList<>();
    for (Object o : items) {
      String s = String.valueOf(o).trim();
      try {
        int dash = s.indexOf('-');
        out.add(dash < 0 ? PortRange.of(Integer.parseInt(s))
            : new PortRange(Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim())));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a port or a port range like 1433-1434");
      }
    }
    return new PortList(out);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(int port) {
    for (PortRange r : ranges) if (r.contains(port)) return true;
    return false;
  }

  /** True when [from, to] holds a port outside this list. */
  public boolean leavesOut(int from, int to) {
    int p = from;
    while (p <= to) {
      boolean covered = false;
      for (PortRange r : ranges) {
        if (r.contains(p)) {
          p = r.to() + 1;
          covered = true;
          break;
        }
      }
      if (!covered) return true;
    }
    return false;
  }
}
