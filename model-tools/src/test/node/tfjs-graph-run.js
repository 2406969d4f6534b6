#!/usr/bin/env node
// tfjs-graph-run.js: runs a TF.js graph model (model.json + .bin shards) with real TensorFlow.js 4.22 on
// given input tensors and writes the outputs. It is the reference side of the TF.js graph -> ONNX parity
// tests (TfjsReference.java calls it); nothing here converts anything.
//
//   node tfjs-graph-run.js --model MODEL.json --input IN.json --out OUT.json
//                          [--outputs name1,name2] [--backend wasm|cpu]
//
// IN.json:  {"inputs": {"<placeholder>": {"shape": [1,64,64,1], "dtype": "float32", "data": "<base64>"}}}
//           data is little-endian float32 (or int32 with "dtype": "int32").
// OUT.json: {"backend": "wasm", "tfjs": "4.22.0", "mode": "execute", "timings_ms": {...},
//            "outputs": {"<name>": {"shape": [...], "dtype": "float32", "data": "<base64 float32 LE>"}}}
//           Every output is written as float32 (int32/bool outputs are converted), so the Java side
//           reads one format; "dtype" keeps what TF.js produced.
//
// npm packages come from $FACECENSUS_TFJS_NODE_MODULES, else ${PEERS_CACHE:-/tmp/peers-cache}/node/node_modules,
// where `bash ../shared/peers/setup.sh --no-apt --no-build --no-images` installs them. Nothing is
// downloaded at run time. Any failure prints one line to stderr and exits with code 2.
'use strict';

const fs = require('fs');
const path = require('path');

// Node's own start-up (before this script runs), reported so that callers can see where time goes.
const T0 = performance.now();
const NODE_START_MS = Math.round(process.uptime() * 1000);

function die(msg) {
  process.stderr.write(`tfjs-graph-run: ${msg}\n`);
  process.exit(2);
}

const NM = process.env.FACECENSUS_TFJS_NODE_MODULES
  || path.join(process.env.PEERS_CACHE || '/tmp/peers-cache', 'node', 'node_modules');

// Resolve from NM only, so a stray node_modules near the repository can never supply another TF.js.
function need(m) {
  let p;
  try {
    p = require.resolve(m, { paths: [NM] });
  } catch (e) {
    die(`cannot find ${m} in ${NM}: install it with \`bash ../shared/peers/setup.sh --no-apt --no-build --no-images\` `
      + '(from the project root) or set FACECENSUS_TFJS_NODE_MODULES');
  }
  return require(p);
}

function usage(msg) {
  die(`${msg}\nusage: node tfjs-graph-run.js --model MODEL.json --input IN.json --out OUT.json `
    + '[--outputs name1,name2] [--backend wasm|cpu]');
}

function parseArgs(argv) {
  const o = { backend: 'wasm', outputs: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`missing value for ${a}`));
    switch (a) {
      case '--model': o.model = val(); break;
      case '--input': o.input = val(); break;
      case '--out': o.out = val(); break;
      case '--outputs': o.outputs = val().split(',').map((s) => s.trim()).filter((s) => s); break;
      case '--backend': o.backend = val(); break;
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!o.model || !o.input || !o.out) usage('--model, --input and --out are required');
  if (!['wasm', 'cpu'].includes(o.backend)) usage(`unknown backend ${o.backend} (wasm or cpu)`);
  return o;
}

// A tf.io.IOHandler over local files. tf.loadGraphModel(path) would go through fetch/http in Node, and
// tfjs-node's file:// handler cannot be installed here (see ../shared/peers/README.md), so the
// artifacts are assembled by hand exactly as the browser/http handler does: the manifest groups'
// shards, in order, concatenated into one buffer whose layout the flattened weightSpecs describe.
function fileHandler(modelJson) {
  return {
    load: async () => {
      let json;
      try {
        json = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
      } catch (e) {
        throw new Error(`cannot read model ${modelJson}: ${e.message}`);
      }
      if (json.modelTopology == null || !Array.isArray(json.weightsManifest)) {
        throw new Error(`${modelJson} is not a TF.js model.json (no modelTopology or weightsManifest)`);
      }
      const dir = path.dirname(modelJson);
      const weightSpecs = [];
      const shards = [];
      for (const group of json.weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) {
          const file = path.join(dir, p);
          if (!fs.existsSync(file)) throw new Error(`weight shard ${file} named by ${modelJson} is missing`);
          shards.push(fs.readFileSync(file));
        }
      }
      const all = Buffer.concat(shards);
      // A fresh ArrayBuffer: Node's Buffers may be views into a shared pool.
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return {
        modelTopology: json.modelTopology,
        weightSpecs,
        weightData,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        modelInitializer: json.modelInitializer,
        initializerSignature: json.initializerSignature,
      };
    },
  };
}

