#!/usr/bin/env node
// eval-eyes.js: face-detection recall and false positives against eye-point ground truth.
//
// Usage:
//   node tools/eval-eyes.js --truth ../shared/data/webfaces/faces.csv [--root ../shared/data/webfaces]
//                           [--json] RESULT.jsonl [RESULT2.jsonl ...]
//
// Truth: CSV with a header naming at least file, leye_x, leye_y, reye_x, reye_y (one row per face).
// Results: JSONL in the peer-tool schema, one object per image: {file, faces:[{box:[x,y,w,h], score}]}
// or {file, error}. Images are matched by basename, because result `file` paths may be absolute or
// relative to anything while the CSV holds paths relative to the dataset root.
// A detection hits a face when both marked eyes lie inside its box (edges included).
// --root only checks that every truth image exists under it (a warning on stderr otherwise).
// Node 20, no dependencies.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const BANDS = [ // eye distance in px: [label, lower bound inclusive, upper bound exclusive]
  ['<10 px', 0, 10], ['10–20 px', 10, 20], ['20–40 px', 20, 40], ['40–80 px', 40, 80], ['≥80 px', 80, Infinity],
];

function usage(msg) {
  if (msg) process.stderr.write(`eval-eyes: ${msg}\n`);
  process.stderr.write('usage: node tools/eval-eyes.js --truth faces.csv [--root DIR] [--json] RESULT.jsonl...\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { truth: null, root: null, json: false, results: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--truth' || a === '--root') {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      o[a.slice(2)] = argv[++i];
    } else if (a === '--json') o.json = true;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else o.results.push(a);
  }
  if (!o.truth) usage('--truth is required');
  if (!o.results.length) usage('no result files given');
  return o;
}

// Truth: Map basename -> [{le:[x,y], re:[x,y], band}]. Plain comma split: the file has no quoting.
function readTruth(file, root) {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const head = lines[0].split(',').map((s) => s.trim());
  const col = (n) => { const i = head.indexOf(n); if (i < 0) usage(`${file}: no column ${n}`); return i; };
  const [cf, lx, ly, rx, ry] = ['file', 'leye_x', 'leye_y', 'reye_x', 'reye_y'].map(col);
  const truth = new Map();
  const fullPath = new Map(); // basename -> CSV path, to catch two folders sharing a basename
  for (const line of lines.slice(1)) {
    const c = line.split(',');
    const key = path.basename(c[cf]);
    if (fullPath.has(key) && fullPath.get(key) !== c[cf]) usage(`basename ${key} is ambiguous in ${file}`);
    fullPath.set(key, c[cf]);
    const le = [+c[lx], +c[ly]], re = [+c[rx], +c[ry]];
    const d = Math.hypot(le[0] - re[0], le[1] - re[1]);
    const band = BANDS.findIndex(([, lo, hi]) => d >= lo && d < hi);
    if (!truth.has(key)) truth.set(key, []);
    truth.get(key).push({ le, re, band });
  }
  if (root) {
    const missing = [...fullPath.values()].filter((p) => !fs.existsSync(path.join(root, p)));
    if (missing.length) process.stderr.write(`eval-eyes: ${missing.length} truth images not under ${root}, e.g. ${missing[0]}\n`);
  }
  return truth;
}

const inside = (b, p) => p[0] >= b[0] && p[0] <= b[0] + b[2] && p[1] >= b[1] && p[1] <= b[1] + b[3];

// Greedy one-to-one matching for one image. Detections go in descending score, so a face claimed
// by two boxes goes to the more confident one; a box holding several faces' eyes claims only the
// unclaimed face whose eye midpoint is nearest its centre. Returns the number of false positives.
function matchImage(faces, dets) {
  const claimed = new Array(faces.length).fill(false);
  const order = dets.map((d, i) => [d, i]).sort((a, b) => (b[0].score ?? 0) - (a[0].score ?? 0) || a[1] - b[1]);
  let fp = 0;
  for (const [d] of order) {
    const b = d.box, cx = b[0] + b[2] / 2, cy = b[1] + b[3] / 2;
    let best = -1, bestDist = Infinity;
    faces.forEach((f, i) => {
      if (claimed[i] || !inside(b, f.le) || !inside(b, f.re)) return;
      const dist = Math.hypot((f.le[0] + f.re[0]) / 2 - cx, (f.le[1] + f.re[1]) / 2 - cy);
      if (dist < bestDist) { best = i; bestDist = dist; }
    });
    if (best < 0) fp++; else claimed[best] = true;
  }
  return { fp, claimed };
}

