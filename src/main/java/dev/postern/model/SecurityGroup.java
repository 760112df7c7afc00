package dev.postern.model;

import java.util.List;
import java.util.Map;

public record SecurityGroup(
    Scope scope,
    String id,
    String name,
    String description,
    String vpcId,
    String ownerAccount,
    Map<String, String> tags,
    List<Permission> ingress,
    List<Permission> egress) {
  public SecurityGroup {
    tags = Map.copyOf(tags);
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /** The same group in another scope. */
  public SecurityGroup inScope(Scope other) {
    return new SecurityGroup(other, id, name, description, vpcId, ownerAccount, tags, ingress, egress);
  }

  public boolean isDefault() {
    return "default".equals(name);
  }

  public String arn() {
    return "arn:aws:ec2:" + scope.region() + ":" + scope.account() + ":security-group/" + id;
  }

  /** {@code sg-0a1b (billing-db)}. */
  public String label() {
    return name.isEmpty() ? id : id + " (" + name + ")";
  }
}
