package dev.postern.rules;

import dev.postern.model.ResourceRef;
import dev.postern.model.Status;

/**
 * What a check says about one resource. {@code discriminator} tells apart several FAILs on one
 * resource (e.g. {@code tcp/22 from 0.0.0.0/0}); empty for the resource's only verdict.
 */
public record Verdict(ResourceRef resource, Status status, String discriminator, String message) {
  public static Verdict pass(ResourceRef r, String message) {
    return new Verdict(r, Status.PASS, "", message);
  }

  public static Verdict fail(ResourceRef r, String discriminator, String message) {
    return new Verdict(r, Status.FAIL, discriminator, message);
  }

  public static Verdict unknown(ResourceRef r, String message) {
    return new Verdict(r, Status.UNKNOWN, "", message);
  }
}
