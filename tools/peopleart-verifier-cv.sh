#!/usr/bin/env bash
# Detectors with and without the face verifier on People-Art's hand labels, the verifier cross-validated by image.
#
#   bash tools/peopleart-verifier-cv.sh [WORK_DIR]      # default /tmp/peopleart-verifier-cv; about 10 minutes on 2 cores
#
# 1. The labelled census: `analyze --detector ssd-mobilenet --min-face 12` on the 120 artworks that have a label
#    (the settings the 302 labels of label/src/test/resources/.../peopleart-dogfood-labels.csv were made with;
#    checked box by box), as cli's VerifierCommandTest does.
# 2. All 476 images of ../shared/data/peopleart/JPEGImages go to 5 folds by image (sorted paths shuffled with
#    seed 42), so images without labels count too.
# 3. For each fold k: a copy of the labelled census carries only the labels of the other folds' images
#    (labels.jsonl), and `verifier train --folds 0` makes v_k.json from it: no label of fold k's images trains
#    the verifier that judges them.
# 4. For each detector (DETECTORS, default "fused blazeface"): one census of all 476 images without a verifier,
#    then per fold `analyze FOLD_k --faces-from THAT_CENSUS --verifier v_k.json --verifier-threshold 0.2` (the
#    same boxes, no second detection). faces.csv's p_face keeps each kept face's probability, so the default
#    threshold (0.5) is the same run with faces below 0.5 left out.
# 5. tools/peopleart-labels.py scores the census without a verifier, and the 5 folds merged at p_face >= 0.2
#    and >= 0.5, per style and in total.
#
# Every java run is `nice -n 19`. FACECENSUS names the command to run (default: ./facecensus, which builds the
# CLI when sources changed); THREADS (default 2) is passed to analyze. Finished steps are skipped on a re-run
# (delete WORK_DIR to start over).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mkdir -p "${1:-/tmp/peopleart-verifier-cv}" && cd "${1:-/tmp/peopleart-verifier-cv}" && pwd)"
ART="$ROOT/../shared/data/peopleart/JPEGImages"
LABELS="$ROOT/label/src/test/resources/org/facecensus/label/peopleart-dogfood-labels.csv"
FC="${FACECENSUS:-$ROOT/facecensus}"
THREADS="${THREADS:-2}"
DETECTORS="${DETECTORS:-fused blazeface}"
FOLDS=5
[ -d "$ART" ] || { echo "no $ART: this needs the shared People-Art data" >&2; exit 1; }

fc() { echo "+ facecensus $*" >&2; nice -n 19 "$FC" "$@"; }
stamp() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# 1. The labelled census.
if [ ! -f "$WORK/labelled/faces.csv" ]; then
  stamp "labelled census (ssd-mobilenet --min-face 12, 120 artworks)"
  rm -rf "$WORK/labelled-art"
  tail -n +2 "$LABELS" | cut -d, -f3 | sort -u | while read -r f; do
    mkdir -p "$WORK/labelled-art/$(dirname "$f")" && cp "$ART/$f" "$WORK/labelled-art/$f"
  done
  fc analyze "$WORK/labelled-art" --out "$WORK/labelled" --detector ssd-mobilenet --min-face 12 --threads "$THREADS"
fi

# 2. Folds by image; 3. per fold, a census copy with the other folds' labels only.
python3 - "$ART" "$LABELS" "$WORK" "$FOLDS" <<'EOF'
import csv, hashlib, json, os, random, shutil, sys
art, labels_csv, work, folds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
images = sorted(os.path.relpath(os.path.join(d, f), art) for d, _, fs in os.walk(art) for f in fs
                if f.lower().endswith((".jpg", ".jpeg", ".png")))
