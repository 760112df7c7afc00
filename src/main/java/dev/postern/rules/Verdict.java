package dev.postern.rules;

import dev.postern.model.ResourceRef;
import dev.postern.model.Status;

import java.util.List;

/**
 * What a check says about one resource. {@code discriminator} tells apart several FAILs on one
 * resource (e.g. {@code tcp/22 from 0.0.0.0/0}); empty for the resource's only verdict.
 * {@code remediationCommands}: AWS CLI commands that would fix a FAIL (printed, never run).
 */
public record Verdict(
    ResourceRef resource, Status status, String discriminator, String message, List<String> remediationCommands) {
  public Verdict {
    remediationCommands = List.copyOf(remediationCommands);
  }

  public static Verdict pass(ResourceRef r, String message) {
    return new Verdict(r, Status.PASS, "", message, List.of());
  }

  public static Verdict fail(ResourceRef r, String discriminator, String message, String... fixes) {
    return new Verdict(r, Status.FAIL, discriminator, message, List.of(fixes));
  }

  public static Verdict unknown(ResourceRef r, String message) {
    return new Verdict(r, Status.UNKNOWN, "", message, List.of());
  }
}
