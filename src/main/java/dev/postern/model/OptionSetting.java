package dev.postern.model;

/**
 * A Beanstalk option setting. Literal credentials in environment properties are redacted at
 * collection (the whole value of a credential-named property, the password of a connection URL);
 * {@code redacted} then says a literal credential was there.
 */
public record OptionSetting(String namespace, String name, String value, boolean redacted) {
  /** The value of a credential-named property whose literal value was removed. */
  public static final String REDACTED_VALUE = "<redacted by postern: literal value>";
  public static final String ENV_PROPERTIES = "aws:elasticbeanstalk:application:environment";
  public static final String ENV_SECRETS = "aws:elasticbeanstalk:application:environmentsecrets";
}
