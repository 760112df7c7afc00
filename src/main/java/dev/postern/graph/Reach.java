package dev.postern.graph;

import dev.postern.model.Permission;
import dev.postern.model.SecurityGroup;

/** An edge: traffic from {@code source} may reach members of {@code target} as {@code permission} allows. */
public record Reach(Source source, SecurityGroup target, Permission permission) {}
