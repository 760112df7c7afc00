package dev.postern.collect;

import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;

/**
 * One API answer as collected (live) or read (AWS CLI file, snapshot). {@code subject} names what
 * the answer is about when the answer itself does not: the parameter group of a
 * DescribeDBParameters answer, the prefix list of GetManagedPrefixListEntries; empty otherwise.
 *
 * <p>A part of a large AWS CLI security-group file holds its groups already read into the model
 * (in the scope they were read in); its SDK answer, needed only for a snapshot, is read again each
 * time it is asked and not kept, so a 300 MB file's SDK objects are never all in memory.
 */
public final class Capture {
  private final CliKind kind;
  private final String subject;
  private final SdkPojo response;
  private final Supplier<SdkPojo> reader;
  private final Scope groupsScope;
  private final List<SecurityGroup> groups;

  public Capture(CliKind kind, String subject, SdkPojo response) {
    this(kind, subject, redacted(response), null, null, null);
  }

  private Capture(CliKind kind, String subject, SdkPojo response, Supplier<SdkPojo> reader, Scope groupsScope,
      List<SecurityGroup> groups) {
    this.kind = kind;
    this.subject = subject == null ? "" : subject;
    this.response = response;
    this.reader = reader;
    this.groupsScope = groupsScope;
    this.groups = groups;
  }

  /**
   * A part of a security-group file: its {@code groups}, read in {@code scope}, and {@code reader}
   * to read its SDK answer (it throws BadInputException on bad input).
   */
  static Capture groupsPart(Supplier<SdkPojo> reader, Scope scope, List<SecurityGroup> groups) {
    return new Capture(CliKind.SECURITY_GROUPS, "", null, reader, scope, List.copyOf(groups));
  }

  /** The groups of a security-group part, in {@code scope}; empty for other captures (map the SDK answer). */
  Optional<List<SecurityGroup>> securityGroups(Scope scope) {
    if (groups == null) return Optional.empty();
    return Optional.of(scope.equals(groupsScope) ? groups : groups.stream().map(g -> g.inScope(scope)).toList());
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
