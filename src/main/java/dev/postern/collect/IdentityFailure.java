package dev.postern.collect;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * Why {@code sts:GetCallerIdentity} (the scan's first question: who is scanning?) failed, in one
 * line a user can act on: the cause and the fix, never the SDK's provider-chain text (that is
 * kept as the exception's cause, shown by {@code --debug}).
 */
final class IdentityFailure {
  /** Codes by which AWS says the keys themselves are wrong or stale. */
  private static final Set<String> REJECTED = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken",
      "UnrecognizedClientException", "InvalidAccessKeyId", "AuthFailure", "IncompleteSignature", "TokenRefreshRequired",
      "ExpiredTokenException", "InvalidToken");

  private IdentityFailure() {}

  /**
   * @param credentials where the credentials were to come from, e.g. "profile audit" or "the default chain"
   * @param profile the profile whose SSO login would fix an SSO failure
   * @param role the role being assumed ("" for none: the caller's own credentials), from --role-arn or the profile
   * @param stsHost where STS calls went, for network failures
   * @param sso whether the credentials come from an SSO profile (sso_session or sso_start_url)
   */
  static String explain(Throwable t, String credentials, String profile, String role, String stsHost, String filesLookedAt,
      boolean sso) {
    String all = chainText(t);
    String lower = all.toLowerCase(Locale.ROOT);
    AwsServiceException service = find(t, AwsServiceException.class);
    if (service != null) {
      String[] cm = CallErrors.codeAndMessage(service);
      String code = cm[0];
      String message = firstLine(cm[1]).replaceAll("\\.$", "");
      if (!role.isEmpty() && !REJECTED.contains(code)) {
        return "cannot assume role " + role + ": " + code + ": " + message;
      }
      if (code.startsWith("ExpiredToken")) {
        return "AWS rejected the credentials of " + credentials + ": " + code + ": " + message
            + "; the session token has expired: get fresh credentials" + ssoHint(profile);
      }
      if (REJECTED.contains(code)) {
        return "AWS rejected the credentials of " + credentials + ": " + code + ": " + message
            + "; check the access key and secret (aws configure list" + (profile.isEmpty() ? "" : " --profile " + profile) + ")";
      }
      return "cannot establish who is scanning (sts:GetCallerIdentity): " + code + ": " + message;
    }
    boolean network = isNetwork(t);
    if ((sso && !network) || lower.contains("sso") && (lower.contains("token") || lower.contains("expired") || lower.contains("session"))) {
      return "the SSO token of " + credentials + " is missing or expired; run: aws sso login"
          + (profile.isEmpty() ? "" : " --profile " + profile);
    }
    if (find(t, ApiCallTimeoutException.class) != null || find(t, ApiCallAttemptTimeoutException.class) != null) {
      return "cannot reach AWS STS at " + stsHost + ": the call timed out; check the network, --endpoint-url or --timeout";
    }
    if (lower.contains("credential_process") || lower.contains("command returned non-zero") || lower.contains("credential process")) {
      return "the credential_process of " + credentials + " failed: " + firstLine(rootMessage(t));
    }
    if (lower.contains("unable to load credentials") || lower.contains("contained no credentials")
        || lower.contains("access key must be specified")) {
      return "no AWS credentials found for " + credentials + " (looked at: the environment's AWS_ACCESS_KEY_ID and"
          + " AWS_SECRET_ACCESS_KEY, web identity, " + filesLookedAt + ", container and instance metadata);"
          + " run aws configure or aws sso login, or give --profile NAME";
    }
    if (network) {
      return "cannot reach AWS STS at " + stsHost + ": " + firstLine(rootMessage(t)) + "; check the network or --endpoint-url";
    }
    return "cannot establish who is scanning (sts:GetCallerIdentity): " + firstLine(rootMessage(t));
  }

  /** A failure to reach the endpoint (not, say, a missing token file, also an IOException). */
  private static boolean isNetwork(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof SocketException || c instanceof UnknownHostException || c instanceof SocketTimeoutException
          || c instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private static String ssoHint(String profile) {
    return profile.isEmpty() ? "" : " (for an SSO profile: aws sso login --profile " + profile + ")";
  }

  private static String chainText(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      b.append(c.getMessage()).append('\n');
      for (Throwable s : c.getSuppressed()) b.append(s.getMessage()).append('\n');
    }
    return b.toString();
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) return type.cast(c);
    }
    return null;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = root.getMessage();
    return m == null || m.isBlank() ? firstLine(t.getMessage()) : m;
  }

  /** The first line, without the SDK's request ids and retry counts. */
  static String firstLine(String s) {
    if (s == null) return "";
    int i = s.indexOf('\n');
    String line = (i < 0 ? s : s.substring(0, i)).trim();
    int meta = line.indexOf(" (Service: ");
    if (meta < 0) meta = line.indexOf(" (SDK Attempt Count");
    return meta < 0 ? line : line.substring(0, meta);
  }
}
