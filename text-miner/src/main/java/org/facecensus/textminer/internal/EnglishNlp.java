package org.facecensus.textminer.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;

import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTagFormat;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.facecensus.FaceCensusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenNLP English Universal Dependencies models (sentence detector, tokenizer, POS tagger with
 * {@link POSTagFormat#UD} tags, lemmatizer), loaded once from the {@code opennlp-models-*-en} jars on
 * the classpath and shared by every miner.
 *
 * <p>Thread-safety: thread-safe. The models are immutable and shared; OpenNLP's {@code *ME} classes
 * keep per-call state and are not, so each thread gets its own set of them (a {@link ThreadLocal}
 * over the shared models: a few kilobytes per thread, no model data is copied).
 */
public final class EnglishNlp {
    private static final Logger LOG = LoggerFactory.getLogger(EnglishNlp.class);

    /** The 1.3.0 jars' file names; used only if their {@code model.properties} cannot be read. */
    private static final String FALLBACK_PREFIX = "opennlp-en-ud-ewt-";
    private static final String FALLBACK_SUFFIX = "-1.3-2.5.4.bin";

    private static volatile EnglishNlp shared;

    private final SentenceModel sentenceModel;
    private final TokenizerModel tokenizerModel;
    private final POSModel posModel;
    private final LemmatizerModel lemmatizerModel;
    private final ThreadLocal<Tools> tools = ThreadLocal.withInitial(Tools::new);

    private EnglishNlp(ClassLoader loader) {
        long start = System.nanoTime();
        try {
            sentenceModel = new SentenceModel(open(loader, "sentence", "sentdetect"));
            tokenizerModel = new TokenizerModel(open(loader, "tokens", "tokenizer"));
            posModel = new POSModel(open(loader, "pos", "pos"));
            lemmatizerModel = new LemmatizerModel(open(loader, "lemmas", "lemmatizer"));
        } catch (IOException e) {
            throw new FaceCensusException("Cannot read an OpenNLP English model from the classpath (" + e.getMessage()
                    + "); the model jar may be corrupt: delete it from the local Maven repository and build again.", e);
        }
        LOG.info("Loaded OpenNLP English UD models (sentence, token, POS, lemma) in {} ms",
                (System.nanoTime() - start) / 1_000_000);
    }

    /** The models, loaded on the first call (about a second); later calls return the same instance. */
    public static EnglishNlp shared() {
        EnglishNlp result = shared;
        if (result == null) {
            synchronized (EnglishNlp.class) {
                result = shared;
                if (result == null) {
                    // A failed load throws and leaves the field null, so a fixed classpath can retry.
                    result = new EnglishNlp(EnglishNlp.class.getClassLoader());
                    shared = result;
                }
            }
        }
        return result;
    }

    /** Sentence boundaries found by the model, as offsets into {@code text}. */
    public Span[] sentences(String text) {
        return tools.get().sentences.sentPosDetect(text);
    }

    /**
     * Tokens and UD part-of-speech tags of one sentence, with lemmas on demand; use the result on the
     * calling thread only.
     */
    public TaggedSentence analyse(String sentence) {
        Tools t = tools.get();
        Span[] spans = t.tokenizer.tokenizePos(sentence);
        String[] tokens = Span.spansToStrings(spans, sentence);
        String[] tags = t.tagger.tag(tokens);
        return new TaggedSentence(sentence, spans, tokens, tags, t.lemmatizer);
    }

    private static InputStream open(ClassLoader loader, String kind, String artifactPart) throws IOException {
        String name = modelResourceName(loader, kind);
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new FaceCensusException("The OpenNLP English " + kind + " model (" + name + ") is not on the classpath: "
                    + "add the dependency org.apache.opennlp:opennlp-models-" + artifactPart
                    + "-en:1.3.0 (facecensus-text-miner declares it; check that it was not excluded).");
        }
        return new BufferedInputStream(in);
    }

    /**
     * Each model jar describes its .bin in a root {@code model.properties}; reading them keeps this working
     * when the model jars are upgraded and the file names change.
     */
    private static String modelResourceName(ClassLoader loader, String kind) throws IOException {
        Enumeration<URL> descriptors = loader.getResources("model.properties");
        while (descriptors.hasMoreElements()) {
            URL url = descriptors.nextElement();
            Properties p = new Properties();
            try (InputStream in = url.openStream()) {
                p.load(in);
            }
            String name = p.getProperty("model.name", "");
            if ("en".equals(p.getProperty("model.language")) && name.contains("-" + kind + "-")) {
                return name;
            }
        }
        return FALLBACK_PREFIX + kind + FALLBACK_SUFFIX;
    }

    /** One thread's OpenNLP tools over the shared models. */
    private final class Tools {
        final SentenceDetectorME sentences = new SentenceDetectorME(sentenceModel);
        final TokenizerME tokenizer = new TokenizerME(tokenizerModel);
        final POSTaggerME tagger = new POSTaggerME(posModel, POSTagFormat.UD);
        final LemmatizerME lemmatizer = new LemmatizerME(lemmatizerModel);
    }
}
