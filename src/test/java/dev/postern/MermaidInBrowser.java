package dev.postern;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Mermaid's own verdict on a diagram: Mermaid (its WebJar's bundled dist/mermaid.min.js) loaded into
 * a blank page of {@link Browser}, with its default configuration (500 edges, 50,000 characters),
 * rendering the text as GitHub would. Empty when it renders; else Mermaid's error message.
 */
public final class MermaidInBrowser {
  public static final String VERSION = "11.14.0";
  private final Browser browser;

  private MermaidInBrowser(Browser browser) {
    this.browser = browser;
  }

  /** Opens a blank page beside a copy of mermaid.min.js, in {@code dir}. */
  public static MermaidInBrowser open(Browser browser, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (InputStream in = MermaidInBrowser.class.getClassLoader()
        .getResourceAsStream("META-INF/resources/webjars/mermaid/" + VERSION + "/dist/mermaid.min.js")) {
      if (in == null) throw new IllegalStateException("the mermaid WebJar " + VERSION + " is not on the test class path");
      Files.copy(in, dir.resolve("mermaid.min.js"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path page = dir.resolve("mermaid.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script src=\"mermaid.min.js\"></script></head>"
        + "<body><div id=\"out\"></div></body></html>");
    browser.open(page, "window.mermaid && true");
    browser.js("mermaid.initialize({ startOnLoad: false })");
    return new MermaidInBrowser(browser);
  }

  /** Mermaid's error for this diagram, if it has one (parse and render, as a Markdown viewer does). */
  public Optional<String> error(String diagram) {
    Object r = browser.driver().executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "mermaid.render('postern' + Date.now(), arguments[0]).then(function () { done(''); },"
            + " function (e) { done(String(e && e.message || e)); });",
        diagram);
    String message = String.valueOf(r);
    return message.isEmpty() ? Optional.empty() : Optional.of(message);
  }
}
