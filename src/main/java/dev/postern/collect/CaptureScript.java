package dev.postern.collect;

import dev.postern.model.BadInputException;
import dev.postern.model.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A POSIX shell script of AWS CLI calls that captures every kind postern reads into
 * {@code <dir>/<account>/<region>/}, for users who will not hand credentials to postern. Each
 * {@link CliKind} has its calls here (an exhaustive switch: a kind added without its calls does not
 * compile), and a test keeps the IAM actions they need equal to {@link IamPolicy#ACTIONS}, which
 * another test keeps equal to the calls of the live collector.
 *
 * <p>A call that fails leaves a marker {@code <file>.failed.json} instead of its output,
 * {@code {"PosternFailedCall": {...}}} with the call, the AWS CLI's message, and the service and
 * operation: {@link AwsCliReader} reads it as a collection error, so the scan says what failed and
 * why ("incomplete"), rather than that a kind is missing.
 */
public final class CaptureScript {
  /** The top-level key of a failed-call marker. */
  static final String MARKER_KEY = "PosternFailedCall";
  /** How a failed-call marker's file name ends. */
  public static final String MARKER_SUFFIX = ".failed.json";

  private CaptureScript() {}

  /** The things some calls are made once for, listed by another call of the same read-only permissions. */
  enum Each {
    ONCE(null, null, null, null),
    /** The lists the security groups' rules name (as the live scan: AWS's own lists are many, and not needed). */
    PREFIX_LIST("ec2 describe-security-groups", "SecurityGroups[].IpPermissions[].PrefixListIds[].PrefixListId", "pl", "prefix list $pl"),
    INSTANCE_PARAMETER_GROUP("rds describe-db-instances", "DBInstances[].DBParameterGroups[].DBParameterGroupName", "g",
        "parameter group $g"),
    CLUSTER_PARAMETER_GROUP("rds describe-db-clusters", "DBClusters[].DBClusterParameterGroup", "g", "parameter group $g"),
    LOAD_BALANCER("elbv2 describe-load-balancers", "LoadBalancers[].LoadBalancerArn", "lb", "load balancer $lbname"),
    TARGET_GROUP("elbv2 describe-target-groups", "TargetGroups[].TargetGroupArn", "tg", "target group $tgname"),
    ENVIRONMENT("elasticbeanstalk describe-environments --no-include-deleted",
        "Environments[?Status!=`\"Terminated\"`].[EnvironmentName,ApplicationName]", "env", "environment $env");

    final String listCommand;
    final String query;
    final String variable;
    final String about;

    Each(String listCommand, String query, String variable, String about) {
      this.listCommand = listCommand;
      this.query = query;
      this.variable = variable;
      this.about = about;
    }
  }

  /**
   * One AWS CLI call: {@code command} is "service operation" as the CLI spells them, {@code args}
   * its arguments (shell words, may use the loop's variable), {@code file} the output's name.
   */
  record Call(CliKind kind, String command, String args, Each each, String file) {
    String cliService() {
      return command.substring(0, command.indexOf(' '));
    }

    String cliOperation() {
      return command.substring(command.indexOf(' ') + 1);
    }

    /** The operation as the API names it ({@code describe-db-instances} is DescribeDBInstances). */
    String operation() {
      return canonical(pascal(cliOperation()));
    }

    /** The IAM action the call needs. */
    String iamAction() {
      return IAM_PREFIX.get(cliService()) + ":" + operation();
    }

    /** The service as postern's errors name it (the SDK's). */
    String service() {
      return SERVICE.get(cliService());
    }
  }

  private static final Map<String, String> IAM_PREFIX = Map.of("ec2", "ec2", "rds", "rds", "elasticache", "elasticache",
      "elasticbeanstalk", "elasticbeanstalk", "elbv2", "elasticloadbalancing", "sts", "sts");
  private static final Map<String, String> SERVICE = Map.of("ec2", "ec2", "rds", "rds", "elasticache", "elasticache",
      "elasticbeanstalk", "elasticbeanstalk", "elbv2", "elasticloadbalancingv2", "sts", "sts");

  /** The calls that capture a kind. */
  static List<Call> calls(CliKind k) {
    return switch (k) {
      case SECURITY_GROUPS, NETWORK_INTERFACES, INSTANCES, VPCS, SUBNETS, ROUTE_TABLES, PREFIX_LISTS, DB_INSTANCES, DB_CLUSTERS,
          REPLICATION_GROUPS, LOAD_BALANCERS, NETWORK_ACLS, INTERNET_GATEWAYS, EGRESS_ONLY_INTERNET_GATEWAYS, NAT_GATEWAYS, ADDRESSES,
          VPC_PEERING_CONNECTIONS, TARGET_GROUPS -> List.of(once(k, ""));
      case CACHE_CLUSTERS -> List.of(once(k, "--show-cache-node-info"));
      case EB_ENVIRONMENTS -> List.of(once(k, "--no-include-deleted"));
      case PREFIX_LIST_ENTRIES -> List.of(new Call(k, k.command, "--prefix-list-id \"$pl\"", Each.PREFIX_LIST, "entries-$pl.json"));
      case DB_PARAMETERS -> List.of(
          new Call(k, k.command, "--db-parameter-group-name \"$g\"", Each.INSTANCE_PARAMETER_GROUP,
              AwsCliReader.PARAMETERS_FILE_PREFIX + "$g.json"),
          new Call(k, "rds describe-db-cluster-parameters", "--db-cluster-parameter-group-name \"$g\"", Each.CLUSTER_PARAMETER_GROUP,
              AwsCliReader.PARAMETERS_FILE_PREFIX + "$g.json"));
      case EB_RESOURCES -> List.of(new Call(k, k.command, "--environment-name \"$env\"", Each.ENVIRONMENT, "resources-$env.json"));
      case EB_SETTINGS -> List.of(new Call(k, k.command, "--application-name \"$app\" --environment-name \"$env\"", Each.ENVIRONMENT,
          "settings-$env.json"));
      case LISTENERS -> List.of(new Call(k, k.command, "--load-balancer-arn \"$lb\"", Each.LOAD_BALANCER, "listeners-${lb##*/}.json"));
      case LB_ATTRIBUTES -> List.of(new Call(k, k.command, "--load-balancer-arn \"$lb\"", Each.LOAD_BALANCER,
          AwsCliReader.LB_ATTRIBUTES_FILE_PREFIX + "$lbname.json"));
      case TARGET_HEALTH -> List.of(new Call(k, k.command, "--target-group-arn \"$tg\"", Each.TARGET_GROUP,
          AwsCliReader.TARGET_HEALTH_FILE_PREFIX + "$tgname.json"));
    };
  }

  private static Call once(CliKind k, String args) {
    return new Call(k, k.command, args, Each.ONCE, k.command.substring(k.command.indexOf(' ') + 1) + ".json");
  }

  /** Every call of the script, in CliKind order. */
  static List<Call> all() {
    List<Call> out = new ArrayList<>();
    for (CliKind k : CliKind.values()) out.addAll(calls(k));
    return out;
  }

  /** The IAM actions the script needs: its calls, the account's identity, and with --all-regions the region list. */
  public static Set<String> iamActions() {
    Set<String> out = new LinkedHashSet<>();
    out.add("sts:GetCallerIdentity");
    out.add("ec2:DescribeRegions");
    for (Call c : all()) out.add(c.iamAction());
    return out;
  }

  /** {@code describe-db-instances} as the API spells it: DescribeDbInstances, then IamPolicy's case (DescribeDBInstances). */
  private static String pascal(String kebab) {
    StringBuilder b = new StringBuilder();
    for (String part : kebab.split("-")) {
      if (!part.isEmpty()) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  /** An operation name in the case the API (and IamPolicy, and ResourceKind) gives it; IAM names are case-insensitive. */
  static String canonical(String operation) {
    for (String a : IamPolicy.ACTIONS) {
      String op = a.substring(a.indexOf(':') + 1);
      if (op.equalsIgnoreCase(operation)) return op;
    }
    for (ResourceKind k : ResourceKind.values()) {
      if (k.operation().equalsIgnoreCase(operation)) return k.operation();
    }
    return operation;
  }

  private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d");

  /**
   * The script.
   *
   * @param regions regions to capture; empty with {@code allRegions} false: the AWS CLI's own region
   * @param allRegions every region enabled for the account (ec2 describe-regions)
   * @param version postern's version, named in the script's header
   */
  public static String script(List<String> regions, boolean allRegions, String version) {
    if (allRegions && !regions.isEmpty()) throw new BadInputException("--all-regions", "give either --region or --all-regions, not both");
    for (String r : regions) {
      if (!REGION.matcher(r).matches()) throw new BadInputException("--region " + r, "not a region name (e.g. us-east-1)");
    }
    StringBuilder s = new StringBuilder();
    s.append("#!/bin/sh\n");
    s.append("# Captures, read-only, everything 'postern scan' reads, with the AWS CLI and your own credentials.\n");
    s.append("# Made by 'postern capture-script' (postern ").append(version.replaceAll("[^A-Za-z0-9._+-]", "?")).append(").\n");
    s.append("# Usage: sh capture.sh [DIR]   (default DIR: capture), then: postern scan --from-aws-cli DIR\n");
    s.append("# Writes DIR/<account>/<region>/*.json. A call that fails leaves <file>").append(MARKER_SUFFIX)
        .append(" instead, with the AWS CLI's\n");
    s.append("# message: the scan then says it is incomplete, and why. The IAM permissions it needs: 'postern iam-policy'.\n");
    s.append("# AWS_ENDPOINT_URL, AWS_PROFILE and the other AWS CLI settings apply as usual.\n");
    s.append("set -u\n");
    s.append("out=${1:-capture}\n");
    s.append("TAB=$(printf '\\t')\n");
    s.append("failures=0\n");
    s.append("# AWS_ENDPOINT_URL (e.g. a test server) is given as --endpoint-url: the AWS CLI v1 does not apply it to every service.\n");
    s.append("endpoint=${AWS_ENDPOINT_URL:+--endpoint-url=$AWS_ENDPOINT_URL}\n\n");
    s.append("""
        # json TEXT: TEXT as the inside of a JSON string (one line, no control characters).
        json() {
          printf '%s' "$1" | tr '\\n\\t\\r' '   ' | tr -d '\\000-\\037' | sed -e 's/\\\\/\\\\\\\\/g' -e 's/"/\\\\"/g'
        }

        # call SERVICE OPERATION ABOUT FILE AWS-ARGUMENTS...: runs 'aws AWS-ARGUMENTS', its output to $dir/FILE,
        # or else a marker (FILE with .failed.json for .json) saying what failed and why.
        call() {
          service=$1 operation=$2 about=$3 file=$4
          shift 4
          if aws "$@" --region "$region" $endpoint --output json > "$dir/$file.part" 2> "$dir/$file.err"; then
            mv "$dir/$file.part" "$dir/$file"
            rm -f "$dir/$file.err" "$dir/${file%.json}@SUFFIX@"
          else
            marker="$dir/${file%.json}@SUFFIX@"
            printf '{"@KEY@": {"Service": "%s", "Operation": "%s", "About": "%s", "Command": "%s", "Message": "%s"}}\\n' \\
              "$(json "$service")" "$(json "$operation")" "$(json "$about")" "$(json "aws $*")" "$(json "$(cat "$dir/$file.err")")" > "$marker"
            rm -f "$dir/$file.part" "$dir/$file.err"
            failures=$((failures + 1))
            echo "capture: $region: aws $* failed; recorded in $marker" >&2
          fi
        }

        # list AWS-ARGUMENTS...: the words of a --output text query, 'None' left out.
        list() {
          aws "$@" --region "$region" $endpoint --output text | tr '\\t' '\\n' | grep -v '^None$' | sort -u
        }

        """.replace("@SUFFIX@", MARKER_SUFFIX).replace("@KEY@", MARKER_KEY));
    s.append("capture_region() {\n");
    s.append("  region=$1\n");
    s.append("  dir=\"$out/$account/$region\"\n");
    s.append("  mkdir -p \"$dir\" || exit 2\n");
    s.append("  rm -f \"$dir\"/*.json   # the last capture's: a resource gone since, a call that failed then\n");
    Each current = null;
    for (Call c : loopOrder()) {
      if (c.each() != current) {
        if (current != null && current != Each.ONCE) s.append(current == Each.ENVIRONMENT ? "  done <<EOF\n$items\nEOF\n" : "  done\n");
        current = c.each();
        if (current != Each.ONCE) s.append(loopHead(c));
      }
      String indent = current == Each.ONCE ? "  " : "    ";
      s.append(indent).append("call ").append(c.service()).append(' ').append(c.operation()).append(" \"")
          .append(current == Each.ONCE ? "" : current.about).append("\" \"").append(c.file()).append("\" ")
          .append(c.command()).append(c.args().isEmpty() ? "" : " " + c.args()).append('\n');
    }
    if (current != null && current != Each.ONCE) s.append(current == Each.ENVIRONMENT ? "  done <<EOF\n$items\nEOF\n" : "  done\n");
    s.append("}\n\n");
    if (allRegions) {
      s.append("home=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region)}}\n");
      s.append("home=${home:-us-east-1}\n");
    } else if (regions.isEmpty()) {
      s.append("regions=${AWS_REGION:-${AWS_DEFAULT_REGION:-$(aws configure get region)}}\n");
      s.append("[ -n \"$regions\" ] || { echo \"capture: no region: set AWS_REGION or make the script with --region\" >&2; exit 2; }\n");
      s.append("home=$regions\n");
    } else {
      List<String> distinct = regions.stream().distinct().toList();
      s.append("regions=\"").append(String.join(" ", distinct)).append("\"\n");
      s.append("home=").append(distinct.get(0)).append("\n");
    }
    s.append("account=$(aws sts get-caller-identity --region \"$home\" $endpoint --query Account --output text) || {\n");
    s.append("  echo \"capture: cannot tell the account: 'aws sts get-caller-identity' failed (credentials?)\" >&2; exit 2; }\n");
    if (allRegions) {
      s.append("regions=$(aws ec2 describe-regions --region \"$home\" $endpoint --query 'Regions[].RegionName' --output text) || {\n");
      s.append("  echo \"capture: cannot list the account's regions: 'aws ec2 describe-regions' failed\" >&2; exit 2; }\n");
    }
    s.append("for r in $regions; do\n  capture_region \"$r\"\ndone\n");
    s.append("if [ \"$failures\" -gt 0 ]; then\n");
    s.append("  echo \"capture: $failures call(s) failed; 'postern scan --from-aws-cli $out' will report them as not collected\" >&2\n");
    s.append("fi\n");
    s.append("echo \"captured into $out/$account\" >&2\n");
    return s.toString();
  }

  /** The calls grouped so that the calls of one loop follow each other (the environment's two in one loop). */
  private static List<Call> loopOrder() {
    List<Call> out = new ArrayList<>();
    for (Each e : Each.values()) {
      for (Call c : all()) if (c.each() == e) out.add(c);
    }
    return out;
  }

  private static String loopHead(Call c) {
    Each e = c.each();
    String listing = "list " + e.listCommand + " --query '" + e.query + "'";
    if (e == Each.ENVIRONMENT) {
      // Pairs of names; an application's name may hold spaces: read line by line, split at the tab.
      return "  items=$(aws " + e.listCommand + " --region \"$region\" $endpoint --query '" + e.query + "' --output text | grep -v '^None$')\n"
          + "  while IFS=\"$TAB\" read -r env app; do\n"
          + "    [ -n \"$env\" ] || continue\n";
    }
    StringBuilder b = new StringBuilder();
    b.append("  for ").append(e.variable).append(" in $(").append(listing).append("); do\n");
    if (e == Each.INSTANCE_PARAMETER_GROUP || e == Each.CLUSTER_PARAMETER_GROUP) {
      // AWS's default groups hold AWS's defaults: postern does not need them described (as the live scan).
      b.append("    case $g in default.*) continue ;; esac\n");
    }
    if (e == Each.LOAD_BALANCER) b.append("    lbname=${lb%/*}; lbname=${lbname##*/}\n");
    if (e == Each.TARGET_GROUP) b.append("    tgname=${tg%/*}; tgname=${tgname##*/}\n");
    return b.toString();
  }

  /** The lower-case IAM action names, for comparing (IAM names are case-insensitive). */
  static Set<String> lower(java.util.Collection<String> actions) {
    Set<String> out = new java.util.TreeSet<>();
    for (String a : actions) out.add(a.toLowerCase(Locale.ROOT));
    return out;
  }
}
