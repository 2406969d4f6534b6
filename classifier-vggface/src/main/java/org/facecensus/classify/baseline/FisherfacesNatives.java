package org.facecensus.classify.baseline;

import java.util.ArrayList;
import java.util.List;

import org.facecensus.FaceCensusException;

/**
 * Checks that JavaCV's OpenCV, OpenBLAS and JavaCPP jars are on the classpath before the Fisherfaces
 * baseline touches them. classifier-vggface declares them optional (a user of the face-api
 * classifiers should not download ~100 MB of natives), so without this check a missing jar would
 * surface as a bare {@link NoClassDefFoundError} from deep inside OpenCV's bindings. This class
 * itself must not refer to any {@code org.bytedeco} type, so that it always loads.
 *
 * <p>Thread-safety: stateless.
 */
public final class FisherfacesNatives {
    /** The natives' platform: only the linux-x86_64 classifier jars are managed (see the parent pom). */
    public static final String PLATFORM = "linux-x86_64";
    /** The artifacts Fisherfaces needs, as Maven coordinates (the javacpp 1.5.13 release train). */
    public static final List<String> ARTIFACTS = List.of(
            "org.bytedeco:opencv:4.13.0-1.5.13",
            "org.bytedeco:opencv:4.13.0-1.5.13:jar:" + PLATFORM,
            "org.bytedeco:openblas:0.3.31-1.5.13:jar:" + PLATFORM,
            "org.bytedeco:javacpp:1.5.13:jar:" + PLATFORM);
    /** One class or native library from each artifact above, in the same order. */
    private static final List<String> PROBES = List.of(
            "org/bytedeco/opencv/opencv_face/FisherFaceRecognizer.class",
            "org/bytedeco/opencv/" + PLATFORM + "/libjniopencv_face.so",
            "org/bytedeco/openblas/" + PLATFORM + "/libjniopenblas_nolapack.so",
            "org/bytedeco/javacpp/" + PLATFORM + "/libjnijavacpp.so");

    private FisherfacesNatives() {
    }

    /** Throws unless every artifact Fisherfaces needs is on this class's classpath. */
    public static void require() {
        require(FisherfacesNatives.class.getClassLoader());
    }

    /**
     * @throws FaceCensusException naming the missing artifacts and how to add them
     */
    static void require(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < PROBES.size(); i++) {
            if (loader.getResource(PROBES.get(i)) == null) {
                missing.add(ARTIFACTS.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new FaceCensusException("The Fisherfaces baseline needs OpenCV through JavaCV, which"
                    + " facecensus-classifier-vggface declares optional; missing from the classpath: "
                    + String.join(", ", missing) + ". Add them as dependencies (the facecensus CLI has them),"
                    + " or use another classifier (faceapi-agegender, a trained head).");
        }
    }
}
