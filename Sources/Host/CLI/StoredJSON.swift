import Foundation
import Transforms

/// JSON text the store kept, read back so the CLI prints it with the rest of its answer.
enum StoredJSON {
    /// The value of stored JSON text. The store keeps only text it was given as JSON, so a
    /// failure means a damaged row: its text is shown as a string rather than dropped.
    static func value(_ text: String) -> JSON {
        (try? JSON.parse(text)) ?? .string(text)
    }

    /// Prints one JSON answer on standard output: two-space indentation, as dry-run prints (S131).
    static func print(_ value: JSON) {
        // One write of the whole text: dry-run arrays can be large.
        FileHandle.standardOutput.write(Data((value.prettySerialized() + "\n").utf8))
    }

    /// Prints one page of a list command, `{"KEY": [items…], "next_cursor": …}`, the shape the
    /// admin API's list routes answer.
    static func printPage(_ key: String, _ items: [JSON], nextCursor: String?) {
        print([key: .array(items), "next_cursor": nextCursor.map(JSON.string) ?? .null])
    }
}

extension StoredIncident {
    /// The incident JSON of SPEC §7 (with `raw` and `provenance` on request), as a value.
    func json(raw: Bool = false, provenance: Bool = false, deliveries: [Delivery]? = nil) -> JSON {
        StoredJSON.value(jsonText(raw: raw, provenance: provenance, deliveries: deliveries))
    }
}

extension StoredSample {
    /// One element of `{"samples": [...]}` (SPEC §4): `id`, `received`, `headers`, `payload`.
    var json: JSON {
        [
            "id": .string(id), "received": .string(received.rfc3339),
            "headers": StoredJSON.value(headersText), "payload": StoredJSON.value(payloadText),
        ]
    }

    /// The kept headers as the mapping engine's `header` steps read them.
    var mappingHeaders: [HTTPHeader] { HTTPHeader.list(storedJSON: headersText) }
}
