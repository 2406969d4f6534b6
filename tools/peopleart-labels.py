#!/usr/bin/env python3
"""Detections on People-Art against the hand labels of label/DOGFOOD.md.

Usage: python3 tools/peopleart-labels.py [--p-face P] RESULT [RESULT ...]

RESULT is `facecensus detect` output (or any peer-schema JSONL: {file, faces:[{box:[x,y,w,h]}]}) over
../shared/data/peopleart/JPEGImages, or the --out folder of `facecensus analyze` on (part of) that folder
(items.csv's file and faces.csv's boxes), or several such folders joined with '+' (e.g. the folds of a
cross-validation), scored as one run. --p-face P keeps only faces whose verifier probability (faces.csv's
p_face) is at least P, as `analyze --verifier-threshold P` would have; faces without one are kept. A detection matches a labelled box when their IoU is at least 0.3 (each
labelled box matched once, best IoU first). Prints per run: faces found, real faces found (labelled female,
male or can't tell; of 152), women and men found (of 117), false faces kept (labelled not a face; of 150)
and boxes no labelled box covers (these cannot be judged), in total and per style (the image's folder).
"""
import collections
import csv
import json
import os
import sys

LABELS = os.path.join(os.path.dirname(__file__), "..", "label", "src", "test", "resources", "org", "facecensus",
                      "label", "peopleart-dogfood-labels.csv")


def iou(a, b):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    union = aw * ah + bw * bh - inter
    return inter / union if union > 0 else 0.0


def census_lines(folders, min_p_face):
    """The faces of census folders as detect-style records, one per item (items without faces too)."""
    for folder in folders.split("+"):
        with open(os.path.join(folder, "items.csv"), newline="") as f:
            files = {row["item_id"]: row["file"] for row in csv.DictReader(f)}
        faces = collections.defaultdict(list)
        with open(os.path.join(folder, "faces.csv"), newline="") as f:
            for row in csv.DictReader(f):
                p = row.get("p_face", "")
                if min_p_face is not None and p and float(p) < min_p_face:
                    continue
                faces[row["item_id"]].append({"box": [float(row[k]) for k in ("x", "y", "width", "height")]})
        for item, file in files.items():
            yield {"file": file, "faces": faces[item]}


def records(result, min_p_face):
    if os.path.isdir(result.split("+")[0]):
        yield from census_lines(result, min_p_face)
        return
    with open(result) as f:
        for line in f:
            yield json.loads(line)


def main(results, min_p_face=None):
    labels = collections.defaultdict(list)
    with open(LABELS, newline="") as f:
        for row in csv.DictReader(f):
            box = tuple(float(row[k]) for k in ("x", "y", "width", "height"))
            labels[row["file"]].append((box, row["label"]))
    for result in results:
        counts = collections.defaultdict(collections.Counter)
        for o in records(result, min_p_face):
            if "faces" not in o:
                continue
            path = o["file"].replace("\\", "/")
            rel = path.split("JPEGImages/", 1)[-1]
            style = rel.split("/", 1)[0]
            found = [tuple(face["box"]) for face in o["faces"]]
            pairs = sorted(((iou(d, lb[0]), i, j) for i, d in enumerate(found)
                            for j, lb in enumerate(labels.get(rel, []))), reverse=True)
            used_d, used_l = set(), set()
            for v, i, j in pairs:
                if v < 0.3 or i in used_d or j in used_l:
                    continue
                used_d.add(i)
                used_l.add(j)
                label = labels[rel][j][1]
                for key in ("all", style):
                    c = counts[key]
                    c["false"] += label == "not_a_face"
                    c["real"] += label != "not_a_face"
                    c["gendered"] += label in ("female", "male")
            for key in ("all", style):
                counts[key]["found"] += len(found)
                counts[key]["unlabelled"] += len(found) - len(used_d)
        name = "+".join(os.path.basename(r.rstrip("/")) for r in result.split("+"))
        print(f"### {name}" + (f" (p_face >= {min_p_face})" if min_p_face is not None else "") + "\n")
        print("| style | faces found | real faces found | women and men | false faces kept | not among the labelled |")
        print("|---|---:|---:|---:|---:|---:|")
        for key in ["all"] + sorted(k for k in counts if k != "all"):
            c = counts[key]
            print(f"| {key} | {c['found']} | {c['real']} | {c['gendered']} | {c['false']} | {c['unlabelled']} |")
        print()


if __name__ == "__main__":
    args = sys.argv[1:]
    threshold = None
    if args[:1] == ["--p-face"] and len(args) >= 2:
        threshold = float(args[1])
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    main(args, threshold)
