/**
 * One string → one gender classifier: provider names, trained heads, Fisherfaces models and the
 * two-model filter, as every command's {@code --classifier} accepts them.
 */
package org.facecensus.classify.spec;
