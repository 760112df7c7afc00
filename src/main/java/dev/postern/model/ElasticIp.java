package dev.postern.model;

/** An elastic IP address and what it is associated with (empty strings when nothing). */
public record ElasticIp(Scope scope, String allocationId, String publicIp, String networkInterfaceId, String instanceId,
    String privateIp) {}
