package dev.postern.model;

import java.util.List;

/** A load-balancer listener; {@code defaultActions} hold action types with redirect targets. */
/** {@code sslPolicy}: the TLS security policy of an HTTPS or TLS listener; empty when the record names none. */
public record Listener(String arn, String protocol, int port, List<ListenerAction> defaultActions, String sslPolicy) {
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
