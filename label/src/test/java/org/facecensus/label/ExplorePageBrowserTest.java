package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in headless Chromium on a made-up census of 90 items ({@link ExploreCensus}), whose every
 * expected figure is counted here from the census's rules: the share of women before and after a filter,
 * the gallery behind a decade bar and behind the central-women cell, the crops loading; and the token and
 * Host checks. Skipped off CI when Chromium is absent, as {@link LabelPageBrowserTest}.
 */
class ExplorePageBrowserTest {
    private static final int ITEMS = 90;

    @TempDir
    Path dir;
    private ExploreServer server;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() throws IOException {
        server = ExploreServer.start(ExploreCensus.write(dir, ITEMS), 0, null, 200);
    }

    private void startBrowser() {
        browser = Chromium.start(dir, 1300, 1000);
        // A bound on waiting for the page's own signals, not a timing assertion.
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** "42.9 %" for the women among the faces of the items {@code keep} selects, as the page writes it. */
    private static String share(IntPredicate keep) {
        int women = 0;
        int all = 0;
        for (int i = 0; i < ITEMS; i++) {
            if (keep.test(i)) {
                for (int j = 0; j < ExploreCensus.faces(i); j++) {
                    women += ExploreCensus.female(i, j) ? 1 : 0;
                    all++;
                }
            }
        }
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * women / all);
    }

    private void waitReady(String query) {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready:" + query));
    }

    private int galleryTotal() {
        wait.until(d -> !d.findElement(By.id("gallery-count")).getText().isEmpty());
        return Integer.parseInt(browser.findElement(By.id("gallery-count")).getAttribute("data-total"));
    }

    @Test
    void filtersDrillDownAndCrops() throws IOException {
        startBrowser();
        browser.get(server.url());
        waitReady("");
        assertEquals(share(i -> true), browser.findElement(By.id("share")).getText());

        new Select(browser.findElement(By.id("f-tag"))).selectByValue("poster");
        waitReady("tag=poster");
        assertEquals(share(i -> ExploreCensus.tag(i).equals("poster")), browser.findElement(By.id("share")).getText());

        // The 1940s bar under the poster filter: every face of poster items dated 1940-1949.
        IntPredicate forties = i -> ExploreCensus.tag(i).equals("poster") && ExploreCensus.year(i) / 10 == 194;
        int expected = 0;
        for (int i = 0; i < ITEMS; i++) {
            expected += forties.test(i) ? ExploreCensus.faces(i) : 0;
        }
        browser.findElement(By.cssSelector("rect.bar[data-cell='decade:1940s']")).click();
        assertEquals(expected, galleryTotal());
        assertEquals("Faces of the 1940s", browser.findElement(By.id("gallery-title")).getText());
        List<WebElement> images = browser.findElements(By.cssSelector("#gallery img"));
        assertEquals(Math.min(expected, 60), images.size());
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return Array.from(document.querySelectorAll('#gallery img')).every(i => i.complete && i.naturalWidth === 16)"));

        // Central women: face 0 of each poster item where it is female (face 0 is always the central figure).
        int counted = 0;
        for (int i = 0; i < ITEMS; i++) {
            counted += ExploreCensus.tag(i).equals("poster") && ExploreCensus.female(i, 0) ? 1 : 0;
        }
        int centralWomen = counted;
        browser.findElement(By.cssSelector("td[data-cell='central:female']")).click();
        wait.until(ExpectedConditions.textToBe(By.id("gallery-title"), "Central figures: women"));
        wait.until(d -> d.findElement(By.id("gallery-count")).getText().startsWith(centralWomen + " faces"));
        assertEquals(centralWomen, galleryTotal());
        Files.write(Path.of("target", "explore-browser.png"), browser.getScreenshotAs(OutputType.BYTES));

        new Select(browser.findElement(By.id("f-designer"))).selectByValue("d1");
        waitReady("tag=poster&designer=d1");
        assertEquals(share(i -> ExploreCensus.tag(i).equals("poster") && i % 4 == 1),
                browser.findElement(By.id("share")).getText());
        browser.findElement(By.id("clear")).click();
        waitReady("");
    }

    @Test
    void tokenAndHostChecks() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/api/figures")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/api/figures?token=wrong")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, client.send(HttpRequest.newBuilder(URI.create(base + "/api/crop/item00000/0")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/api/figures?tag=photo"))
                .header("X-Token", server.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"schema\":\"facecensus-census-stats/2\""), ok.body().substring(0, 80));
        HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create(base + "/api/figures?tag=nothing"))
                .header("X-Token", server.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, none.statusCode(), "a filter that selects nothing is an empty answer, not an error");
        assertTrue(none.body().contains("\"totals\":{\"items\":0,"), none.body().substring(0, 120));
        assertTrue(raw("GET /api/options?token=" + server.token() + " HTTP/1.1\r\nHost: evil.example:" + server.port())
                .startsWith("HTTP/1.1 403"));
        assertTrue(raw("GET /api/options?token=" + server.token() + " HTTP/1.1\r\nHost: localhost:" + server.port())
                .startsWith("HTTP/1.1 200"));
        assertTrue(raw("GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()).startsWith("HTTP/1.1 404"));
        assertEquals(400, client.send(HttpRequest.newBuilder(URI.create(base + "/api/figures?decade=nineteen"))
                .header("X-Token", server.token()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    private String raw(String requestHead) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((requestHead + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
