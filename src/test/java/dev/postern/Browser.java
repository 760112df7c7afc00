package dev.postern;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its own chromedriver by Selenium (Selenium Manager
 * downloads nothing: both binaries are named), with the network cut three ways: a proxy on a dead
 * loopback port, Chromium's background services off, and DevTools' offline emulation. Every request
 * the page makes and every console message are recorded, for the test to assert on. Without
 * Chromium the tests that need it are skipped, except under CI (CI=true), where that fails.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final Path profile;
  private final List<String> requests = new ArrayList<>();
  private final List<String> console = new ArrayList<>();

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Why Chromium cannot run here, if it cannot. Under CI (CI=true) that is a failure, not a reason. */
  public static Optional<String> unavailable() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) return Optional.empty();
    String why = CHROMIUM + " and " + CHROMEDRIVER + " are needed (apt-get install chromium chromium-driver; .ci/run installs them)";
    if ("true".equals(System.getenv("CI"))) Assertions.fail(why + "; under CI=true the browser tests must run, not be skipped");
    System.err.println("SKIPPED " + why);
    return Optional.of(why);
  }

  public static Browser start(int width, int height) throws IOException {
    Path profile = Files.createTempDirectory("postern-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
        "--disable-extensions", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
        // Nothing leaves the machine: every proxied request goes to a closed port (loopback included).
        "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--hide-scrollbars");
    o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.executeCdpCommand("Network.enable", Map.of());
    d.executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", true, "latency", 0, "downloadThroughput", 0, "uploadThroughput", 0));
    return new Browser(d, profile);
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a local file and waits until {@code ready} (a JavaScript expression) is true. */
  public void open(Path file, String ready) {
    drainLogs();
    requests.clear();
    console.clear();
    driver.get(file.toUri().toString());
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + ready + ")")));
    drainLogs();
  }

  public Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Every URL the page asked for since it was opened (DevTools' Network.requestWillBeSent). */
  public List<String> requests() {
    drainLogs();
    return List.copyOf(requests);
  }

  /** Console messages at error level (a CSP violation is one), and uncaught exceptions. */
  public List<String> consoleErrors() {
    drainLogs();
    return List.copyOf(console);
  }

  private void drainLogs() {
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      String m = e.getMessage();
      if (!m.contains("\"Network.requestWillBeSent\"")) continue;
      int at = m.indexOf("\"url\":\"", m.indexOf("\"request\":"));
      if (at > 0) requests.add(m.substring(at + 7, m.indexOf('"', at + 7)));
    }
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) console.add(e.getMessage());
    }
  }

  /** A PNG of one element of the page. */
  public void screenshot(WebElement element, Path png) throws IOException {
    Files.createDirectories(png.getParent());
    driver.executeScript("arguments[0].scrollIntoView(true)", element);
    Files.write(png, element.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var walk = Files.walk(profile)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
