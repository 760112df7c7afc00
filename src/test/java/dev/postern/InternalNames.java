package dev.postern;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a message for a user must not hold: a Java class or package name, a Jackson feature or
 * constraint name, a stack frame. Issue 13 found all of these in postern's error messages.
 */
public final class InternalNames {
  private InternalNames() {}

  private static final List<Pattern> LEAKS = List.of(
      Pattern.compile("\\b(java|javax|jdk|sun|com\\.fasterxml|software\\.amazon|dev\\.postern|org\\.yaml|org\\.snakeyaml|picocli|inet\\.ipaddr)\\.[a-zA-Z]"),
      Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\$[A-Z][A-Za-z0-9]*"), // an inner class: Check$Params, Cluster$BuilderImpl
      Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|BuilderImpl|Feature|Constraints|Deserializer)\\b"),
      Pattern.compile("\\b(FAIL_ON|ACCEPT|ALLOW|USE)_[A-Z_]+\\b"), // Jackson feature constants
      Pattern.compile("\\bclass [a-z]+\\."),
      Pattern.compile("getMaxNestingDepth|\\[Source:|\tat "));

  /** The first leak in {@code message}, or null. */
  public static String leak(String message) {
    for (Pattern p : LEAKS) {
      Matcher m = p.matcher(message);
      if (m.find()) return m.group();
    }
    return null;
  }

  public static void assertNone(String message) {
    String leak = leak(message);
    if (leak != null) throw new AssertionError("internal name '" + leak + "' in a message for users: " + message);
  }
}
