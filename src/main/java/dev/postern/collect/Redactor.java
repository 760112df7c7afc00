package dev.postern.collect;

import dev.postern.model.OptionSetting;
import dev.postern.model.SecretNames;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationSettingsDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsResponse;

/**
 * Removes literal credentials from Beanstalk option settings, in every namespace, as soon as they
 * are collected, so that no report, error, log or snapshot can hold them. Each removed part is
 * replaced by a mark naming its kind (OptionSetting.mark), so the fact that a secret was there is
 * kept. Three ways, in this order:
 * <ol>
 *   <li>by shape, whatever the name: the patterns of SecretPatterns (private keys, JWTs, known
 *       token prefixes, a URL's password, the AWS secret-key shape);
 *   <li>{@code KEY=value} pairs (and JSON {@code "key": "value"}) inside a longer value whose key is
 *       credential-named: {@code -Dspring.datasource.password=…}, {@code Password=…;};
 *   <li>by name: the whole value of a credential-named option (SecretNames), unless it is a URL,
 *       whose credentials the first step already removed, or a value never secret (an ARN, an id,
 *       a boolean, a port).
 * </ol>
 * Applying it again changes nothing, so a snapshot read back is redacted exactly as it was written.
 */
public final class Redactor {
  /** Stands for the literal value of a credential-named option. */
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
    if (s.value() == null) return s;
    String cleaned = redactValue(s.optionName() == null ? "" : s.optionName(), s.value());
    return cleaned.equals(s.value()) ? s : s.toBuilder().value(cleaned).build();
  }

  private static final Pattern URL = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://\\S+");

  /** The value of option {@code name} with its literal credentials replaced by marks. */
  static String redactValue(String name, String value) {
    if (value.isEmpty() || OptionSetting.isMark(value) || SecretNames.isReference(value)) return value;
    String cleaned = withoutPairs(withoutShapes(value));
    if (!SecretNames.looksLikeCredential(name) || SecretNames.isNeverSecret(name, value) || isUrl(value)) {
      return cleaned;
    }
    // The whole value goes; the mark keeps the kind when a shape said more than the name does.
    List<String> kinds = OptionSetting.redactedKinds(cleaned);
    return kinds.isEmpty() ? MARK : OptionSetting.mark(String.join(", ", kinds));
  }

  // A URL keeps its host (it may wire the app to its database); its credentials went with the shapes.
  // Marks count as one character, so a URL redacted before is still one.
  private static boolean isUrl(String value) {
    return URL.matcher(OptionSetting.replaceMarks(value.trim(), "x")).matches();
  }

  /**
   * Free text (an error message, a warning) with every secret that has a recognisable shape or a
   * credential-named key removed. Names cannot be judged here, so a bare password is not found.
   */
  public static String scrub(String text) {
    return text == null || text.isEmpty() ? text : withoutPairs(withoutShapes(text));
  }

  private static String withoutShapes(String value) {
    String v = value;
    for (SecretPatterns.Shape shape : SecretPatterns.SHAPES) {
      Matcher m = shape.pattern().matcher(v);
      if (!m.find()) continue;
      StringBuilder out = new StringBuilder(v.length());
      int last = 0;
      do {
        int start = shape.hasSecretGroup() ? m.start("secret") : m.start();
        int end = shape.hasSecretGroup() ? m.end("secret") : m.end();
        if (SecretNames.isPlaceholder(v.substring(start, end))) continue; // postgres://u:${DB_PASSWORD}@h
        out.append(v, last, start).append(OptionSetting.mark(shape.kind()));
        last = end;
      } while (m.find());
      v = out.append(v, last, v.length()).toString();
    }
    return v;
  }

  // KEY=value, with the value up to a separator or in quotes; the key as in shell, Java and .NET
  // settings (-Dspring.datasource.password, Password, db.pwd).
  private static final Pattern PAIR = Pattern.compile(
      "(?<![A-Za-z0-9_.-])(?<key>[A-Za-z0-9_.-]+)[ \\t]*=[ \\t]*(?:\"(?<dq>[^\"]*)\"|'(?<sq>[^']*)'|(?<bare>[^\\s,;&\"']+))");
  // "key": "value" in a JSON value.
  private static final Pattern JSON_PAIR = Pattern.compile("\"(?<key>[A-Za-z0-9_.-]+)\"\\s*:\\s*\"(?<dq>(?:[^\"\\\\]|\\\\.)*)\"");

  private static String withoutPairs(String value) {
    if (value.indexOf('=') < 0 && value.indexOf(':') < 0) return value;
    return withoutPairs(withoutPairs(value, PAIR), JSON_PAIR);
  }

  private static String withoutPairs(String value, Pattern pairs) {
    Matcher m = pairs.matcher(value);
    StringBuilder out = new StringBuilder(value.length());
    int last = 0;
    while (m.find()) {
      String key = m.group("key");
      String group = m.start("dq") >= 0 ? "dq" : pairs == PAIR && m.start("sq") >= 0 ? "sq" : "bare";
      String secret = m.group(group);
      if (!SecretNames.looksLikeCredential(key) || SecretNames.isNeverSecret(key, secret) || OptionSetting.markAt(value, m.start(group))) {
        continue;
      }
      out.append(value, last, m.start(group)).append(OptionSetting.mark("value of " + key));
      last = m.end(group);
    }
    return last == 0 ? value : out.append(value, last, value.length()).toString();
  }
}
