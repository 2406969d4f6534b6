package org.facecensus.image;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the image decoder with arbitrary bytes. The only expected failure is {@link ImageLoadException} (any
 * problem): any other exception, an out-of-memory error on a small input or a hang is a finding.
 *
 * <p>Plain {@code mvn test} replays only the seeds and the saved crash inputs in
 * {@code src/test/resources/org/facecensus/image/ImageLoaderFuzzTestInputs/decode/} (seconds);
 * {@code JAZZER_FUZZ=1} fuzzes (README, "Fuzzing").
 */
class ImageLoaderFuzzTest {
    /*
     * A pixel cap well below the default keeps every legitimate decode small, so the fuzzer spends its time on
     * the parsers rather than on allocating large (valid) rasters; the cap itself is part of what is tested.
     */
    private static final ImageLoader LOADER = ImageLoader.defaults().withMaxPixels(1L << 22);

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] data) {
        // decode(bytes) is the same path load(Path) takes after reading the file: no temp file needed.
        for (int page = 0; page < 2; page++) {
            try {
                RgbImage image = LOADER.decode(data, "fuzz-input", page);
                if (image.width() <= 0 || image.height() <= 0) {
                    throw new AssertionError("decoded an empty image: " + image.width() + "x" + image.height());
                }
            } catch (ImageLoadException expected) {
                // A clear refusal is the contract.
            }
        }
    }
}