function evaluate(file, truth) {
  const results = new Map();
  let errors = 0, badLines = 0, duplicates = 0, extra = 0;
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    let r;
    try { r = JSON.parse(line); } catch { badLines++; continue; }
    const key = path.basename(String(r.file ?? ''));
    if (!truth.has(key)) { extra++; continue; } // not part of this dataset: ignored
    if (results.has(key)) duplicates++; // e.g. concatenated runs: the last line wins
    results.set(key, r);
  }
  const bands = BANDS.map(([label]) => ({ band: label, faces: 0, hits: 0 }));
  let fp = 0, evaluated = 0, missing = 0;
  for (const [key, faces] of truth) {
    const r = results.get(key);
    let claimed = new Array(faces.length).fill(false);
    if (!r || r.error !== undefined || !Array.isArray(r.faces)) { // counts as all faces missed
      if (r) errors++; else missing++;
    } else {
      evaluated++;
      const m = matchImage(faces, r.faces);
      fp += m.fp;
      claimed = m.claimed;
    }
    faces.forEach((f, i) => { bands[f.band].faces++; if (claimed[i]) bands[f.band].hits++; });
  }
  const pct = (h, n) => (n ? Math.round((1000 * h) / n) / 10 : null);
  for (const b of bands) b.recall = pct(b.hits, b.faces);
  const faces = bands.reduce((s, b) => s + b.faces, 0), hits = bands.reduce((s, b) => s + b.hits, 0);
  return {
    file, name: path.basename(file), bands, total: { faces, hits, recall: pct(hits, faces) },
    false_positives: fp, fp_per_image: evaluated ? Math.round((1000 * fp) / evaluated) / 1000 : null,
    images_truth: truth.size, images_evaluated: evaluated, errors, missing_images: missing,
    extra_images: extra, duplicate_lines: duplicates, unparsable_lines: badLines,
  };
}

const fmt = (x) => (x === null ? '–' : String(x));
const row = (cells) => `| ${cells.join(' | ')} |`;

function markdown(rs) {
  const out = [];
  for (const r of rs) {
    out.push(`### ${r.name}`, '', row(['eye distance', 'faces', 'hits', 'recall %']), row(['---', '---:', '---:', '---:']));
    for (const b of [...r.bands, { band: '**total**', ...r.total }]) out.push(row([b.band, b.faces, b.hits, fmt(b.recall)]));
    out.push('', `- false positives: ${r.false_positives} (${fmt(r.fp_per_image)} per evaluated image)`,
      `- images evaluated: ${r.images_evaluated} of ${r.images_truth}; errors: ${r.errors}; no result line: ${r.missing_images}`);
    const notes = [['lines for images not in the truth (ignored)', r.extra_images],
      ['duplicate lines (last kept)', r.duplicate_lines], ['unparsable lines', r.unparsable_lines]];
    for (const [what, n] of notes) if (n) out.push(`- ${what}: ${n}`);
    out.push('');
  }
  if (rs.length > 1) {
    // Side by side: recall per band; false positives are not tied to a face size, so only totals.
    out.push('### side by side', '', row(['eye distance', 'faces', ...rs.flatMap((r) => [`${r.name} recall %`, `${r.name} FP`])]),
      row(['---', '---:', ...rs.flatMap(() => ['---:', '---:'])]));
    rs[0].bands.forEach((b, i) => out.push(row([b.band, b.faces, ...rs.flatMap((r) => [fmt(r.bands[i].recall), ''])])));
    out.push(row(['**total**', rs[0].total.faces, ...rs.flatMap((r) => [fmt(r.total.recall), r.false_positives])]),
      row(['FP per image', '', ...rs.flatMap((r) => ['', fmt(r.fp_per_image)])]), '');
  }
  return out.join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const truth = readTruth(opts.truth, opts.root);
const rs = opts.results.map((f) => evaluate(f, truth));
if (opts.json) process.stdout.write(`${JSON.stringify({ truth: opts.truth, results: rs }, null, 2)}\n`);
else process.stdout.write(markdown(rs));
