package org.facecensus.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.facecensus.io.AtomicFiles;

/**
 * The demo's catalogue for the People-Art collection: each artwork's style (its folder, as
 * {@code person_boxes.csv} names it) as a tag, its year where the file name ends in one (WikiArt's
 * names: {@code artist_title-1952.jpg}; 239 of the 476 do), the artist (the name's part before the
 * first '_', where there is one) as designer, and how many whole-person boxes that file draws, so the
 * report can set faces found beside people marked by hand.
 */
final class PeopleArtCatalogue {
    /** A year at the end of the file name, after a hyphen: {@code ...-1952.jpg}. */
    private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("-(1[5-9]\\d\\d|20[0-2]\\d)\\.[A-Za-z]+$");

    private PeopleArtCatalogue() {
    }

    /** The year a file name ends in ({@code "1952"} for {@code x_title-1952.jpg}), or empty. */
    static String year(String file) {
        java.util.regex.Matcher m = YEAR.matcher(file);
        return m.find() ? m.group(1) : "";
    }

    /** The artist's slug before the first '_' of the file name ({@code robert-g-harris}), or empty. */
    static String artist(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1);
        int underscore = name.indexOf('_');
        return underscore > 0 ? name.substring(0, underscore) : "";
    }

    static void write(Path peopleart, Path target) throws IOException {
        Map<String, Integer> boxes = new TreeMap<>();
        Map<String, String> styles = new TreeMap<>();
        Path boxFile = peopleart.resolve("person_boxes.csv");
        if (Files.isRegularFile(boxFile)) {
            try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(boxFile.toFile())) {
                while (rows.hasNext()) {
                    Map<String, String> row = rows.next();
                    String file = row.get("file").replaceFirst("^JPEGImages/", "");
                    boxes.merge(file, 1, Integer::sum);
                    styles.put(file, row.get("style"));
                }
            }
        }
        Path images = peopleart.resolve("JPEGImages");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(images)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new FaceCensusException("no images under " + images + "; is --peopleart the People-Art folder?");
        }
        AtomicFiles.write(target, stream -> {
            try (Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                 SequenceWriter csv = new CsvMapper().writer().writeValues(out)) {
                csv.write(new String[] {"file", "tags", "date", "designer", "person_boxes"});
                for (Path image : files) {
                    String file = images.relativize(image).toString().replace('\\', '/');
                    String folder = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
                    csv.write(new String[] {file, styles.getOrDefault(file, folder), year(file), artist(file),
                            Integer.toString(boxes.getOrDefault(file, 0))});
                }
            }
        });
    }
}
