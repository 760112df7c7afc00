package dev.postern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names that say their value is a credential ({@code DB_PASSWORD}, {@code DBPassword},
 * {@code spring.datasource.password}, {@code GITHUB_TOKEN}, {@code API_KEY}), and values that are
 * never one whatever their name (a reference to a secret store, an ARN, a resource id, a boolean, a
 * port). Used for option names and for the keys of {@code KEY=value} pairs inside longer values.
 */
public final class SecretNames {
  private SecretNames() {}

  // Words that make a name a credential's wherever they appear in it (PGPASSWORD, CLIENTSECRET).
  private static final List<String> CREDENTIAL_INFIXES =
      List.of("PASSWORD", "PASSWD", "PASSPHRASE", "PWD", "SECRET", "TOKEN", "CREDENTIAL", "APIKEY", "PRIVATEKEY", "ACCESSKEY");
  // Words that do so only as a whole word (DB_PW, DB_PASS, API_KEY, DSN), not inside another (KEYBOARD, BYPASS).
  private static final Set<String> CREDENTIAL_WORDS = Set.of("PW", "PASS", "KEY", "DSN");
  // A last word that says the setting describes a credential rather than holds it.
  private static final Set<String> DESCRIBING_WORDS = Set.of(
      "NAME", "ID", "IDS", "ARN", "ALIAS", "PAIR", "FILE", "PATH", "DIR", "LENGTH", "LEN", "SIZE", "TTL", "EXPIRY", "EXPIRES",
      "EXPIRATION", "TIMEOUT", "AGE", "ENABLED", "DISABLED", "REQUIRED", "POLICY", "HEADER", "PARAM", "PARAMETER", "TYPE",
      "ALGORITHM", "ALG", "ROTATION", "VERSION", "FIELD", "URL", "URI", "ENDPOINT", "HOST", "PORT", "REGION", "PREFIX",
      "FINGERPRINT", "LOCATION", "MODE", "FORMAT", "COUNT", "LIMIT", "MIN", "MAX");
  // camelCase and digit boundaries, and any separator, split a name into words.
  private static final Pattern WORD_BOUNDARY =
      Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

  /** Whether a setting or key with this name holds a credential when its value is not {@link #isNeverSecret ordinary}. */
  public static boolean looksLikeCredential(String name) {
    List<String> words = words(name);
    if (words.isEmpty() || DESCRIBING_WORDS.contains(words.get(words.size() - 1))) return false;
    String joined = String.join("", words);
    for (String infix : CREDENTIAL_INFIXES) {
      if (joined.contains(infix)) return true;
    }
    for (String w : words) {
      if (CREDENTIAL_WORDS.contains(w)) return true;
    }
    // *PASS written as one word (DBPASS), but not BYPASS / COMPASS.
    String last = words.get(words.size() - 1);
    return last.endsWith("PASS") && !last.endsWith("YPASS") && !last.endsWith("MPASS");
  }

  /** The words of a name, upper case: {@code EC2KeyName} → EC2, KEY, NAME. */
  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String w : WORD_BOUNDARY.split(name)) {
      if (!w.isEmpty()) out.add(w.toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** A value that points at a secret store rather than holding the secret. */
  public static boolean isReference(String value) {
    String v = value.trim();
    return v.isEmpty()
        || v.startsWith("arn:aws:secretsmanager:")
        || v.startsWith("arn:aws:ssm:")
        || v.startsWith("{{resolve:");
  }

  private static final Pattern BOOLEAN = Pattern.compile("(?i)true|false|yes|no|on|off|enabled|disabled|none|null");
  private static final Pattern SMALL_NUMBER = Pattern.compile("[0-9]{1,5}");
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:[a-z0-9-]+:\\S*");
  // sg-0a1b2c3d, vpc-…, i-…, subnet-…, key-…: an AWS resource id.
  private static final Pattern RESOURCE_ID = Pattern.compile("[a-z][a-z0-9]{0,20}-[0-9a-f]{8,17}");
  // ${DB_PASSWORD}, $DB_PASSWORD, %DB_PASSWORD%: a value filled in elsewhere.
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_]*%");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /** A value that stands for a secret kept elsewhere: a secret-store reference or a placeholder such as {@code ${DB_PASSWORD}}. */
  public static boolean isPlaceholder(String value) {
    String v = value.trim();
    return isReference(v) || PLACEHOLDER.matcher(v).matches();
  }

  /**
   * A value that is not a secret under any name: empty, a reference to a secret store, an ARN, an AWS
   * resource id, a boolean, a number of up to five digits (a port, a length, a timeout), a
   * placeholder; under a {@code KEY} name also a UUID (a KMS key id).
   */
  public static boolean isNeverSecret(String name, String value) {
    String v = value.trim();
    if (isReference(v) || BOOLEAN.matcher(v).matches() || SMALL_NUMBER.matcher(v).matches() || ARN.matcher(v).matches()
        || RESOURCE_ID.matcher(v).matches() || PLACEHOLDER.matcher(v).matches()) {
      return true;
    }
    List<String> words = words(name);
    boolean keyOnly = words.contains("KEY") && words.stream().noneMatch(w -> w.contains("SECRET") || w.contains("PASS")
        || w.contains("TOKEN") || w.equals("PW") || w.contains("PWD"));
    return keyOnly && (UUID.matcher(v).matches() || v.startsWith("alias/"));
  }
}
