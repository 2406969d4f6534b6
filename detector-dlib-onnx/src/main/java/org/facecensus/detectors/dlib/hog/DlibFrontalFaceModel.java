package org.facecensus.detectors.dlib.hog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelSource;
import org.facecensus.model.ModelSpec;
import org.facecensus.model.ModelStore;

/**
 * dlib's published HOG frontal face detector, as the C++ header {@code frontal_face_detector.h} of
 * Debian's {@code libdlib-dev} carries it (base64 of dlib's compressed serialisation), and its
 * decoding into a {@link HogModel}.
 *
 * <p>Thread-safety: thread-safe; decoded models are cached per verified file (decoding takes about a
 * second, so every detector on the same file shares one).
 */
public final class DlibFrontalFaceModel {
    /** The pinned header file (dlib 19.24). */
    public static final ModelSpec SPEC = new ModelSpec("dlib-frontal-face-detector", "frontal_face_detector.h",
            new ModelSource.Debian("libdlib-dev", "19.24+dfsg-1", "/usr/include/dlib/image_processing/frontal_face_detector.h"),
            "6de4864e431c5696225ae53501b3b9b5223db800c5354b40d48ad1096a76cd52", 219_037L, "BSL-1.0",
            "dlib 19.24 HOG frontal face detector (5 fHOG filters), as C++ source");

    private static final ConcurrentHashMap<Path, HogModel> CACHE = new ConcurrentHashMap<>();

    private DlibFrontalFaceModel() {
    }

    /** The verified header from {@code store}, decoded and parsed (once per file). */
    public static HogModel load(ModelStore store) {
        Path file = store.require(SPEC);
        return CACHE.computeIfAbsent(file, DlibFrontalFaceModel::read);
    }

    /** The decompressed serialisation bytes of a header file (what dlib's deserialize reads). */
    public static byte[] decode(Path header) {
        try {
            return DlibDecompressor.decodeHeader(Files.readString(header, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read the dlib detector " + header + ": " + e.getMessage()
                    + ". Check its permissions, or delete it and run: facecensus models fetch " + SPEC.name(), e);
        }
    }

    private static HogModel read(Path header) {
        return HogModel.parse(decode(header));
    }
}
