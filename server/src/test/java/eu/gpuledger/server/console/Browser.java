package eu.gpuledger.server.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code scripts/test}
 * installs) driven by Selenium, in one language, for the console's browser tests. It never downloads a browser or a
 * driver: the paths are Debian's, or {@code LEDGER_CHROMIUM} and {@code LEDGER_CHROMEDRIVER}.
 *
 * <p>Each page a test visits can be kept as a screenshot ({@code server/target/console-screenshots/<lang>/}) and
 * judged by axe-core's rules: a serious or critical violation fails the test, naming the rule and the elements.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final String language;

    private Browser(ChromeDriver driver, String baseUrl, String language) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.language = language;
    }

    /** A browser whose person reads {@code language} ("en", "fr"), for the ledger on {@code port}. */
    public static Browser open(int port, String language) {
        Assumptions.assumeFalse("1".equals(System.getenv("LEDGER_SKIP_BROWSER")),
                "SKIPPED: the console's browser tests: LEDGER_SKIP_BROWSER=1");
        String chromium = executable("LEDGER_CHROMIUM", "/usr/bin/chromium");
        String driverPath = executable("LEDGER_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--disable-extensions", "--no-first-run", "--window-size=1280,1100",
                "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language,
                "download.default_directory", downloads().toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driverPath))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
        return new Browser(driver, "http://localhost:" + port, language);
    }

    private static String executable(String variable, String debianPath) {
        String path = System.getenv().getOrDefault(variable, debianPath);
        assertThat(Files.isExecutable(Path.of(path)))
                .as("%s is missing: scripts/test installs Debian's chromium and chromium-driver (or set %s)", path,
                        variable)
                .isTrue();
        return path;
    }

    public static Path downloads() {
        return Path.of("target", "console-downloads").toAbsolutePath();
    }

    public WebDriver driver() {
        return driver;
    }

    public String language() {
        return language;
    }

    /** Opens a console path ("/console/allocations?state=BLOCKED"). */
    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    /** Types into the field of that id (cleared first). */
    public Browser type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Clicks and waits for the next page to be loaded (the old one gone). */
    public Browser submit(String css) {
        WebElement html = driver.findElement(By.tagName("html"));
        find(css).click();
        return nextPage(html);
    }

    /** Waits until the page whose root was {@code html} is gone and the next one is loaded. */
    private Browser nextPage(WebElement html) {
        new WebDriverWait(driver, WAIT).until(d -> {
            try {
                html.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return "complete".equals(driver.executeScript("return document.readyState"));
            }
        });
        return this;
    }

    /** Signs in with a token (development mode's sign-in), landing on the dashboard. */
    public Browser signInWithToken(String token) {
        go("/console/sign-in");
        type("token", token);
        return submit("main form button[type=submit]");
    }

    /** Keeps a picture of the page, as {@code <lang>/<name>.png}. */
    public Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(language).resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return file;
    }

    /** axe-core's rules on the page as it is: no serious or critical violation (WCAG 2.1 A and AA and best practice). */
    public Browser assertAccessible(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                "best-practice")).analyze(driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        assertThat(serious).as("axe on %s (%s): %s", page, language, serious.stream()
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))).isEmpty();
        return this;
    }

    /** The screenshot and the accessibility check of the page shown, under one name. */
    public Browser look(String name) {
        screenshot(name);
        return assertAccessible(name);
    }

    @Override
    public void close() {
        driver.quit();
    }

    // ---- allocations pages (console-allocations) ----

    /** Sets a field's value as a script would (date inputs read typed keys in the browser's own date format). */
    public Browser setValue(String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];",
                driver.findElement(By.id(id)), value);
        return this;
    }

    /** Chooses the option of that value in the select of that id. */
    public Browser choose(String id, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByValue(value);
        return this;
    }

    /** Double-clicks and waits for the next page, as an impatient person does with a submit button. */
    public Browser doubleClickAndWait(String css) {
        WebElement html = driver.findElement(By.tagName("html"));
        new org.openqa.selenium.interactions.Actions(driver).doubleClick(find(css)).perform();
        return nextPage(html);
    }

    /** {@link #look} of the whole page, not only the window's height (the window is made as tall as the page). */
    public Browser lookWhole(String name) {
        org.openqa.selenium.Dimension window = driver.manage().window().getSize();
        long height = ((Number) ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollHeight;")).longValue();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(),
                (int) Math.min(Math.max(height + 120, window.getHeight()), 12_000)));
        try {
            return look(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }
    // --- reports and statements (console/reports, console/statements) ---

    /**
     * A GET of a console path with this browser's cookies (its session), as a click on a download link sends it: the
     * answer's status, headers and bytes, which a headless browser would otherwise write to a file.
     */
    public java.net.http.HttpResponse<byte[]> fetch(String path) {
        String cookies = driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(path.startsWith("http") ? path : baseUrl + path))
                .header("Cookie", cookies).GET().build();
        try (java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
