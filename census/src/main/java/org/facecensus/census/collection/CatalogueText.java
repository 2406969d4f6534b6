package org.facecensus.census.collection;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.facecensus.FaceCensusException;

/**
 * A catalogue's bytes decoded to text, and the detection rules: a byte-order mark decides (UTF-8, UTF-16
 * LE/BE) and is dropped; else a set encoding is used strictly; else the bytes are UTF-8 when they are valid
 * UTF-8 (text in another 8-bit encoding almost never is), UTF-16 when every other byte of the start is zero,
 * and Windows-1252 otherwise (what Excel writes as "CSV" on Windows; a superset of Latin-1's printable
 * characters, so it never fails).
 *
 * <p>Thread-safety: immutable.
 *
 * @param text     the decoded text, without byte-order mark
 * @param charset  the encoding used
 * @param bomBytes length of the byte-order mark dropped (0 when none)
 * @param how      in words, how the encoding was chosen
 */
record CatalogueText(String text, Charset charset, int bomBytes, String how) {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** The delimiters tried, in order of preference on a tie. */
    static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** Records looked at to choose a delimiter: the header and this many rows after it. */
    private static final int SNIFF_ROWS = 20;
    /**
     * Windows-1252 with the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) read as their
     * Latin-1 control characters, so that a fallback decode cannot fail.
     */
    private static final char[] WINDOWS_1252_TABLE = windows1252Table();

