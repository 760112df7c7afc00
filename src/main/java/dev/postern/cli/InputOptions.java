package dev.postern.cli;

import dev.postern.collect.AwsCliReader;
import dev.postern.collect.Collection;
import dev.postern.collect.SnapshotIo;
import dev.postern.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the account state comes from; shared by {@code scan} and {@code explain}. */
public final class InputOptions {
  static final String DEMO = "postern/demo/demo-snapshot.json";

  static final class Source {
    @Option(names = "--demo", description = "Audit the embedded demo snapshot (four reference architectures).")
    boolean demo;

    @Option(names = "--from-aws-cli", paramLabel = "DIR",
        description = "Read unmodified AWS CLI describe-* JSON outputs from DIR (region sub-folders set the region).")
    Path awsCliDir;

    @Option(names = "--from-snapshot", paramLabel = "FILE", description = "Read a snapshot saved by --save-snapshot.")
    Path snapshot;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Region to audit (repeatable). With --from-aws-cli: region of files outside a region folder.")
  List<String> regions = new ArrayList<>();

  @Option(names = "--save-snapshot", paramLabel = "FILE",
      description = "Also save what was collected (AWS-CLI-shaped answers and errors) to FILE; --from-snapshot replays it.")
  Path saveSnapshot;

  Collection collect() {
    if (source == null) {
      throw new BadInputException("", "no input: use --demo, --from-aws-cli DIR or --from-snapshot FILE");
    }
    Collection c;
    if (source.demo) {
      try (InputStream in = InputOptions.class.getClassLoader().getResourceAsStream(DEMO)) {
        if (in == null) throw new IllegalStateException("demo snapshot missing from the jar");
        c = SnapshotIo.read(in, DEMO);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    } else if (source.awsCliDir != null) {
      c = new AwsCliReader(regions.isEmpty() ? "" : regions.get(0)).read(source.awsCliDir);
    } else {
      if (!Files.isRegularFile(source.snapshot)) throw new BadInputException(source.snapshot.toString(), "snapshot file not found");
      c = SnapshotIo.read(source.snapshot);
    }
    if (saveSnapshot != null) {
      SnapshotIo.write(c, saveSnapshot);
    }
    return c;
  }
}
