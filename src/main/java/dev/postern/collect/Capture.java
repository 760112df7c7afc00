package dev.postern.collect;

import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;

/**
 * One API answer as collected (live) or read (AWS CLI file, snapshot). {@code subject} names what
 * the answer is about when the answer itself does not: the parameter group of a
 * DescribeDBParameters answer, the prefix list of GetManagedPrefixListEntries; empty otherwise.
 */
public record Capture(CliKind kind, String subject, SdkPojo response) {
  public Capture {
    subject = subject == null ? "" : subject;
    // Literal credentials never enter postern's memory past this point, whatever the source.
    if (response instanceof DescribeConfigurationSettingsResponse s) {
      response = Redactor.redact(s);
    }
  }
}
