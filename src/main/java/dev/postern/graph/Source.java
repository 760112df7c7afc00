package dev.postern.graph;

/** Where traffic allowed by an ingress rule comes from. */
public record Source(Kind kind, String value, String ownerAccount) {
  public enum Kind {
    /** 0.0.0.0/0, ::/0, or a prefix list that contains one of them. */
    INTERNET,
    CIDR,
    GROUP,
    PREFIX_LIST
  }

  public boolean isInternet() {
    return kind == Kind.INTERNET;
  }

  /** How messages print it: the CIDR, the group id, or the prefix list id. */
  public String label() {
    return value;
  }
}
