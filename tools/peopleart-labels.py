#!/usr/bin/env python3
"""Detections on People-Art against the hand labels of label/DOGFOOD.md.

Usage: python3 tools/peopleart-labels.py RESULT.jsonl [RESULT.jsonl ...]

RESULT.jsonl is `facecensus detect` output (or any peer-schema JSONL: {file, faces:[{box:[x,y,w,h]}]}) over
../shared/data/peopleart/JPEGImages. A detection matches a labelled box when their IoU is at least 0.3 (each
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


def main(results):
    labels = collections.defaultdict(list)
    with open(LABELS, newline="") as f:
        for row in csv.DictReader(f):
            box = tuple(float(row[k]) for k in ("x", "y", "width", "height"))
            labels[row["file"]].append((box, row["label"]))
    for result in results:
        counts = collections.defaultdict(collections.Counter)
        with open(result) as f:
            for line in f:
                o = json.loads(line)
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
        print(f"### {os.path.basename(result)}\n")
        print("| style | faces found | real faces found | women and men | false faces kept | not among the labelled |")
        print("|---|---:|---:|---:|---:|---:|")
        for key in ["all"] + sorted(k for k in counts if k != "all"):
            c = counts[key]
            print(f"| {key} | {c['found']} | {c['real']} | {c['gendered']} | {c['false']} | {c['unlabelled']} |")
        print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
