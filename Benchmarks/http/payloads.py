#!/usr/bin/env python3
"""Writes the payloads of the end-to-end benchmark (scripts/bench-http.sh).

  payloads.py array N FILE        a JSON array of N Google Forms script payloads (dry-run, jq)
  payloads.py signed N SECRET FILE  N lines "sha256=<hex HMAC>\\t<body>" for the HMAC phase

Every payload has its own responseId (the dedup key), so each one is a new incident; the
shape is about 400 bytes, like a real form submission with a link in its free text.
"""
import hashlib, hmac, json, sys

KINDS = ["Phishing email", "Lost or stolen device", "Malware", "Something else"]
LEVELS = ["Low", "Medium", "High", "Critical"]

def payload(i):
    return {
        "formId": "1FAIpQLSdSecurityIntake2026",
        "responseId": f"bench-{i:09d}",
        "timestamp": "2026-11-28T19:03:12.417Z",
        "respondentEmail": f"user{i % 997}@example.com",
        "answers": [
            {"title": "Incident type", "type": "LIST", "response": KINDS[i % len(KINDS)]},
            {"title": "Severity", "type": "MULTIPLE_CHOICE", "response": LEVELS[i % len(LEVELS)]},
            {"title": "What happened?", "type": "PARAGRAPH_TEXT",
             "response": f"Mail asked me to sign in at https://login.example-{i % 89}.com/sso?u={i} before noon."},
        ],
    }

def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    if kind == "array":
        with open(sys.argv[3], "w") as out:
            json.dump([payload(i) for i in range(n)], out, separators=(",", ":"))
    elif kind == "signed":
        secret = sys.argv[3].encode()
        with open(sys.argv[4], "w") as out:
            for i in range(n):
                body = json.dumps(payload(i), separators=(",", ":"))
                sig = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
                out.write(f"sha256={sig}\t{body}\n")
    else:
        sys.exit(f"unknown kind {kind}")

if __name__ == "__main__":
    main()
