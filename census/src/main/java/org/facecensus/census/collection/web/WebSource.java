package org.facecensus.census.collection.web;

import java.nio.file.Path;
import java.util.List;

import org.facecensus.FaceCensusException;
import org.facecensus.census.collection.CollectionIndex;
import org.facecensus.http.HttpFetcher;

/**
 * A collection read from the web rather than a folder: a URL list ({@link UrlList}) or IIIF manifests and
 * collections ({@link IiifSource}). {@link #index} lists the items (fetching manifests as needed); their images are
 * fetched one by one when they are analysed ({@link WebImages}).
 *
 * <p>Thread-safety: implementations are immutable.
 */
public sealed interface WebSource permits UrlList, IiifSource {
    /** The prefix of an IIIF source on the command line. */
    String IIIF = "iiif:";

    /** How the source is named in run.json, the report and the resume fingerprint. */
    String name();

    /** The items, and an error item for everything named that cannot be analysed. */
    CollectionIndex index(HttpFetcher http, WebOptions options);

    /** {@code iiif:URL-or-FILE} ... (one or more) as an IIIF source. */
    static WebSource iiif(List<String> specs) {
        if (specs.isEmpty()) {
            throw new FaceCensusException("No IIIF manifest given: write iiif:URL or iiif:FILE.");
        }
        List<String> locations = specs.stream().map(s -> {
            if (!isIiif(s)) {
                throw new FaceCensusException("'" + s + "' is not an IIIF source: write iiif:URL or iiif:FILE "
                        + "(a folder of images is given alone, without iiif: sources)");
            }
            return s.substring(IIIF.length());
        }).toList();
        return new IiifSource(locations);
    }

    /** A URL list file (CSV, JSON Lines or .xlsx with a {@code url} column). */
    static WebSource urlList(Path file) {
        return new UrlList(file);
    }

    static boolean isIiif(String spec) {
        return spec.regionMatches(true, 0, IIIF, 0, IIIF.length());
    }
}
