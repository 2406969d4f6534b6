package org.facecensus.detect;

import java.util.List;

/**
 * A named set of facial landmarks. "Left" and "right" are the subject's own, as in dlib and
 * MediaPipe: the subject's right eye appears on the left of an upright photo.
 *
 * <p>Thread-safety: immutable.
 */
public enum LandmarkScheme {
    /** dlib / iBUG 300-W 68 points; eyes are 36-41 (subject's right) and 42-47 (subject's left). */
    IBUG_68(68, List.of(36, 37, 38, 39, 40, 41), List.of(42, 43, 44, 45, 46, 47)),
    /** MediaPipe BlazeFace: right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion. */
    BLAZEFACE_6(6, List.of(0), List.of(1)),
    /** Five points: right eye, left eye, nose tip, right mouth corner, left mouth corner. */
    FIVE_POINT(5, List.of(0), List.of(1));

    private final int size;
    private final List<Integer> rightEye;
    private final List<Integer> leftEye;

    LandmarkScheme(int size, List<Integer> rightEye, List<Integer> leftEye) {
        this.size = size;
        this.rightEye = rightEye;
        this.leftEye = leftEye;
    }

    public int size() {
        return size;
    }

    /** Indices whose mean is the subject's right eye centre. */
    public List<Integer> rightEyeIndices() {
        return rightEye;
    }

    /** Indices whose mean is the subject's left eye centre. */
    public List<Integer> leftEyeIndices() {
        return leftEye;
    }
}
