package dev.postern.report;

import java.util.Locale;

/**
 * Which part of the trust graph the pictures (DOT, Mermaid) draw: {@code findings} (default) the
 * groups behind FAILs, the chains from the Internet to the data stores they concern, and their
 * neighbours; {@code all} every group; {@code of} one resource's neighbourhood (a security group,
 * or what groups are attached to: every group that may reach it, and its direct neighbours).
 */
public record GraphScope(Mode mode, String resource) {
  public enum Mode {
    FINDINGS,
    ALL,
    OF
  }

  public static final GraphScope FINDINGS = new GraphScope(Mode.FINDINGS, "");
  public static final GraphScope ALL = new GraphScope(Mode.ALL, "");

  public static GraphScope of(String resource) {
    return new GraphScope(Mode.OF, resource.trim());
  }

  /** Whether {@code resource} names a group of the scan's trust graph, or something groups are attached to. */
  public static boolean names(dev.postern.model.ScanResult r, String resource) {
    return TrustPicture.matchesAny(r, r.trustMap(), resource);
  }

  /** {@code findings} or {@code all}; anything else is {@link IllegalArgumentException} naming the choices. */
  public static GraphScope named(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "findings" -> FINDINGS;
      case "all" -> ALL;
      default -> throw new IllegalArgumentException("unknown graph scope '" + name + "' (expected findings or all;"
          + " --graph-of RESOURCE for one resource)");
    };
  }
}
