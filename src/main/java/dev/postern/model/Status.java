package dev.postern.model;

/** A rule's verdict on one resource. */
public enum Status {
  FAIL,
  PASS,
  /** The resource was seen but something the rule needs was not collected: no verdict. */
  UNKNOWN,
  /** A FAIL that an unexpired suppression entry accepts for now: reported, never fails the gate. */
  SUPPRESSED;

  /** FAIL or SUPPRESSED: the finding describes a problem that still exists. */
  public boolean open() {
    return this == FAIL || this == SUPPRESSED;
  }
}
