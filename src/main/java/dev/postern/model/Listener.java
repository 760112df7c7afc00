package dev.postern.model;

import java.util.List;

/** A load-balancer listener; {@code defaultActions} hold action types with redirect targets. */
public record Listener(String arn, String protocol, int port, List<ListenerAction> defaultActions) {
  public Listener {
    defaultActions = List.copyOf(defaultActions);
  }

  public boolean isTls() {
    return "HTTPS".equals(protocol) || "TLS".equals(protocol);
  }

  /** True when the first action redirects to HTTPS. */
  public boolean redirectsToHttps() {
    return defaultActions.stream()
        .anyMatch(a -> "redirect".equals(a.type()) && "HTTPS".equalsIgnoreCase(a.redirectProtocol()));
  }
}
