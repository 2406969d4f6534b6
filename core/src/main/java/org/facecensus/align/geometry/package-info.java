/**
 * The built-in face aligners: pure geometry on the landmarks a detector gave (eye-level similarity
 * transforms, a bicubic warp), so they live in core and work with any detector module. The
 * {@code imutils-eyes} aligner looks up a 68-point landmark detector by name only for faces that
 * come without one.
 */
package org.facecensus.align.geometry;
