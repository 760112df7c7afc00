package dev.postern.rules.checks;

import dev.postern.graph.TrustGraph;
import dev.postern.model.DataStore;
import dev.postern.model.DbCluster;
import dev.postern.model.DbInstance;
import dev.postern.model.DbParameterGroup;
import dev.postern.rules.Check;
import dev.postern.rules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RDS accepts plaintext connections: {@code rds.force_ssl} for PostgreSQL and SQL Server,
 * {@code require_secure_transport} for MySQL and MariaDB; Aurora at cluster level from the cluster
 * parameter group. AWS default groups ({@code default.*}), and parameters a group does not list,
 * have the engine default: off, except {@code rds.force_ssl} = 1 from PostgreSQL 15. A custom group
 * that was not collected gives no verdict. Other engines (Oracle: an option group) are not judged.
 */
public final class RdsTransportEncryptionCheck implements Check<RdsTransportEncryptionCheck.Params> {
  public record Params() {}

  private static final Set<String> ON = Set.of("1", "on", "true");

  @Override
  public String name() {
    return "rds-transport-encryption";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<Verdict> evaluate(TrustGraph graph, Params p) {
    List<Verdict> out = new ArrayList<>();
    for (DataStore d : graph.dataStores()) {
      String group;
      if (d instanceof DbInstance i) group = i.parameterGroup();
      else if (d instanceof DbCluster c) group = c.parameterGroup();
      else continue;
      String engine = d.engine().toLowerCase(Locale.ROOT);
      String parameter = engine.contains("postgres") || engine.startsWith("sqlserver") ? "rds.force_ssl"
          : engine.contains("mysql") || engine.contains("mariadb") ? "require_secure_transport" : "";
      if (parameter.isEmpty()) continue;
      Optional<DbParameterGroup> pg = graph.inventory().dbParameterGroups().stream()
          .filter(x -> x.scope().equals(d.ref().scope()) && x.name().equals(group)).findFirst();
      String value;
      String source;
      String region = d.ref().scope().region().isEmpty() ? "" : " --region " + d.ref().scope().region();
      if (group.isEmpty()) {
        // Every RDS database has a parameter group: a record without one was cut short.
        String field = d instanceof DbCluster ? "DBClusterParameterGroup" : "DBParameterGroups";
        String command = d instanceof DbCluster ? "aws rds describe-db-clusters" + region + " > describe-db-clusters.json"
            : "aws rds describe-db-instances" + region + " > describe-db-instances.json";
        out.add(Verdict.unknown(d.ref(), d.ref().label() + ": its record names no parameter group (" + field
            + " absent: a truncated capture?), so whether it requires TLS is unknown; capture it whole: " + command));
        continue;
      }
      if (pg.isPresent() && pg.get().parameters().containsKey(parameter)) {
        value = pg.get().parameters().get(parameter);
        source = "parameter group " + group + " sets " + parameter + "=" + value;
      } else if (pg.isPresent() || group.startsWith("default.")) {
        value = engineDefault(engine, d, parameter);
        source = "parameter group " + group + " leaves " + parameter + " at the engine default (" + value + ")";
      } else {
        String command = d instanceof DbCluster
            ? "aws rds describe-db-cluster-parameters --db-cluster-parameter-group-name " + group + region
            : "aws rds describe-db-parameters --db-parameter-group-name " + group + region;
        out.add(Verdict.unknown(d.ref(), d.ref().label() + ": the parameters of its group " + group
            + " were not collected, so whether it requires TLS is unknown; capture them: " + command + " > describe-db-parameters-" + group + ".json"));
        continue;
      }
      if (ON.contains(value.trim().toLowerCase(Locale.ROOT))) {
        out.add(Verdict.pass(d.ref(), d.ref().label() + ": " + source));
      } else {
        String fix = group.startsWith("default.")
            ? "create a custom " + (d instanceof DbCluster ? "DB cluster " : "DB ") + "parameter group with " + parameter + "=1 and attach it to " + d.ref().id()
            : "aws rds " + (d instanceof DbCluster ? "modify-db-cluster-parameter-group --db-cluster-parameter-group-name " : "modify-db-parameter-group --db-parameter-group-name ")
                + group + " --region " + d.ref().scope().region() + " --parameters ParameterName=" + parameter + ",ParameterValue=1,ApplyMethod=" + (parameter.equals("rds.force_ssl") ? "pending-reboot" : "immediate");
        out.add(Verdict.fail(d.ref(), "", d.ref().label() + " (" + d.engine() + ") accepts unencrypted connections: " + source, fix));
      }
    }
    return out;
  }

  static String engineDefault(String engine, DataStore d, String parameter) {
    if (parameter.equals("rds.force_ssl") && engine.equals("postgres")) {
      String version = d instanceof DbInstance i ? i.engineVersion() : d instanceof DbCluster c ? c.engineVersion() : "";
      try {
        int major = Integer.parseInt(version.split("\\.")[0]);
        return major >= 15 ? "1" : "0";
      } catch (NumberFormatException e) {
        return "0";
      }
    }
    return "0";
  }
}
