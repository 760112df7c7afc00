package dev.postern.model;

import java.util.Locale;

/**
 * Where an open finding stands against a baseline report: new ones fail the gate, existing ones do
 * not. WORSE: the baseline had the finding, but not all of its evidence (a second port opened on a
 * group that already failed): the same finding (and ticket), and it fails the gate again.
 */
public enum BaselineState {
  NEW,
  EXISTING,
  WORSE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
