package dev.postern.collect;

import java.util.List;

/** Serves a list a few items at a time, the way AWS pages: the token is where the next page starts. */
record Paging<T>(List<T> items, String next) {
  static <T> Paging<T> of(List<T> all, String token, int size) {
    int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
    int to = Math.min(from + size, all.size());
    return new Paging<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
  }
}
