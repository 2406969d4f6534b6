package org.facecensus.detectors.dlib.hog;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.facecensus.FaceCensusException;

/**
 * Decodes the detector that dlib ships as C++ source: {@code frontal_face_detector.h} holds base64
 * text of a stream written by dlib's {@code compress_stream::kernel_1ea}, which is an order-4 PPM
 * model (method D escapes, 200,000 context nodes: {@code entropy_decoder_model_kernel_5}) driving a
 * 32-bit range coder ({@code entropy_decoder_kernel_2}), with a marker every 20,000 symbols and a
 * CRC-32 at the end. This is a line-by-line port of those three decoders; unsigned C arithmetic is
 * kept in {@code long} (32-bit coder state) and {@code int} masked to 16 bits (the node counts, which
 * dlib stores as {@code unsigned short}, so their wrap-around must be reproduced).
 *
 * <p>Thread-safety: stateless; every call works on its own decoder state.
 */
public final class DlibDecompressor {
    private static final Pattern SOUT_LINE = Pattern.compile("sout << \"([A-Za-z0-9+/=]*)\";");

    private DlibDecompressor() {
    }

    /** The serialised detector bytes from the text of {@code frontal_face_detector.h}. */
    public static byte[] decodeHeader(String headerText) {
        StringBuilder b64 = new StringBuilder();
        Matcher m = SOUT_LINE.matcher(headerText);
        while (m.find()) {
            b64.append(m.group(1));
        }
        if (b64.length() == 0) {
            throw new FaceCensusException("No base64 detector data found in the dlib header; it is not dlib's"
                    + " frontal_face_detector.h. Fetch it again: facecensus models fetch dlib-frontal-face-detector");
        }
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new FaceCensusException("The base64 text in the dlib header is damaged (" + e.getMessage()
                    + "). Fetch it again: facecensus models fetch dlib-frontal-face-detector", e);
        }
        return decompress(compressed);
    }

    /** Inverse of dlib's {@code compress_stream::kernel_1ea::compress}. */
    public static byte[] decompress(byte[] compressed) {
        RangeDecoder coder = new RangeDecoder(compressed);
        PpmModel model = new PpmModel(coder);
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
        CRC32 crc = new CRC32();
        int count = 0;
        while (true) {
            if (count == 20000) {
                // dlib's encoder writes a known symbol every 20,000 symbols as a cheap integrity check.
                if (coder.target(8000) != 1500) {
                    throw corrupt();
                }
                count = 0;
                coder.decode(1500, 1501);
            }
            ++count;
            int symbol = model.decode();
            if (symbol != PpmModel.EOF_SYMBOL) {
                crc.update(symbol);
                out.write(symbol);
                continue;
            }
            long checksum = 0;
            for (int i = 0; i < 4; i++) {
                checksum = (checksum << 8) | (model.decode() & 0xFF);
            }
            if (checksum != crc.getValue()) {
                throw corrupt();
            }
            return out.toByteArray();
        }
    }

    private static FaceCensusException corrupt() {
        return new FaceCensusException("The compressed dlib detector data fails its checksum. Fetch it again:"
                + " facecensus models fetch dlib-frontal-face-detector");
    }

    /** dlib's {@code entropy_decoder_kernel_2}: a range decoder on 32-bit fixed-point fractions. */
    static final class RangeDecoder {
        private static final long MASK = 0xFFFFFFFFL;
        private final byte[] in;
        private int pos;
        private long low = 1;
        private long high = 0xFFFFFFFFL;
        private long target;
        private long r;

        RangeDecoder(byte[] in) {
            this.in = in;
            for (int i = 0; i < 4; i++) {
                target = (target << 8) | nextByte();
            }
        }

        private int nextByte() {
            // dlib feeds zeros once the stream is exhausted.
            return pos < in.length ? in[pos++] & 0xFF : 0;
        }

        long target(long total) {
            r = ((high - low + 1) & MASK) / total;
            long temp = ((target - low) & MASK) / r;
            return temp < total ? temp : total - 1;
        }

        void decode(long lowCount, long highCount) {
            high = (low + r * highCount - 1) & MASK;
            low = (low + r * lowCount) & MASK;
            r = 0;
            while (true) {
                if ((high & 0xFF000000L) != (low & 0xFF000000L)) {
                    if (((high - low) & MASK) < 0x10000) {
                        if (((high - low) & MASK) > 0x1000) {
                            high >>>= 1;
                            low >>>= 1;
                            high = low = (high + low) & MASK;
                            high = (high + 0xFF) & MASK;
                            low = (low - 0xFF) & MASK;
                        } else {
                            high >>>= 1;
                            low >>>= 1;
                            high = low = (high + low) & MASK;
                        }
                    } else {
                        break;
                    }
                } else {
                    int buf = nextByte();
                    target = (target << 8) & MASK;
                    high = ((high << 8) & MASK) | 0xFF;
                    low = (low << 8) & MASK;
                    if (low == 0) {
                        low = 1;
                    }
                    target |= buf;
                }
            }
        }
    }

    /**
     * dlib's {@code entropy_decoder_model_kernel_5<257, ..., 200000, 4>}: PPM with information
     * inheritance. Nodes live in parallel arrays; index 0 is the root and -1 is dlib's null pointer.
     */
    static final class PpmModel {
        static final int EOF_SYMBOL = 256;
        private static final int ALPHABET = 257;
        private static final int TOTAL_NODES = 200000;
        private static final int ORDER = 4;
        private static final int NIL = -1;
        private static final int ROOT = 0;

        private final RangeDecoder coder;
        private final int[] next = new int[TOTAL_NODES];
        private final int[] child = new int[TOTAL_NODES];
        private final int[] parent = new int[TOTAL_NODES];
        private final int[] symbolOf = new int[TOTAL_NODES];
        private final int[] count = new int[TOTAL_NODES];
        private final int[] total = new int[TOTAL_NODES];
        private final int[] escapes = new int[TOTAL_NODES];
        private final long[] exc = new long[ALPHABET / 32 + 1];
        private final int[] stackN = new int[ORDER + 1];
        private final int[] stackNc = new int[ORDER + 1];
        private int stackSize;
        private boolean excUsed;
        private int nextNode = 1;
        private int cur = ROOT;
        private int curOrder;

        PpmModel(RangeDecoder coder) {
            this.coder = coder;
            child[ROOT] = NIL;
            escapes[ROOT] = 0;
            next[ROOT] = NIL;
            parent[ROOT] = NIL;
            total[ROOT] = 0;
            clearExclusions();
        }

        private void clear() {
            nextNode = 1;
            child[ROOT] = NIL;
            escapes[ROOT] = 0;
            total[ROOT] = 0;
            cur = ROOT;
            curOrder = 0;
            stackSize = 0;
            clearExclusions();
        }

        int decode() {
            int temp = cur;
            cur = NIL;
            int newNode = NIL;
            int localOrder = curOrder;
            int c = 0;
            int t = 0;
            int symbol;
            if (excUsed) {
                clearExclusions();
            }
            while (true) {
                long highCount = 0;
                if (nextNode < TOTAL_NODES) {
                    long totalCount = total[temp];
                    if (totalCount > 0) {
                        if (totalCount > 10000) {
                            scaleCounts(temp);
                            totalCount = total[temp];
                        }
                        if (excUsed) {
                            int n = child[temp];
                            totalCount = escapes[temp];
                            while (true) {
                                if (!isExcluded(symbolOf[n])) {
                                    totalCount += count[n];
                                }
                                if (next[n] == NIL) {
                                    break;
                                }
                                n = next[n];
                            }
                        }
                        long target = coder.target(totalCount);
                        int n = child[temp];
                        int last = NIL;
                        while (true) {
                            if (!isExcluded(symbolOf[n])) {
                                highCount += count[n];
                                exclude(symbolOf[n]);
                            }
                            if (highCount > target || next[n] == NIL) {
                                break;
                            }
                            last = n;
                            n = next[n];
                        }
                        if (highCount > target) {
                            long lowCount = highCount - count[n];
                            if (newNode != NIL) {
                                parent[newNode] = n;
                            }
                            symbol = symbolOf[n];
                            coder.decode(lowCount, highCount);
                            c = count[n] = (count[n] + 8) & 0xFFFF;
                            t = total[temp] = (total[temp] + 8) & 0xFFFF;
                            // move the node to the front of its context set
                            if (last != NIL) {
                                next[last] = next[n];
                                next[n] = child[temp];
                                child[temp] = n;
                            }
                            if (cur == NIL) {
                                if (localOrder < ORDER) {
                                    curOrder = localOrder + 1;
                                    cur = n;
                                } else {
                                    cur = parent[n];
                                    curOrder = localOrder;
                                }
                            }
                            break;
                        }
                        if (newNode != NIL) {
                            parent[newNode] = allocateNode();
                            newNode = parent[newNode];
                        } else {
                            newNode = allocateNode();
                        }
                        next[n] = newNode;
                        coder.decode(highCount, totalCount);
                    } else {
                        if (newNode != NIL) {
                            parent[newNode] = allocateNode();
                            newNode = parent[newNode];
                        } else {
                            newNode = allocateNode();
                        }
                        child[temp] = newNode;
                    }
                    if (cur == NIL && localOrder < ORDER) {
                        cur = newNode;
                        curOrder = localOrder + 1;
                    }
                    child[newNode] = NIL;
                    escapes[newNode] = 0;
                    next[newNode] = NIL;
                    push(newNode, temp);
                    total[newNode] = 0;
                    if (temp != ROOT) {
                        temp = parent[temp];
                        --localOrder;
                        continue;
                    }
                    t = 2056;
                    c = 8;
                    // the order -1 context: every symbol equally likely
                    long target = coder.target(ALPHABET);
                    parent[newNode] = ROOT;
                    coder.decode(target, target + 1);
                    symbol = (int) target;
                    if (cur == NIL) {
                        cur = ROOT;
                        curOrder = 0;
                    }
                    break;
                } else {
                    // out of nodes: dlib throws the tree away and starts again
                    clear();
                    temp = cur;
                    localOrder = curOrder;
                    cur = NIL;
                    newNode = NIL;
                }
            }
            while (stackSize > 0) {
                --stackSize;
                int n = stackN[stackSize];
                int nc = stackNc[stackSize];
                symbolOf[n] = symbol;
                if (total[nc] != 0) {
                    long temp2 = (long) t - c + total[nc] - escapes[nc] - escapes[nc];
                    long tmp = (long) total[nc] * c;
                    // dlib computes temp2 in unsigned long: a negative value wraps to a huge divisor
                    tmp = temp2 < 0 ? 0 : tmp / (temp2 | 1);
                    tmp += 2;
                    if (tmp > 50000) {
                        tmp = 50000;
                    }
                    count[n] = (int) tmp & 0xFFFF;
                    escapes[nc] = (escapes[nc] + 4) & 0xFFFF;
                    total[nc] = (total[nc] + (((int) tmp & 0xFFFF) + 4)) & 0xFFFF;
                } else {
                    count[n] = (3 + 5 * c / (t - c)) & 0xFFFF;
                    escapes[nc] = 4;
                    total[nc] = (count[n] + 4) & 0xFFFF;
                }
                while (total[nc] > 10000) {
                    scaleCounts(nc);
                }
            }
            return symbol;
        }

        private int allocateNode() {
            return nextNode++;
        }

        private void push(int n, int nc) {
            stackN[stackSize] = n;
            stackNc[stackSize] = nc;
            ++stackSize;
        }

        private void exclude(int symbol) {
            excUsed = true;
            exc[symbol >> 5] |= 1L << (symbol & 0x1F);
        }

        private boolean isExcluded(int symbol) {
            return (exc[symbol >> 5] & (1L << (symbol & 0x1F))) != 0;
        }

        private void clearExclusions() {
            excUsed = false;
            java.util.Arrays.fill(exc, 0);
        }

        private void scaleCounts(int node) {
            if (escapes[node] > 1) {
                escapes[node] >>= 1;
            }
            int sum = escapes[node];
            int n = child[node];
            while (n != NIL) {
                if (count[n] > 1) {
                    count[n] >>= 1;
                }
                sum += count[n];
                n = next[n];
            }
            total[node] = sum & 0xFFFF;
        }
    }
}
