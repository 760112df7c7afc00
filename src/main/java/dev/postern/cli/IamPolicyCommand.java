package dev.postern.cli;

import dev.postern.collect.IamPolicy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "iam-policy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Print the least-privilege IAM policy of a live scan: exactly the read-only actions postern calls.",
        "Attach it to the audited identity (or to each role of --role-arn). With --role-arn, a second statement"
            + " lets the caller assume those roles: it belongs to the caller's identity."})
public final class IamPolicyCommand implements Callable<Integer> {
  @ParentCommand PosternCommand parent;

  @Option(names = "--role-arn", paramLabel = "ARN", description = "Role the caller will assume (repeatable).")
  List<String> roleArns = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = parent.console.out();
    out.print(IamPolicy.document(roleArns));
    out.flush();
    return ExitCode.OK.code;
  }
}
