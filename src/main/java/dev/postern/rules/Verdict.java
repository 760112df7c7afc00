package dev.postern.rules;

import dev.postern.model.ResourceRef;
import dev.postern.model.Severity;
import dev.postern.model.Status;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a check says about one resource. {@code discriminator} tells apart several FAILs on one
 * resource (e.g. {@code tcp/22 from 0.0.0.0/0}); empty for the resource's only verdict.
 * {@code remediationCommands}: AWS CLI commands that would fix a FAIL (printed, never run).
 *
 * <p>A PASS message may be given as a supplier: most PASS verdicts of a large account are only
 * counted, so their message is built only when a report asks for it.
 */
public final class Verdict {
  private final ResourceRef resource;
  private final Status status;
  private final String discriminator;
  private final Supplier<String> message;
  private final List<String> remediationCommands;
  private final Optional<Severity> severity;

  public Verdict(ResourceRef resource, Status status, String discriminator, String message,
      List<String> remediationCommands, Optional<Severity> severity) {
    this(resource, status, discriminator, () -> message, remediationCommands, severity);
  }

  private Verdict(ResourceRef resource, Status status, String discriminator, Supplier<String> message,
      List<String> remediationCommands, Optional<Severity> severity) {
    this.resource = resource;
    this.status = status;
    this.discriminator = discriminator;
    this.message = message;
    this.remediationCommands = List.copyOf(remediationCommands);
    this.severity = severity;
  }

  public ResourceRef resource() {
    return resource;
  }

  public Status status() {
    return status;
  }

  public String discriminator() {
    return discriminator;
  }

  public String message() {
    return message.get();
  }

  public List<String> remediationCommands() {
    return remediationCommands;
  }

  public Optional<Severity> severity() {
    return severity;
  }

  /** The same verdict at another severity than the rule's (e.g. rds-publicly-accessible on the flag alone). */
  public Verdict at(Severity s) {
    return new Verdict(resource, status, discriminator, message, remediationCommands, Optional.of(s));
  }

  public static Verdict pass(ResourceRef r, String message) {
    return new Verdict(r, Status.PASS, "", message, List.of(), Optional.empty());
  }

  /** A PASS whose message is built only if it is shown. */
  public static Verdict pass(ResourceRef r, Supplier<String> message) {
    return new Verdict(r, Status.PASS, "", message, List.of(), Optional.empty());
  }

  public static Verdict fail(ResourceRef r, String discriminator, String message, String... fixes) {
    return new Verdict(r, Status.FAIL, discriminator, message, List.of(fixes), Optional.empty());
  }

  public static Verdict unknown(ResourceRef r, String message) {
    return new Verdict(r, Status.UNKNOWN, "", message, List.of(), Optional.empty());
  }

  @Override
  public String toString() {
    return "Verdict[" + status + " " + resource.label() + (discriminator.isEmpty() ? "" : " " + discriminator) + ": " + message() + "]";
  }
}