    /**
     * Decodes {@code bytes} of {@code file} (for messages) with {@code encoding}, or detects the encoding
     * when null.
     *
     * @throws FaceCensusException when the bytes are not valid in the set encoding (or a BOM's), naming the
     *                             line, the byte offset and what to do
     */
    static CatalogueText decode(byte[] bytes, Charset encoding, Path file) {
        Charset bom = null;
        int bomLength = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bom = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00) || startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            throw new FaceCensusException("metadata file " + file + " is UTF-32 (by its byte-order mark), which is "
                    + "not read; save it as UTF-8 (Excel: 'CSV UTF-8')");
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            bom = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            bom = StandardCharsets.UTF_16BE;
            bomLength = 2;
        }
        if (bom != null) {
            // A byte-order mark cannot be mistaken; a different --metadata-encoding would only garble the text.
            String how = "byte-order mark" + (encoding != null && !sameFamily(encoding, bom)
                    ? "; the encoding set, " + encoding.name() + ", was not used" : "");
            String advice = "the file starts with a " + bom.name() + " byte-order mark but is not " + bom.name()
                    + " throughout (damaged, or two files joined): save it again as UTF-8 (Excel: 'CSV UTF-8')";
            return new CatalogueText(strict(bytes, bomLength, bom, file, advice), bom, bomLength, how);
        }
        if (encoding != null) {
            return new CatalogueText(strict(bytes, 0, encoding, file, "leave out --metadata-encoding to detect the"
                    + " encoding, or set the file's own (e.g. windows-1252, ISO-8859-1, UTF-8)"), encoding, 0, "set");
        }
        Charset utf16 = utf16WithoutBom(bytes);
        if (utf16 != null) {
            return new CatalogueText(strict(bytes, 0, utf16, file, "it looked like " + utf16.name() + " (every other "
                    + "byte zero) but is not: set --metadata-encoding, or save it again as UTF-8"), utf16, 0,
                    "detected: no byte-order mark, every other byte zero");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new CatalogueText(text, StandardCharsets.UTF_8, 0, "detected: valid UTF-8");
        } catch (CharacterCodingException e) {
            char[] chars = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                chars[i] = WINDOWS_1252_TABLE[bytes[i] & 0xFF];
            }
            return new CatalogueText(new String(chars), WINDOWS_1252, 0, "detected: not valid UTF-8, so Windows-1252;"
                    + " if accents look wrong, set --metadata-encoding, e.g. ISO-8859-2 or x-MacRoman");
        }
    }

    /** The byte offset in the file of the character at {@code charOffset} of {@link #text()}. */
    long byteOffset(long charOffset) {
        int end = (int) Math.max(0, Math.min(charOffset, text.length()));
        return bomBytes + (long) text.substring(0, end).getBytes(charset).length;
    }

    /**
     * The delimiter of the CSV {@code text}: an Excel {@code sep=X} first line if there is one, else the
     * candidate of {@link #DELIMITERS} that splits the header into at least two columns and gives the most
     * of the next {@value #SNIFF_ROWS} records that many columns (quotes respected); on a tie, the one with
     * more header columns, then the earlier one. A file with a single column reads as comma-separated.
     */
    static char sniffDelimiter(String text) {
        Character declared = excelSeparatorLine(text);
        if (declared != null) {
            return declared;
        }
        char best = ',';
        int bestConsistent = -1;
        int bestHeader = 1;
        for (char c : DELIMITERS) {
            List<Integer> counts = fieldCounts(text, c, SNIFF_ROWS + 1);
            if (counts.isEmpty() || counts.get(0) < 2) {
                continue;
            }
            int header = counts.get(0);
            int consistent = (int) counts.stream().skip(1).filter(n -> n == header).count();
            if (consistent > bestConsistent || (consistent == bestConsistent && header > bestHeader)) {
                best = c;
                bestConsistent = consistent;
                bestHeader = header;
            }
        }
        return best;
    }

    /** The X of a first line {@code sep=X}, the hint Excel writes and reads; null when there is none. */
    static Character excelSeparatorLine(String text) {
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).strip();
        if (first.length() == 5 && first.toLowerCase(Locale.ROOT).startsWith("sep=") && first.charAt(4) != '"') {
            return first.charAt(4);
        }
        return null;
    }

    /** Fields per record of the first {@code records} non-blank records, split at {@code delimiter} outside quotes. */
    private static List<Integer> fieldCounts(String text, char delimiter, int records) {
        List<Integer> counts = new ArrayList<>();
        boolean quoted = false;
        int fields = 1;
        boolean blank = true;
        for (int i = 0; i < text.length() && counts.size() < records; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted; // a doubled quote inside quotes toggles twice
                blank = false;
            } else if (!quoted && c == delimiter) {
                fields++;
                blank = false;
            } else if (!quoted && c == '\n') {
                if (!blank) {
                    counts.add(fields);
                }
                fields = 1;
                blank = true;
            } else if (c != '\r' && !Character.isWhitespace(c)) {
                blank = false;
            }
        }
        if (!blank && counts.size() < records) {
            counts.add(fields);
        }
        return counts;
    }

    private static String strict(byte[] bytes, int from, Charset charset, Path file, String advice) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((bytes.length - from) * (double) decoder.maxCharsPerByte()) + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            out.flip();
            long line = out.chars().filter(ch -> ch == '\n').count() + 1;
            StringBuilder shown = new StringBuilder();
            for (int i = at; i < Math.min(bytes.length, at + Math.max(1, result.length())); i++) {
                shown.append(String.format(Locale.ROOT, "%s0x%02X", shown.length() == 0 ? "" : " ", bytes[i] & 0xFF));
            }
            throw new FaceCensusException("cannot read metadata file " + file + " as " + charset.name() + ": line "
                    + line + ", byte " + at + " (" + shown + ") is not " + charset.name() + "; " + advice);
        }
        out.flip();
        return out.toString();
    }

    /** UTF-16LE/BE when the first bytes have a zero in every other position (ASCII text in UTF-16), else null. */
    private static Charset utf16WithoutBom(byte[] bytes) {
        int n = Math.min(bytes.length, 4096) & ~1;
        if (n < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            evenZeros += bytes[i] == 0 ? 1 : 0;
            oddZeros += bytes[i + 1] == 0 ? 1 : 0;
        }
        int pairs = n / 2;
        if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.1) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.1) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean sameFamily(Charset set, Charset bom) {
        return set.equals(bom) || (bom.name().startsWith("UTF-16") && set.name().startsWith("UTF-16"));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static char[] windows1252Table() {
        char[] table = new char[256];
        for (int b = 0; b < 256; b++) {
            try {
                table[b] = WINDOWS_1252.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(new byte[] {(byte) b})).charAt(0);
            } catch (CharacterCodingException e) {
                table[b] = (char) b;
            }
        }
        return table;
    }
}
