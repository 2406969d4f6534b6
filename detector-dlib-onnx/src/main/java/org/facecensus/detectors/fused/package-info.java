/**
 * The {@code fused} detector: several detectors on one image, their boxes merged by weighted box fusion and
 * scored by how many of them agree.
 */
package org.facecensus.detectors.fused;
