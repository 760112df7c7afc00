package dev.postern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExplainTest {
  static final String SCENARIOS = "src/test/resources/scenarios/";

  @Test
  void hardenedDatabaseIsReachedOnlyThroughTheLoadBalancerAndTheApp() {
    Run r = Run.of("explain", "--from-aws-cli", SCENARIOS + "beanstalk-hardened/aws", "hardened-db");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("* sg-80f73f2032516cf52 admits tcp/3306 from sg-96a6a85ad4d0f279e"), r.out());
    assertTrue(r.out().contains("Internet → sg-49d908ccb8fe0a7c9 tcp/443 [edge] → sg-96a6a85ad4d0f279e tcp/80 [app] → sg-80f73f2032516cf52 tcp/3306 [data] (rds-instance hardened-db)  — load balancer → application chain"), r.out());
    assertFalse(r.out().contains("NOT through"), r.out());
  }

  @Test
  void insecureDatabaseShowsTheRouteAroundTheLoadBalancer() {
    Run r = Run.of("explain", "--from-aws-cli", SCENARIOS + "beanstalk-default-insecure/aws", "awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1");
    assertTrue(r.out().contains("Internet → sg-18b12974be05d304b tcp/22 [app] → sg-623ca5cc7f0087613 tcp/3306 [data]"), r.out());
    assertTrue(r.out().contains("NOT through the load balancer and application tier"), r.out());
    assertTrue(r.out().contains("Internet → sg-623ca5cc7f0087613 tcp/3306 [data] (rds-instance awseb-e-d3fau1tx01-stack-awsebrdsdatabase-qs1)  — directly"), r.out());
  }

  @Test
  void aSecurityGroupAndAnEnvironmentCanBeExplainedToo() {
    Run g = Run.of("explain", "--demo", "sg-6adda7717c7bf8673");
    assertTrue(g.out().contains("sg-6adda7717c7bf8673 admits all traffic from sg-6adda7717c7bf8673 (itself)"), g.out());
    assertTrue(g.out().contains("none: the Internet cannot reach it"), g.out());
    Run e = Run.of("explain", "--demo", "Vprofile-app-prod");
    assertTrue(e.out().contains("beanstalk-environment Vprofile-app-prod"), e.out());
    assertTrue(e.out().contains("tcp/22 from 203.0.113.10/32"), e.out());
  }

  @Test
  void unknownResourceIsBadInput() {
    Run r = Run.of("explain", "--demo", "sg-nope");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("error: sg-nope: no security group"), r.err());
  }
}
