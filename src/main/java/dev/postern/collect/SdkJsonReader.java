package dev.postern.collect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads AWS CLI JSON into the SDK v2 response builders through the SDK's own field metadata
 * ({@link SdkField}: the member names the CLI prints, typed setters), token by token, without
 * reflection. It builds the same objects as {@link AwsJson#READER} on well-formed CLI output, much
 * faster; on anything it does not expect (a number written as a string, an odd timestamp, a
 * trailing token) it throws {@link Unexpected} and the caller reads the same bytes with Jackson
 * databind, which either accepts them the same way or says what is wrong and where.
 */
final class SdkJsonReader {
  /** The input is not plain CLI output; read it with databind instead. */
  static final class Unexpected extends RuntimeException {
    Unexpected(String what) {
      super(what, null, false, false);
    }
  }

  private enum Type { STRING, INTEGER, LONG, BOOLEAN, DOUBLE, FLOAT, BIG_DECIMAL, INSTANT, LIST, MAP, POJO, OTHER }

  /** One field of a builder: its setter and how to read its value. */
  private record Field(SdkField<?> field, Type type, Field element) {}

  /** A builder class's fields by member name, and by lower-cased name (databind matches either case). */
  private record Fields(Map<String, Field> exact, Map<String, Field> lower) {
    Field get(String name) {
      Field f = exact.get(name);
      return f != null ? f : lower.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static final Map<Class<?>, Fields> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Reads one whole document (an object, nothing after it) into a new builder and builds it.
   * Equal strings share one instance: a large account repeats the same protocols, CIDRs, account
   * and group ids millions of times, and the model keeps them.
   */
  static SdkPojo read(JsonParser p, Supplier<SdkPojo> newBuilder) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) throw new Unexpected("not an object");
    SdkPojo out = new SdkJsonReader().object(p, newBuilder.get());
    if (p.nextToken() != null) throw new Unexpected("trailing token");
    return out;
  }

  private final StringPool strings = new StringPool();

  private static Fields fields(SdkPojo builder) {
    Fields f = CACHE.get(builder.getClass());
    if (f == null) {
      Map<String, Field> exact = new HashMap<>();
      Map<String, Field> lower = new HashMap<>();
      for (SdkField<?> sf : builder.sdkFields()) {
        Field field = field(sf);
        exact.put(sf.memberName(), field);
        lower.put(sf.memberName().toLowerCase(Locale.ROOT), field);
      }
      f = new Fields(exact, lower);
      CACHE.put(builder.getClass(), f);
    }
    return f;
  }

  private static Field field(SdkField<?> f) {
    MarshallingType<?> m = f.marshallingType();
    if (m == MarshallingType.LIST) return new Field(f, Type.LIST, field(f.getRequiredTrait(ListTrait.class).memberFieldInfo()));
    if (m == MarshallingType.MAP) return new Field(f, Type.MAP, field(f.getRequiredTrait(MapTrait.class).valueFieldInfo()));
    Type t = m == MarshallingType.STRING ? Type.STRING
        : m == MarshallingType.INTEGER ? Type.INTEGER
        : m == MarshallingType.LONG ? Type.LONG
        : m == MarshallingType.BOOLEAN ? Type.BOOLEAN
        : m == MarshallingType.DOUBLE ? Type.DOUBLE
        : m == MarshallingType.FLOAT ? Type.FLOAT
        : m == MarshallingType.BIG_DECIMAL ? Type.BIG_DECIMAL
        : m == MarshallingType.INSTANT ? Type.INSTANT
        : m == MarshallingType.SDK_POJO ? Type.POJO
        : Type.OTHER;
    return new Field(f, t, null);
  }

  /** At START_OBJECT: fills {@code builder} and builds it. */
  private SdkPojo object(JsonParser p, SdkPojo builder) throws IOException {
    Fields fields = fields(builder);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      Field f = fields.get(p.currentName());
      JsonToken v = p.nextToken();
      if (f == null) {
        p.skipChildren();
        continue;
      }
      f.field().set(builder, value(p, v, f));
    }
    if (t != JsonToken.END_OBJECT) throw new Unexpected("unterminated object");
    return (SdkPojo) ((SdkBuilder<?, ?>) builder).build();
  }

  private Object value(JsonParser p, JsonToken t, Field f) throws IOException {
    if (t == JsonToken.VALUE_NULL) return null;
    switch (f.type()) {
      case STRING:
        if (t == JsonToken.VALUE_STRING) return strings.of(p);
        break;
      case INTEGER:
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) return p.getIntValue();
        break;
      case LONG:
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) return p.getLongValue();
        break;
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) return t == JsonToken.VALUE_TRUE;
        break;
      case DOUBLE:
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) return p.getDoubleValue();
        break;
      case FLOAT:
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) return p.getFloatValue();
        break;
      case BIG_DECIMAL:
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) return p.getDecimalValue();
        break;
      case INSTANT:
        if (t == JsonToken.VALUE_STRING) return instant(p.getText());
        break;
      case LIST:
        if (t == JsonToken.START_ARRAY) {
          List<Object> out = new ArrayList<>();
          JsonToken e;
          while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == null || e == JsonToken.VALUE_NULL) throw new Unexpected("null or missing list element");
            out.add(value(p, e, f.element()));
          }
          return out;
        }
        break;
      case MAP:
        if (t == JsonToken.START_OBJECT) {
          Map<String, Object> out = new LinkedHashMap<>();
          JsonToken e;
          while ((e = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NULL) throw new Unexpected("null map value");
            out.put(key, value(p, v, f.element()));
          }
          if (e != JsonToken.END_OBJECT) throw new Unexpected("unterminated map");
          return out;
        }
        break;
      case POJO:
        if (t == JsonToken.START_OBJECT) return object(p, f.field().constructor().get());
        break;
      default:
        break;
    }
    throw new Unexpected(f.field().memberName() + ": " + t);
  }

  /** Timestamps as databind reads them ({@link AwsJson.CliInstant}): none is read by postern, an odd one is left unset. */
  private static Instant instant(String s) {
    return AwsJson.CliInstant.parse(s.trim()).orElse(null);
  }
}
