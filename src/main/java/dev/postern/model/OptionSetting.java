package dev.postern.model;

/**
 * A Beanstalk option setting. Values of credential-like environment properties are redacted at
 * collection: {@code value} then holds {@link #REDACTED} and {@code literal} says a literal was set.
 */
public record OptionSetting(String namespace, String name, String value, boolean redacted) {
  public static final String REDACTED = "<redacted>";
  public static final String ENV_PROPERTIES = "aws:elasticbeanstalk:application:environment";
  public static final String ENV_SECRETS = "aws:elasticbeanstalk:application:environmentsecrets";
}
