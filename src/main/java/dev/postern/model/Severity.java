package dev.postern.model;

import java.util.Locale;

/** Ordered from most to least severe. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this is as severe as {@code threshold} or more. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Severity parse(String s) {
    for (Severity v : values()) {
      if (v.id().equals(s.trim().toLowerCase(Locale.ROOT))) return v;
    }
    throw new IllegalArgumentException("unknown severity '" + s + "' (expected critical, high, medium, low or info)");
  }
}