random.Random(42).shuffle(images)
fold = {image: i % folds for i, image in enumerate(images)}
with open(os.path.join(work, "folds.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["file", "fold"])
    for image in sorted(fold):
        w.writerow([image, fold[image]])
for k in range(folds):
    target = os.path.join(work, "folds", str(k))
    if not os.path.isdir(target):
        for image in (i for i in images if fold[i] == k):
            os.makedirs(os.path.dirname(os.path.join(target, image)), exist_ok=True)
            shutil.copyfile(os.path.join(art, image), os.path.join(target, image))
# The labelled census's boxes must be those the labels were made on.
census = os.path.join(work, "labelled")
with open(os.path.join(census, "faces.csv"), newline="") as f:
    faces = {(r["item_id"], r["face_index"]): r for r in csv.DictReader(f)}
with open(labels_csv, newline="") as f:
    rows = list(csv.DictReader(f))
for r in rows:
    face = faces.get((r["item_id"], r["face_index"]))
    if face is None or abs(float(face["x"]) - float(r["x"])) > 0.01 or abs(float(face["y"]) - float(r["y"])) > 0.01:
        sys.exit(f"the labelled census differs from the labels at {r['item_id']} {r['face_index']}: {face}")
if len(faces) != len(rows):
    sys.exit(f"the labelled census has {len(faces)} faces, the labels {len(rows)}")
for k in range(folds):
    train = os.path.join(work, f"train-{k}")
    if os.path.isdir(train):
        continue
    shutil.copytree(census, train, ignore=shutil.ignore_patterns("labels.jsonl", "*.lock"))
    kept = 0
    with open(os.path.join(train, "labels.jsonl"), "w") as out:
        for n, r in enumerate(rows):
            if fold[r["file"]] == k:
                continue
            face = faces[(r["item_id"], r["face_index"])]
            with open(os.path.join(census, face["crop"]), "rb") as c:
                sha = hashlib.sha256(c.read()).hexdigest()
            out.write(json.dumps({"item_id": r["item_id"], "face_index": int(r["face_index"]), "crop_sha256": sha,
                                  "label": r["label"], "stream": "audit" if r["audit"] == "yes" else "active",
                                  "time": f"2026-12-01T12:{n // 60 % 60:02d}:{n % 60:02d}Z"}) + "\n")
            kept += 1
    print(f"fold {k}: {sum(1 for i in images if fold[i] == k)} images, verifier trained on {kept} labels",
          file=sys.stderr)
EOF

for k in $(seq 0 $((FOLDS - 1))); do
  if [ ! -f "$WORK/v_$k.json" ]; then
    stamp "verifier of fold $k"
    fc verifier train "$WORK/train-$k" --out "$WORK/v_$k.json" --folds 0 --cache "$WORK/embedding-cache"
  fi
done

# 4. Detect once per detector, then verify each fold with its own verifier.
for det in $DETECTORS; do
  if [ ! -f "$WORK/$det/faces.csv" ]; then
    stamp "$det on all 476 images"
    fc analyze "$ART" --out "$WORK/$det" --detector "$det" --threads "$THREADS"
  fi
  for k in $(seq 0 $((FOLDS - 1))); do
    if [ ! -f "$WORK/$det-verified-$k/faces.csv" ]; then
      stamp "$det, fold $k, verifier v_$k"
      fc analyze "$WORK/folds/$k" --out "$WORK/$det-verified-$k" --detector "$det" --faces-from "$WORK/$det" \
        --verifier "$WORK/v_$k.json" --verifier-threshold 0.2 --threads "$THREADS"
    fi
  done
done

# 5. Scores.
{
  for det in $DETECTORS; do
    folds="$(for k in $(seq 0 $((FOLDS - 1))); do printf '%s+' "$WORK/$det-verified-$k"; done)"
    python3 "$ROOT/tools/peopleart-labels.py" "$WORK/$det"
    python3 "$ROOT/tools/peopleart-labels.py" --p-face 0.5 "${folds%+}"
    python3 "$ROOT/tools/peopleart-labels.py" --p-face 0.2 "${folds%+}"
  done
} | tee "$WORK/scores.md"
stamp "done: $WORK/scores.md"
