// Checks tests/vectors/twilio.json against Twilio's own Node SDK (not run by CI or cargo test).
//
// Every vector is validated with twilio-node's `validateRequest` (form posts) or
// `validateRequestWithBody` (`bodySHA256` URLs), the algorithm read from
// `X-Twilio-Webhooks-Signature-Settings` by its `getSignatureAlgorithm`, and the answer
// compared with the vector's `expect`. Vectors that only `Twilio::new().require_sha256()`
// refuses (the SDK has no such mode) are reported, not counted.
//
//     (cd /tmp && npm pack twilio@6.3.1 && tar xzf twilio-6.3.1.tgz)
//     node tests/interop/twilio_node_sdk.js /tmp/package/lib/webhooks/webhooks.js
//
// Exit status 0 when the SDK agrees with every vector.
const path = require("path");
const querystring = require("querystring");

const webhooks = require(path.resolve(process.argv[2]));
const vectors = require(path.join(__dirname, "..", "vectors", "twilio.json"));

let checked = 0;
let disagreements = 0;
for (const vector of vectors) {
  const headers = vector.headers || [];
  const pick = (name) => headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);
  const signature = pick("x-twilio-signature");
  const settings = pick("x-twilio-webhooks-signature-settings");
  if (!signature.length || !vector.url) continue;
  const algorithm = webhooks.getSignatureAlgorithm(settings[0]);
  const accepted = vector.url.includes("bodySHA256")
    ? webhooks.validateRequestWithBody(vector.secret, signature[0], vector.url, vector.body, algorithm)
    : webhooks.validateRequest(vector.secret, signature[0], vector.url, querystring.parse(vector.body), algorithm);
  checked += 1;
  if (accepted === (vector.expect === "ok")) continue;
  if (accepted && vector.name.includes("requiring HMAC-SHA256")) {
    console.log(`strict mode only (the SDK accepts): ${vector.name}`);
    continue;
  }
  disagreements += 1;
  console.log(`DISAGREE sdk=${accepted ? "accepts" : "refuses"} expect=${vector.expect}: ${vector.name}`);
}
console.log(`${checked} vectors, ${disagreements} disagreements`);
process.exit(disagreements ? 1 : 0);
