package io.herald.testing;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for page tests: Debian's headless {@code chromium} driven by its {@code
 * chromedriver} through Selenium, speaking one {@code Accept-Language}, at a desktop (1280 px) or
 * phone (390 px) width. It saves screenshots under {@code target/screenshots/} for a reviewer to
 * look at, and runs axe-core (bundled in its Maven artifact, so offline) inside the page, failing
 * on serious or critical violations. When chromium or chromedriver is missing a test is skipped
 * with a message saying how to install them, except under CI ({@code CI=true}), where {@code
 * .ci/run} installs them and their absence fails the test. Chromium is started without its
 * background network traffic (this machine has no internet) and with a fresh profile each time.
 */
public final class Browser implements AutoCloseable {
  /** Where Debian's packages {@code chromium} and {@code chromium-driver} put their programs. */
  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where screenshots go (the module's build directory, as Maven runs tests in the module). */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
  private static final Duration PAGE_LOAD = Duration.ofSeconds(30);

  /** The widths pages are looked at, with a height to screenshot them at. */
  public enum Width {
    DESKTOP(1280, 800, false),
    PHONE(390, 844, true);

    private final int width;
    private final int height;
    private final boolean mobile;

    Width(int width, int height, boolean mobile) {
      this.width = width;
      this.height = height;
      this.mobile = mobile;
    }

    public int pixels() {
      return width;
    }
  }

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /**
   * A headless chromium whose language setting is {@code languages} (tags in order of preference,
   * {@code uk-UA,uk}; chromium adds the q-values to its {@code Accept-Language}), at desktop width;
   * the test is skipped (failed under CI) when chromium is not installed.
   */
  public static Browser start(String languages) {
    requireChromium();
    Path profile;
    try {
      profile = Files.createTempDirectory("herald-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // tests run as root in CI
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--user-data-dir=" + profile,
        "--window-size=1280,800",
        // headless chromium ignores --lang and the intl.accept_languages preference
        "--accept-lang=" + languages);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
    Browser browser = new Browser(driver, profile);
    browser.width(Width.DESKTOP);
    return browser;
  }

  /**
   * Skips the calling test when chromium or chromedriver is missing here; under CI ({@code
   * CI=true}) fails it instead, since CI installs both and must never pass by skipping.
   */
  public static void requireChromium() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String missing =
        "browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get install chromium chromium-driver (.ci/run does)";
    if ("true".equalsIgnoreCase(System.getenv("CI")) && !present) {
      throw new AssertionError(missing);
    }
    Assumptions.assumeTrue(present, missing);
  }

  /** The Selenium driver, for what this class does not wrap. */
  public WebDriver driver() {
    return driver;
  }

  /** Loads {@code url} and returns once the page has loaded. */
  public Browser open(URI url) {
    driver.get(url.toString());
    return this;
  }

  /** Looks at pages at {@code width} from now on (the viewport of a phone or a desktop window). */
  public Browser width(Width width) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width", width.width,
            "height", width.height,
            "deviceScaleFactor", 1,
            "mobile", width.mobile));
    return this;
  }

  public WebElement find(String cssSelector) {
    return driver.findElement(By.cssSelector(cssSelector));
  }

  public List<WebElement> findAll(String cssSelector) {
    return driver.findElements(By.cssSelector(cssSelector));
  }

  /** The text of the page's body as a person sees it. */
  public String text() {
    return find("body").getText();
  }

  /**
   * How many CSS pixels the page is wider than the viewport (0 when it fits, so a phone never
   * scrolls sideways).
   */
  public long overflowX() {
    Object overflow =
        driver.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    return ((Number) overflow).longValue();
  }

  /** Saves what the viewport shows as {@code target/screenshots/<name>.png}; returns the file. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Saves the page at both widths ({@code <name>-desktop.png}, {@code <name>-phone.png}) and checks
   * at each that it fits the width; the browser stays at desktop width.
   */
  public void screenshots(String name) {
    for (Width width : Width.values()) {
      width(width);
      long overflow = overflowX();
      if (overflow > 0) {
        throw new AssertionError(
            driver.getCurrentUrl()
                + " is "
                + overflow
                + " px wider than a "
                + width.pixels()
                + " px screen");
      }
      screenshot(name + "-" + width.name().toLowerCase(java.util.Locale.ROOT));
    }
    width(Width.DESKTOP);
  }

  /**
   * Runs axe-core on the page as it is now and fails, listing each rule and the elements it found,
   * when any violation is serious or critical (minor and moderate ones are returned, not failed).
   */
  public List<Rule> assertAccessible() {
    Results results = new AxeBuilder().analyze(driver);
    if (results.isErrored()) {
      throw new AssertionError("axe-core failed on " + results.getUrl(), results.getError());
    }
    List<Rule> failing =
        results.getViolations().stream()
            .filter(rule -> FAILING_IMPACTS.contains(rule.getImpact()))
            .toList();
    if (!failing.isEmpty()) {
      throw new AssertionError(
          "accessibility violations on "
              + results.getUrl()
              + ":\n"
              + failing.stream().map(Browser::describe).collect(Collectors.joining("\n")));
    }
    return results.getViolations();
  }

  private static String describe(Rule rule) {
    return "  "
        + rule.getImpact()
        + " "
        + rule.getId()
        + ": "
        + rule.getHelp()
        + " at "
        + rule.getNodes().stream()
            .map(CheckedNode::getTarget)
            .map(String::valueOf)
            .collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile is harmless
      }
    }
  }
}
