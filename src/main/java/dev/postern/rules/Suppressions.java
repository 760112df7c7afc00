package dev.postern.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.postern.model.BadInputException;
import dev.postern.model.Finding;
import dev.postern.model.RuleInfo;
import dev.postern.model.Status;
import dev.postern.model.Suppression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A suppressions file: accepted risks, each with a reason and an expiry date.
 *
 * <pre>
 * suppressions:
 *   - rule: sg-admin-port-open-to-internet   # name, id (SG-002) or glob (sg-*)
 *     resource: sg-0a1b2c3d                  # id, ARN or glob (arn:aws:ec2:*:123456789012:security-group/*)
 *     reason: bastion host, SSH from the VPN only once SEC-42 lands
 *     expires: 2026-12-31                    # the last day the entry applies
 *     owner: platform-team                   # optional
 *     ticket: SEC-42                         # optional
 * </pre>
 *
 * A top-level list of entries is accepted too. Matching is exact or glob ({@code *} any characters,
 * {@code ?} one), never substring. A matching FAIL becomes SUPPRESSED; once the entry has expired
 * it stays FAIL and a warning names the entry, as it does for entries that match no FAIL.
 */
public final class Suppressions {
  static final Set<String> KEYS = Set.of("rule", "resource", "reason", "expires", "owner", "ticket");
  private static final YAMLFactory YAML = new YAMLFactory();

  private record Entry(Suppression template, Pattern rule, Pattern resource) {}

  /** Findings after suppression, and warnings for the user. */
  public record Outcome(List<Finding> findings, List<String> warnings) {}

  private final List<Entry> entries;

  private Suppressions(List<Entry> entries) {
    this.entries = entries;
  }

  public int size() {
    return entries.size();
  }

