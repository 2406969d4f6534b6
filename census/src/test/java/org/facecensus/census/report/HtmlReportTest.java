package org.facecensus.census.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.facecensus.census.CatalogDate;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;
import org.facecensus.census.stats.CensusFigures;
import org.facecensus.census.stats.CensusStatistics;
import org.facecensus.census.stats.ClassifierErrorRates;
import org.facecensus.census.stats.StatsOptions;
import org.facecensus.classify.Gender;
import org.facecensus.model.ModelInfo;
import org.facecensus.text.DescriptionMiner;
import org.facecensus.text.Mention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report over twelve items whose faces are real UTKFace photos (labelled with the dataset's
 * gender), with catalogue text that tries to inject HTML.
 */
class HtmlReportTest {
    static final String HOSTILE_TITLE = "<script>alert('title')</script> & \"Women\"";
    static final String HOSTILE_TAG = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_ID = "p<b>7</b>";
    static final String HOSTILE_DATE = "</td><iframe src=\"https://example.invalid/\">";

    @TempDir
    static Path out;
    static List<ItemRecord> items;
    static String html;
    static String htmlWithoutCorrection;

    @BeforeAll
    static void render() throws Exception {
        List<UtkFaces.Face> photos = UtkFaces.faces("test").subList(0, 30);
        items = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < 12; i++) {
            String id = i == 7 ? HOSTILE_ID : "poster" + i;
            int faceCount = i % 4; // 0, 1, 2, 3 faces
            List<FaceRecord> faces = new ArrayList<>();
            for (int k = 0; k < faceCount; k++) {
                UtkFaces.Face photo = photos.get(next++);
                String crop = "crops/poster" + i + "_" + k + ".jpg";
                UtkFaces.writeCrop(UtkFaces.crop224(photo), out, crop);
                // Every fifth face stands for an abstention, so all three gallery labels are filled.
                Gender label = next % 5 == 0 ? Gender.UNKNOWN : photo.gender();
                faces.add(new FaceRecord(id, k, 10, 10, 50, 50, 0.9, label, label == Gender.UNKNOWN ? 0.55 : 0.91, crop, ""));
            }
            CatalogDate date = i == 3 ? CatalogDate.unparsed(HOSTILE_DATE) : new CatalogDate("" + (1950 + i * 3), 1950 + i * 3, 1950 + i * 3);
            List<String> tags = i % 2 == 0 ? List.of("worker", HOSTILE_TAG) : List.of("worker");
            ItemMetadata metadata = new ItemMetadata(id, i == 5 ? HOSTILE_TITLE : "Poster " + i, date, "", tags,
                    i % 3 == 0 ? "A female tractor driver <b>smiles</b>." : "", Map.of());
            items.add(new ItemRecord(id, id + ".jpg", metadata, faces, "", ""));
        }
        items.add(new ItemRecord("broken", "broken.jpg", null, List.of(), "Premature end of JPEG <file>", "TRUNCATED"));
        DescriptionMiner miner = new DescriptionMiner() {
            @Override
            public String name() {
                return "hand<i>";
            }

            @Override
            public List<Mention> mine(String description) {
                return List.of(new Mention(Gender.FEMALE, "tractor driver</th><script>", "female tractor driver", 0));
            }
        };
        ClassifierErrorRates rates = new ClassifierErrorRates("faceapi-agegender", 401, 63, 452, 52, "eval<utk>.json");
        RunInfo run = new RunInfo("posters/<collection>", "catalogue.csv", "ssd-mobilenet", "imutils-eyes",
                "faceapi-agegender", "eval.json", List.of(new ModelInfo("age_gender_model", "0.22.2",
                "package face-api age_gender_model", "ab".repeat(32), "MIT")), 2, items.size(), 12.5);
        CensusFigures stats = CensusStatistics.compute(items, new StatsOptions(2, rates, 300, 7, miner));
        html = Files.readString(HtmlReport.write(out, stats, items, run));
        Path plain = out.resolve("plain");
        Files.createDirectories(plain);
        htmlWithoutCorrection = Files.readString(HtmlReport.write(plain,
                CensusStatistics.compute(items, new StatsOptions(2, null, 300, 7, null)), items, run));
    }

    @Test
    void hasEverySection() {
        for (String id : List.of("summary", "decades", "trend", "prominence", "tags", "composition", "descriptions", "gallery",
                "classifier", "run", "limitations", "method")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        assertTrue(html.contains("Share of women per decade") || html.contains("alt=\"Share of women per decade"));
        assertTrue(html.contains("Rogan–Gladen"));
        // The items were made without image sizes, as a census written before sizes were kept.
        assertTrue(html.contains("items have no recorded image size"), "prominence says what it cannot measure");
        assertTrue(html.contains("alt=\"Fitted share of women by year") || html.contains("No trend: "), "trend section");
        assertTrue(html.contains("<h3>Comparisons</h3>"));
        assertTrue(html.contains("age_gender_model") && html.contains("ab".repeat(32)) && html.contains("MIT"));
        assertTrue(html.contains("ssd-mobilenet") && html.contains("imutils-eyes"));
        // Accuracy over decided predictions: (401 + 452) / 968 = 88.1 %.
        assertTrue(html.contains("88.1 %"), "classifier accuracy");
        assertFalse(htmlWithoutCorrection.contains("<section id=\"descriptions\">"));
        assertTrue(htmlWithoutCorrection.contains("No evaluation file was given"));
    }

    @Test
    void escapesCatalogueText() {
        assertFalse(html.contains("<script"), "a script tag got through");
        assertFalse(html.contains("<img src=x"), "an img tag from a tag got through");
        assertFalse(html.contains("<iframe"), "an iframe from a date got through");
        assertFalse(html.contains("<b>7</b>") || html.contains("<b>smiles"), "markup in an id got through");
        assertFalse(html.contains("<i>"), "markup in the miner name got through");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the hostile tag is shown as text");
        assertTrue(html.contains("p&lt;b&gt;7&lt;/b&gt;"), "the hostile id is shown as text");
        assertTrue(html.contains("&lt;/td&gt;&lt;iframe"), "the hostile date is shown as text");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &amp; &quot;Women&quot;"),
                "the hostile title is shown as text in the gallery");
        assertTrue(html.contains("tractor driver&lt;/th&gt;&lt;script&gt;"));
        assertTrue(html.contains("posters/&lt;collection&gt;"));
    }

    @Test
    void embedsNoExternalResource() {
        for (String page : List.of(html, htmlWithoutCorrection)) {
            // The hostile date's URL is there as escaped text, and only there.
            String rest = page.replace("src=&quot;https://example.invalid/&quot;", "");
            assertFalse(rest.contains("http://") || rest.contains("https://"), "an absolute URL");
            assertFalse(page.contains("<iframe") || page.contains("<object") || page.contains("<embed"));
            assertFalse(page.contains("<link") || page.contains("@import") || page.contains("url("), "an external style");
            Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
            int count = 0;
            while (refs.find()) {
                String ref = refs.group(1);
                assertTrue(ref.startsWith("data:image/") || ref.startsWith("#"), "external reference " + ref);
                count++;
            }
            assertTrue(count > 10, "charts, thumbnails and the navigation are there: " + count);
        }
    }

    @Test
    void chartsAndThumbnailsAreRealImages() throws Exception {
        Matcher images = Pattern.compile("src=\"data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int png = 0;
        int jpeg = 0;
        while (images.find()) {
            var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(2))));
            assertTrue(image != null && image.getWidth() > 50, "a decodable image");
            if (images.group(1).equals("png")) {
                png++;
            } else {
                jpeg++;
                assertEquals(96, image.getWidth());
            }
        }
        // faces per decade, share per decade, share per tag, composition, faces per item, mentions per decade
        assertEquals(6, png);
        // 18 faces with crops, all shown (fewer than 24 per label)
        assertEquals(18, jpeg);
    }

    @Test
    void limitationsQuoteThisRunsNumbers() {
        int start = html.indexOf("<section id=\"limitations\">");
        String limits = html.substring(start, html.indexOf("</section>", start));
        // 12 analysed items, 3 of them with no face; 1 of 13 items failed (TRUNCATED).
        assertTrue(limits.contains("1 of 13 items"), limits);
        assertTrue(limits.contains("TRUNCATED 1"), limits);
        assertTrue(limits.contains("3 of 12 analysed items (25.0 %) have no detected face"), limits);
        assertTrue(limits.contains("domain shift"), limits);
        assertTrue(limits.contains("fewer than 30 faces"), limits);
        // The run's detector, ssd-mobilenet, with the webfaces figures its provider carries.
        assertTrue(limits.contains("How many faces ssd-mobilenet misses was measured on photographs"), limits);
        assertTrue(limits.contains("it found 88.7 % of them (83.6 % of the smallest"), limits);
        assertTrue(limits.contains("0.53 false faces per image"), limits);
    }

    @Test
    void sameInputsSameReport() throws Exception {
        Path again = out.resolve("again");
        Files.createDirectories(again.resolve("crops"));
        try (var crops = Files.list(out.resolve("crops"))) {
            for (Path crop : crops.toList()) {
                Files.copy(crop, again.resolve("crops").resolve(crop.getFileName()));
            }
        }
        ClassifierErrorRates rates = new ClassifierErrorRates("faceapi-agegender", 401, 63, 452, 52, "eval<utk>.json");
        RunInfo run = new RunInfo("posters/<collection>", "catalogue.csv", "ssd-mobilenet", "imutils-eyes",
                "faceapi-agegender", "eval.json", List.of(), 2, items.size(), 12.5);
        String first = Files.readString(HtmlReport.write(again, CensusStatistics.compute(items,
                new StatsOptions(2, rates, 300, 7, null)), items, run));
        String second = Files.readString(HtmlReport.write(again, CensusStatistics.compute(items,
                new StatsOptions(2, rates, 300, 7, null)), items, run));
        assertEquals(first, second);
    }

    @Test
    void emptyCollectionStillGetsAReport() throws Exception {
        Path empty = out.resolve("empty");
        RunInfo run = new RunInfo("empty", "", "ssd-mobilenet", "imutils-eyes", "faceapi-agegender", "", List.of(), 1, 0, 0);
        String page = Files.readString(HtmlReport.write(empty,
                CensusStatistics.compute(List.of(), StatsOptions.defaults()), List.of(), run));
        assertTrue(page.contains("<section id=\"limitations\">") && page.contains("No items."));
    }

    @Test
    void runSectionAccountsForTheFilesThatWereNotAnalysed() throws Exception {
        Path dirOut = out.resolve("skipped");
        RunInfo run = new RunInfo("scans", "", "blazeface", "similarity-5pt", "faceapi-agegender", "", List.of(), 1,
                items.size(), 3, "", "", java.util.Map.of(".txt (not an image)", 2, ".heic (unsupported format: HEIF)", 3), 4);
        String page = Files.readString(HtmlReport.write(dirOut, CensusStatistics.compute(items, StatsOptions.defaults()),
                items, run));
        String section = page.substring(page.indexOf("<section id=\"run\">"));
        assertTrue(section.contains("<th>files skipped</th><td>5: 3 .heic (unsupported format: HEIF), 2 .txt (not an image)</td>"),
                section);
        assertTrue(section.contains("<th>pages not analysed</th><td>4 later pages of multi-page TIFFs"), section);
        RunInfo none = new RunInfo("scans", "", "blazeface", "similarity-5pt", "faceapi-agegender", "", List.of(), 1,
                items.size(), 3);
        String plain = Files.readString(HtmlReport.write(dirOut, CensusStatistics.compute(items, StatsOptions.defaults()),
                items, none));
        assertTrue(plain.contains("<th>files skipped</th><td>none</td>"), plain);
        assertFalse(plain.contains("pages not analysed"));
    }

    @Test
    void writesIntoTheOutputFolder() {
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertFalse(Files.exists(out.resolve("report.html.part")));
    }
}
