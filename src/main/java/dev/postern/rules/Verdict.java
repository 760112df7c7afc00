package dev.postern.rules;

import dev.postern.model.ResourceRef;
import dev.postern.model.Status;

import dev.postern.model.Severity;
import java.util.List;
import java.util.Optional;

/**
 * What a check says about one resource. {@code discriminator} tells apart several FAILs on one
 * resource (e.g. {@code tcp/22 from 0.0.0.0/0}); empty for the resource's only verdict.
 * {@code remediationCommands}: AWS CLI commands that would fix a FAIL (printed, never run).
 */
public record Verdict(
    ResourceRef resource,
    Status status,
    String discriminator,
    String message,
    List<String> remediationCommands,
    Optional<Severity> severity) {
  public Verdict {
    remediationCommands = List.copyOf(remediationCommands);
  }

  /** The same verdict at another severity than the rule's (e.g. rds-publicly-accessible on the flag alone). */
  public Verdict at(Severity s) {
    return new Verdict(resource, status, discriminator, message, remediationCommands, Optional.of(s));
  }

  public static Verdict pass(ResourceRef r, String message) {
    return new Verdict(r, Status.PASS, "", message, List.of(), Optional.empty());
  }

  public static Verdict fail(ResourceRef r, String discriminator, String message, String... fixes) {
    return new Verdict(r, Status.FAIL, discriminator, message, List.of(fixes), Optional.empty());
  }

  public static Verdict unknown(ResourceRef r, String message) {
    return new Verdict(r, Status.UNKNOWN, "", message, List.of(), Optional.empty());
  }
}
