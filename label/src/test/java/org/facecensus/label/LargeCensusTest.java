package org.facecensus.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 faces (a census folder written by the test: 2,500 items of 4 faces, tiny crops), labelled and
 * paged over HTTP: every face comes up once in the pages, every label is kept. Speed is measured by
 * the benchmarks module's {@code LabelServerBenchmark}, not here.
 */
class LargeCensusTest {
    private static final int ITEMS = 2500;
    private static final int FACES_PER_ITEM = 4;

    @TempDir
    Path dir;

    private Path census() throws Exception {
        Path census = Files.createDirectories(dir.resolve("census"));
        Path crops = Files.createDirectories(census.resolve("crops"));
        Path collection = Files.createDirectories(dir.resolve("collection"));
        Path tiny = dir.resolve("tiny.jpg");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "jpg", tiny.toFile());
        StringBuilder faces = new StringBuilder("item_id,face_index,x,y,width,height,score,gender,probability,crop,error,models\n");
        StringBuilder items = new StringBuilder("item_id,file,faces,tags,year_from,year_to\n");
        for (int i = 0; i < ITEMS; i++) {
            String id = String.format(Locale.ROOT, "item%05d", i);
            items.append(id).append(',').append(id).append(".jpg,4,poster,1950,1959\n");
            for (int j = 0; j < FACES_PER_ITEM; j++) {
                Files.copy(tiny, crops.resolve(id + "_" + j + ".jpg"));
                double p = 0.5 + ((i * 7 + j * 13) % 50) / 100.0;
                faces.append(String.format(Locale.ROOT, "%s,%d,1,2,30,30,0.9,%s,%.4f,crops/%s_%d.jpg,,m%n",
                        id, j, j % 2 == 0 ? "female" : "male", p, id, j));
            }
        }
        Files.writeString(census.resolve("faces.csv"), faces);
        Files.writeString(census.resolve("items.csv"), items);
        Files.writeString(census.resolve("run.json"), new ObjectMapper().createObjectNode()
                .put("collection", collection.toString()).toString());
        return census;
    }

    @Test
    void tenThousandFacesPageAndLabelOverHttp() throws Exception {
        Path census = census();
        try (LabelServer server = LabelServer.start(census, 0, 4)) {
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            Set<String> seen = new HashSet<>();
            int total = Integer.MAX_VALUE;
            for (int from = 0; from < total; from += 100) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/cards?from=" + from + "&count=100")).header("X-Token", server.token()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                JsonNode page = json.readTree(r.body());
                total = page.get("total").asInt();
                page.get("cards").forEach(c -> seen.add(c.get("faceId").asText()));
            }
            assertEquals(ITEMS * FACES_PER_ITEM, seen.size(), "the pages show every face");
            int labels = 200;
            for (int i = 0; i < labels; i++) {
                String body = String.format(Locale.ROOT, "{\"itemId\":\"item%05d\",\"faceIndex\":%d,\"label\":\"female\",\"stream\":\"audit\"}",
                        i, i % FACES_PER_ITEM);
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/api/labels")).header("X-Token", server.token()).POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode());
            }
            assertEquals(labels, server.store().currentLabels().size());
        }
    }
}
