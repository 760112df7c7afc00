package dev.postern.collect;

import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;

/**
 * One API answer as collected (live) or read (AWS CLI file, snapshot). {@code subject} names what
 * the answer is about when the answer itself does not: the parameter group of a
 * DescribeDBParameters answer, the prefix list of GetManagedPrefixListEntries; empty otherwise.
 *
 * <p>A deferred capture (a part of a large AWS CLI file) reads its answer each time it is asked
 * and keeps nothing, so that a 300 MB file is mapped to the model part by part, in parallel,
 * without holding every SDK object of it at once.
 */
public final class Capture {
  private final CliKind kind;
  private final String subject;
  private final SdkPojo response;
  private final Supplier<SdkPojo> reader;
  private final Function<Scope, Optional<List<SecurityGroup>>> groups;

  public Capture(CliKind kind, String subject, SdkPojo response) {
    this(kind, subject, redacted(response), null, null);
  }

  private Capture(CliKind kind, String subject, SdkPojo response, Supplier<SdkPojo> reader,
      Function<Scope, Optional<List<SecurityGroup>>> groups) {
    this.kind = kind;
    this.subject = subject == null ? "" : subject;
    this.response = response;
    this.reader = reader;
    this.groups = groups;
  }

  /**
   * A part of a security-group file, read on demand: {@code groups} reads it straight into the
   * model (empty when it cannot, then the SDK objects are mapped), {@code reader} into the SDK
   * objects, throwing BadInputException on bad input.
   */
  static Capture deferredGroups(Supplier<SdkPojo> reader, Function<Scope, Optional<List<SecurityGroup>>> groups) {
    return new Capture(CliKind.SECURITY_GROUPS, "", null, reader, groups);
  }

  /** The groups of a deferred security-group part, read straight into the model; else empty. */
  Optional<List<SecurityGroup>> securityGroups(Scope scope) {
    return groups == null ? Optional.empty() : groups.apply(scope);
  }

  public CliKind kind() {
    return kind;
  }

  public String subject() {
    return subject;
  }

  public SdkPojo response() {
    return reader == null ? response : redacted(reader.get());
  }

  // Literal credentials never enter postern's memory past this point, whatever the source.
  private static SdkPojo redacted(SdkPojo response) {
    return response instanceof DescribeConfigurationSettingsResponse s ? Redactor.redact(s) : response;
  }

  @Override
  public String toString() {
    return "Capture[" + kind + (subject.isEmpty() ? "" : " " + subject) + (reader == null ? "" : ", deferred") + "]";
  }
}
