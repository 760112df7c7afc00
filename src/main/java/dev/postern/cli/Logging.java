package dev.postern.cli;

/**
 * The SLF4J backend (slf4j-simple), set up from the number of {@code -v} before anything logs: it
 * reads these properties once, when the first logger is made. Everything goes to stderr.
 * <ul>
 *   <li>0: nothing (postern's own messages are not logs);</li>
 *   <li>1 ({@code -v}): warnings of the AWS SDK (postern prints its phases and timings itself);</li>
 *   <li>2 ({@code -vv}): every AWS call with its duration and attempts (a line per call, logged by an
 *       interceptor on the SDK's execution pipeline: {@code dev.postern.aws});</li>
 *   <li>3 ({@code -vvv}): also the SDK's own request log and retry decisions (software.amazon.awssdk.request,
 *       software.amazon.awssdk.retries: no bodies, no credentials).</li>
 * </ul>
 */
final class Logging {
  private static final String P = "org.slf4j.simpleLogger.";

  private Logging() {}

  /** The number of -v flags of a command line ({@code -v}, {@code -vv}, {@code --verbose}). */
  static int verbosity(String[] args) {
    int n = 0;
    for (String a : args) {
      if (a.equals("--")) break;
      if (a.equals("--verbose")) n++;
      else if (a.matches("-v+")) n += a.length() - 1;
    }
    return n;
  }

  static void configure(int verbosity) {
    set("logFile", "System.err");
    set("showDateTime", "true");
    set("dateTimeFormat", "HH:mm:ss.SSS");
    set("showThreadName", "false");
    set("showShortLogName", "true");
    set("levelInBrackets", "true");
    set("defaultLogLevel", verbosity >= 1 ? "warn" : "off");
    if (verbosity >= 2) set("log.dev.postern", "debug");
    if (verbosity >= 3) {
      set("log.software.amazon.awssdk.request", "debug");
      set("log.software.amazon.awssdk.retries", "debug");
    }
  }

  private static void set(String key, String value) {
    if (System.getProperty(P + key) == null) System.setProperty(P + key, value);
  }
}
