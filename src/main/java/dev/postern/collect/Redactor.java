package dev.postern.collect;

import dev.postern.model.OptionSetting;
import dev.postern.model.SecretNames;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationSettingsDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;

/**
 * Removes literal credential values from Beanstalk settings as soon as they are collected, so that
 * no report, log or snapshot can hold them. The fact that a literal was set is kept.
 */
final class Redactor {
  /** Stands for a literal credential value that was removed. */
  static final String MARK = OptionSetting.REDACTED_VALUE;

  private Redactor() {}

  static DescribeConfigurationSettingsResponse redact(DescribeConfigurationSettingsResponse r) {
    if (!r.hasConfigurationSettings()) {
      return r;
    }
    return r.toBuilder()
        .configurationSettings(r.configurationSettings().stream().map(Redactor::redact).toList())
        .build();
  }

  private static ConfigurationSettingsDescription redact(ConfigurationSettingsDescription d) {
    if (!d.hasOptionSettings()) {
      return d;
    }
    return d.toBuilder().optionSettings(d.optionSettings().stream().map(Redactor::redact).toList()).build();
  }

  private static ConfigurationOptionSetting redact(ConfigurationOptionSetting s) {
    String value = s.value();
    if (value == null || !OptionSetting.ENV_PROPERTIES.equals(s.namespace()) || s.optionName() == null
        || value.contains(MARK)) {
      return s;
    }
    if (SecretNames.looksLikeCredential(s.optionName()) && !SecretNames.isReference(value)) {
      return s.toBuilder().value(MARK).build();
    }
    // A password inside a connection URL (postgres://app:secret@host/db), whatever the name.
    String cleaned = SecretNames.withoutUrlPassword(value, MARK);
    return cleaned.equals(value) ? s : s.toBuilder().value(cleaned).build();
  }
}
