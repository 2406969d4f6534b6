#!/usr/bin/env python3
"""Faces of `facecensus analyze` runs on People-Art set against its hand-drawn person boxes.

Usage: python3 tools/peopleart-person-boxes.py ../shared/data/peopleart OUT_DIR [OUT_DIR ...]

A face counts as inside when its box centre lies inside any person box (person_boxes.csv, VOC
xmin/ymin/xmax/ymax) of its image. Prints, per run: faces, faces inside a person box, faces in
images without any person box, and the same per style (the image's folder).
"""
import collections
import csv
import sys


def main(peopleart, runs):
    boxes = collections.defaultdict(list)
    with open(f"{peopleart}/person_boxes.csv", newline="") as f:
        for row in csv.DictReader(f):
            image = row["file"].removeprefix("JPEGImages/")
            boxes[image].append(tuple(float(row[k]) for k in ("xmin", "ymin", "xmax", "ymax")))
    for run in runs:
        with open(f"{run}/items.csv", newline="") as f:
            files = {row["item_id"]: row["file"] for row in csv.DictReader(f)}
        total = inside = unboxed = 0
        by_style = collections.defaultdict(lambda: [0, 0])
        with open(f"{run}/faces.csv", newline="") as f:
            for face in csv.DictReader(f):
                image = files[face["item_id"]]
                x, y, w, h = (float(face[k]) for k in ("x", "y", "width", "height"))
                cx, cy = x + w / 2, y + h / 2
                hit = any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes.get(image, []))
                total += 1
                inside += hit
                unboxed += image not in boxes
                style = by_style[image.split("/")[0]]
                style[0] += 1
                style[1] += hit
        share = 100 * inside / total if total else 0
        print(f"{run}: {total} faces, {inside} inside a person box ({share:.1f} %), "
              f"{unboxed} in images without a person box")
        for name, (n, hits) in sorted(by_style.items()):
            print(f"  {name}: {hits} of {n} inside")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
