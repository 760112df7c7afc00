package dev.postern.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: where scan's defaults come from. Main reads it before picocli parses (the
 * defaults are needed first); it is declared here so that picocli accepts and documents it.
 */
public final class ConfigOption {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Defaults for scan's options from this YAML file (default: ./" + ConfigDefaults.LOCAL_FILE
          + ", else $XDG_CONFIG_HOME/postern/config.yaml). Precedence: flags > POSTERN_<OPTION> environment > config > defaults."
          + " See 'postern config show'.")
  Path config;
}
