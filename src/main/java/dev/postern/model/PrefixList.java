package dev.postern.model;

import java.util.List;

public record PrefixList(Scope scope, String id, String name, List<String> cidrs) {
  public PrefixList {
    cidrs = List.copyOf(cidrs);
  }
}
