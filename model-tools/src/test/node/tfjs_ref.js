// Prints a few dequantised weights decoded by TF.js' own io.decodeWeights (reference for TfjsWeightsTest).
const path = require('path'); const fs = require('fs');
const NM = '/tmp/peers-cache/node/node_modules';
const tf = require(require.resolve('@tensorflow/tfjs', { paths: [NM] }));
const dir = path.join(NM, '@vladmandic/face-api/model');
for (const [model, picks] of [['face_landmark_68_model', [['dense0/conv0/filters', [0, 1, 863]], ['fc/weights', [0, 34815]], ['fc/bias', [0, 135]], ['dense3/conv3/pointwise_filter', [12345]]]],
                              ['age_gender_model', [['entry_flow/conv_in/bias', [0, 31]], ['fc/gender/weights', [0, 1023]], ['fc/age/bias', [0]], ['exit_flow/separable_conv/pointwise_filter', [100000]]]]]) {
  const m = JSON.parse(fs.readFileSync(path.join(dir, model + '-weights_manifest.json')));
  const specs = m.flatMap((g) => g.weights);
  const buf = Buffer.concat(m.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p)))));
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const map = tf.io.decodeWeights(ab, specs);
  console.log(model, 'entries', Object.keys(map).length, 'tfjs', tf.version_core);
  for (const [name, idx] of picks) {
    const d = map[name].dataSync();
    console.log(' ', name, JSON.stringify(map[name].shape), idx.map((i) => `[${i}]=${d[i].toPrecision(9)}`).join(' '));
  }
}
