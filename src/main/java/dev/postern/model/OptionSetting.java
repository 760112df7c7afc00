package dev.postern.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Beanstalk option setting. Literal credentials are redacted at collection, in every namespace:
 * the whole value of a credential-named option, or the secret part of a longer value (a URL's
 * password, a {@code password=…} pair, a token or key recognised by its shape). Each removed part is
 * replaced by a {@link #mark mark} naming what kind of secret was there; {@code redacted} says a
 * mark is in the value.
 */
public record OptionSetting(String namespace, String name, String value, boolean redacted) {
  /** The value of a credential-named option whose literal value was removed (its kind is in its name). */
  public static final String REDACTED_VALUE = "<redacted by postern: literal value>";
  public static final String ENV_PROPERTIES = "aws:elasticbeanstalk:application:environment";
  public static final String ENV_SECRETS = "aws:elasticbeanstalk:application:environmentsecrets";

  private static final String MARK_START = "<redacted by postern: ";
  private static final Pattern MARK = Pattern.compile(Pattern.quote(MARK_START) + "([^<>]*)>");

  /** What replaces a secret of this kind ("GitHub personal access token", "password in a connection URL"). */
  public static String mark(String kind) {
    return MARK_START + kind + ">";
  }

  /** Whether {@code value} holds a mark, that is, a secret was removed from it. */
  public static boolean hasMark(String value) {
    return value.contains(MARK_START);
  }

  /** Whether a mark starts at {@code index} of {@code value}. */
  public static boolean markAt(String value, int index) {
    return value.startsWith(MARK_START, index);
  }

  /** Whether {@code value} is one mark and nothing else. */
  public static boolean isMark(String value) {
    return MARK.matcher(value).matches();
  }

  /** {@code value} with each mark replaced by {@code replacement}. */
  public static String replaceMarks(String value, String replacement) {
    return MARK.matcher(value).replaceAll(Matcher.quoteReplacement(replacement));
  }

  /** The kinds named by the marks in {@code value}, in order, each once. */
  public static List<String> redactedKinds(String value) {
    List<String> kinds = new ArrayList<>();
    Matcher m = MARK.matcher(value);
    while (m.find()) {
      if (!kinds.contains(m.group(1))) kinds.add(m.group(1));
    }
    return kinds;
  }
}
