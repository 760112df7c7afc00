package dev.postern.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names of settings that hold credentials: their literal values are redacted at collection. */
public final class SecretNames {
  private static final Pattern CREDENTIAL =
      Pattern.compile(
          ".*(PASSWORD|PASSWD|PASSPHRASE|(^|_)PASS($|_)|PWD|SECRET|TOKEN|ACCESS_?KEY|PRIVATE_?KEY|API_?KEY|CREDENTIAL|AUTH_?KEY|SESSION_?KEY|CLIENT_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|MASTER_?KEY|CONNECTION_?STRING|DSN).*");

  private SecretNames() {}

  public static boolean looksLikeCredential(String name) {
    return CREDENTIAL.matcher(name.toUpperCase(Locale.ROOT)).matches();
  }

  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)([^@\\s]+)(@)");

  /** The value with the password of any {@code scheme://user:password@host} replaced by {@code mark}. */
  public static String withoutUrlPassword(String value, String mark) {
    return URL_PASSWORD.matcher(value).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + mark + m.group(3)));
  }

  /** A value that points at a secret store rather than holding the secret. */
  public static boolean isReference(String value) {
    String v = value.trim();
    return v.isEmpty()
        || v.startsWith("arn:aws:secretsmanager:")
        || v.startsWith("arn:aws:ssm:")
        || v.startsWith("{{resolve:");
  }
}
