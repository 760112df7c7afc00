package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.collect.AwsClients;
import org.junit.jupiter.api.Test;

/** The SDK warm-up runs for live scans only, and building its throwaway clients calls nothing. */
class WarmUpTest {
  @Test
  void onlyALiveScanWarmsTheSdkUp() {
    assertTrue(Main.liveScan(new String[] {"scan", "--region", "us-east-1"}));
    assertTrue(Main.liveScan(new String[] {"--debug", "scan", "--endpoint-url", "http://127.0.0.1:5000"}));
    assertFalse(Main.liveScan(new String[] {"scan", "--demo"}));
    assertFalse(Main.liveScan(new String[] {"scan", "--from-aws-cli", "dir"}));
    assertFalse(Main.liveScan(new String[] {"scan", "--from-snapshot=s.json"}));
    assertFalse(Main.liveScan(new String[] {"scan", "--help"}));
    assertFalse(Main.liveScan(new String[] {"--version"}));
    assertFalse(Main.liveScan(new String[] {"rules", "list"}));
    assertFalse(Main.liveScan(new String[] {"explain", "--demo", "db"}));
  }

  @Test
  void warmingUpNeedsNoNetworkNorCredentials() {
    // The throwaway clients point at a closed local port and are never called: a call would wait
    // for its timeouts and retries, far longer than this allows.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), AwsClients::warmUp);
  }
}
