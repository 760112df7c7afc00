package dev.postern.collect;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;

/**
 * One DEBUG line per AWS call on the SLF4J logger {@code dev.postern.aws} (shown by {@code -vv}):
 * service, operation, region, outcome, duration, and the attempts it took (retries). Nothing of
 * the request or the answer is logged: no credentials, no resource data.
 */
final class CallLog implements ExecutionInterceptor {
  static final Logger LOG = LoggerFactory.getLogger("dev.postern.aws");
  private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("postern.start");
  private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("postern.attempts");

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!LOG.isDebugEnabled()) return;
    attributes.putAttribute(START, System.nanoTime());
    attributes.putAttribute(ATTEMPTS, 0);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Integer n = attributes.getAttribute(ATTEMPTS);
    if (n != null) attributes.putAttribute(ATTEMPTS, n + 1);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    log(attributes, "HTTP " + context.httpResponse().statusCode());
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable e = context.exception();
    String why = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException s
        ? "failed HTTP " + s.statusCode() + (s.awsErrorDetails() == null ? "" : " " + s.awsErrorDetails().errorCode())
        : "failed (" + (e == null ? "no answer" : "no AWS answer") + ")";
    log(attributes, why);
  }

  private static void log(ExecutionAttributes attributes, String outcome) {
    Long start = attributes.getAttribute(START);
    if (start == null || !LOG.isDebugEnabled()) return;
    long ms = (System.nanoTime() - start) / 1_000_000;
    int attempts = attributes.getAttribute(ATTEMPTS) == null ? 0 : attributes.getAttribute(ATTEMPTS);
    Object region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    LOG.debug("{}:{} {} {} in {} ms, {} attempt{}{}", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), region == null ? "" : region, outcome, ms, attempts,
        attempts == 1 ? "" : "s", attempts > 1 ? " (" + (attempts - 1) + (attempts == 2 ? " retry)" : " retries)") : "");
  }
}
