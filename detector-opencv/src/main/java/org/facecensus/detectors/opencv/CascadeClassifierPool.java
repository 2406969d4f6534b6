package org.facecensus.detectors.opencv;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.FileStorage;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.facecensus.FaceCensusException;

/**
 * The native {@code CascadeClassifier}s of one {@link HaarCascadeDetector}. OpenCV's classifier is not
 * safe for concurrent {@code detectMultiScale} calls on one object (it keeps per-call scratch buffers in
 * the object), so each call borrows one: a new one is parsed when all are busy (about as many as the
 * threads that ever ran concurrently) and it is given back after the call. The cascade is read, verified
 * and the native OpenCV version checked once, on first use, so building a detector loads nothing.
 *
 * <p>Thread-safety: thread-safe. {@link #close()} is idempotent; classifiers borrowed at that moment are
 * freed when they are given back.
 */
final class CascadeClassifierPool {
    private final String detectorName;
    private final HaarCascade cascade;
    private final int openCvThreads;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Classifiers not in use. */
    private final ConcurrentLinkedDeque<CascadeClassifier> idle = new ConcurrentLinkedDeque<>();
    /** Every classifier created and not yet freed, to free them on close. */
    private final Set<CascadeClassifier> live = ConcurrentHashMap.newKeySet();
    /** The verified cascade XML; each new classifier parses it from memory. */
    private volatile String cascadeXml;

    /**
     * @param detectorName the detector's name, for messages
     * @param openCvThreads {@code cv::setNumThreads} on first use, or
     *        {@link HaarCascadeDetector#OPENCV_DEFAULT_THREADS} to leave it
     */
    CascadeClassifierPool(String detectorName, HaarCascade cascade, int openCvThreads) {
        this.detectorName = detectorName;
        this.cascade = cascade;
        this.openCvThreads = openCvThreads;
    }

    /** An idle classifier, or a new one; give it back with {@link #release}. */
    CascadeClassifier acquire() {
        ensureOpen();
        CascadeClassifier c = idle.poll();
        if (c == null) {
            c = newClassifier();
            live.add(c);
            if (closed.get()) {
                free(c);
                ensureOpen();
            }
        }
        return c;
    }

    void release(CascadeClassifier c) {
        idle.push(c);
        // close() may have drained the pool while this call ran; whoever removes it frees it.
        if (closed.get() && idle.remove(c)) {
            free(c);
        }
    }

    private void free(CascadeClassifier c) {
        if (live.remove(c)) {
            c.close();
        }
    }

    private CascadeClassifier newClassifier() {
        String xml = cascadeXml();
        CascadeClassifier c;
        try {
            c = new CascadeClassifier();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new FaceCensusException("OpenCV's native libraries could not be loaded (" + e + "). The "
                    + detectorName + " detector ships OpenCV for " + HaarCascade.PLATFORM
                    + " only (org.bytedeco:opencv:" + HaarCascade.MAVEN_VERSION + ":jar:" + HaarCascade.PLATFORM
                    + "); on another platform add the bytedeco opencv, openblas and javacpp jars with your"
                    + " platform's classifier, or use another detector (--detector blazeface).", e);
        }
        // CascadeClassifier wants a file; OpenCV's FileStorage can parse the XML from memory instead.
        try (FileStorage fs = new FileStorage(xml, FileStorage.READ | FileStorage.MEMORY)) {
            if (!fs.isOpened() || !c.read(fs.getFirstTopLevelNode()) || c.empty()) {
                c.close();
                throw new FaceCensusException("OpenCV could not parse the Haar cascade " + cascade.resourcePath()
                        + " although its sha256 is the pinned one; report this as a FaceCensus bug.");
            }
        }
        return c;
    }

    /** Reads and verifies the cascade, and checks the native OpenCV version, once. */
    private String cascadeXml() {
        String xml = cascadeXml;
        if (xml == null) {
            synchronized (this) {
                ensureOpen();
                if (cascadeXml == null) {
                    byte[] bytes = HaarCascadeDetector.readVerified(cascade);
                    checkNativeVersion();
                    if (openCvThreads != HaarCascadeDetector.OPENCV_DEFAULT_THREADS) {
                        opencv_core.setNumThreads(openCvThreads);
                    }
                    cascadeXml = new String(bytes, StandardCharsets.US_ASCII);
                }
                xml = cascadeXml;
            }
        }
        return xml;
    }

    private void checkNativeVersion() {
        String loaded;
        try {
            loaded = opencv_core.CV_VERSION();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            throw new FaceCensusException("OpenCV's native libraries could not be loaded (" + e + "). The "
                    + detectorName + " detector ships OpenCV for " + HaarCascade.PLATFORM + " only; on another"
                    + " platform use another detector (--detector blazeface).", e);
        }
        if (!HaarCascade.OPENCV_VERSION.equals(loaded)) {
            // models() reports the pinned version; results from another OpenCV would carry wrong provenance.
            throw new FaceCensusException("The " + detectorName + " detector was built for OpenCV "
                    + HaarCascade.OPENCV_VERSION + " but OpenCV " + loaded + " is on the classpath; use the"
                    + " org.bytedeco:opencv version that facecensus-bom manages (" + HaarCascade.MAVEN_VERSION + ").");
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new FaceCensusException("This " + detectorName + " detector is closed; create a new one.");
        }
    }

    /** Frees the idle classifiers now and the borrowed ones as they come back. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            CascadeClassifier c;
            while ((c = idle.poll()) != null) {
                free(c);
            }
        }
    }
}
