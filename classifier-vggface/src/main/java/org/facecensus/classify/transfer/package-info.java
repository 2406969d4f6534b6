/**
 * Gender classification by transfer learning: a frozen face-embedding backbone (VGG-Face or the
 * ResNet descriptor) with a small trained head. Not implemented yet; the module exists so that the
 * artifact and its place in the build are stable for users who import the BOM.
 */
package org.facecensus.classify.transfer;
