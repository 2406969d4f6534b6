package org.facecensus.census.run;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.census.ItemRecord;
import org.facecensus.census.RunInfo;

/**
 * What a census run produced, for its summary lines.
 *
 * <p>Thread-safety: immutable.
 *
 * @param outDir                where the outputs are
 * @param run                   how the run was made (also in run.json)
 * @param items                 every item, sorted by id, as in items.csv
 * @param images                images in the collection
 * @param resumed               images already analysed by an interrupted earlier run
 * @param failedImages          images that could not be analysed (their errors are in items.csv)
 * @param imagesWithoutMetadata images that no catalogue row matched
 * @param metadataWithoutImage  catalogue rows that matched no image
 * @param metadataRowErrors     catalogue rows that could not be read
 * @param unreadDates           catalogue dates that could not be read into years (not "n.d." and the like), as written
 * @param warnings              steps that were skipped, and why
 */
public record CensusResult(Path outDir, RunInfo run, List<ItemRecord> items, int images, int resumed,
                           int failedImages, int imagesWithoutMetadata, int metadataWithoutImage,
                           int metadataRowErrors, List<String> unreadDates, List<String> warnings) {
    public CensusResult {
        items = List.copyOf(items);
        unreadDates = List.copyOf(unreadDates);
        warnings = List.copyOf(warnings);
    }

    /** Faces found in all images. */
    public long faces() {
        return items.stream().mapToLong(i -> i.faces().size()).sum();
    }
}
