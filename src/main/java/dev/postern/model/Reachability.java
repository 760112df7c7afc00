package dev.postern.model;

import java.util.Locale;

/**
 * Whether what a finding is about can be reached from the Internet on the finding's port, over the
 * whole network path (docs/reachability.md): {@code REACHABLE} with the hop list in {@code path};
 * {@code BLOCKED} with the layer and element that stop it in {@code reason}; {@code UNKNOWN} when a
 * layer needed was not collected ({@code reason} says which) and none of those collected blocks it.
 */
public record Reachability(State state, String path, String reason) {
  public enum State {
    REACHABLE, UNKNOWN, BLOCKED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State fromId(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }
  }

  public Reachability {
    path = path == null ? "" : path;
    reason = reason == null ? "" : reason;
  }

  /** One line: {@code reachable: Internet → …}, {@code blocked: acl-1 rule #90 denies …}, {@code unknown: …}. */
  public String label() {
    return state.id() + ": " + (state == State.REACHABLE ? path : reason);
  }
}
