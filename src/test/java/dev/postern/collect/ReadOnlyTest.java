package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * postern is read-only by construction: every AWS operation the {@code collect} package can call
 * (in its bytecode: calls and method references on SDK clients) is a Describe, List or Get, or
 * sts:AssumeRole; and the IAM policy names exactly those operations.
 */
class ReadOnlyTest {
  /** IAM's name for each client's service. */
  static final Map<Class<?>, String> IAM_PREFIX = Map.of(
      Ec2Client.class, "ec2", RdsClient.class, "rds", ElastiCacheClient.class, "elasticache",
      ElasticBeanstalkClient.class, "elasticbeanstalk", ElasticLoadBalancingV2Client.class, "elasticloadbalancing",
      StsClient.class, "sts");
  /** Methods of a client that are no AWS operation. */
  static final Set<String> NOT_OPERATIONS = Set.of("close", "serviceName", "serviceClientConfiguration", "builder", "create", "waiter",
      "utilities");
  static final Pattern READ_ONLY = Pattern.compile("(describe|list|get)[A-Z].*|assumeRole");

  static JavaClasses collect;

  @BeforeAll
  static void load() {
    collect = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.postern.collect");
  }

  /** "ec2:DescribeSecurityGroups" for every SDK client operation the collect package can call. */
  static Set<String> operationsCalled() {
    Set<String> actions = new TreeSet<>();
    List<String> unknownClients = new ArrayList<>();
    for (JavaClass c : collect) {
      List<JavaCodeUnitAccess<?>> accesses = new ArrayList<>(c.getMethodCallsFromSelf());
      accesses.addAll(c.getMethodReferencesFromSelf());
      for (JavaCodeUnitAccess<?> a : accesses) {
        JavaClass owner = a.getTargetOwner();
        if (!owner.isAssignableTo(SdkClient.class)) continue;
        String method = a.getName();
        if (NOT_OPERATIONS.contains(method)) continue;
        String prefix = IAM_PREFIX.entrySet().stream().filter(e -> owner.isAssignableTo(e.getKey())).map(Map.Entry::getValue)
            .findFirst().orElse(null);
        if (prefix == null) {
          unknownClients.add(owner.getName());
          continue;
        }
        String op = method.endsWith("Paginator") ? method.substring(0, method.length() - "Paginator".length()) : method;
        actions.add(prefix + ":" + Character.toUpperCase(op.charAt(0)) + op.substring(1));
      }
    }
    assertTrue(unknownClients.isEmpty(), "clients of services the policy does not cover: " + unknownClients);
    return actions;
  }

  @Test
  void noCodePathCallsAMutatingOperation() {
    List<String> mutating = new ArrayList<>();
    for (JavaClass c : collect) {
      List<JavaCodeUnitAccess<?>> accesses = new ArrayList<>(c.getMethodCallsFromSelf());
      accesses.addAll(c.getMethodReferencesFromSelf());
      for (JavaCodeUnitAccess<?> a : accesses) {
        if (a.getTargetOwner().isAssignableTo(SdkClient.class) && !NOT_OPERATIONS.contains(a.getName())
            && !READ_ONLY.matcher(a.getName()).matches()) {
          mutating.add(a.getDescription());
        }
      }
    }
    assertEquals(List.of(), mutating);
    assertTrue(operationsCalled().contains("ec2:DescribeSecurityGroups"), "the scan sees SDK calls at all");
  }

  @Test
  void theIamPolicyIsExactlyTheOperationsCalled() {
    assertEquals(new TreeSet<>(IamPolicy.ACTIONS), operationsCalled());
    assertEquals(IamPolicy.ACTIONS.stream().sorted().toList(), IamPolicy.ACTIONS, "sorted, for a stable policy");
  }

  @Test
  void assumeRoleIsInThePolicyOnlyBecauseRolesAreAssumed() {
    boolean assumes = collect.stream().anyMatch(c -> c.getDirectDependenciesFromSelf().stream()
        .anyMatch(d -> d.getTargetClass().isEquivalentTo(StsAssumeRoleCredentialsProvider.class)));
    assertTrue(assumes, "sts:AssumeRole is called by StsAssumeRoleCredentialsProvider, for --role-arn");
    assertTrue(IamPolicy.document(List.of("arn:aws:iam::444455556666:role/audit")).contains("\"sts:AssumeRole\""));
    assertTrue(!IamPolicy.document(List.of()).contains("AssumeRole"));
  }
}