  /**
   * Reads {@code file}; {@code rules} are the rules loaded, so that a rule name or id that names
   * none of them is reported as the typo it is. Entries expire when {@code today} is after {@code expires}.
   */
  public static Suppressions load(Path file, List<RuleInfo> rules, LocalDate today) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(file.toString(), "suppressions file not found");
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    return parse(bytes, file.toString(), rules, today);
  }

  public static Suppressions parse(byte[] bytes, String shown, List<RuleInfo> rules, LocalDate today) {
    List<Entry> entries = new ArrayList<>();
    try (JsonParser p = YAML.createParser(bytes)) {
      JsonToken t = p.nextToken();
      if (t == null) return new Suppressions(entries);
      if (t == JsonToken.START_OBJECT) {
        t = p.nextToken();
        if (t == JsonToken.END_OBJECT) return new Suppressions(entries);
        if (!"suppressions".equals(p.currentName())) {
          throw new BadInputException(at(shown, p), "unknown key '" + p.currentName() + "' (expected 'suppressions', a list of entries)");
        }
        t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) return new Suppressions(entries);
        if (t != JsonToken.START_ARRAY) throw new BadInputException(at(shown, p), "'suppressions' must be a list of entries");
        readEntries(p, shown, rules, today, entries);
        t = p.nextToken();
        if (t == JsonToken.FIELD_NAME) {
          throw new BadInputException(at(shown, p), "unknown key '" + p.currentName() + "' (expected 'suppressions' only)");
        }
      } else if (t == JsonToken.START_ARRAY) {
        readEntries(p, shown, rules, today, entries);
      } else {
        throw new BadInputException(at(shown, p), "a suppressions file is a list of entries (or 'suppressions:' and such a list)");
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new BadInputException(line > 0 ? shown + ":" + line : shown, "invalid YAML: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(shown, "cannot read: " + e.getMessage(), e);
    }
    return new Suppressions(entries);
  }

  private static void readEntries(JsonParser p, String shown, List<RuleInfo> rules, LocalDate today, List<Entry> out)
      throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) throw new BadInputException(at(shown, p), "each suppression must be a mapping (rule, resource, reason, expires)");
      String where = at(shown, p);
      Map<String, String> values = new LinkedHashMap<>();
      Map<String, String> lines = new LinkedHashMap<>();
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String keyAt = at(shown, p);
        if (!KEYS.contains(key)) {
          throw new BadInputException(keyAt, "unknown key '" + key + "' (expected rule, resource, reason, expires, owner, ticket)");
        }
        JsonToken v = p.nextToken();
        if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) throw new BadInputException(keyAt, "'" + key + "' must be a single value");
        values.put(key, p.getText().trim());
        lines.put(key, keyAt);
      }
      for (String k : List.of("rule", "resource", "reason", "expires")) {
        if (values.getOrDefault(k, "").isEmpty()) throw new BadInputException(where, "suppression without '" + k + "' (rule, resource, reason and expires are required)");
      }
      LocalDate expires;
      try {
        expires = LocalDate.parse(values.get("expires"));
      } catch (DateTimeParseException e) {
        throw new BadInputException(lines.get("expires"), "'expires' must be a date like 2026-12-31, not '" + values.get("expires") + "'");
      }
      String rule = values.get("rule");
      if (!isGlob(rule) && rules.stream().noneMatch(r -> r.name().equals(rule) || r.id().equalsIgnoreCase(rule))) {
        throw new BadInputException(lines.get("rule"), "unknown rule '" + rule + "' (see 'postern rules list')");
      }
      Suppression s = new Suppression(rule, values.get("resource"), values.get("reason"), expires,
          values.get("owner"), values.get("ticket"), where, expires.isBefore(today));
      out.add(new Entry(s, glob(rule, true), glob(values.get("resource"), false)));
    }
  }

  /** Marks every FAIL that an entry matches (the first entry in file order wins), in a complete scan. */
  public Outcome apply(List<Finding> findings) {
    return apply(findings, true);
  }

  /**
   * Marks every FAIL that an entry matches (the first entry in file order wins). An entry that
   * matches no FAIL is stale only where its resource was judged: in an incomplete scan, an entry
   * with no PASS to show for it may be about data that was not collected, and is kept.
   */
  public Outcome apply(List<Finding> findings, boolean complete) {
    int[] matched = new int[entries.size()];
    boolean[] judged = new boolean[entries.size()];
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      Finding result = f;
      if (f.status() == Status.PASS) {
        for (int i = 0; i < entries.size(); i++) if (matches(entries.get(i), f)) judged[i] = true;
      }
      if (f.status() == Status.FAIL) {
        for (int i = 0; i < entries.size(); i++) {
          if (matches(entries.get(i), f)) {
            matched[i]++;
            result = f.suppressedBy(entries.get(i).template());
            break;
          }
        }
      }
      out.add(result);
    }
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Suppression s = entries.get(i).template();
      if (matched[i] == 0 && !complete && !judged[i]) {
        warnings.add("warning: suppression " + s.label() + " was not evaluated (its data was not collected in this incomplete scan); kept");
      } else if (matched[i] == 0) {
        warnings.add("warning: suppression " + s.label() + " matches no failing finding" + (s.expired() ? " (and expired on " + s.expires() + ")" : "") + "; remove it");
      } else if (s.expired()) {
        warnings.add("warning: suppression " + s.label() + " expired on " + s.expires() + "; its " + matched[i]
            + " finding(s) fail again");
      }
    }
    return new Outcome(out, warnings);
  }

  private static boolean matches(Entry e, Finding f) {
    boolean rule = e.rule().matcher(f.rule().name()).matches() || e.rule().matcher(f.rule().id()).matches();
    boolean resource = e.resource().matcher(f.resource().id()).matches()
        || (!f.resource().arn().isEmpty() && e.resource().matcher(f.resource().arn()).matches());
    return rule && resource;
  }

  static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }

  /** {@code *} any run of characters, {@code ?} one character; everything else literal; whole string. */
  static Pattern glob(String g, boolean ignoreCase) {
    StringBuilder re = new StringBuilder();
    StringBuilder lit = new StringBuilder();
    for (char c : g.toCharArray()) {
      if (c == '*' || c == '?') {
        if (lit.length() > 0) re.append(Pattern.quote(lit.toString()));
        lit.setLength(0);
        re.append(c == '*' ? ".*" : ".");
      } else {
        lit.append(c);
      }
    }
    if (lit.length() > 0) re.append(Pattern.quote(lit.toString()));
    return Pattern.compile(re.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
  }

  private static String at(String shown, JsonParser p) {
    int line = p.currentTokenLocation().getLineNr();
    return line > 0 ? shown + ":" + line : shown;
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
