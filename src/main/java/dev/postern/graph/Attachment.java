package dev.postern.graph;

import dev.postern.model.ResourceRef;

/**
 * "Resource R is attached to group G". {@code exposed} is true when R itself can be reached from
 * the Internet (public IP in a subnet routed to an internet gateway, or an internet-facing LB).
 */
public record Attachment(ResourceRef resource, Tier tier, boolean exposed) {}
