package dev.postern.graph;

/** Where traffic allowed by an ingress rule comes from. */
public record Source(Kind kind, String value, String ownerAccount, String note) {
  public enum Kind {
    /** All or an Internet-wide part of the address space (see InternetSpace), or a prefix list holding it. */
    INTERNET,
    CIDR,
    GROUP,
    PREFIX_LIST
  }

  public Source {
    note = note == null ? "" : note;
  }

  public Source(Kind kind, String value, String ownerAccount) {
    this(kind, value, ownerAccount, "");
  }

  public boolean isInternet() {
    return kind == Kind.INTERNET;
  }

  /**
   * How messages print it: the CIDR, the group id, or the prefix list id, with why it is the
   * Internet when that is not obvious ({@code 0.0.0.0/1 (Internet-wide: …)}).
   */
  public String label() {
    return note.isEmpty() ? value : value + " (" + note + ")";
  }
}
