// Reference outputs of face-api's FaceLandmark68Net and AgeGenderNet on a synthetic 112x112 RGB
// input (pixel (x, y, c) = (7x + 13y + 29c) mod 256), on TF.js' WASM backend as the peer uses.
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
  const dir = path.join(NM, '@vladmandic/face-api/model');
  await faceapi.nets.faceLandmark68Net.loadFromDisk(dir);
  await faceapi.nets.ageGenderNet.loadFromDisk(dir);
  const px = new Int32Array(112 * 112 * 3);
  for (let y = 0; y < 112; y++) for (let x = 0; x < 112; x++) for (let c = 0; c < 3; c++) px[(y * 112 + x) * 3 + c] = (7 * x + 13 * y + 29 * c) % 256;
  const t = tf.tensor3d(px, [112, 112, 3], 'int32');
  const lm = faceapi.nets.faceLandmark68Net.runNet(await faceapi.toNetInput(t));
  const ag = faceapi.nets.ageGenderNet.forwardInput(await faceapi.toNetInput(t));
  const out = {
    provenance: 'node faceapi_synth_ref.js; @vladmandic/face-api ' + faceapi.version + ', tfjs ' + tf.version_core + ' wasm backend',
    input: 'int32 [112,112,3], pixel(x,y,c) = (7x + 13y + 29c) mod 256',
    landmarks_raw: Array.from(lm.dataSync()),
    age: Array.from(ag.age.dataSync()),
    gender: Array.from(ag.gender.dataSync()),
  };
  console.log(JSON.stringify(out));
})();
