package dev.postern.model;

/** A call that failed: the data it would have returned is unknown. */
public record CollectionError(
    String service, String region, String account, String operation, String code, String message)
    implements Comparable<CollectionError> {
  @Override
  public int compareTo(CollectionError o) {
    return (account + region + service + operation + code + message)
        .compareTo(o.account + o.region + o.service + o.operation + o.code + o.message);
  }
}
