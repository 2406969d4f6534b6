package org.facecensus.census.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.facecensus.FaceCensusException;
import org.facecensus.census.ItemMetadata;
import org.facecensus.census.SharedPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catalogues as spreadsheets and collection systems export them: byte-order marks, Windows-1252 and UTF-16,
 * semicolons, tabs and pipes, line breaks inside quoted fields, museum column names, .xlsx. Every file is
 * written at test time from real poster-notes records, so the titles carry real accents, dashes and quotes.
 */
class CatalogueExportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Real records whose titles and designers hold é, ç, ñ, –, ’ and “”: all in Windows-1252, not in ASCII. */
    private static final List<String> WESTERN = List.of("85.130.141", "10554", "10617", "85.130.158", "85.130.256");
    private static final Map<String, JsonNode> RECORDS = new LinkedHashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void readRecords() throws IOException {
        for (String line : Files.readAllLines(SharedPhotos.data("poster-notes/records.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode r = JSON.readTree(line);
            RECORDS.put(r.get("id").asText(), r);
        }
    }

    private static JsonNode record(String id) {
        return RECORDS.get(id);
    }

    /** Header id, title, date, designer, tags, then one row per record (tags joined by ';'). */
    private static List<String[]> table(List<String> ids) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "title", "date", "designer", "tags"});
        for (String id : ids) {
            JsonNode r = record(id);
            List<String> tags = new ArrayList<>();
            r.get("tags").forEach(t -> tags.add(t.asText()));
            rows.add(new String[] {id, r.get("title").asText(), r.get("date").asText(), r.get("designer").asText(),
                    String.join(";", tags)});
        }
        return rows;
    }

    /** CSV text with Excel's CRLF line ends. */
    private static String csv(List<String[]> rows, char delimiter) throws IOException {
        StringWriter out = new StringWriter();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withLineSeparator("\r\n");
        try (var writer = new CsvMapper().writer(schema).writeValues(out)) {
            for (String[] row : rows) {
                writer.write(row);
            }
        }
        return out.toString();
    }

    private Path write(String name, byte[] bom, String text, Charset charset) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(bom);
        bytes.write(text.getBytes(charset));
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static void assertRecordsMatch(List<String> ids, MetadataFile read) {
        assertEquals(List.of(), read.errors());
        assertEquals(ids, read.records().stream().map(ItemMetadata::id).toList());
        for (ItemMetadata m : read.records()) {
            JsonNode r = record(m.id());
            assertEquals(r.get("title").asText(), m.title());
            assertEquals(r.get("designer").asText(), m.designer());
            assertEquals(CatalogDates.parse(r.get("date").asText()), m.date());
            assertEquals(r.get("tags").size(), m.tags().size(), m.id());
        }
    }

    @Test
    void utf8ByteOrderMarkIsDroppedSoTheIdColumnIsFound() throws IOException {
        List<String> ids = List.of("c15-748", "85.130.141", "10617"); // Chinese, French, curly quotes
        Path file = write("excel-csv-utf8.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                csv(table(ids), ','), StandardCharsets.UTF_8);

        MetadataFile read = MetadataFile.read(file);

        assertRecordsMatch(ids, read);
        assertEquals(StandardCharsets.UTF_8, read.format().encoding());
        assertTrue(read.format().detection().contains("byte-order mark"), read.format().detection());
        assertFalse(read.records().get(0).extra().keySet().stream().anyMatch(k -> k.contains("\ufeff")));
    }

    @Test
    void windows1252WithSemicolonsKeepsAccentsDashesAndQuotes() throws IOException {
        Path file = write("excel-csv-windows.csv", new byte[0], csv(table(WESTERN), ';'), WINDOWS_1252);

        MetadataFile read = MetadataFile.read(file);

        assertRecordsMatch(WESTERN, read);
        assertEquals("Français, économisez le gaz", read.records().get(0).title());
        assertEquals(WINDOWS_1252, read.format().encoding());
        assertEquals(';', read.format().delimiter());
        assertTrue(read.format().detection().contains("not valid UTF-8"), read.format().detection());
    }

    @Test
    void utf16WithAByteOrderMarkEitherWayAndWithoutOne() throws IOException {
        List<String> ids = List.of("c15-748", "85.130.158", "10554");
        String text = csv(table(ids), '\t'); // Excel's "Unicode Text": UTF-16LE with BOM, tab-separated
        Path le = write("unicode-le.txt", new byte[] {(byte) 0xFF, (byte) 0xFE}, text, StandardCharsets.UTF_16LE);
        Path be = write("unicode-be.csv", new byte[] {(byte) 0xFE, (byte) 0xFF}, text, StandardCharsets.UTF_16BE);
        Path bare = write("unicode-nobom.csv", new byte[0], text, StandardCharsets.UTF_16LE);

        for (Path file : List.of(le, be, bare)) {
            MetadataFile read = MetadataFile.read(file);
            assertRecordsMatch(ids, read);
            assertEquals('\t', read.format().delimiter(), file.toString());
        }
        assertEquals(StandardCharsets.UTF_16LE, MetadataFile.read(le).format().encoding());
        assertEquals(StandardCharsets.UTF_16BE, MetadataFile.read(be).format().encoding());
        assertTrue(MetadataFile.read(bare).format().detection().contains("every other byte zero"));
    }

    /** Titles hold commas ("Français, économisez le gaz"), tags semicolons: the sniffer must respect quotes. */
    @ParameterizedTest
    @ValueSource(chars = {',', ';', '\t', '|'})
    void theDelimiterIsDetected(char delimiter) throws IOException {
        Path file = write("catalogue.csv", new byte[0], csv(table(WESTERN), delimiter), StandardCharsets.UTF_8);

        MetadataFile read = MetadataFile.read(file);

        assertRecordsMatch(WESTERN, read);
        assertEquals(delimiter, read.format().delimiter());
    }

    @Test
    void aSetDelimiterOrExcelsSepLineWinsOverDetection() throws IOException {
        // Every row splits into 2 at ',' (the title's comma) as well as into 5 at ';': the user's word decides.
        List<String[]> rows = List.of(new String[] {"id", "title"},
                new String[] {"85.130.141", record("85.130.141").get("title").asText()});
        Path file = write("two.csv", new byte[0], csv(rows, ';'), StandardCharsets.UTF_8);
        MetadataFile set = MetadataFile.read(file, CatalogueOptions.DETECT.withDelimiter(';'));
        assertEquals("Français, économisez le gaz", set.records().get(0).title());
        assertTrue(set.format().detection().contains("delimiter ';' (set)"), set.format().detection());

        Path withSep = write("sep.csv", new byte[0], "sep=;\r\n" + csv(table(WESTERN), ';'), WINDOWS_1252);
        MetadataFile read = MetadataFile.read(withSep);
        assertRecordsMatch(WESTERN, read);
        assertTrue(read.format().detection().contains("sep= line"), read.format().detection());
    }

    @Test
    void quotedFieldsWithLineBreaksStayOneFieldAndLaterLinesAreCountedRight() throws IOException {
        JsonNode a = record("10617");
        JsonNode b = record("c15-748");
        String notes = a.get("description").asText() + "\n\n" + b.get("description").asText(); // two paragraphs
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "title", "description"});
        rows.add(new String[] {"10617", a.get("title").asText(), notes});
        rows.add(new String[] {"c15-748", b.get("title").asText(), b.get("description").asText()});
        String text = csv(rows, ';') + "broken;row\r\n"; // line 6: the notes took lines 2-4
        Path file = write("notes.csv", new byte[0], text, StandardCharsets.UTF_8);

        MetadataFile read = MetadataFile.read(file);

        assertEquals(2, read.records().size());
        assertEquals(notes, read.records().get(0).description());
        assertEquals(b.get("title").asText(), read.records().get(1).title());
        assertEquals(1, read.errors().size());
        assertEquals(6, read.errors().get(0).line(), read.errors().toString());
        assertTrue(read.errors().get(0).message().contains("2 columns where the header has 3"), read.errors().toString());
    }

    @Test
    void aQuoteNeverClosedIsARowErrorWithItsLineAndTheRowsBeforeItAreKept() throws IOException {
        String text = csv(table(WESTERN.subList(0, 2)), ';') + "c15-748;\"Land and house;1949;\r\n"
                + csv(table(WESTERN.subList(2, 3)), ';').lines().skip(1).findFirst().orElseThrow() + "\r\n";
        Path file = write("unclosed.csv", new byte[0], text, WINDOWS_1252);

        MetadataFile read = MetadataFile.read(file);

        assertEquals(WESTERN.subList(0, 2), read.records().stream().map(ItemMetadata::id).toList());
        assertEquals(1, read.errors().size(), read.errors().toString());
        assertEquals(4, read.errors().get(0).line(), read.errors().toString());
        String message = read.errors().get(0).message();
        // The stray quote is closed by the one that opens the next row's id; the byte after it breaks the row.
        int stop = text.indexOf("\"10617") + 1;
        assertTrue(message.contains("at byte " + stop) && message.contains("never closed"), message);
    }

    @Test
    void aColumnMapReadsAMuseumExport() throws IOException {
        List<String[]> rows = new ArrayList<>();
        // A museum's own names; its "Description" is a physical description, the notes are what we want.
        rows.add(new String[] {"Object number", "Title", "Date made", "Maker", "Keywords", "Description", "Notes"});
        for (String id : WESTERN) {
            JsonNode r = record(id);
            List<String> tags = new ArrayList<>();
            r.get("tags").forEach(t -> tags.add(t.asText()));
            rows.add(new String[] {id, r.get("title").asText(), r.get("date").asText(), r.get("designer").asText(),
                    String.join(";", tags), "lithograph, colour", r.get("description").asText()});
        }
        Path file = write("museum.csv", new byte[0], csv(rows, ';'), WINDOWS_1252);
        ColumnMap map = ColumnMap.parse("id=\"Object number\",date=\"Date made\",designer=Maker,tags=Keywords,"
                + "description=Notes");
        // The same map as the shell passes it (quotes gone) and as a properties file.
        assertEquals(map, ColumnMap.parse("id=Object number,date=Date made,designer=Maker,tags=Keywords,description=Notes"));
        Path properties = Files.writeString(dir.resolve("map.properties"), "# museum export\nid = Object number\n"
                + "date = Date made\ndesigner = Maker\ntags = Keywords\ndescription = Notes\n");
        assertEquals(map, ColumnMap.read(properties));

        MetadataFile read = MetadataFile.read(file, CatalogueOptions.DETECT.withColumns(map));

        assertRecordsMatch(WESTERN, read);
        for (ItemMetadata m : read.records()) {
            assertEquals(record(m.id()).get("description").asText(), m.description());
            assertEquals("lithograph, colour", m.extra().get("description (not mapped)"), m.extra().toString());
        }
    }

    @Test
    void aColumnMapAppliesToJsonLinesToo() throws IOException {
        Path file = Files.write(dir.resolve("records.jsonl"), WESTERN.stream().map(id -> record(id).toString()).toList());

        MetadataFile read = MetadataFile.read(file, CatalogueOptions.DETECT.withColumns(ColumnMap.parse("description=source")));

        for (ItemMetadata m : read.records()) {
            assertEquals(record(m.id()).get("source").asText(), m.description());
            assertEquals(record(m.id()).get("description").asText(), m.extra().getOrDefault("description (not mapped)", ""));
        }
    }

    @Test
    void aMapNamingAMissingColumnSaysWhichAndListsTheFilesColumns() throws IOException {
        Path file = write("museum.csv", new byte[0], csv(table(WESTERN), ';'), WINDOWS_1252);
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> MetadataFile.read(file,
                CatalogueOptions.DETECT.withColumns(ColumnMap.parse("id=\"Object number\""))));
        assertTrue(e.getMessage().contains("'id'") && e.getMessage().contains("'Object number'"), e.getMessage());
        assertTrue(e.getMessage().contains("'id', 'title', 'date', 'designer', 'tags'"), e.getMessage());

        FaceCensusException field = assertThrows(FaceCensusException.class, () -> ColumnMap.parse("datum=\"Date made\""));
        assertTrue(field.getMessage().contains("'datum'") && field.getMessage().contains("'Date made'")
                && field.getMessage().contains("id, file, title, date, designer, tags, description"), field.getMessage());
        assertThrows(FaceCensusException.class, () -> ColumnMap.parse("id=A,id=B"));
        assertThrows(FaceCensusException.class, () -> ColumnMap.parse("Object number"));
    }

    @Test
    void aBadEncodingNameOrAWrongEncodingIsAClearError() throws IOException {
        FaceCensusException name = assertThrows(FaceCensusException.class, () -> CatalogueOptions.encodingNamed("latin-9x"));
        assertTrue(name.getMessage().contains("'latin-9x'") && name.getMessage().contains("windows-1252"), name.getMessage());
        assertEquals(WINDOWS_1252, CatalogueOptions.encodingNamed("Windows-1252"));
        assertEquals('\t', CatalogueOptions.delimiterNamed("tab"));
        assertThrows(FaceCensusException.class, () -> CatalogueOptions.delimiterNamed(";;"));

        // Said to be UTF-8, but written by Excel on Windows: the message points at the first bad byte.
        String text = csv(table(WESTERN), ';');
        Path file = write("windows.csv", new byte[0], text, WINDOWS_1252);
        FaceCensusException wrong = assertThrows(FaceCensusException.class,
                () -> MetadataFile.read(file, CatalogueOptions.DETECT.withEncoding(StandardCharsets.UTF_8)));
        int firstBad = text.indexOf('ç'); // every character before it is ASCII: one byte each
        long line = text.substring(0, firstBad).chars().filter(c -> c == '\n').count() + 1;
        assertTrue(wrong.getMessage().contains("line " + line + ", byte " + firstBad + " (0xE7)"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("--metadata-encoding"), wrong.getMessage());

        // A UTF-8 byte-order mark on Windows-1252 text (two exports joined): the mark is trusted, the bytes named.
        Path joined = write("joined.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text, WINDOWS_1252);
        FaceCensusException damaged = assertThrows(FaceCensusException.class, () -> MetadataFile.read(joined));
        assertTrue(damaged.getMessage().contains("line " + line + ", byte " + (firstBad + 3) + " (0xE7)")
                && damaged.getMessage().contains("byte-order mark"), damaged.getMessage());

        // Set explicitly, a legacy encoding is used as it is.
        MetadataFile latin1 = MetadataFile.read(file, CatalogueOptions.DETECT.withEncoding(StandardCharsets.ISO_8859_1));
        assertEquals("Français, économisez le gaz", latin1.records().get(0).title());
    }

    @Test
    void aWorkbookUnderATextNameIsNamedAsSuch() throws IOException {
        Path file = xlsx(dir.resolve("export.csv"));
        FaceCensusException e = assertThrows(FaceCensusException.class, () -> MetadataFile.read(file));
        assertTrue(e.getMessage().contains("rename it to .xlsx"), e.getMessage());
    }

    @Test
    void readsAnXlsxWorkbooksFirstSheet() throws IOException {
        Path file = xlsx(dir.resolve("museum.xlsx"));

        MetadataFile read = MetadataFile.read(file, CatalogueOptions.DETECT.withColumns(
                ColumnMap.parse("id=\"Object number\",date=\"Date made\",designer=Maker,tags=Keywords")));

        assertEquals(CatalogueFormat.Kind.XLSX, read.format().kind());
        assertEquals(List.of("10554", "85.130.256", "10617"), read.records().stream().map(ItemMetadata::id).toList());
        ItemMetadata spain = read.records().get(0);
        assertEquals(record("10554").get("title").asText(), spain.title()); // "Arriba España ..."
        assertEquals(1938, spain.date().fromYear(), spain.date().toString());
        ItemMetadata france = read.records().get(1);
        assertEquals("circa 1914 - 1918", france.date().raw());
        assertEquals(record("85.130.256").get("designer").asText(), france.designer());
        assertEquals(3, france.tags().size());
        ItemMetadata chile = read.records().get(2);
        assertEquals("1947-08-22", chile.date().raw(), "a date cell, read as an ISO date");
        assertEquals(1947, chile.date().fromYear());
        assertEquals(1, read.errors().size(), read.errors().toString());
        assertEquals(6, read.errors().get(0).line(), "the spreadsheet's row number");
        assertTrue(read.errors().get(0).message().contains("6 columns where the header has 5"), read.errors().toString());

        FaceCensusException e = assertThrows(FaceCensusException.class,
                () -> MetadataFile.read(file, CatalogueOptions.DETECT.withDelimiter(';')));
        assertTrue(e.getMessage().contains("--metadata-delimiter does not apply"), e.getMessage());
    }

    /**
     * A minimal workbook as Excel stores one: shared strings, a numeric object number, a date cell (number
     * format 14), a blank row, and a row with a value right of the last header (row 6).
     */
    private static Path xlsx(Path file) throws IOException {
        List<String> strings = new ArrayList<>();
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        sheet.append("<row r=\"1\">").append(s("A1", "Object number", strings)).append(s("B1", "Title", strings))
                .append(s("C1", "Date made", strings)).append(s("D1", "Maker", strings))
                .append(s("E1", "Keywords", strings)).append("</row>");
        JsonNode spain = record("10554");
        sheet.append("<row r=\"2\"><c r=\"A2\"><v>10554</v></c>").append(s("B2", spain.get("title").asText(), strings))
                .append(s("C2", spain.get("date").asText(), strings)).append("</row>");
        JsonNode france = record("85.130.256");
        sheet.append("<row r=\"3\">").append(s("A3", "85.130.256", strings))
                .append(s("B3", france.get("title").asText(), strings)).append(s("C3", france.get("date").asText(), strings))
                .append(s("D3", france.get("designer").asText(), strings))
                .append(s("E3", "France;poster;World War I", strings)).append("</row>");
        sheet.append("<row r=\"4\"></row>");
        JsonNode chile = record("10617");
        long serial = ChronoUnit.DAYS.between(LocalDate.of(1899, 12, 30), LocalDate.of(1947, 8, 22));
        sheet.append("<row r=\"5\"><c r=\"A5\"><v>10617</v></c>").append(s("B5", chile.get("title").asText(), strings))
                .append("<c r=\"C5\" s=\"1\"><v>").append(serial).append("</v></c>")
                .append(s("D5", chile.get("designer").asText(), strings)).append("</row>");
        sheet.append("<row r=\"6\">").append(s("A6", "c15-748", strings)).append(s("F6", "stray", strings))
                .append("</row></sheetData></worksheet>");
        StringBuilder sst = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"" + strings.size()
                + "\" uniqueCount=\"" + strings.size() + "\">");
        for (String t : strings) {
            sst.append("<si><t xml:space=\"preserve\">").append(xml(t)).append("</t></si>");
        }
        sst.append("</sst>");
        String ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + "</Types>");
        parts.put("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + ns + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        parts.put("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"" + ns + "\">"
                + "<sheets><sheet name=\"Objects\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        parts.put("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"" + ns + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"" + ns + "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"" + ns + "/styles\" Target=\"styles.xml\"/></Relationships>");
        parts.put("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs>"
                + "</styleSheet>");
        parts.put("xl/worksheets/sheet1.xml", sheet.toString());
        parts.put("xl/sharedStrings.xml", sst.toString());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A shared-string cell. */
    private static String s(String ref, String text, List<String> strings) {
        int index = strings.indexOf(text);
        if (index < 0) {
            strings.add(text);
            index = strings.size() - 1;
        }
        return "<c r=\"" + ref + "\" t=\"s\"><v>" + index + "</v></c>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
