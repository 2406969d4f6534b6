package org.facecensus.classify;

/**
 * A predicted gender label. {@link #UNKNOWN} is an abstention (the model was not confident
 * enough, or two models disagreed), never a third class the model was trained on.
 *
 * <p>Thread-safety: immutable.
 */
public enum Gender { MALE, FEMALE, UNKNOWN }
