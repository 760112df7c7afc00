package dev.postern.rules.checks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.postern.graph.TrustGraph;
import dev.postern.model.CacheCluster;
import dev.postern.model.DataStore;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
import dev.postern.model.ReplicationGroup;
import dev.postern.model.Severity;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A data store setting that must be on: RDS storage encryption (instances, and Aurora at cluster
 * level), ElastiCache at-rest / in-transit encryption and Redis AUTH (replication groups and
 * standalone clusters). {@code engines} limits the rule to engines whose name starts with one of
 * them (where the setting exists at all); {@code severityByEngine} lowers or raises it per engine.
 */
public final class DataStoreSettingCheck implements Check<DataStoreSettingCheck.Params> {
  public enum Setting {
    @JsonProperty("rds-storage-encrypted") RDS_STORAGE_ENCRYPTED,
    @JsonProperty("cache-at-rest-encryption") CACHE_AT_REST_ENCRYPTION,
    @JsonProperty("cache-in-transit-encryption") CACHE_IN_TRANSIT_ENCRYPTION,
    @JsonProperty("cache-auth") CACHE_AUTH
  }

  public record Params(Setting setting, List<String> engines, Map<String, Severity> severityByEngine) {
    public Params {
      engines = engines == null ? List.of() : List.copyOf(engines);
      severityByEngine = severityByEngine == null ? Map.of() : Map.copyOf(severityByEngine);
    }
  }

  @Override
  public String name() {
    return "datastore-setting";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public void validate(Params p) {
    if (p.setting() == null) throw new IllegalArgumentException("'setting' is required");
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (DataStore d : graph.dataStores()) {
      String engine = d.engine().toLowerCase(Locale.ROOT);
      if (!p.engines().isEmpty() && p.engines().stream().noneMatch(engine::startsWith)) continue;
      if (!applies(p.setting(), d)) continue;
      Optional<Boolean> on = value(p.setting(), d);
      String what = describe(p.setting());
      if (on.isEmpty()) {
        out.add(Verdict.unknown(d.ref(), d.ref().label() + ": its record does not say whether it has " + what + " (" + field(p.setting())
            + " absent: a truncated capture?); capture it whole: " + capture(d)));
        continue;
      }
      if (on.get()) {
        out.add(Verdict.pass(d.ref(), () -> d.ref().label() + " (" + d.engine() + ") has " + what));
        continue;
      }
      Verdict v = Verdict.fail(d.ref(), "", d.ref().label() + " (" + d.engine() + ") does not have " + what + fixHint(p.setting(), d),
          fixes(p.setting(), d));
      Optional<Severity> s = p.severityByEngine().entrySet().stream().filter(e -> engine.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
      out.add(s.isPresent() ? v.at(s.get()) : v);
    }
    return out;
  }

  /** Whether the setting exists for this kind of store at all. */
  static boolean applies(Setting s, DataStore d) {
    return s == Setting.RDS_STORAGE_ENCRYPTED ? d instanceof DbInstance || d instanceof DbCluster
        : d instanceof ReplicationGroup || d instanceof CacheCluster;
  }

  /** The setting as read; empty when the record does not say. */
  static Optional<Boolean> value(Setting s, DataStore d) {
    return switch (s) {
      case RDS_STORAGE_ENCRYPTED -> d instanceof DbInstance i ? i.storageEncrypted()
          : d instanceof DbCluster c ? c.storageEncrypted() : Optional.empty();
      case CACHE_AT_REST_ENCRYPTION -> d instanceof ReplicationGroup r ? Optional.of(r.atRestEncryption())
          : d instanceof CacheCluster c ? Optional.of(c.atRestEncryption()) : Optional.empty();
      case CACHE_IN_TRANSIT_ENCRYPTION -> d instanceof ReplicationGroup r ? Optional.of(r.transitEncryption())
          : d instanceof CacheCluster c ? Optional.of(c.transitEncryption()) : Optional.empty();
      // A record without AuthTokenEnabled (and no RBAC user group) does not say: unknown, not "no AUTH".
      case CACHE_AUTH -> d instanceof ReplicationGroup r ? (r.authTokenEnabled() || !r.userGroupIds().isEmpty() ? Optional.of(true)
              : Optional.ofNullable(r.fields().get("AuthTokenEnabled")).map(Boolean::parseBoolean))
          : d instanceof CacheCluster c ? (c.authTokenEnabled() ? Optional.of(true)
              : Optional.ofNullable(c.fields().get("AuthTokenEnabled")).map(Boolean::parseBoolean)) : Optional.empty();
    };
  }

  /** The field of the AWS answer that holds the setting. */
  private static String field(Setting s) {
    return switch (s) {
      case RDS_STORAGE_ENCRYPTED -> "StorageEncrypted";
      case CACHE_AT_REST_ENCRYPTION -> "AtRestEncryptionEnabled";
      case CACHE_IN_TRANSIT_ENCRYPTION -> "TransitEncryptionEnabled";
      case CACHE_AUTH -> "AuthTokenEnabled";
    };
  }

  /** The command whose whole output says it. */
  private static String capture(DataStore d) {
    String region = d.ref().scope().region().isEmpty() ? "" : " --region " + d.ref().scope().region();
    if (d instanceof DbCluster) return "aws rds describe-db-clusters" + region + " > describe-db-clusters.json";
    if (d instanceof DbInstance) return "aws rds describe-db-instances" + region + " > describe-db-instances.json";
    if (d instanceof ReplicationGroup) return "aws elasticache describe-replication-groups" + region + " > describe-replication-groups.json";
    return "aws elasticache describe-cache-clusters --show-cache-node-info" + region + " > describe-cache-clusters.json";
  }

  private static String describe(Setting s) {
    return switch (s) {
      case RDS_STORAGE_ENCRYPTED -> "storage encryption at rest";
      case CACHE_AT_REST_ENCRYPTION -> "encryption at rest";
      case CACHE_IN_TRANSIT_ENCRYPTION -> "encryption in transit (TLS)";
      case CACHE_AUTH -> "AUTH (an auth token or RBAC user group)";
    };
  }

  private static String fixHint(Setting s, DataStore d) {
    return switch (s) {
      case RDS_STORAGE_ENCRYPTED -> "; encryption cannot be turned on in place: restore an encrypted copy of a snapshot";
      case CACHE_AT_REST_ENCRYPTION -> "; it can only be set at creation: create an encrypted replacement and migrate";
      case CACHE_IN_TRANSIT_ENCRYPTION -> d instanceof ReplicationGroup ? "; enable it (TransitEncryptionMode preferred, then required)" : "";
      case CACHE_AUTH -> "";
    };
  }

  private static String[] fixes(Setting s, DataStore d) {
    String region = d.ref().scope().region();
    if (s == Setting.CACHE_IN_TRANSIT_ENCRYPTION && d instanceof ReplicationGroup r) {
      return new String[] {"aws elasticache modify-replication-group --region " + region + " --replication-group-id " + r.id()
          + " --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately"};
    }
    if (s == Setting.CACHE_AUTH && d instanceof ReplicationGroup r) {
      return new String[] {"aws elasticache modify-replication-group --region " + region + " --replication-group-id " + r.id()
          + " --auth-token <new-token> --auth-token-update-strategy SET --apply-immediately"};
    }
    return new String[0];
  }
}
