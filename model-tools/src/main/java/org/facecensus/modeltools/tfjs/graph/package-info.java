/**
 * TF.js graph models ({@code model.json} with the GraphDef's nodes, and {@code .bin} weights) converted to
 * ONNX op by op: {@link org.facecensus.modeltools.tfjs.graph.TfjsGraphModel} reads one,
 * {@link org.facecensus.modeltools.tfjs.graph.TfjsGraphConverter} converts it.
 */
package org.facecensus.modeltools.tfjs.graph;
