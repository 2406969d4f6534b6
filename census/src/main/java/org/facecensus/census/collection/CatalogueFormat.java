package org.facecensus.census.collection;

import java.nio.charset.Charset;

/**
 * How a catalogue file was read: its kind, encoding and delimiter, and whether each was set or detected
 * (and from what), for the log and for a user wondering why accents look wrong.
 *
 * <p>Thread-safety: immutable.
 *
 * @param kind      CSV (any delimiter), JSON Lines or an Excel workbook
 * @param encoding  the text encoding used; null for XLSX (the workbook says)
 * @param delimiter the CSV field separator; null for JSON Lines and XLSX
 * @param detection in words: how the encoding and delimiter were chosen
 */
public record CatalogueFormat(Kind kind, Charset encoding, Character delimiter, String detection) {
    /** The catalogue file kinds, told apart by extension. */
    public enum Kind {
        /** Delimited text with a header row. */
        CSV,
        /** One JSON object a line. */
        JSON_LINES,
        /** An Excel workbook's first sheet. */
        XLSX
    }

    /** One line for the log, e.g. {@code CSV, encoding windows-1252 (detected: not valid UTF-8), delimiter ';' (...)}. */
    public String describe() {
        return switch (kind) {
            case XLSX -> "Excel workbook (first sheet, first row as headers)";
            case JSON_LINES -> "JSON Lines, " + detection;
            case CSV -> "CSV, " + detection;
        };
    }

    /** How a delimiter is written in messages: {@code ';'}, {@code tab}. */
    static String show(char delimiter) {
        return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
    }
}
