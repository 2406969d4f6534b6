/**
 * face-api.js' photo-trained face networks that classify or describe a face once it is found:
 * {@code faceapi-agegender} (gender and age), {@code faceapi-agegender-features} and
 * {@code resnet-descriptor} (embeddings for trained heads), each reproducing face-api's crop so that
 * its figures equal face-api's. The face-api detectors and the 68-point landmark net are in the
 * detector module.
 */
package org.facecensus.classify.faceapi;
