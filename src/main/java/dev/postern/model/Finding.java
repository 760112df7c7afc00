package dev.postern.model;

/**
 * One verdict of one rule on one resource. {@code id} is stable across runs: a hash of rule,
 * account, region, resource and discriminator (e.g. the port and source of an ingress rule).
 */
public record Finding(
    String id, RuleInfo rule, Status status, ResourceRef resource, String discriminator, String message) {}
