package dev.postern.collect;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * Jackson set up to read AWS CLI JSON straight into SDK v2 response builders (their bean-style
 * setters, matched case-insensitively) and to write those builders back in the CLI's shape.
 */
final class AwsJson {
  /** Reads CLI output; fields postern does not model are ignored, wrong shapes fail. */
  static final ObjectMapper READER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(new JavaTimeModule())
          .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("postern-timestamps")
              .addDeserializer(Instant.class, new CliInstant()))
          .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("whole-numbers").addDeserializer(Integer.class, new WholeNumber()))
          .build();

  /**
   * Timestamps as the AWS CLI v1 and v2 and boto3 print them: ISO 8601 ({@code 2019-06-19T09:16:28.210Z})
   * or a space between date and time ({@code 2020-10-09 06:51:30+00:00}, boto3's {@code str(datetime)}).
   * postern reads no timestamp, so one it cannot parse must not refuse a scan over a field it never
   * reads; numbers are epoch seconds, as databind reads them.
   */
  static final class CliInstant extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<Instant> {
    private static final java.util.regex.Pattern SPACE_BETWEEN = java.util.regex.Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d)");

    CliInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws java.io.IOException {
      if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
        return com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT.deserialize(p, ctxt);
      }
      return parse(p.getText().trim()).orElse(null);
    }

    /** The instant, or empty when the text is no timestamp postern knows (such a field is then left unset). */
    static java.util.Optional<Instant> parse(String text) {
      String iso = SPACE_BETWEEN.matcher(text).replaceFirst("$1T$2");
      try {
        return java.util.Optional.of(java.time.OffsetDateTime.parse(iso).toInstant());
      } catch (java.time.format.DateTimeParseException e) {
        try {
          return java.util.Optional.of(java.time.LocalDateTime.parse(iso).toInstant(java.time.ZoneOffset.UTC));
        } catch (java.time.format.DateTimeParseException again) {
          return java.util.Optional.empty();
        }
      }
    }
  }


  /**
   * An SDK integer (a port, a count) given as a JSON number with a fraction: databind would
   * truncate 1.5 to 1, and a port read so silently matches another port. A whole value written
   * with a fraction (22.0) is still that number.
   */
  private static final class WholeNumber extends com.fasterxml.jackson.databind.deser.std.StdDeserializer<Integer> {
    private static final long serialVersionUID = 1L;
    /** Databind's own reading of everything else (numbers, strings holding numbers, nulls). */
    private static final com.fasterxml.jackson.databind.deser.std.NumberDeserializers.IntegerDeserializer STANDARD =
        new com.fasterxml.jackson.databind.deser.std.NumberDeserializers.IntegerDeserializer(Integer.class, null);

    WholeNumber() {
      super(Integer.class);
    }

    @Override
    public Integer deserialize(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.databind.DeserializationContext ctxt)
        throws java.io.IOException {
      if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT) {
        double d = p.getDoubleValue();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
          return (Integer) ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(), "not a whole number");
        }
        return (int) d;
      }
      return STANDARD.deserialize(p, ctxt);
    }
  }

  /** Writes SDK builders as CLI-shaped JSON (PascalCase, nulls left out). */
  static final ObjectMapper WRITER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .addModule(new JavaTimeModule())
          .build();

  private AwsJson() {}
}
