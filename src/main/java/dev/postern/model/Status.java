package dev.postern.model;

/** A rule's verdict on one resource. */
public enum Status {
  FAIL,
  PASS,
  /** The resource was seen but something the rule needs was not collected: no verdict. */
  UNKNOWN
}
