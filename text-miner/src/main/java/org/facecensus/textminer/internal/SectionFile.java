package org.facecensus.textminer.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.facecensus.FaceCensusException;

/**
 * Reads the miner's small configuration files: UTF-8 lines, {@code #} comments, {@code [section]}
 * headers. Shared by the lexicon and the term groups so both read the same way.
 *
 * <p>Thread-safety: immutable.
 */
public final class SectionFile {

    /**
     * One content line: its section (lower-case), 1-based line number and trimmed text.
     *
     * <p>Thread-safety: immutable.
     */
    public record Line(String section, int number, String text) {
    }

    private final String source;
    private final List<Line> lines;

    private SectionFile(String source, List<Line> lines) {
        this.source = source;
        this.lines = List.copyOf(lines);
    }

    /** What the file is called in messages: its path, or the resource name. */
    public String source() {
        return source;
    }

    public List<Line> lines() {
        return lines;
    }

    public static SectionFile read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new FaceCensusException("File not found: " + file + "; check the path (print the default with "
                    + "'facecensus mine --print-lexicon' or '--print-groups' and edit a copy).", e);
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a resource bundled with this module. */
    public static SectionFile resource(String name) {
        InputStream in = SectionFile.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new FaceCensusException("Resource " + name + " is missing from the classpath: the facecensus-text-miner "
                    + "jar is incomplete; rebuild or re-download it.");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resourceText(String name) {
        try (InputStream in = SectionFile.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new FaceCensusException("Resource " + name + " is missing from the classpath: rebuild the "
                        + "facecensus-text-miner jar.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SectionFile parse(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Line> lines = new ArrayList<>();
        String section = "";
        int number = 0;
        for (String raw = in.readLine(); raw != null; raw = in.readLine()) {
            number++;
            int hash = raw.indexOf('#');
            String text = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1).strip();
            }
            if (text.isEmpty()) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                section = normalise(text.substring(1, text.length() - 1));
            } else {
                lines.add(new Line(section, number, text));
            }
        }
        return new SectionFile(source, lines);
    }

    /** Lower-case, single spaces: how terms and section names are compared. */
    public static String normalise(String text) {
        return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** An error about one line, saying where and what was expected. */
    public FaceCensusException error(Line line, String expected) {
        return new FaceCensusException(source + " line " + line.number() + " ('" + line.text() + "'): " + expected);
    }
}
