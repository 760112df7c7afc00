package dev.postern.model;

import java.util.Comparator;
import java.util.List;

/**
 * A network ACL: stateless, evaluated per direction in rule-number order, the first matching entry
 * deciding and an implicit deny after the last. {@code subnetIds} are the subnets associated with it
 * (each subnet has exactly one).
 */
public record NetworkAcl(Scope scope, String id, String vpcId, boolean isDefault, List<String> subnetIds, List<NaclEntry> entries) {
  public NetworkAcl {
    subnetIds = List.copyOf(subnetIds);
    entries = entries.stream().sorted(Comparator.comparing(NaclEntry::egress).thenComparingInt(NaclEntry::ruleNumber)).toList();
  }

  /** The entries of one direction, in rule-number order. */
  public List<NaclEntry> entries(boolean egress) {
    return entries.stream().filter(e -> e.egress() == egress).toList();
  }
}
