package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Screenshots of the explorer on a real census, for looking at: runs only with
 * {@code -Dfacecensus.explore.census=CENSUS_DIR -Dfacecensus.explore.shots=DIR} (e.g. the demo's People-Art
 * census), so it never runs on CI. It checks that the page's overall share is the one {@code stats.json}
 * says, then saves the page unfiltered, filtered by a tag, and with the central-women gallery open.
 */
class ExploreDogfoodScreenshots {
    @Test
    void screenshots() throws Exception {
        String census = System.getProperty("facecensus.explore.census");
        String shots = System.getProperty("facecensus.explore.shots");
        assumeTrue(census != null && shots != null, "give -Dfacecensus.explore.census and -Dfacecensus.explore.shots");
        JsonNode stats = new ObjectMapper().readTree(Path.of(census, "stats.json").toFile());
        String expected = String.format(Locale.ROOT, "%.1f %%",
                stats.path("overall").path("shareOfWomen").path("estimate").asDouble() * 100);
        ChromeDriver browser = Chromium.start(Files.createTempDirectory("explore-shots"), 1250, 2300);
        try (ExploreServer server = ExploreServer.start(Path.of(census), 0, null, ExploreServer.DEFAULT_SAMPLES)) {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
            browser.get(server.url());
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready:"));
            assertEquals(expected, browser.findElement(By.id("share")).getText());
            Files.write(Path.of(shots, "explore-all.png"), browser.getScreenshotAs(OutputType.BYTES));
            new Select(browser.findElement(By.id("f-tag"))).selectByValue("PosterArtRealism");
            wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready:tag=PosterArtRealism"));
            Files.write(Path.of(shots, "explore-posterartrealism.png"), browser.getScreenshotAs(OutputType.BYTES));
            browser.findElement(By.cssSelector("td[data-cell='central:female']")).click();
            wait.until(d -> !d.findElement(By.id("gallery-count")).getText().isEmpty());
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return Array.from(document.querySelectorAll('#gallery img')).every(i => i.complete)"));
            Files.write(Path.of(shots, "explore-central-women.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }
}
