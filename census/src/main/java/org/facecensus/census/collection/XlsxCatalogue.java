package org.facecensus.census.collection;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.facecensus.FaceCensusException;

/**
 * An Excel workbook ({@code .xlsx}) as a catalogue: the first sheet, its first non-empty row as the
 * headers, each later row a record; the row number is the "line" of a row error. Cells are read as text
 * the way Excel shows them where it matters here: whole numbers without ".0" (an object number 1234, a year
 * 1949), cells formatted as dates as {@code yyyy-mm-dd}, which {@link CatalogDates} reads.
 *
 * <p>Read with fastexcel-reader (Apache-2.0; streams the sheet XML; 2.9 MB with aalto-xml,
 * commons-compress and theirs), not Apache POI, whose OOXML stack is tens of megabytes.
 *
 * <p>Thread-safety: stateless.
 */
final class XlsxCatalogue {
    /** A number format that shows a date: it has d or y outside quoted text and [colour]/[locale] parts. */
    private static final Pattern DATE_FORMAT = Pattern.compile("[dy]");

    private XlsxCatalogue() {
    }

    static MetadataFile read(Path file, ColumnMap columns) {
        CatalogueFormat format = new CatalogueFormat(CatalogueFormat.Kind.XLSX, null, null, "first sheet");
        MetadataFile.Collector collector = new MetadataFile.Collector(format);
        MetadataFile.Table table = new MetadataFile.Table(collector, columns, file,
                "a cell right of the last header has a value: give that column a header or clear it");
        try (ReadableWorkbook workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false))) {
            Sheet sheet = workbook.getFirstSheet();
            int width = -1;
            try (Stream<Row> rows = sheet.openStream()) {
                for (Iterator<Row> it = rows.iterator(); it.hasNext(); ) {
                    Row row = it.next();
                    if (width < 0) {
                        String[] header = header(row);
                        if (header.length == 0) {
                            continue;
                        }
                        width = header.length;
                        table.row(row.getRowNum(), header);
                        continue;
                    }
                    table.row(row.getRowNum(), cells(row, width));
                }
            }
            if (!table.hasHeader()) {
                collector.error(1, "empty first sheet: its first row must name the columns (id or file, title, date, ...)");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FaceCensusException fce) {
                throw fce;
            }
            throw new FaceCensusException("cannot read Excel workbook " + file + " (" + e.getMessage() + "); open it in "
                    + "Excel or LibreOffice and save it again as .xlsx, or as 'CSV UTF-8'", e);
        }
        return collector.result();
    }

    /** The header row's texts, up to its last non-empty cell; empty when the row is blank. */
    private static String[] header(Row row) {
        int last = -1;
        for (Cell cell : row) {
            if (cell != null && !text(cell).isBlank()) {
                last = Math.max(last, cell.getColumnIndex());
            }
        }
        String[] header = new String[last + 1];
        for (int i = 0; i <= last; i++) {
            header[i] = row.hasCell(i) && row.getCell(i) != null ? text(row.getCell(i)) : "";
        }
        return header;
    }

    /**
     * The row's cells 0..width-1 as text; longer only when a cell right of the header has a value, so the
     * table reports the row instead of dropping that value.
     */
    private static String[] cells(Row row, int width) {
        int last = width - 1;
        for (Cell cell : row) {
            if (cell != null && cell.getColumnIndex() > last && !text(cell).isBlank()) {
                last = cell.getColumnIndex();
            }
        }
        String[] cells = new String[last + 1];
        for (int i = 0; i <= last; i++) {
            cells[i] = row.hasCell(i) && row.getCell(i) != null ? text(row.getCell(i)) : "";
        }
        return cells;
    }

    static String text(Cell cell) {
        return switch (cell.getType()) {
            case EMPTY -> "";
            case STRING -> cell.asString();
            case BOOLEAN -> String.valueOf(cell.asBoolean()).toUpperCase(Locale.ROOT);
            case NUMBER -> number(cell);
            default -> {
                // A formula's cached value, an error such as #N/A: kept as Excel shows it.
                String raw = cell.getRawValue();
                yield raw == null ? "" : raw;
            }
        };
    }

    private static String number(Cell cell) {
        if (isDateFormat(cell.getDataFormatString())) {
            LocalDateTime date = cell.asDate();
            return date.toLocalTime().toSecondOfDay() == 0 ? date.toLocalDate().toString() : date.toString();
        }
        BigDecimal value = cell.asNumber();
        return value.stripTrailingZeros().toPlainString();
    }

    static boolean isDateFormat(String format) {
        if (format == null) {
            return false;
        }
        String bare = format.replaceAll("\"[^\"]*\"", "").replaceAll("\\[[^]]*]", "").toLowerCase(Locale.ROOT);
        return DATE_FORMAT.matcher(bare).find();
    }
}
