// Reference outputs of face-api's TinyFaceDetector on a synthetic 416x416 RGB input (pixel (x, y, c)
// = (7x + 13y + 29c) mod 256, so toBatchTensor(416) neither pads nor resizes), on TF.js' WASM
// backend as the peer uses: the raw grid forwardInput(input, 416) returns ([1,13,13,25], NHWC), all of
// it, and the detections locateFaces gives with scoreThreshold 0.05 (so that the synthetic input
// yields some), as relative boxes [x, y, width, height] and scores.
'use strict';
const path = require('path');
const NM = '/tmp/peers-cache/node/node_modules';
const need = (m) => require(require.resolve(m, { paths: [NM] }));
(async () => {
  const tf = need('@tensorflow/tfjs');
  const wasm = need('@tensorflow/tfjs-backend-wasm');
  const faceapi = need('@vladmandic/face-api/dist/face-api.node-wasm.js');
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm', { paths: [NM] })), path.sep));
  await tf.setBackend('wasm'); await tf.ready();
  const net = faceapi.nets.tinyFaceDetector;
  await net.loadFromDisk(path.join(NM, '@vladmandic/face-api/model'));
  const S = 416;
  const px = new Int32Array(S * S * 3);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let c = 0; c < 3; c++) px[(y * S + x) * 3 + c] = (7 * x + 13 * y + 29 * c) % 256;
  const t = tf.tensor3d(px, [S, S, 3], 'int32');
  const grid = net.forwardInput(await faceapi.toNetInput(t), S);
  const dets = await net.locateFaces(t, new faceapi.TinyFaceDetectorOptions({ inputSize: S, scoreThreshold: 0.05 }));
  const r = (v) => Number(v.toPrecision(8));
  console.log(JSON.stringify({
    provenance: 'node model-tools/src/test/node/faceapi_tiny_ref.js; @vladmandic/face-api ' + faceapi.version + ', tfjs ' + tf.version_core + ' wasm backend',
    input: 'int32 [416,416,3], pixel(x,y,c) = (7x + 13y + 29c) mod 256',
    shape: grid.shape,
    grid: Array.from(grid.dataSync()).map(r),
    score_threshold: 0.05,
    detections: dets.map((d) => ({ box: [d.relativeBox.x, d.relativeBox.y, d.relativeBox.width, d.relativeBox.height].map(r), score: r(d.score) })),
  }));
})();
