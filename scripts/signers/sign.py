#!/usr/bin/env python3
"""Signs webhook bodies as the senders' own libraries do, for the preset tests.

Usage: sign.py JOBS
JOBS is a JSON list of {"preset", "secret", "timestamp", "id", "body"}; prints a JSON list of
the request headers each sender would send, one object per job, in order.

Slack, Standard Webhooks and Stripe are signed by their own libraries from PyPI (slack_sdk,
standardwebhooks, stripe; scripts/signers/setup.sh installs them). A Stripe header is also
verified by stripe.Webhook.construct_event (when its timestamp is current), so the test
checks Intake against Stripe's own reading of the header. GitHub, Typeform and Shopify publish
no Python signing library: their documented recipe is written here with Python's hmac,
independent of the Swift verifier (the Swift tests also check GitHub's documented vector).
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys
import time


def hmac_sha256(secret: str, message: bytes) -> bytes:
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def sign(preset: str, secret: str, timestamp: int, msg_id: str, body: str) -> dict:
    raw = body.encode()
    if preset == "github":
        return {"X-Hub-Signature-256": "sha256=" + hmac_sha256(secret, raw).hex()}
    if preset == "typeform":
        return {"Typeform-Signature": "sha256=" + base64.b64encode(hmac_sha256(secret, raw)).decode()}
    if preset == "shopify":
        return {"X-Shopify-Hmac-Sha256": base64.b64encode(hmac_sha256(secret, raw)).decode()}
    if preset == "slack":
        from slack_sdk.signature import SignatureVerifier

        signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
        return {"X-Slack-Signature": signature, "X-Slack-Request-Timestamp": str(timestamp)}
    if preset == "standard-webhooks":
        from standardwebhooks.webhooks import Webhook

        when = datetime.datetime.fromtimestamp(timestamp, tz=datetime.timezone.utc)
        signature = Webhook(secret).sign(msg_id, when, raw)
        return {"webhook-id": msg_id, "webhook-timestamp": str(timestamp), "webhook-signature": signature}
    if preset == "stripe":
        import stripe

        header = stripe.WebhookSignature.generate_signature_header(body, secret, timestamp=timestamp)
        if abs(timestamp - time.time()) < 300:
            stripe.Webhook.construct_event(body, header, secret)  # raises when Stripe would refuse it
        return {"Stripe-Signature": header}
    raise SystemExit(f"sign.py: unknown preset {preset!r}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    jobs = json.loads(sys.argv[1])
    print(json.dumps([sign(j["preset"], j["secret"], int(j["timestamp"]), j.get("id", ""), j["body"]) for j in jobs]))