// Placeholder name (node name and signature key) -> the dtype TF.js expects there ('int32' for
// DT_UINT8/DT_INT32 images, which model.execute refuses as float32).
function inputDtypes(model) {
  const m = {};
  model.inputs.forEach((t, i) => {
    m[t.name] = t.dtype;
    m[model.inputNodes[i]] = t.dtype;
  });
  return m;
}

function readInputs(tf, file, expected) {
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read input file ${file}: ${e.message}`);
  }
  if (json.inputs == null || typeof json.inputs !== 'object') throw new Error(`${file} has no "inputs" object`);
  const out = {};
  for (const [name, t] of Object.entries(json.inputs)) {
    const dtype = t.dtype || 'float32';
    if (!['float32', 'int32'].includes(dtype)) throw new Error(`input ${name}: dtype ${dtype} (float32 or int32 only)`);
    const buf = Buffer.from(t.data, 'base64');
    const n = t.shape.reduce((a, b) => a * b, 1);
    if (buf.length !== 4 * n) {
      throw new Error(`input ${name}: shape [${t.shape}] needs ${n} values (${4 * n} bytes), data has ${buf.length} bytes`);
    }
    // Copy into an aligned buffer (base64 Buffers can start at any offset) and read little-endian
    // explicitly rather than relying on the host's byte order.
    const values = dtype === 'float32' ? new Float32Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++) values[i] = dtype === 'float32' ? buf.readFloatLE(4 * i) : buf.readInt32LE(4 * i);
    const want = expected[name] || expected[name.replace(/:0$/, '')];
    if (want === 'int32' && dtype === 'float32') {
      // The Java side sends float32 only; an integer placeholder gets the same values as int32, and
      // a fractional value is an error rather than a silent truncation.
      const bad = values.findIndex((v) => !Number.isInteger(v));
      if (bad >= 0) throw new Error(`input ${name} is int32 in the model but value [${bad}] = ${values[bad]} is not an integer`);
      out[name] = tf.tensor(Int32Array.from(values), t.shape, 'int32');
    } else {
      out[name] = tf.tensor(values, t.shape, dtype);
    }
  }
  return out;
}

function toBase64Float32(values) {
  const buf = Buffer.alloc(4 * values.length);
  for (let i = 0; i < values.length; i++) buf.writeFloatLE(Number(values[i]), 4 * i);
  return buf.toString('base64');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const tf = need('@tensorflow/tfjs');
  const timings = { node_start: NODE_START_MS };
  let t;

  if (o.backend === 'wasm') {
    const wasm = need('@tensorflow/tfjs-backend-wasm');
    // The .wasm binaries ship in the package's dist/ folder; point at them so nothing is fetched from a CDN.
    wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm', { paths: [NM] })), path.sep));
  }
  if (!(await tf.setBackend(o.backend))) throw new Error(`cannot initialise the TF.js ${o.backend} backend`);
  await tf.ready();
  timings.require_and_backend = Math.round(performance.now() - T0);

  t = performance.now();
  const model = await tf.loadGraphModel(fileHandler(path.resolve(o.model)));
  timings.load = Math.round(performance.now() - t);

  const inputs = readInputs(tf, o.input, inputDtypes(model));
  const names = o.outputs || model.outputNodes;

  t = performance.now();
  let mode = 'execute';
  let result;
  try {
    result = model.execute(inputs, names);
  } catch (e) {
    // Graphs with control flow or dynamic shapes (NonMaxSuppression, Where, loops) refuse the
    // synchronous executor and say so; they need executeAsync, which gives the same values.
    if (!/executeAsync|dynamic op/.test(e.message)) throw e;
    mode = 'executeAsync';
    result = await model.executeAsync(inputs, names);
  }
  const tensors = Array.isArray(result) ? result : [result];
  const outputs = {};
  for (let i = 0; i < names.length; i++) {
    const r = tensors[i];
    outputs[names[i]] = { shape: r.shape, dtype: r.dtype, data: toBase64Float32(await r.data()) };
  }
  timings.run = Math.round(performance.now() - t);
  timings.total = Math.round(performance.now() - T0);

  const doc = { backend: tf.getBackend(), tfjs: tf.version_core, mode, timings_ms: timings, outputs };
  fs.writeFileSync(o.out, JSON.stringify(doc));
}

main().catch((e) => die(e && e.message ? e.message : String(e)));
