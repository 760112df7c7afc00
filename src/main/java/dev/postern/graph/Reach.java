package dev.postern.graph;

import dev.postern.model.Permission;
import dev.postern.model.SecurityGroup;
import java.util.Optional;

/**
 * An edge: traffic from {@code source} may reach members of {@code target} as {@code permission}
 * allows. For a group source, {@code sourceGroup} is that group when it was collected (empty when
 * it is deleted or in an account that was not audited). {@code targetNode} is the target's node;
 * {@code sourceNode} the source group's node, or null when {@code sourceGroup} is empty.
 */
public record Reach(Source source, SecurityGroup target, Permission permission, Optional<SecurityGroup> sourceGroup,
    GroupNode targetNode, GroupNode sourceNode) {
  @Override
  public String toString() {
    return "Reach[" + source + " -> " + target.id() + " " + permission.portLabel() + "]";
  }
}
