package dev.postern.collect;

import dev.postern.model.CollectionError;
import dev.postern.model.Scope;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns a failed call into a {@link CollectionError}: the code AWS gave (AccessDenied,
 * UnauthorizedOperation, Throttling…), or postern's own for what never got an AWS answer
 * ({@code Timeout}, {@code NetworkError}, {@code MalformedResponse}, {@code NoCredentials}). Messages carry no request id,
 * so that the same failure gives the same report.
 */
final class CallErrors {
  static final String TIMEOUT = "Timeout";
  static final String NETWORK = "NetworkError";
  static final String MALFORMED = "MalformedResponse";
  static final String NO_CREDENTIALS = "NoCredentials";

  private CallErrors() {}

  static CollectionError of(String service, Scope scope, String operation, String about, Throwable t) {
    String code;
    String message;
    if (t instanceof AwsServiceException e) {
      String[] cm = codeAndMessage(e);
      code = cm[0];
      message = cm[1];
    } else if (hasCause(t, ApiCallTimeoutException.class) || hasCause(t, ApiCallAttemptTimeoutException.class)) {
      code = TIMEOUT;
      message = firstLine(t.getMessage());
    } else if (t instanceof SdkClientException && String.valueOf(t.getMessage()).startsWith("Unable to load credentials")) {
      code = NO_CREDENTIALS;
      message = firstLine(t.getMessage());
    } else if (t instanceof SdkClientException && hasCause(t, IOException.class)) {
      code = NETWORK;
      message = firstLine(rootMessage(t));
    } else if (t instanceof SdkClientException) {
      String m = firstLine(t.getMessage());
      code = m.toLowerCase(Locale.ROOT).contains("unmarshall") || m.toLowerCase(Locale.ROOT).contains("parse")
          ? MALFORMED : "ClientError";
      message = m;
    } else {
      // Our own mapping choked on an answer it did not expect.
      code = MALFORMED;
      message = t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
    }
    if (!about.isEmpty()) message = about + ": " + message;
    return new CollectionError(service, scope.region(), scope.account(), operation, code, message);
  }

  /**
   * The code AWS gave and its message; from the raw body where the SDK could not read it (moto
   * nests {@code <Errors>} where RDS and STS have none): they are still what the user needs.
   */
  static String[] codeAndMessage(AwsServiceException e) {
    AwsErrorDetails d = e.awsErrorDetails();
    String c = d == null ? null : d.errorCode();
    String m = d == null ? null : d.errorMessage();
    if ((c == null || c.isBlank()) && d != null && d.rawResponse() != null) {
      String body = d.rawResponse().asUtf8String();
      c = xml(body, "Code");
      if (m == null || m.isBlank()) m = xml(body, "Message");
    }
    String code = c == null || c.isBlank() ? "HTTP" + e.statusCode() : c;
    String message = m == null || m.isBlank() ? "HTTP status " + e.statusCode()
        : m + (e.statusCode() >= 500 ? " (HTTP " + e.statusCode() + ")" : "");
    return new String[] {code, message};
  }

  private static String xml(String body, String element) {
    Matcher m = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(body);
    return m.find() ? m.group(1).trim() : null;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) return true;
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    return root == t ? m : firstLine(t.getMessage()) + " (" + m + ")";
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int i = s.indexOf('\n');
    return (i < 0 ? s : s.substring(0, i)).trim();
  }
}
