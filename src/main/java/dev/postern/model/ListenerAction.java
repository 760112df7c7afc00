package dev.postern.model;

/** A listener action: type (forward, redirect, fixed-response, …) and, for redirects, the protocol. */
public record ListenerAction(String type, String redirectProtocol) {}
