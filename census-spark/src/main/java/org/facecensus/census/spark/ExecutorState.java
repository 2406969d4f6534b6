package org.facecensus.census.spark;

import java.util.Objects;

import org.facecensus.analysis.FaceAnalyzer;
import org.facecensus.census.collection.web.WebImages;
import org.facecensus.census.collection.web.WebOptions;
import org.facecensus.census.engine.AnalyzerRecipe;
import org.facecensus.http.HttpFetcher;
import org.facecensus.image.ImageLoader;

/**
 * What one executor JVM builds once and shares between its task threads: the analyzer (models loaded on first use,
 * from this JVM's model store: {@code -Dfacecensus.models=/shared/models}) and the HTTP client for web items (its
 * per-host limits are per executor). Closed when the JVM exits.
 *
 * <p>Thread-safety: thread-safe; {@link #get} is synchronised, the analyzer and fetcher are thread-safe.
 */
final class ExecutorState {
    private static ExecutorState current;

    final AnalyzerRecipe recipe;
    final WebOptions web;
    final FaceAnalyzer analyzer;
    final HttpFetcher http;
    final ImageLoader loader = ImageLoader.defaults();
    final WebImages webImages;

    private ExecutorState(AnalyzerRecipe recipe, WebOptions web) {
        this.recipe = recipe;
        this.web = web;
        this.analyzer = recipe.builder().build();
        this.http = web.newFetcher();
        this.webImages = new WebImages(http, loader);
    }

    /** This JVM's state for {@code recipe} (rebuilt only if a later job asks for other components). */
    static synchronized ExecutorState get(AnalyzerRecipe recipe, WebOptions web) {
        if (current == null || !current.recipe.equals(recipe) || !Objects.equals(current.web, web)) {
            ExecutorState old = current;
            current = new ExecutorState(recipe, web);
            if (old == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorState::closeCurrent, "facecensus-executor-close"));
            } else {
                old.close();
            }
        }
        return current;
    }

    private static synchronized void closeCurrent() {
        if (current != null) {
            current.close();
        }
    }

    private void close() {
        analyzer.close();
        http.close();
    }
}
