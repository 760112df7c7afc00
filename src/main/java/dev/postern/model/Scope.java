package dev.postern.model;

/** One account and region: every collected resource belongs to exactly one scope. */
public record Scope(String account, String region) implements Comparable<Scope> {
  public Scope {
    account = account == null ? "" : account;
    region = region == null ? "" : region;
  }

  @Override
  public int compareTo(Scope o) {
    int c = account.compareTo(o.account);
    return c != 0 ? c : region.compareTo(o.region);
  }

  /** Key of a resource id within this scope (ids are unique per account and region). */
  public String key(String id) {
    return account + '|' + region + '|' + id;
  }

  @Override
  public String toString() {
    return account + "/" + region;
  }
}
