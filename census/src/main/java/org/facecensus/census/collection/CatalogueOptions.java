package org.facecensus.census.collection;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.facecensus.FaceCensusException;

/**
 * How to read a catalogue file: its text encoding and delimiter (each detected when not given) and a
 * {@link ColumnMap}. {@link #DETECT} detects both and maps nothing, which reads what Excel, LibreOffice and
 * most collection systems export; see {@link MetadataFile} for the detection rules.
 *
 * <p>Thread-safety: immutable.
 *
 * @param encoding  the file's encoding, or null to detect it (byte-order mark, else UTF-8 when the bytes
 *                  are valid UTF-8, else Windows-1252)
 * @param delimiter the CSV field separator, or null to detect it among {@code , ; tab |}
 * @param columns   which column holds each catalogue field ({@link ColumnMap#NONE}: their own names)
 */
public record CatalogueOptions(Charset encoding, Character delimiter, ColumnMap columns) {
    /** Detect the encoding and delimiter; read columns by their own names. */
    public static final CatalogueOptions DETECT = new CatalogueOptions(null, null, ColumnMap.NONE);

    public CatalogueOptions {
        Objects.requireNonNull(columns, "columns (ColumnMap.NONE for none)");
        if (delimiter != null) {
            checkDelimiter(delimiter);
        }
    }

    /** These options with the file's encoding set (a byte-order mark still wins: it cannot be mistaken). */
    public CatalogueOptions withEncoding(Charset charset) {
        return new CatalogueOptions(Objects.requireNonNull(charset, "charset"), delimiter, columns);
    }

    /** These options with the CSV delimiter set. */
    public CatalogueOptions withDelimiter(char separator) {
        return new CatalogueOptions(encoding, separator, columns);
    }

    /** These options with a column map. */
    public CatalogueOptions withColumns(ColumnMap map) {
        return new CatalogueOptions(encoding, delimiter, map);
    }

    /** The encoding, when set. */
    public Optional<Charset> encodingIfSet() {
        return Optional.ofNullable(encoding);
    }

    /** The delimiter, when set. */
    public Optional<Character> delimiterIfSet() {
        return Optional.ofNullable(delimiter);
    }

    /**
     * The encoding called {@code name} ({@code UTF-8}, {@code windows-1252}, {@code ISO-8859-1},
     * {@code UTF-16}, {@code MacRoman}, ...).
     *
     * @throws FaceCensusException for a name Java does not know, saying which names work
     */
    public static Charset encodingNamed(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new FaceCensusException("unknown encoding '" + name + "': give a name such as UTF-8, windows-1252 "
                    + "(Excel's 'CSV' on Windows), ISO-8859-1, UTF-16 or x-MacRoman, or leave it out to detect the "
                    + "encoding", e);
        }
    }

    /**
     * The delimiter written as {@code text}: one character ({@code ;}), or {@code tab} / {@code \t},
     * {@code comma}, {@code semicolon}, {@code pipe}.
     *
     * @throws FaceCensusException for anything else
     */
    public static char delimiterNamed(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        char c = switch (t) {
            case "tab", "\\t" -> '\t';
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "pipe" -> '|';
            default -> {
                if (text.length() != 1) {
                    throw new FaceCensusException("delimiter '" + text + "' is not one character: give e.g. ';' "
                            + "(quote it in the shell), tab, comma, semicolon or pipe, or leave it out to detect it");
                }
                yield text.charAt(0);
            }
        };
        checkDelimiter(c);
        return c;
    }

    private static void checkDelimiter(char c) {
        if (c == '"' || c == '\n' || c == '\r') {
            throw new FaceCensusException("a catalogue delimiter cannot be a quote or a line break; give e.g. ',', ';', "
                    + "tab or '|'");
        }
    }
}
