package dev.postern.model;

/** A security-group reference in a rule: group id and the account that owns it. */
public record GroupRef(String groupId, String ownerAccount) implements Comparable<GroupRef> {
  public GroupRef {
    groupId = groupId == null ? "" : groupId;
    ownerAccount = ownerAccount == null ? "" : ownerAccount;
  }

  @Override
  public int compareTo(GroupRef o) {
    int c = groupId.compareTo(o.groupId);
    return c != 0 ? c : ownerAccount.compareTo(o.ownerAccount);
  }
}
