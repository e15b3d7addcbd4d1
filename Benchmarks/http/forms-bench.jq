# The mapping of forms-bench.yaml written in jq, for Benchmarks/engine-vs-jq.sh: the same
# type and severity lookups, name template, URL extraction and output shape, one incident
# per element of the input array (the array file `intake dry-run` reads).
def answer($t): [.answers[] | select(.title == $t) | .response] | first;
def url_re: "https?://[^\\s<>\"'()\\[\\]{}]+";
{ "Phishing email": "Phishing", "Lost or stolen device": "Lost Device", "Malware": "Malware" } as $types
| { "Low": 1, "Medium": 2, "High": 3, "Critical": 4 } as $severities
| .[]
| select(.responseId != null)
| (($types[answer("Incident type") // ""]) // "Unclassified") as $type
| answer("What happened?") as $text
| { type: $type,
    name: "\($type) reported by \(.respondentEmail)",
    occurred: .timestamp,
    severity: ($severities[answer("Severity") // ""] // 0),
    details: $text,
    fields: ({ reporter: (.respondentEmail | ascii_downcase),
               urls: ([($text // "") | scan(url_re)] | unique) }
             | with_entries(select(.value != null and .value != []))),
    mapper: { name: "forms-bench", version: 1 },
    dedup_key: .responseId }
