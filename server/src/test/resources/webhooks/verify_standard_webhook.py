"""An independent check of Standard Webhooks 1.0 signatures (hmac and hashlib only, nothing from the ledger).

Reads JSON lines on stdin, one delivery each: {"secret", "id", "timestamp", "body", "signature", "now"}; prints one
line per delivery: "ok" when one of the space-separated v1 signatures is the HMAC-SHA256 of "id.timestamp.body" keyed
with the secret's base64-decoded bytes (the part after "whsec_") and the timestamp is within 5 minutes of "now",
otherwise "bad: <why>".
"""
import base64
import hashlib
import hmac
import json
import sys

TOLERANCE_SECONDS = 5 * 60


def verify(delivery):
    secret = delivery["secret"]
    if not secret.startswith("whsec_"):
        return "bad: secret without whsec_"
    key = base64.b64decode(secret[len("whsec_"):])
    timestamp = int(delivery["timestamp"])
    if abs(int(delivery["now"]) - timestamp) > TOLERANCE_SECONDS:
        return "bad: timestamp out of tolerance"
    signed = "{}.{}.{}".format(delivery["id"], delivery["timestamp"], delivery["body"]).encode("utf-8")
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    for versioned in delivery["signature"].split(" "):
        version, _, signature = versioned.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return "ok"
    return "bad: no v1 signature matches"


for line in sys.stdin:
    if line.strip():
        print(verify(json.loads(line)))
