package dev.postern.model;

import java.util.List;

/**
 * A listener action: type (forward, redirect, fixed-response, …), for redirects the protocol, for
 * forwards the target groups' ARNs (TargetGroupArn, or ForwardConfig's groups).
 */
public record ListenerAction(String type, String redirectProtocol, List<String> targetGroupArns) {
  public ListenerAction {
    targetGroupArns = List.copyOf(targetGroupArns);
  }

  /** An action that forwards nowhere. */
  public ListenerAction(String type, String redirectProtocol) {
    this(type, redirectProtocol, List.of());
  }
}
