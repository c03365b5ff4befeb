"""Checks tests/vectors/twilio.json against Twilio's own Python SDK (not run by CI or cargo test).

Every vector is validated with twilio-python's `RequestValidator.validate`, the algorithm read
from `X-Twilio-Webhooks-Signature-Settings` by its `get_signature_algorithm`, and the answer
compared with the vector's `expect`. The vectors that only a receiver built with
`Twilio::new().require_sha256()` refuses (the SDK has no such mode) are reported, not counted.

    pip download --no-deps twilio==9.13.0 -d /tmp/tw
    python3 -c "import zipfile; zipfile.ZipFile('/tmp/tw/twilio-9.13.0-py2.py3-none-any.whl').extractall('/tmp/tw/py')"
    python3 tests/interop/twilio_python_sdk.py /tmp/tw/py/twilio/request_validator.py

Exit status 0 when the SDK agrees with every vector.
"""

import importlib.util
import json
import pathlib
import sys
from urllib.parse import parse_qsl

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "vectors" / "twilio.json"


class MultiDict(dict):
    """What Flask hands the validator: every value of a repeated form field."""

    def getall(self, key):
        return self[key]


def main(validator_path):
    spec = importlib.util.spec_from_file_location("request_validator", validator_path)
    rv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rv)
    disagreements, strict_only, checked = 0, 0, 0
    for vector in json.loads(VECTORS.read_text()):
        headers = vector.get("headers", [])
        signature = [v for k, v in headers if k.lower() == "x-twilio-signature"]
        settings = [v for k, v in headers if k.lower() == "x-twilio-webhooks-signature-settings"]
        if not signature or "url" not in vector:
            continue
        algorithm = rv.get_signature_algorithm(settings[0] if settings else None)
        if "bodySHA256" in vector["url"]:
            params = vector["body"]
        else:
            params = MultiDict()
            for key, value in parse_qsl(vector["body"], keep_blank_values=True):
                params.setdefault(key, []).append(value)
        accepted = rv.RequestValidator(vector["secret"]).validate(
            vector["url"], params, signature[0], algorithm
        )
        expected = vector["expect"] == "ok"
        checked += 1
        if accepted == expected:
            continue
        if accepted and "requiring HMAC-SHA256" in vector["name"]:
            strict_only += 1
            print(f"strict mode only (the SDK accepts): {vector['name']}")
            continue
        disagreements += 1
        print(f"DISAGREE sdk={'accepts' if accepted else 'refuses'} expect={vector['expect']}: {vector['name']}")
    print(f"{checked} vectors, {disagreements} disagreements, {strict_only} refused only in strict mode")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
