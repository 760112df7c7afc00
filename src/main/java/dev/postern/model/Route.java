package dev.postern.model;

/** A route: destination (CIDR or prefix list id) and target id (igw-…, nat-…, local, …). */
public record Route(String destination, String target) {
  public boolean defaultRoute() {
    return "0.0.0.0/0".equals(destination) || "::/0".equals(destination);
  }

  public boolean toInternetGateway() {
    return target.startsWith("igw-");
  }
}
