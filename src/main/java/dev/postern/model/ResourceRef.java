package dev.postern.model;

/** What a finding is about: type (e.g. {@code security-group}, {@code rds-instance}), id, ARN, name. */
public record ResourceRef(String type, String id, String arn, String name, Scope scope)
    implements Comparable<ResourceRef> {
  public ResourceRef {
    name = name == null ? "" : name;
    arn = arn == null ? "" : arn;
  }

  @Override
  public int compareTo(ResourceRef o) {
    int c = scope.compareTo(o.scope);
    if (c == 0) c = type.compareTo(o.type);
    if (c == 0) c = id.compareTo(o.id);
    return c;
  }

  /** {@code rds db-1} — how messages name a resource. */
  public String label() {
    return type + " " + id;
  }
}
