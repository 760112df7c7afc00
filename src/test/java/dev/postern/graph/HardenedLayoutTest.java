package dev.postern.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.postern.collect.AwsCliReader;
import dev.postern.collect.InventoryAssembler;
import dev.postern.model.DataStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The design documents' hardened Beanstalk layout (reference scenario beanstalk-hardened, with its
 * VPC's network ACLs and gateways): private subnets routed to a NAT gateway, no public address on
 * any data store. Were its group opened to the whole Internet, every data store would still be
 * unreachable, at two layers: no public address, no route to an internet gateway.
 */
class HardenedLayoutTest {
  @Test
  void everyDataStoreIsUnreachableFromTheInternetAtTwoLayers() {
    TrustGraph g = TrustGraph.build(InventoryAssembler.assemble(
        new AwsCliReader("us-east-1").read(Path.of("src/test/resources/scenarios/beanstalk-hardened"))));
    NetworkPath path = g.networkPath();
    List<DataStore> stores = g.dataStores();
    assertFalse(stores.isEmpty());
    int judged = 0;
    for (DataStore d : stores) {
      for (String groupId : d.groupIds()) {
        for (NetworkPath.Member m : path.members(d.ref().scope(), groupId)) {
          if (!m.ref().equals(d.ref())) continue;
          for (NetworkPath.Judgement j : path.toMember(m, new NetworkPath.Query("tcp", d.port(), d.port(), "0.0.0.0/0"), groupId + " (opened)")) {
            judged++;
            assertEquals(NetworkPath.Outcome.BLOCKED, j.outcome(), j.toString());
            List<String> blocked = j.layers().stream().filter(l -> l.outcome() == NetworkPath.Outcome.BLOCKED).map(NetworkPath.Layer::name).toList();
            assertTrue(blocked.containsAll(List.of("route", "address")), d.ref().label() + ": " + j.layers());
            assertTrue(j.reachability().reason().contains("a NAT gateway admits no inbound connection"), j.reachability().toString());
          }
        }
      }
    }
    assertTrue(judged >= 2, "each subnet of each store judged: " + judged);
  }
}
