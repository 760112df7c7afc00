package dev.postern.collect;

import dev.postern.model.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * The AWS CLI's config and credentials files, found as the AWS CLI finds them (AWS_CONFIG_FILE,
 * AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials) in the environment
 * postern was given, and the profile a scan uses: {@code --profile}, else AWS_PROFILE, else
 * {@code default}. Parsed by the SDK's own profile parser.
 */
final class AwsProfiles {
  static final String DEFAULT = "default";

  private final String home;
  private final Path config;
  private final Path credentials;
  private final ProfileFile file;
  /** The profile's name, and whether the user named it (flag or AWS_PROFILE) rather than it being the default. */
  final String selected;
  final boolean named;
  /** Named with --profile: then it wins over environment keys, as with the AWS CLI's --profile. */
  final boolean fromFlag;

  AwsProfiles(Optional<String> profileFlag, Map<String, String> env) {
    this.home = env.getOrDefault("HOME", System.getProperty("user.home"));
    this.config = path(env, "AWS_CONFIG_FILE", Path.of(home, ".aws", "config"));
    this.credentials = path(env, "AWS_SHARED_CREDENTIALS_FILE", Path.of(home, ".aws", "credentials"));
    this.file = load();
    String fromEnv = blankToNull(env.get("AWS_PROFILE"));
    this.fromFlag = profileFlag.isPresent();
    this.selected = profileFlag.orElse(fromEnv == null ? DEFAULT : fromEnv);
    this.named = fromFlag || fromEnv != null;
  }

  private Path path(Map<String, String> env, String var, Path otherwise) {
    String v = blankToNull(env.get(var));
    if (v == null) return otherwise;
    return v.startsWith("~/") ? Path.of(home, v.substring(2)) : Path.of(v);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private ProfileFile load() {
    ProfileFile.Aggregator all = ProfileFile.aggregator();
    // Credentials first: where both files define a property, the AWS CLI takes the credentials file's.
    add(all, credentials, ProfileFile.Type.CREDENTIALS);
    add(all, config, ProfileFile.Type.CONFIGURATION);
    return all.build();
  }

  private static void add(ProfileFile.Aggregator all, Path p, ProfileFile.Type type) {
    if (!Files.isRegularFile(p)) return;
    if (!Files.isReadable(p)) throw new BadInputException(p.toString(), "cannot read this AWS " + type.name().toLowerCase() + " file");
    try {
      all.addFile(ProfileFile.builder().content(p).type(type).build());
    } catch (RuntimeException e) {
      throw new BadInputException(p.toString(), "not a valid AWS " + type.name().toLowerCase() + " file: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }

  ProfileFile file() {
    return file;
  }

  Optional<Profile> profile(String name) {
    return file.profile(name);
  }

  /** The selected profile; a profile the user named that does not exist is bad input (the AWS CLI refuses it too). */
  Optional<Profile> selectedProfile() {
    Optional<Profile> p = file.profile(selected);
    if (p.isEmpty() && named) {
      throw new BadInputException(fromFlag ? "--profile " + selected : "AWS_PROFILE=" + selected,
          "no such profile in " + where());
    }
    return p;
  }

  /** The selected profile's region, if it has one. */
  Optional<String> region() {
    return selectedProfile().flatMap(p -> p.property("region")).map(String::trim).filter(r -> !r.isEmpty());
  }

  /** The files looked at, as a user would write them. */
  String where() {
    List<String> files = new ArrayList<>();
    files.add(shown(config));
    files.add(shown(credentials));
    return String.join(" or ", files);
  }

  private String shown(Path p) {
    String s = p.toString();
    return home != null && !home.isEmpty() && s.startsWith(home + "/") ? "~" + s.substring(home.length()) : s;
  }
}
