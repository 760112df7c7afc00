package dev.postern.model;

import java.util.Locale;

/** Where an open finding stands against a baseline report: new ones fail the gate, existing ones do not. */
public enum BaselineState {
  NEW,
  EXISTING;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
