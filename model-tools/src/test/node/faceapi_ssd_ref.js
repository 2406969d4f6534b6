// Reference outputs of face-api's SsdMobilenetv1 on a synthetic 512x512 RGB input (pixel (x, y, c)
// = (7x + 13y + 29c) mod 256, so toBatchTensor(512) neither pads nor resizes), on TF.js' WASM
// backend as the peer uses. The raw network outputs (box encodings [1,5118,1,4], class predictions
// [1,5118,3]) are captured at the kernels outputLayer applies to them (Reshape to [-1,4], Slice);
// the decoded boxes and sigmoid scores are forwardInput's own result. Every STEP-th anchor is kept.
'use strict';
const path = require('path');
const NM = '/tmp/peers-cache/node/node_modules';
const need = (m) => require(require.resolve(m, { paths: [NM] }));
const STEP = 8;
(async () => {
  const tf = need('@tensorflow/tfjs');
  const wasm = need('@tensorflow/tfjs-backend-wasm');
  const faceapi = need('@vladmandic/face-api/dist/face-api.node-wasm.js');
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm', { paths: [NM] })), path.sep));
  await tf.setBackend('wasm'); await tf.ready();
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(path.join(NM, '@vladmandic/face-api/model'));
  const S = 512;
  const px = new Int32Array(S * S * 3);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let c = 0; c < 3; c++) px[(y * S + x) * 3 + c] = (7 * x + 13 * y + 29 * c) % 256;
  const t = tf.tensor3d(px, [S, S, 3], 'int32');
  const engine = tf.engine();
  const run = engine.runKernel.bind(engine);
  const seen = {};
  engine.runKernel = (name, inputs, attrs) => {
    const x = inputs && inputs.x;
    if (x && name === 'Reshape' && x.shape.length === 4 && x.shape[3] === 4 && x.shape[1] === 5118) seen.box = Array.from(x.dataSync());
    if (x && name === 'Slice' && x.shape.length === 3 && x.shape[1] === 5118 && x.shape[2] === 3) seen.cls = Array.from(x.dataSync());
    return run(name, inputs, attrs);
  };
  const { boxes, scores } = faceapi.nets.ssdMobilenetv1.forwardInput(await faceapi.toNetInput(t));
  engine.runKernel = run;
  const b = boxes[0].arraySync(); const s = scores[0].dataSync();
  const r = (v) => Number(v.toPrecision(8));
  const out = {
    provenance: 'node model-tools/src/test/node/faceapi_ssd_ref.js; @vladmandic/face-api ' + faceapi.version + ', tfjs ' + tf.version_core + ' wasm backend',
    input: 'int32 [512,512,3], pixel(x,y,c) = (7x + 13y + 29c) mod 256',
    step: STEP, anchors: b.length, anchor_index: [], box_encodings: [], class_predictions: [], boxes: [], scores: [],
  };
  for (let i = 0; i < b.length; i += STEP) {
    out.anchor_index.push(i);
    out.box_encodings.push(seen.box.slice(4 * i, 4 * i + 4).map(r));
    out.class_predictions.push(seen.cls.slice(3 * i, 3 * i + 3).map(r));
    out.boxes.push(b[i].map(r));
    out.scores.push(r(s[i]));
  }
  console.log(JSON.stringify(out));
})();
