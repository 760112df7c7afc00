package dev.postern.graph;

import dev.postern.model.ResourceRef;
import dev.postern.model.SecurityGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A security group in the trust graph with everything known about it: its ingress edges, the
 * edges it is the source of, what it is attached to and so its tiers. Checks walk these instead
 * of looking a group up again for every question. Complete once the graph is built; read-only after.
 */
public final class GroupNode {
  final SecurityGroup group;
  final ResourceRef ref;
  final int index;
  final Optional<SecurityGroup> asSource;
  /** The group as the source of a reference that names its own account. */
  final Source groupSource;
  /** {@link #referencedBy()}'s targets by index, for searches that walk many edges. */
  int[] referencedByTargets = new int[0];
  List<Reach> ingress = List.of();
  List<Reach> internetIngress = List.of();
  List<Reach> uncapturedPrefixListIngress = List.of();
  List<Reach> referencedBy = List.of();
  List<Attachment> attachments = new ArrayList<>();
  final Set<Tier> tiers = EnumSet.noneOf(Tier.class);
  private Set<Tier> tiersView = Collections.unmodifiableSet(tiers);
  boolean exposed;
  boolean allPortsFromInternet;
  /** True when everything that can be attached to a group was collected in its scope. */
  boolean membersKnown;
  boolean appByPosition;
  /** While building: the collected source group of each ingress edge, else null. */
  GroupNode[] clients;

  GroupNode(SecurityGroup group, int index) {
    this.group = group;
    this.index = index;
    this.asSource = Optional.of(group);
    this.groupSource = new Source(Source.Kind.GROUP, group.id(), group.ownerAccount().isEmpty() ? group.scope().account() : group.ownerAccount());
    this.ref = new ResourceRef("security-group", group.id(), group.arn(), group.name(), group.scope());
  }

  public SecurityGroup group() {
    return group;
  }

  /** How findings name the group. */
  public ResourceRef ref() {
    return ref;
  }

  /** Position in {@link TrustGraph#groupNodes()}: lets a search keep per-group state in an array. */
  public int index() {
    return index;
  }

  /** Every edge into the group, one per source, in rule order. */
  public List<Reach> ingress() {
    return ingress;
  }

  /** The edges whose source is the Internet (all or an Internet-wide part of the address space, or a prefix list holding it). */
  public List<Reach> internetIngress() {
    return internetIngress;
  }

  /**
   * The edges from prefix lists whose entries were not captured: whether they are the Internet is
   * unknown, so a rule about Internet ingress can give no PASS for them.
   */
  public List<Reach> uncapturedPrefixListIngress() {
    return uncapturedPrefixListIngress;
  }

  /** Edges whose source is this group: where its members may connect to. */
  public List<Reach> referencedBy() {
    return referencedBy;
  }

  /** The index of each {@link #referencedBy()} edge's target. */
  public int[] referencedByTargets() {
    return referencedByTargets;
  }

  public List<Attachment> attachments() {
    return attachments;
  }

  public Set<Tier> tiers() {
    return tiersView;
  }

  public boolean hasTier(Tier t) {
    return tiers.contains(t);
  }

  /**
   * True when nothing is attached to the group and everything that could be was collected in its
   * scope: a group with no members originates no traffic and exposes nothing today.
   */
  public boolean unused() {
    return membersKnown && attachments.isEmpty();
  }

  /** True when the group's attachments are known to be none or some (see {@link #unused()}). */
  public boolean membersKnown() {
    return membersKnown;
  }

  /**
   * The application tier: by attachment (an application resource and no edge one), else by
   * position in the chain: a group attached to nothing whose every client group is an edge group
   * (trusted only from load balancers' groups, like an Auto Scaling group scaled to zero).
   */
  public boolean appTier() {
    return (tiers.contains(Tier.APP) && !tiers.contains(Tier.EDGE)) || appByPosition;
  }

  /** True when the group is {@link #appTier()} by position only (see there). */
  public boolean appByPosition() {
    return appByPosition;
  }

  /** True when a resource reachable from the Internet is attached to the group. */
  public boolean exposed() {
    return exposed;
  }

  /** True when the group admits every port from the Internet. */
  public boolean openOnAllPortsFromInternet() {
    return allPortsFromInternet;
  }

  /** {@code edge}, {@code app+data}, {@code unattached}, or {@code app by position, unattached}. */
  public String tierLabel() {
    if (appByPosition) return "app by position, unattached";
    return tiers.isEmpty() ? "unattached" : tiers.stream().sorted().map(Tier::label).collect(Collectors.joining("+"));
  }

  /** {@code attached to rds db-1, ec2-instance i-1} or {@code not attached to anything postern saw}. */
  public String attachmentLabel() {
    List<Attachment> a = attachments;
    if (a.isEmpty()) return "not attached to anything postern saw";
    List<String> names = new ArrayList<>();
    boolean onlyInterfaces = a.stream().allMatch(x -> x.resource().type().equals("network-interface"));
    for (Attachment x : a) {
      String label = x.resource().label();
      // A service's network interfaces say less than the service resource itself.
      if (!names.contains(label) && (onlyInterfaces || !x.resource().type().equals("network-interface"))) names.add(label);
    }
    int shown = Math.min(3, names.size());
    String s = "attached to " + String.join(", ", names.subList(0, shown));
    return names.size() > shown ? s + " and " + (names.size() - shown) + " more" : s;
  }

  @Override
  public String toString() {
    return "GroupNode[" + group.id() + "]";
  }
}
