package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in headless Chromium (Debian's chromium + chromium-driver): labelling by keyboard, undo,
 * the grid with one face left out. Skipped off CI when /usr/bin/chromium is absent; on CI it fails
 * instead. One screenshot per mode goes to target/.
 */
class LabelPageBrowserTest {

    @TempDir
    Path dir;
    private LabelServer server;
    private CensusFolder census;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void open() throws Exception {
        Chromium.require();
        Path censusDir = TestCensus.copy(dir);
        // As if a face verifier had judged the faces of cards 0 and 3 (the order does not depend on p_face).
        CensusFolder unverified = CensusFolder.read(censusDir);
        List<Card> cards = CardOrder.of(unverified.faces(), CardOrder.seedOf(unverified), CardOrder.DEFAULT_AUDIT_EVERY)
                .cards(0, 4);
        TestCensus.setPFace(censusDir, Map.of(cards.get(0).face().key(), 0.8731, cards.get(3).face().key(), 0.2468));
        census = CensusFolder.read(censusDir);
        server = LabelServer.start(censusDir, 0, CardOrder.DEFAULT_AUDIT_EVERY);
        browser = Chromium.start(dir, 1400, 1000);
        // A bound on waiting for the page's own signals, not a timing assertion.
        wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(server.url());
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
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

    private void press(CharSequence key) {
        new Actions(browser).sendKeys(key).perform();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-busy", "false"));
    }

    private String cardInfo() {
        return browser.findElement(By.id("card-info")).getText();
    }

    private String progress() {
        return browser.findElement(By.id("progress")).getText();
    }

    private Map<FaceKey, LabelEntry> labels() {
        try (LabelStore store = LabelStore.open(census)) {
            return store.currentLabels();
        }
    }

    private void screenshot(String name) throws Exception {
        Path target = Path.of("target", name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void labelsByKeyboardUndoesAndLabelsAGridWithOneFaceLeftOut() throws Exception {
        int total = census.faces().size();
        List<Card> order = CardOrder.of(census.faces(), CardOrder.seedOf(census), CardOrder.DEFAULT_AUDIT_EVERY)
                .cards(0, 1000);
        assertTrue(progress().startsWith("0 / " + total + " labelled"), progress());
        assertEquals("single", browser.findElement(By.id("mode")).getText().toLowerCase());
        WebElement face = browser.findElement(By.id("face"));
        assertEquals(order.get(0).face().key().toString(), face.getAttribute("data-face-id"));
        wait.until(ExpectedConditions.attributeToBe(By.id("artwork"), "data-drawn", order.get(0).face().key().toString()));
        assertTrue(cardInfo().contains(" · verifier: 87 % face · "), cardInfo());
        screenshot("label-single.png");

        press("f");
        assertTrue(progress().startsWith("1 / " + total), progress());
        assertTrue(progress().contains("share of women (audit sample, n=1): 100.0 %"), progress());
        LabelEntry first = labels().get(order.get(0).face().key());
        assertEquals(Label.FEMALE, first.label());
        assertEquals(CardStream.AUDIT, first.stream());
        assertEquals(order.get(1).face().key().toString(), face.getAttribute("data-face-id"), "the next card is shown");
        assertFalse(cardInfo().contains("verifier"), "no p_face, nothing shown: " + cardInfo());

        press("m");
        assertEquals(Label.MALE, labels().get(order.get(1).face().key()).label());
        assertEquals(CardStream.ACTIVE, labels().get(order.get(1).face().key()).stream());
        press("z");
        assertTrue(progress().startsWith("1 / " + total), "undo takes the male label back: " + progress());
        assertFalse(labels().containsKey(order.get(1).face().key()));
        assertEquals(order.get(1).face().key().toString(), face.getAttribute("data-face-id"), "the undone face is shown again");

        // Card 2 gets a label of its own, then is left out of the grid batch: the batch's undo must not touch it.
        press(Keys.ARROW_RIGHT);
        press("u");
        assertEquals(Label.UNKNOWN, labels().get(order.get(2).face().key()).label());
        press(Keys.ARROW_LEFT);
        press(Keys.ARROW_LEFT);
        assertEquals(order.get(1).face().key().toString(), face.getAttribute("data-face-id"));

        press("g");
        assertEquals("grid", browser.findElement(By.id("mode")).getText().toLowerCase());
        List<WebElement> cells = browser.findElements(By.cssSelector("#grid .cell"));
        assertEquals(Math.min(24, order.size() - 1), cells.size());
        assertEquals("verifier: 25 % face", cells.get(2).findElement(By.className("p-face")).getText(), "card 3");
        assertTrue(cells.get(0).findElements(By.className("p-face")).isEmpty(), "card 1 has no p_face");
        WebElement left = cells.get(1);
        left.click();
        assertTrue(left.getAttribute("class").contains("excluded"));
        assertEquals(1, browser.findElements(By.cssSelector("#grid .excluded")).size());
        screenshot("label-grid.png");
        press("m");
        Map<FaceKey, LabelEntry> after = labels();
        FaceKey excluded = order.get(2).face().key();
        assertEquals(Label.UNKNOWN, after.get(excluded).label(), "the face clicked away keeps its own label");
        Set<FaceKey> batch = new HashSet<>();
        for (int p = 1; p < 1 + cells.size(); p++) {
            FaceKey key = order.get(p).face().key();
            if (p != 2 && !key.equals(order.get(0).face().key())) {
                assertEquals(Label.MALE, after.get(key).label(), "card " + p);
                batch.add(key);
            }
        }
        // The grid's cards may show a face twice (an audit card and its active card), so the batch is counted in
        // faces: every male label now is one of the batch's, and the batch is most of the grid.
        assertEquals(batch.size(), after.values().stream().filter(e -> e.label() == Label.MALE).count(),
                "the grid labelled its faces and nothing else: " + batch);
        assertTrue(batch.size() >= cells.size() / 2, "the batch: " + batch);
        assertTrue(progress().contains("male"), progress());
        assertTrue(new File("target/label-grid.png").length() > 0);

        // One z takes back the whole batch, and only it.
        press("z");
        Map<FaceKey, LabelEntry> undone = labels();
        for (FaceKey key : batch) {
            assertFalse(undone.containsKey(key), "z takes back every face of the grid batch: " + key);
        }
        assertEquals(Label.UNKNOWN, undone.get(excluded).label(), "the face left out of the batch is untouched");
        assertEquals(Label.FEMALE, undone.get(order.get(0).face().key()).label(), "the label before is untouched");
        assertEquals(2, undone.size(), undone.toString());
        assertTrue(progress().startsWith("2 / " + total), progress());
        assertEquals(order.get(1).face().key().toString(),
                browser.findElements(By.cssSelector("#grid .cell")).get(0).getAttribute("data-face-id"),
                "the grid shows the undone batch again");
        assertTrue(browser.findElements(By.cssSelector("#grid .cell[class*=labelled-male]")).isEmpty(),
                "no cell still shows the undone label");

        // The next z goes one key further back: the single label of card 2.
        press("z");
        assertFalse(labels().containsKey(excluded));
        assertEquals(1, labels().size());
    }
}
