package dev.postern.model;

import java.util.List;
import java.util.Map;

/** An ENI: who created it (requester/description/interface type) tells what it belongs to. */
public record NetworkInterface(
    Scope scope,
    String id,
    String vpcId,
    String subnetId,
    List<String> groupIds,
    String publicIp,
    String interfaceType,
    String requesterId,
    boolean requesterManaged,
    String description,
    String attachedInstanceId,
    Map<String, String> tags,
    List<String> ipv6Addresses,
    /** Its private IPv4 addresses (an ELBv2 {@code ip} target names one). */
    List<String> privateIps) {
  public NetworkInterface {
    groupIds = List.copyOf(groupIds);
    tags = Map.copyOf(tags);
    ipv6Addresses = List.copyOf(ipv6Addresses);
    privateIps = List.copyOf(privateIps);
  }

  /** An interface whose private addresses were not read. */
  public NetworkInterface(Scope scope, String id, String vpcId, String subnetId, List<String> groupIds, String publicIp,
      String interfaceType, String requesterId, boolean requesterManaged, String description, String attachedInstanceId,
      Map<String, String> tags, List<String> ipv6Addresses) {
    this(scope, id, vpcId, subnetId, groupIds, publicIp, interfaceType, requesterId, requesterManaged, description,
        attachedInstanceId, tags, ipv6Addresses, List.of());
  }

  /** An interface without IPv6 addresses. */
  public NetworkInterface(Scope scope, String id, String vpcId, String subnetId, List<String> groupIds, String publicIp,
      String interfaceType, String requesterId, boolean requesterManaged, String description, String attachedInstanceId,
      Map<String, String> tags) {
    this(scope, id, vpcId, subnetId, groupIds, publicIp, interfaceType, requesterId, requesterManaged, description,
        attachedInstanceId, tags, List.of());
  }
}
