package org.facecensus.modeltools.tfjs.graph;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.facecensus.FaceCensusException;

/**
 * One node of a TF.js graph model: a GraphDef {@code NodeDef} as the TF.js converter writes it to JSON
 * (strings in attributes are Base64, integers are JSON strings).
 *
 * <p>Thread-safety: immutable.
 *
 * @param name   the node's name
 * @param op     the TensorFlow op, e.g. {@code _FusedConv2D}
 * @param inputs data inputs as {@code node} or {@code node:k}; control inputs ({@code ^node}) are left out
 * @param attr   the {@code attr} object
 */
public record TfjsNode(String name, String op, List<String> inputs, JsonNode attr) {
    public TfjsNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        inputs = List.copyOf(inputs);
        attr = attr == null ? MissingNode.getInstance() : attr;
    }

    static TfjsNode of(JsonNode json) {
        List<String> inputs = new ArrayList<>();
        for (JsonNode in : json.path("input")) {
            if (!in.asText().startsWith("^")) {
                inputs.add(in.asText());
            }
        }
        return new TfjsNode(json.path("name").asText(), json.path("op").asText(), inputs, json.path("attr"));
    }

    boolean has(String key) {
        return attr.has(key);
    }

    /** A string attribute ({@code s}, Base64 in the JSON), or {@code fallback}. */
    String string(String key, String fallback) {
        JsonNode s = attr.path(key).path("s");
        return s.isMissingNode() ? fallback : new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8);
    }

    long integer(String key, long fallback) {
        JsonNode i = attr.path(key).path("i");
        return i.isMissingNode() ? fallback : Long.parseLong(i.asText());
    }

    float real(String key, float fallback) {
        JsonNode f = attr.path(key).path("f");
        return f.isMissingNode() ? fallback : (float) f.asDouble();
    }

    boolean bool(String key, boolean fallback) {
        JsonNode b = attr.path(key).path("b");
        return b.isMissingNode() ? fallback : b.asBoolean();
    }

    /** An integer-list attribute ({@code list.i}), or {@code fallback}. */
    long[] integers(String key, long[] fallback) {
        JsonNode list = attr.path(key).path("list");
        if (list.isMissingNode()) {
            return fallback;
        }
        JsonNode i = list.path("i");
        long[] out = new long[i.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Long.parseLong(i.get(k).asText());
        }
        return out;
    }

    /** A string-list attribute ({@code list.s}, each Base64). */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : attr.path(key).path("list").path("s")) {
            out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A type attribute ({@code type}, e.g. {@code DT_FLOAT}), or {@code fallback}. */
    String type(String key, String fallback) {
        JsonNode t = attr.path(key).path("type");
        return t.isMissingNode() ? fallback : t.asText();
    }

    /** The error for an attribute value the converter cannot express, naming the node. */
    FaceCensusException unsupported(String what) {
        return new FaceCensusException("TF.js graph node '" + name + "' (" + op + "): " + what
                + " is not supported by the converter.");
    }
}
