package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, for the page tests. Off CI a test is skipped when
 * they are not installed; on CI (where {@code .ci/run} installs them) it fails instead.
 */
final class Chromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** Whether both are installed; skips the test off CI when not. */
    static void require() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (System.getenv("CI") == null) {
            assumeTrue(present, "no /usr/bin/chromium and /usr/bin/chromedriver: apt-get install -y chromium chromium-driver");
        }
        assertTrue(present, "CI must have chromium and chromium-driver (see .ci/run)");
    }

    /** A headless browser with its profile under {@code dir} and a window of the given size. */
    static ChromeDriver start(Path dir, int width, int height) {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(width, height));
        return browser;
    }
}
