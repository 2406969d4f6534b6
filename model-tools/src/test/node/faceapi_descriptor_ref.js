// face-api's FaceRecognitionNet descriptors, on TF.js' WASM backend as the peer uses.
//   node faceapi_descriptor_ref.js --synthetic
//     one synthetic 150x150 RGB input (pixel (x, y, c) = (7x + 13y + 29c) mod 256, so
//     toBatchTensor(150, true) neither pads nor resizes): the raw 128-d output.
//   node faceapi_descriptor_ref.js IMAGE.png...
//     a local copy of ../shared/peers/faceapi.js' pipeline extended to descriptors: per image
//     detectAllFaces(SsdMobilenetv1Options minConfidence 0.5).withFaceLandmarks().withFaceDescriptors(),
//     printing per face the SSD box, the 68 landmarks, the box face-api crops for the descriptor
//     (landmarks.align(null, { useDlibAlignment: true })) and the descriptor, rounded to 6 decimals.
'use strict';
const fs = require('fs');
const path = require('path');
const NM = '/tmp/peers-cache/node/node_modules';
const need = (m) => require(require.resolve(m, { paths: [NM] }));
const r6 = (x) => Math.round(x * 1e6) / 1e6;
(async () => {
  const tf = need('@tensorflow/tfjs');
  const wasm = need('@tensorflow/tfjs-backend-wasm');
  const faceapi = need('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const { PNG } = need('pngjs');
  wasm.setWasmPaths(path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm', { paths: [NM] })), path.sep));
  await tf.setBackend('wasm'); await tf.ready();
  const models = path.join(NM, '@vladmandic/face-api/model');
  await faceapi.nets.faceRecognitionNet.loadFromDisk(models);
  const args = process.argv.slice(2);
  const versions = '@vladmandic/face-api ' + faceapi.version + ', tfjs ' + tf.version_core + ' wasm backend, node ' + process.version;
  if (args[0] === '--synthetic') {
    const S = 150;
    const px = new Int32Array(S * S * 3);
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) for (let c = 0; c < 3; c++) px[(y * S + x) * 3 + c] = (7 * x + 13 * y + 29 * c) % 256;
    const t = tf.tensor3d(px, [S, S, 3], 'int32');
    const d = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(t);
    console.log(JSON.stringify({
      provenance: 'node model-tools/src/test/node/faceapi_descriptor_ref.js --synthetic; ' + versions,
      input: 'int32 [150,150,3], pixel(x,y,c) = (7x + 13y + 29c) mod 256',
      descriptor: Array.from(d).map((v) => Number(v.toPrecision(8))),
    }));
    return;
  }
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(models);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(models);
  const opts = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 100 });
  for (const file of args) {
    const img = PNG.sync.read(fs.readFileSync(file));
    const rgb = new Uint8Array(img.width * img.height * 3);
    for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
      rgb[i] = img.data[j]; rgb[i + 1] = img.data[j + 1]; rgb[i + 2] = img.data[j + 2];
    }
    const tensor = tf.tensor3d(rgb, [img.height, img.width, 3], 'int32');
    const results = await faceapi.detectAllFaces(tensor, opts).withFaceLandmarks().withFaceDescriptors();
    const faces = results.map((r) => {
      const b = r.detection.box;
      const a = r.landmarks.align(null, { useDlibAlignment: true });
      return {
        box: [b.x, b.y, b.width, b.height].map(r6),
        score: r6(r.detection.score),
        landmarks: r.landmarks.positions.map((p) => [r6(p.x), r6(p.y)]),
        descriptor_box: [a.x, a.y, a.width, a.height],
        descriptor: Array.from(r.descriptor).map(r6),
      };
    });
    tensor.dispose();
    console.log(JSON.stringify({ png: path.basename(file), width: img.width, height: img.height, faces }));
  }
})();
