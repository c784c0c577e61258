package dev.gatehouse.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by the Debian chromedriver. Selenium Manager is bypassed on
 * purpose: it tries to download a driver, which fails on these machines (STACK.md pitfall 7).
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path screenshots;

    public Browser(int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Debian chromium and chromium-driver are required: ./gatehouse test installs them (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().window().setSize(new Dimension(width, height));
        this.screenshots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Waits that survive the page re-rendering itself: see {@link PageWait}. */
    public PageWait await() {
        return new PageWait(driver, PageWait.TIMEOUT);
    }

    /** Lets the page's downloads land in {@code directory} (headless Chromium otherwise refuses them). */
    public void downloadTo(Path directory) {
        driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow",
                "downloadPath", directory.toAbsolutePath().toString()));
    }

    /** Saves the current page as target/screenshots/{name}.png; docs/ui.md shows these. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(screenshots);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Opens a protected page, follows the redirect to Keycloak's login form, signs in and waits to be
     * back on Gatehouse. Demo users' passwords equal their names (dev realm only).
     */
    public void signIn(String url, String username) {
        driver.get(url);
        await().until(d -> d.findElements(org.openqa.selenium.By.id("kc-login")).size() > 0
                || d.findElements(org.openqa.selenium.By.id("currentUser")).size() > 0);
        if (!driver.findElements(org.openqa.selenium.By.id("kc-login")).isEmpty()) {
            driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(username);
            driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(username);
            driver.findElement(org.openqa.selenium.By.id("kc-login")).click();
        }
        await().until(d -> d.getCurrentUrl().startsWith(url.substring(0, url.indexOf('/', 8))));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
