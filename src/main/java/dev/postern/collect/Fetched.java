package dev.postern.collect;

import dev.postern.model.CollectionError;
import dev.postern.model.ResourceKind;
import dev.postern.model.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;

/**
 * What one fetch unit got in one scope: answers, the kinds it saw whole, and its errors. A kind
 * counts as collected only when every page of every call for it arrived; the pages of a call that
 * failed half-way are dropped, so that a partial list never passes for a whole one.
 */
final class Fetched {
  final Scope scope;
  final String service;
  final List<Capture> captures = new ArrayList<>();
  final Set<ResourceKind> collected = EnumSet.noneOf(ResourceKind.class);
  final List<CollectionError> errors = new ArrayList<>();
  /** API calls made (pages included), for the benchmark's count. */
  int calls;

  Fetched(Scope scope, String service) {
    this.scope = scope;
    this.service = service;
  }

  /**
   * Every page of one paginated call, or empty after recording why not. {@code about} names the
   * subject of the call in the error message (an environment, a parameter group…).
   */
  <R extends SdkPojo> Optional<List<R>> pages(String operation, String about, Supplier<? extends Iterable<R>> call) {
    List<R> pages = new ArrayList<>();
    try {
      for (R page : call.get()) {
        calls++;
        pages.add(page);
      }
      return Optional.of(pages);
    } catch (RuntimeException e) {
      calls++;
      errors.add(CallErrors.of(service, scope, operation, about, e));
      return Optional.empty();
    }
  }

  /** One unpaginated call, or empty after recording why not. */
  <R extends SdkPojo> Optional<R> one(String operation, String about, Supplier<R> call) {
    calls++;
    try {
      return Optional.of(call.get());
    } catch (RuntimeException e) {
      errors.add(CallErrors.of(service, scope, operation, about, e));
      return Optional.empty();
    }
  }

  void capture(CliKind kind, String subject, List<? extends SdkPojo> pages) {
    pages.forEach(p -> captures.add(new Capture(kind, subject, p)));
  }

  /** Captures the pages and marks their kind collected when the call succeeded. */
  <R extends SdkPojo> Optional<List<R>> whole(CliKind kind, Optional<List<R>> pages) {
    pages.ifPresent(p -> {
      capture(kind, "", p);
      collected.add(kind.kind);
    });
    return pages;
  }

  void fail(String operation, String about, RuntimeException e) {
    errors.add(CallErrors.of(service, scope, operation, about, e));
  }
}
