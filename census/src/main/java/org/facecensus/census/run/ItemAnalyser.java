package org.facecensus.census.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.facecensus.FaceCensusException;
import org.facecensus.analysis.AnalyzedFace;
import org.facecensus.analysis.FaceAnalysis;
import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.FaceRecord;
import org.facecensus.census.ItemRecord;
import org.facecensus.census.collection.CollectionItem;
import org.facecensus.census.collection.web.WebImages;
import org.facecensus.classify.Gender;
import org.facecensus.classify.GenderPrediction;
import org.facecensus.detect.DetectedFace;
import org.facecensus.detect.FaceBox;
import org.facecensus.http.HttpFetchException;
import org.facecensus.image.ImageLoadException;
import org.facecensus.image.ImageLoader;
import org.facecensus.image.JpegWriter;
import org.facecensus.image.RgbImage;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelIntegrityException;
import org.facecensus.model.ModelMissingException;

/**
 * One item through the analyzer: its image loaded (a file, or fetched for a web item), faces found, crops written
 * to {@code crops/<item>_<k>.jpg}, and the result as an {@link AnalysedItem}. A bad image or a failed fetch is the
 * item's error ({@link ImageLoadException#problem()}, {@code HTTP_<reason>}, {@link CensusRun#DETECTION_FAILED});
 * a missing or corrupt model stops the run. The same for every census engine, so their outputs are identical.
 *
 * <p>Thread-safety: thread-safe when the analyzer is (they are); crop names are unique per item.
 */
public final class ItemAnalyser {
    private final FaceAnalyzer analyzer;
    private final ImageLoader loader;
    private final WebImages webImages;
    private final Path crops;
    private final Map<String, AnalysedItem> earlierFaces;

    /**
     * @param analyzer     the components (the caller keeps ownership)
     * @param loader       decodes files and fetched bytes
     * @param webImages    fetches web items' images, or null when the collection is a folder
     * @param crops        the census's crops folder
     * @param earlierFaces an earlier census's items whose boxes are re-used (no detection), by item id; empty for none
     */
    public ItemAnalyser(FaceAnalyzer analyzer, ImageLoader loader, WebImages webImages, Path crops,
                        Map<String, AnalysedItem> earlierFaces) {
        this.analyzer = analyzer;
        this.loader = loader;
        this.webImages = webImages;
        this.crops = crops;
        this.earlierFaces = Map.copyOf(earlierFaces);
    }

    /** The item analysed: its faces (crops written), or its error; never throws for a bad image. */
    public AnalysedItem analyse(CollectionItem item) {
        RgbImage image;
        try {
            image = item.isWeb() ? webImages.load(item) : loader.load(item.path(), item.page());
        } catch (ImageLoadException e) {
            return failed(item, item.isWeb() ? item.file() + ": " + e.getMessage()
                    : e.getMessage().replace(item.path().toString(), item.file()), e.problem().name());
        } catch (HttpFetchException e) {
            return failed(item, e.getMessage(), WebImages.problem(e));
        }
        FaceAnalysis analysis;
        try {
            AnalysedItem earlier = earlierFaces.get(item.itemId());
            // Re-classifying: the earlier census's boxes for the same file, and no detection.
            analysis = earlier != null && earlier.item().file().equals(item.file()) && !earlier.item().failed()
                    ? analyzer.analyzeFound(image, earlier.item().faces().stream()
                            .map(f -> new DetectedFace(new FaceBox(f.x(), f.y(), f.width(), f.height(), f.score()),
                                    java.util.Optional.empty())).toList())
                    : analyzer.analyze(image);
        } catch (ModelMissingException | ModelIntegrityException e) {
            throw e;
        } catch (RuntimeException e) {
            return failed(item, "detection failed: " + e.getMessage(), CensusRun.DETECTION_FAILED);
        }
        List<AnalyzedFace> faces = analysis.faces();
        List<FaceRecord> records = new ArrayList<>();
        List<ModelInfo> models = new ArrayList<>();
        String cropBase = OutputFiles.fileSafe(item.itemId());
        for (int j = 0; j < faces.size(); j++) {
            AnalyzedFace face = faces.get(j);
            String cropPath = "";
            if (face.aligned().isPresent()) {
                cropPath = "crops/" + cropBase + "_" + j + ".jpg";
                writeJpeg(crops.resolve(cropBase + "_" + j + ".jpg"), face.aligned().get().crop());
            }
            Gender gender = Gender.UNKNOWN;
            double probability = Double.NaN;
            if (face.gender().isPresent()) {
                GenderPrediction prediction = face.gender().get();
                gender = prediction.gender();
                probability = prediction.probability();
                if (!models.contains(prediction.model())) {
                    models.add(prediction.model());
                }
            }
            FaceBox box = face.box();
            records.add(new FaceRecord(item.itemId(), j, box.x(), box.y(), box.width(), box.height(), box.score(),
                    gender, probability, face.probabilityFace().orElse(Double.NaN), cropPath, face.error().orElse("")));
        }
        return new AnalysedItem(new ItemRecord(item.itemId(), item.file(), null, records, "", "",
                analysis.rejected().size(), image.width(), image.height()), models);
    }

    private static AnalysedItem failed(CollectionItem item, String error, String problem) {
        return new AnalysedItem(new ItemRecord(item.itemId(), item.file(), null, List.of(), error, problem), List.of());
    }

    private static void writeJpeg(Path target, RgbImage picture) {
        try {
            JpegWriter.write(target, picture);
        } catch (IOException e) {
            throw new FaceCensusException("cannot write face crop " + target + ": " + e.getMessage()
                    + "; check free disk space and permissions, then run again to resume", e);
        }
    }

}
