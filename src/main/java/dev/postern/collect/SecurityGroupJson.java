package dev.postern.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.postern.model.GroupRef;
import dev.postern.model.Permission;
import dev.postern.model.Scope;
import dev.postern.model.SecurityGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a part of an AWS CLI {@code describe-security-groups} file ({@code {"SecurityGroups":
 * [...]}}) straight into model security groups. Security groups are nearly all of a large
 * account's bytes, and building SDK objects only to map them costs more than the parsing; so
 * this reader does what {@link InventoryAssembler} does with the SDK objects, field for field,
 * and a test holds the two equal on every captured file and fixture. Anything it does not expect
 * throws {@link SdkJsonReader.Unexpected}, and the part is then read through the SDK objects. So
 * does a value {@link ValueChecks} refuses: the SDK path refuses it too, and says where.
 */
final class SecurityGroupJson {
  private final Scope scope;

  private SecurityGroupJson(Scope scope) {
    this.scope = scope;
  }

  static List<SecurityGroup> read(JsonParser p, Scope scope) throws IOException {
    SecurityGroupJson r = new SecurityGroupJson(scope);
    List<SecurityGroup> out = new ArrayList<>();
    expect(p.nextToken(), JsonToken.START_OBJECT);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (!is(name, "SecurityGroups")) {
        if (known(name, "NextToken")) skipString(v);
        else p.skipChildren();
        continue;
      }
      out.clear(); // the last of duplicate keys wins, as with databind
      if (v == JsonToken.VALUE_NULL) throw new SdkJsonReader.Unexpected("SecurityGroups is null");
      expect(v, JsonToken.START_ARRAY);
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(t, JsonToken.START_OBJECT);
        out.add(r.group(p));
      }
    }
    expect(t, JsonToken.END_OBJECT);
    if (p.nextToken() != null) throw new SdkJsonReader.Unexpected("trailing token");
    return out;
  }

  private SecurityGroup group(JsonParser p) throws IOException {
    String id = null, name = null, description = null, vpc = null, owner = null;
    Map<String, String> tags = new TreeMap<>();
    List<Raw> ingress = List.of();
    List<Raw> egress = List.of();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "GroupId" -> id = text(p, v);
        case "GroupName" -> name = text(p, v);
        case "Description" -> description = text(p, v);
        case "VpcId" -> vpc = string(p, v);
        case "OwnerId" -> owner = string(p, v);
        case "IpPermissions" -> ingress = permissions(p, v);
        case "IpPermissionsEgress" -> egress = permissions(p, v);
        case "Tags" -> tags = tags(p, v);
        case "SecurityGroupArn" -> skipString(v);
        default -> {
          if (known(field, "GroupId", "GroupName", "Description", "VpcId", "OwnerId", "IpPermissions", "IpPermissionsEgress", "Tags",
              "SecurityGroupArn")) {
            throw new SdkJsonReader.Unexpected("field name in another case: " + field);
          }
          p.skipChildren();
        }
      }
    }
    expect(t, JsonToken.END_OBJECT);
    if (id == null) throw new SdkJsonReader.Unexpected("no GroupId");
    return new SecurityGroup(scope, s(id), s(name), s(description), s(vpc), s(owner), tags,
        build(ingress, owner), build(egress, owner));
  }

  /** A permission as read: group pairs keep a null account until the group's owner is known. */
  private record Raw(String protocol, int from, int to, List<String> v4, List<String> v6, List<String[]> pairs,
      List<String> prefixLists) {}

  private List<Raw> permissions(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) return List.of();
    expect(v, JsonToken.START_ARRAY);
    List<Raw> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(t, JsonToken.START_OBJECT);
      String protocol = null;
      int from = InventoryAssembler.ABSENT_FROM, to = InventoryAssembler.ABSENT_TO;
      boolean hasFrom = false, hasTo = false;
      List<String> v4 = List.of(), v6 = List.of(), prefixLists = List.of();
      List<String[]> pairs = List.of();
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken x = p.nextToken();
        switch (field) {
          case "IpProtocol" -> protocol = string(p, x);
          case "FromPort" -> {
            from = port(p, x, InventoryAssembler.ABSENT_FROM);
            hasFrom = x != JsonToken.VALUE_NULL;
          }
          case "ToPort" -> {
            to = port(p, x, InventoryAssembler.ABSENT_TO);
            hasTo = x != JsonToken.VALUE_NULL;
          }
          case "IpRanges" -> v4 = values(p, x, "CidrIp");
          case "Ipv6Ranges" -> v6 = values(p, x, "CidrIpv6");
          case "PrefixListIds" -> prefixLists = values(p, x, "PrefixListId");
          case "UserIdGroupPairs" -> pairs = pairs(p, x);
          default -> {
            if (known(field, "IpProtocol", "FromPort", "ToPort", "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs")) {
              throw new SdkJsonReader.Unexpected("field name in another case: " + field);
            }
            p.skipChildren();
          }
        }
      }
      expect(t, JsonToken.END_OBJECT);
      checkValues(protocol, hasFrom, from, hasTo, to, v4, v6, prefixLists);
      out.add(new Raw(protocol, from, to, v4, v6, pairs, prefixLists));
    }
    return out;
  }

  /** A permission's values as {@link CaptureChecks} checks them on the SDK path; absent strings are read as "" here. */
  private static void checkValues(String protocol, boolean hasFrom, int from, boolean hasTo, int to, List<String> v4,
      List<String> v6, List<String> prefixLists) {
    if (ValueChecks.protocol(protocol) != null || ValueChecks.ports(protocol, hasFrom, from, hasTo, to) != null) {
      throw new SdkJsonReader.Unexpected("invalid protocol or ports");
    }
    for (int i = 0; i < v4.size(); i++) if (ValueChecks.cidrV4(v4.get(i)) != null) throw new SdkJsonReader.Unexpected("invalid CIDR");
    for (int i = 0; i < v6.size(); i++) if (ValueChecks.cidrV6(v6.get(i)) != null) throw new SdkJsonReader.Unexpected("invalid CIDR");
    for (int i = 0; i < prefixLists.size(); i++) if (prefixLists.get(i).isEmpty()) throw new SdkJsonReader.Unexpected("no PrefixListId");
  }

  /** As {@link InventoryAssembler#permissions}, by the same rules, on the values read. */
  private static List<Permission> build(List<Raw> in, String owner) {
    List<Permission> out = new ArrayList<>(in.size());
    for (Raw r : in) {
      List<GroupRef> groups = switch (r.pairs().size()) {
        case 0 -> List.of();
        case 1 -> List.of(ref(r.pairs().get(0), owner));
        default -> r.pairs().stream().map(pair -> ref(pair, owner)).toList();
      };
      out.add(InventoryAssembler.permission(r.protocol(), r.from(), r.to(), r.v4(), r.v6(), groups, r.prefixLists()));
    }
    return out;
  }

  private static GroupRef ref(String[] pair, String owner) {
    return InventoryAssembler.groupRef(pair[1], pair[0], owner);
  }

  /** An array of objects, each reduced to one string field ("" when absent or null). */
  private List<String> values(JsonParser p, JsonToken v, String key) throws IOException {
    if (v == JsonToken.VALUE_NULL) return List.of();
    expect(v, JsonToken.START_ARRAY);
    String one = null;
    List<String> more = null;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(t, JsonToken.START_OBJECT);
      String value = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken x = p.nextToken();
        if (field.equals(key)) value = string(p, x);
        else if (field.equalsIgnoreCase(key)) throw new SdkJsonReader.Unexpected("field name in another case: " + field);
        else if (known(field, "Description")) skipString(x);
        else p.skipChildren();
      }
      expect(t, JsonToken.END_OBJECT);
      value = s(value);
      if (one == null) {
        one = value;
      } else {
        if (more == null) {
          more = new ArrayList<>(4);
          more.add(one);
        }
        more.add(value);
      }
    }
    return one == null ? List.of() : more == null ? List.of(one) : List.copyOf(more);
  }

  /** Group pairs as {account or null, group id}. */
  private List<String[]> pairs(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) return List.of();
    expect(v, JsonToken.START_ARRAY);
    List<String[]> out = new ArrayList<>(1);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(t, JsonToken.START_OBJECT);
      String[] pair = new String[2];
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken x = p.nextToken();
        switch (field) {
          case "UserId" -> pair[0] = string(p, x);
          case "GroupId" -> pair[1] = string(p, x);
          case "GroupName", "Description", "VpcId", "VpcPeeringConnectionId", "PeeringStatus" -> skipString(x);
          default -> {
            if (known(field, "UserId", "GroupId", "GroupName", "Description", "VpcId", "VpcPeeringConnectionId", "PeeringStatus")) {
              throw new SdkJsonReader.Unexpected("field name in another case: " + field);
            }
            p.skipChildren();
          }
        }
      }
      expect(t, JsonToken.END_OBJECT);
      if (pair[1] == null) throw new SdkJsonReader.Unexpected("no GroupId in a group pair");
      out.add(pair);
    }
    return out;
  }

  private Map<String, String> tags(JsonParser p, JsonToken v) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (v == JsonToken.VALUE_NULL) return out;
    expect(v, JsonToken.START_ARRAY);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      expect(t, JsonToken.START_OBJECT);
      String key = null, value = null;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken x = p.nextToken();
        switch (field) {
          case "Key" -> key = text(p, x);
          case "Value" -> value = text(p, x);
          default -> {
            if (known(field, "Key", "Value")) throw new SdkJsonReader.Unexpected("field name in another case: " + field);
            p.skipChildren();
          }
        }
      }
      expect(t, JsonToken.END_OBJECT);
      if (key != null) out.put(key, s(value));
    }
    return out;
  }

  /** A string value or null that recurs across the account (protocol, CIDR, account or group id): pooled. */
  private String string(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) return null;
    if (v != JsonToken.VALUE_STRING) throw new SdkJsonReader.Unexpected("not a string: " + v);
    return strings.of(p);
  }

  private final StringPool strings = new StringPool();

  /** A string value or null, of one resource only (its id, name, description, tags). */
  private static String text(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) return null;
    if (v != JsonToken.VALUE_STRING) throw new SdkJsonReader.Unexpected("not a string: " + v);
    return p.getText();
  }

  /** A string value (or null) postern does not keep: its type is checked, its text never decoded. */
  private static void skipString(JsonToken v) {
    if (v != JsonToken.VALUE_NULL && v != JsonToken.VALUE_STRING) throw new SdkJsonReader.Unexpected("not a string: " + v);
  }

  /** A port as read, {@code absent} for null: unboxed (two per permission, millions in a large account). */
  private static int port(JsonParser p, JsonToken v, int absent) throws IOException {
    if (v == JsonToken.VALUE_NULL) return absent;
    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw new SdkJsonReader.Unexpected("not an int: " + v);
    }
    return p.getIntValue();
  }

  private static void expect(JsonToken actual, JsonToken wanted) {
    if (actual != wanted) throw new SdkJsonReader.Unexpected("expected " + wanted + ", found " + actual);
  }

  /** Databind matches member names in any case: such a name is left to it. */
  private static boolean known(String field, String... names) {
    for (String n : names) if (n.equalsIgnoreCase(field)) return true;
    return false;
  }

  private static boolean is(String field, String name) {
    if (field.equals(name)) return true;
    if (field.equalsIgnoreCase(name)) throw new SdkJsonReader.Unexpected("field name in another case: " + field);
    return false;
  }

  private static String s(String v) {
    return v == null ? "" : v;
  }
}
