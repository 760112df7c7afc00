package dev.postern.collect;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach AWS: the named profile, an endpoint that replaces every service's (moto,
 * LocalStack), the external id for assumed roles, the time one API call may take, and the
 * environment (for the region; injected so tests control it).
 */
public record LiveSettings(
    Optional<String> profile, Optional<URI> endpoint, Optional<String> externalId, Duration callTimeout,
    Map<String, String> env) {
  public LiveSettings {
    env = Map.copyOf(env);
  }
}
