package io.distillwatch.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.distillwatch.event.Signal;
import io.distillwatch.flink.stream.VerdictChange;
import io.distillwatch.node.store.NodeStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver, driven by Selenium):
 * an analyst logs in, opens an alert, reads its evidence, follows the link to its cluster, records a
 * decision and logs out; new alerts appear in the open queue without a reload; markup and script in an
 * account id, a prompt, evidence and link examples render as inert text; axe-core, run in the same
 * browser on every page, finds no serious or critical WCAG 2 A/AA violation; the browser reports no
 * Content-Security-Policy violation or script error. Screenshots go to target/console-screenshots/.
 * Without chromium the test is skipped, unless -Ddistillwatch.requireSharedData=true (CI), where it fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CHROMIUM = Path.of(System.getProperty("distillwatch.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(System.getProperty("distillwatch.chromedriver", "/usr/bin/chromedriver"));
  private static final Path SHOTS = Path.of("target", "console-screenshots");
  private static ConsoleFixture console;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String reason = "no chromium/chromedriver at " + CHROMIUM + " and " + CHROMEDRIVER
          + " (apt-get install -y chromium chromium-driver)";
      if (Boolean.getBoolean("distillwatch.requireSharedData")) {
        fail(reason + ", and -Ddistillwatch.requireSharedData=true asks for every test to run");
      }
      Assumptions.abort(reason);
    }
    console = ConsoleFixture.seeded();
    base = "http://127.0.0.1:" + console.port();
    Files.createDirectories(SHOTS);
    Path profile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chromium-profile");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1280,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // the queue re-renders its rows when it polls for new alerts: an element read mid-render is stale
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (console != null) {
      console.close();
    }
  }

  @Test
  @Order(1)
  void anAnalystLogsInAndSeesTheQueueWithHostileIdsAsText() throws Exception {
    console.server.store().createUser("ana", "analyst", Passwords.hash("analyst password 1"), "test");
    browser.get(base + "/queue");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
    axe("login");
    browser.findElement(By.id("username")).sendKeys("ana");
    browser.findElement(By.id("password")).sendKeys("analyst password 1");
    browser.findElement(By.id("login")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-rows")));
    assertThat(browser.getCurrentUrl()).endsWith("/queue");
    List<String> subjects =
        wait.until(d -> d.findElements(By.cssSelector("#queue-rows a.subject")).stream().map(WebElement::getText).toList());
    assertThat(subjects).contains(ConsoleFixture.HOSTILE, ConsoleFixture.PLAIN, ConsoleFixture.CLUSTER);
    assertThat(browser.findElements(By.cssSelector("#queue-rows img"))).isEmpty();
    assertInert();
    shot("1-queue");
    axe("queue");
  }

  @Test
  @Order(2)
  void newAlertsAppearInTheOpenQueueWithoutAReload() throws Exception {
    String fresh = "acct-new-<b>bold</b>";
    WebElement marker = browser.findElement(By.tagName("h1"));
    synchronized (console.server.history()) {
      console.server.history().recordChange(new VerdictChange("account", fresh, "benign", "distillation", 0.99,
          ConsoleFixture.T0 + 90_000_000L, VerdictChange.signalsJson(List.of(new Signal("volume.requests", 1, 0.9, "many"))), 1));
    }
    wait.until(d -> d.findElements(By.cssSelector("#queue-rows a.subject")).stream().anyMatch(a -> a.getText().equals(fresh)));
    assertThat(marker.isDisplayed()).as("the page was not reloaded").isTrue();
    assertThat(browser.findElement(By.id("queue-status")).getText()).contains("New alerts");
    assertThat(browser.findElements(By.cssSelector("#queue-rows b"))).isEmpty();
    assertInert();
  }

  @Test
  @Order(3)
  void theAccountPageShowsEachSignalsEvidenceContributionAndExamplePromptsAsText() throws Exception {
    wait.until(d -> {
      d.findElements(By.cssSelector("#queue-rows a.subject")).stream()
          .filter(a -> a.getText().equals(ConsoleFixture.HOSTILE)).findFirst()
          .orElseThrow(() -> new org.openqa.selenium.NotFoundException("no queue row for the hostile account yet")).click();
      return true;
    });
    wait.until(ExpectedConditions.textToBe(By.id("subject-id"), ConsoleFixture.HOSTILE));
    WebElement row = browser.findElement(By.cssSelector("tr[data-signal='structure.template_concentration']"));
    assertThat(row.getText()).contains("+0.550").contains("93% of prompts share the skeleton \"<b>solve</b>");
    assertThat(browser.findElement(By.cssSelector("tr[data-signal='damper.verified_org']")).getText()).contains("-0.100");
    assertThat(row.findElements(By.cssSelector("q.prompt")).get(0).getText()).isEqualTo(ConsoleFixture.HOSTILE_PROMPT);
    assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
    wait.until(d -> Boolean.TRUE.equals(js("var c = document.getElementById('activity-chart'); return !!(window.Chart && Chart.getChart(c));")));
    assertInert();
    shot("2-account");
    axe("account");
  }

  @Test
  @Order(4)
  void theEvidenceLeadsToTheClusterGraph() throws Exception {
    browser.findElement(By.cssSelector("a.to-cluster")).click();
    wait.until(ExpectedConditions.textToBe(By.id("subject-id"), ConsoleFixture.CLUSTER));
    wait.until(d -> !d.findElements(By.cssSelector("#cluster-graph canvas")).isEmpty());
    assertThat(browser.findElement(By.cssSelector("table.members")).getText())
        .contains(ConsoleFixture.HOSTILE, ConsoleFixture.PLAIN, ConsoleFixture.THIRD);
    assertThat(browser.findElement(By.cssSelector("table.links")).getText()).contains("payment_fp").contains("<i>fp</i>");
    assertInert();
    shot("3-cluster");
    axe("cluster");
  }

  @Test
  @Order(5)
  void aDecisionIsRecordedAuditedAndExportedAsLabels() throws Exception {
    browser.findElement(By.cssSelector("input[name='decision'][value='confirmed_distillation']")).click();
    browser.findElement(By.id("reason")).sendKeys("one template, one card, 9k requests/day");
    browser.findElement(By.id("decide")).click();
    wait.until(ExpectedConditions.textToBe(By.id("case-decision"), "confirmed distillation"));
    assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("ana").contains("case.decide");
    shot("4-decided");
    List<JsonNode> labels = new ArrayList<>();
    for (String line : LabelsExport.jsonl(console.server.store().decisions(),
        c -> console.server.store().members(c).stream().map(m -> m.account()).toList()).split("\n")) {
      labels.add(JSON.readTree(line));
    }
    assertThat(labels).extracting(l -> l.get("account").asText())
        .containsExactlyInAnyOrder(ConsoleFixture.HOSTILE, ConsoleFixture.PLAIN, ConsoleFixture.THIRD);
    assertThat(labels).allSatisfy(l -> {
      assertThat(l.get("label").asText()).isEqualTo("distillation");
      assertThat(l.get("by").asText()).isEqualTo("ana");
    });
  }

  @Test
  @Order(6)
  void theOtherPagesPassAxeAndShowTheirEmptyStates() throws Exception {
    for (String page : List.of("sharing", "screening", "help", "tokens")) {
      browser.get(base + "/" + page);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
      if (!page.equals("help") && !page.equals("tokens")) {
        assertThat(browser.findElement(By.cssSelector(".empty a")).getAttribute("href")).contains("/help#" + page);
      }
      axe(page);
    }
    shot("5-sharing-empty");
  }

  @Test
  @Order(7)
  void loggingOutEndsTheSession() throws Exception {
    browser.get(base + "/queue");
    browser.findElement(By.id("logout")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
    browser.get(base + "/queue");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login")));
    assertThat(browser.getCurrentUrl()).contains("/login");
    shot("6-logged-out");
    assertNoCspViolationOrScriptError();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  /** Nothing planted in the data ran. */
  private static void assertInert() {
    assertThat(js("return window.__pwned === undefined;")).isEqualTo(true);
  }

  private static void shot(String name) throws Exception {
    Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    Files.writeString(SHOTS.resolve(name + ".html"), browser.getCurrentUrl() + "\n" + browser.getPageSource());
  }

  /** Runs axe-core on the current page; fails on any serious or critical WCAG 2.0/2.1 A or AA violation. */
  private static void axe(String page) throws Exception {
    String source;
    try (InputStream in = ConsoleBrowserIT.class.getResourceAsStream("/axe/axe-4.14.1.min.js")) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    js(source);
    Object result = ((JavascriptExecutor) browser).executeAsyncScript(
        "var done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
            + ".then(function (r) { done(JSON.stringify(r.violations.map(function (v) {"
            + "  return {id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })};"
            + "}))); }).catch(function (e) { done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])); });");
    JsonNode violations = JSON.readTree((String) result);
    Files.writeString(SHOTS.resolve("axe-" + page + ".json"), violations.toPrettyString());
    List<String> serious = new ArrayList<>();
    violations.forEach(v -> {
      if (v.path("impact").asText().equals("serious") || v.path("impact").asText().equals("critical")) {
        serious.add(v.toString());
      }
    });
    assertThat(serious).as("axe on " + page).isEmpty();
  }

  private static void assertNoCspViolationOrScriptError() {
    List<String> problems = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      String m = e.getMessage();
      if (m.contains("Content Security Policy") || (e.getLevel().intValue() >= Level.SEVERE.intValue() && !m.contains("favicon"))) {
        problems.add(m);
      }
    }
    assertThat(problems).isEmpty();
  }
}
