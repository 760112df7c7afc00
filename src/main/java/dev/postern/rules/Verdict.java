package dev.postern.rules;

import dev.postern.model.Reachability;
import dev.postern.model.ResourceRef;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a check says about one resource: one verdict per resource and rule. A FAIL gives its
 * {@link Reason}s, each with the commands that would fix it (printed, never run), and a message
 * that sums them up. A check that still says several things about one resource gets them merged
 * into one finding by the {@link Evaluator}.
 *
 * <p>A PASS message may be given as a supplier: most PASS verdicts of a large account are only
 * counted, so their message is built only when a report asks for it.
 */
public final class Verdict {
  /** One reason a resource fails: {@code detail} names it within the resource ({@code tcp/22 from 0.0.0.0/0}), or is empty. */
  public record Reason(String detail, String message, List<String> fixes) {
    public Reason {
      fixes = List.copyOf(fixes);
    }
  }

  private final ResourceRef resource;
  private final Status status;
  private final Supplier<String> message;
  private final List<Reason> reasons;
  private final Optional<Severity> severity;
  private Optional<Reachability> reachability = Optional.empty();

  /** A verdict of any status for one reason named {@code detail} (kept for checks that build verdicts directly). */
  public Verdict(ResourceRef resource, Status status, String detail, String message, List<String> fixes, Optional<Severity> severity) {
    this(resource, status, () -> message, status == Status.FAIL || !detail.isEmpty() ? List.of(new Reason(detail, message, fixes)) : null,
        severity);
  }

  private Verdict(ResourceRef resource, Status status, Supplier<String> message, List<Reason> reasons, Optional<Severity> severity) {
    this.resource = resource;
    this.status = status;
    this.message = message;
    this.reasons = reasons;
    this.severity = severity;
  }

  public ResourceRef resource() {
    return resource;
  }

  public Status status() {
    return status;
  }

  public String message() {
    return message.get();
  }

  /** A FAIL's reasons (at least one); for UNKNOWN and PASS, one reason holding the message, built on demand. */
  public List<Reason> reasons() {
    return reasons != null ? reasons : List.of(new Reason("", message(), List.of()));
  }

  /** Every reason's commands, in order. */
  public List<String> remediationCommands() {
    return reasons().stream().flatMap(r -> r.fixes().stream()).distinct().toList();
  }

  public Optional<Severity> severity() {
    return severity;
  }

  /** The same verdict at another severity than the rule's (e.g. rds-publicly-accessible on the flag alone). */
  public Verdict at(Severity s) {
    Verdict v = new Verdict(resource, status, message, reasons, Optional.of(s));
    v.reachability = reachability;
    return v;
  }

  /** The same verdict saying whether the resource is reachable from the Internet over the whole network path. */
  public Verdict reaching(Reachability r) {
    Verdict v = new Verdict(resource, status, message, reasons, severity);
    v.reachability = Optional.of(r);
    return v;
  }

  public Optional<Reachability> reachability() {
    return reachability;
  }

  public static Verdict pass(ResourceRef r, String message) {
    return new Verdict(r, Status.PASS, () -> message, null, Optional.empty());
  }

  /** A PASS whose message is built only if it is shown. */
  public static Verdict pass(ResourceRef r, Supplier<String> message) {
    return new Verdict(r, Status.PASS, message, null, Optional.empty());
  }

  /** A FAIL for one reason; {@code detail} names it within the resource, or is empty. */
  public static Verdict fail(ResourceRef r, String detail, String message, String... fixes) {
    return new Verdict(r, Status.FAIL, () -> message, List.of(new Reason(detail, message, List.of(fixes))), Optional.empty());
  }

  /** A FAIL for every one of {@code reasons} (not empty), summed up by {@code summary}. */
  public static Verdict fail(ResourceRef r, String summary, List<Reason> reasons) {
    if (reasons.isEmpty()) throw new IllegalArgumentException("a FAIL needs a reason");
    return new Verdict(r, Status.FAIL, () -> summary, List.copyOf(reasons), Optional.empty());
  }

  public static Verdict unknown(ResourceRef r, String message) {
    return new Verdict(r, Status.UNKNOWN, () -> message, null, Optional.empty());
  }

  @Override
  public String toString() {
    return "Verdict[" + status + " " + resource.label() + ": " + message() + "]";
  }
}
