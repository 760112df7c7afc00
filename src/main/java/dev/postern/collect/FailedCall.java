package dev.postern.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.postern.model.BadInputException;
import dev.postern.model.CollectionError;
import dev.postern.model.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call that failed when the capture script ran ({@code <file>.failed.json}, see {@link CaptureScript}),
 * read as the collection error a live scan would have recorded: what the scan could not see, and why.
 */
final class FailedCall {
  private static final Pattern AWS_CODE = Pattern.compile("An error occurred \\(([^)\\s]+)\\)");

  private FailedCall() {}

  static CollectionError read(Path file, Scope scope) {
    JsonNode root;
    try {
      root = AwsJson.READER.readTree(Files.newInputStream(file));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new BadInputException(line > 0 ? file + ":" + line : file.toString(),
          "malformed JSON: " + dev.postern.model.InputText.parserMessage(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInputException(file.toString(), "cannot read: " + e.getMessage(), e);
    }
    JsonNode call = root == null ? null : root.get(CaptureScript.MARKER_KEY);
    if (call == null || !call.isObject() || !text(call, "Service") || !text(call, "Operation") || !text(call, "Command")
        || !text(call, "Message")) {
      throw new BadInputException(file.toString(), "not a failed-call record of the capture script: expected {\""
          + CaptureScript.MARKER_KEY + "\": {\"Service\", \"Operation\", \"Command\", \"Message\"}}");
    }
    String message = call.get("Message").asText().trim();
    Matcher m = AWS_CODE.matcher(message);
    String code = m.find() ? m.group(1) : "CallFailed";
    String about = call.path("About").asText("").trim();
    String said = (about.isEmpty() ? "" : about + ": ") + call.get("Command").asText().trim() + " failed: "
        + (message.isEmpty() ? "no message" : message);
    return new CollectionError(call.get("Service").asText(), scope.region(), scope.account(),
        CaptureScript.canonical(call.get("Operation").asText()), code, Redactor.scrub(said));
  }

  private static boolean text(JsonNode n, String field) {
    return n.get(field) != null && n.get(field).isTextual();
  }
}
