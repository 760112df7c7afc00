package dev.postern.cli;

import dev.postern.collect.CaptureScript;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "capture-script", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Print a POSIX shell script of read-only AWS CLI calls that captures everything 'postern scan' reads"
        + " into DIR/<account>/<region>/, for 'postern scan --from-aws-cli DIR' (no credentials given to postern).",
        "Run it as: postern capture-script --region us-east-1 > capture.sh && sh capture.sh DIR",
        "A call that fails is recorded beside the outputs; the scan then reports it as not collected, with the AWS CLI's"
            + " message. The script needs the permissions of 'postern iam-policy'."})
public final class CaptureScriptCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Region to capture (repeatable; default: the AWS CLI's region when the script runs).")
  List<String> regions = new ArrayList<>();

  @Option(names = "--all-regions", description = "Every region enabled for the account (ec2 describe-regions), when the script runs.")
  boolean allRegions;

  @Override
  public Integer call() {
    String script = CaptureScript.script(regions, allRegions, VersionProvider.version());
    PrintWriter out = parent.console.out();
    out.print(script);
    out.flush();
    return ExitCode.OK.code;
  }
}
