package org.facecensus.detectors.opencv;

import java.util.Locale;

import org.facecensus.FaceCensusException;
import org.facecensus.model.ModelInfo;
import org.facecensus.model.ModelSource;

/**
 * The OpenCV face cascades that {@link HaarCascadeDetector} can use. They ship inside the bytedeco
 * {@code org.bytedeco:opencv} linux-x86_64 jar (OpenCV's {@code data/haarcascades}), so nothing is
 * fetched: each file is read from the classpath and checked against the sha256 pinned here before
 * OpenCV parses it. The default cascade is byte-identical to Debian's {@code opencv-data} copy
 * ({@code /usr/share/opencv4/haarcascades/}) that the {@code opencv_haar} peer uses.
 *
 * <p>Thread-safety: immutable.
 */
public enum HaarCascade {
    /** Rainer Lienhart's stump-based 24x24 frontal face cascade: the classic OpenCV baseline. */
    FRONTALFACE_DEFAULT("haarcascade_frontalface_default.xml",
            "0f7d4527844eb514d4a4948e822da90fbb16a34a0bbbbc6adc6498747a5aafb0"),
    /** Lienhart's 20x20 tree-stump frontal cascade ("alt"). */
    FRONTALFACE_ALT("haarcascade_frontalface_alt.xml",
            "6281df13459cc218ff047d02b2ae3859b12ff14a93ffe8952f7b33fad7b9697b"),
    /** Lienhart's 20x20 frontal cascade with 2-split stumps ("alt2"). */
    FRONTALFACE_ALT2("haarcascade_frontalface_alt2.xml",
            "7b0c967d9abbdfbde025eb9c786947d151b6426040d07a8f9562ed8fd90724b4");

    /** The OpenCV release inside the pinned bytedeco jar; checked against the loaded library. */
    public static final String OPENCV_VERSION = "4.13.0";
    /** The Maven coordinate of the jar the cascades come from (the parent pom pins the same). */
    static final String MAVEN_VERSION = OPENCV_VERSION + "-1.5.13";
    static final String PLATFORM = "linux-x86_64";
    static final String RESOURCE_DIR = "org/bytedeco/opencv/" + PLATFORM + "/share/opencv4/haarcascades/";
    /**
     * The cascades' own header licence: the Intel License Agreement for OpenCV, a BSD-3-Clause-style
     * licence (OpenCV's code itself is Apache-2.0 since 4.5).
     */
    static final String LICENCE = "BSD-3-Clause (Intel License Agreement for Open Source Computer Vision Library)";

    private final String fileName;
    private final String sha256;

    HaarCascade(String fileName, String sha256) {
        this.fileName = fileName;
        this.sha256 = sha256;
    }

    /** The file name in OpenCV's {@code haarcascades} folder, e.g. {@code haarcascade_frontalface_default.xml}. */
    public String fileName() {
        return fileName;
    }

    /** FaceCensus' model name: the file name without {@code .xml}. */
    public String modelName() {
        return fileName.substring(0, fileName.length() - ".xml".length());
    }

    /** The classpath resource, inside the bytedeco opencv linux-x86_64 jar. */
    public String resourcePath() {
        return RESOURCE_DIR + fileName;
    }

    /** Hex sha256 of the file as shipped; a different file is refused. */
    public String sha256() {
        return sha256;
    }

    /** Provenance, known without loading anything. */
    public ModelInfo info() {
        ModelSource.Maven jar = new ModelSource.Maven("org.bytedeco", "opencv", MAVEN_VERSION, PLATFORM, resourcePath());
        return new ModelInfo(modelName(), OPENCV_VERSION, jar.coordinate() + " " + resourcePath(), sha256, LICENCE);
    }

    /**
     * A cascade by its file name ({@code haarcascade_frontalface_alt2.xml}), model name
     * ({@code haarcascade_frontalface_alt2}) or constant name ({@code frontalface_alt2}).
     */
    public static HaarCascade byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (HaarCascade c : values()) {
            if (n.equals(c.fileName) || n.equals(c.modelName()) || n.equals(c.name().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        StringBuilder known = new StringBuilder();
        for (HaarCascade c : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(c.modelName());
        }
        throw new FaceCensusException("Unknown Haar cascade '" + name + "'; use one of: " + known + ".");
    }
}
