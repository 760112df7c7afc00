package dev.postern.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A group described twice (two pages, two files) counts once: the one read last, as a map would keep it. */
class LastByIdTest {
  private static final Scope SCOPE = new Scope("123456789012", "eu-west-1");

  private static SecurityGroup group(String id, String name) {
    return new SecurityGroup(SCOPE, id, name, "", "vpc-1", "123456789012", Map.of(), List.of(), List.of());
  }

  @Test
  void lastReadWinsAndIdsAreSorted() {
    List<SecurityGroup> read = List.of(group("sg-b", "first b"), group("sg-a", "first a"), group("sg-b", "second b"),
        group("sg-c", "only c"), group("sg-a", "second a"), group("sg-b", "third b"));
    List<SecurityGroup> kept = InventoryAssembler.lastById(read);
    assertEquals(List.of("sg-a", "sg-b", "sg-c"), kept.stream().map(SecurityGroup::id).toList());
    assertEquals(List.of("second a", "third b", "only c"), kept.stream().map(SecurityGroup::name).toList());
  }

  @Test
  void noneAndOne() {
    assertEquals(List.of(), InventoryAssembler.lastById(List.of()));
    assertEquals(List.of(group("sg-a", "a")), InventoryAssembler.lastById(List.of(group("sg-a", "a"))));
  }
}
