import Foundation
import Transforms

/// The HMAC header readers (`SignatureHeader`), as an HMAC instance reads a request's
/// signature and timestamp headers before any cryptography. The input's first line is the
/// signature header's value, the second the timestamp header's.
///
/// Property: a signature that decodes, written again in its encoding, decodes to the same
/// bytes; a timestamp that reads, printed again, reads the same; its distance from any
/// instant, however far, is the exact distance or nil when that exceeds `Int64` — never a trap.
/// What the several-signature layouts (Standard Webhooks, Stripe) read, written again as a
/// sender writes it, reads the same.
enum SignatureFuzz {
    static let instants = [Int64.min, -1, 0, 1_764_000_000_000, Int64.max].map(Instant.init(millisecondsSinceEpoch:))

    static func check(_ input: [UInt8]) {
        let lines = input.split(separator: 10, maxSplits: 1, omittingEmptySubsequences: false)
        let header = decodedText(Array(lines[0]))
        let timestampText = lines.count > 1 ? decodedText(Array(lines[1])) : ""
        for encoding in SignatureEncoding.allCases {
            for prefix in ["", "sha256=", "v0="] {
                guard let signature = SignatureHeader.signature(header, prefix: prefix, encoding: encoding) else { continue }
                let text = prefix + written(signature, encoding)
                require(
                    SignatureHeader.signature(text, prefix: prefix, encoding: encoding) == signature,
                    "the \(encoding) signature of \(header.prefix(100)) written as \(text.prefix(100)) reads differently")
            }
        }
        for encoding in SignatureEncoding.allCases {
            let spaced = SignatureHeader.read(header, layout: .spaceSeparated, prefix: "v1,", encoding: encoding)
            let spacedAgain = spaced.signatures.map { "v1," + written($0, encoding) }.joined(separator: " ")
            require(
                SignatureHeader.read(spacedAgain, layout: .spaceSeparated, prefix: "v1,", encoding: encoding) == spaced,
                "the space-separated \(encoding) signatures of \(header.prefix(100)) written again read differently")
            let stripe = SignatureLayout.fields(timestampKey: "t", signatureKey: "v1")
            let fields = SignatureHeader.read(header, layout: stripe, prefix: "", encoding: encoding)
            let fieldsAgain = ((fields.timestamp.map { ["t=" + $0] } ?? []) + fields.signatures.map { "v1=" + written($0, encoding) })
                .joined(separator: ",")
            require(
                SignatureHeader.read(fieldsAgain, layout: stripe, prefix: "", encoding: encoding) == fields,
                "the fields of \(header.prefix(100)) written again as \(fieldsAgain.prefix(100)) read differently")
        }
        guard let seconds = SignatureHeader.timestamp(timestampText) else { return }
        require(SignatureHeader.timestamp(String(seconds)) == seconds, "timestamp \(seconds) does not read back")
        for now in instants {
            let exact = (Int128(now.millisecondsSinceEpoch / 1000) - Int128(seconds)).magnitude
            let skew = SignatureHeader.skew(of: seconds, from: now)
            require(
                skew.map { UInt128($0) == exact } ?? (exact > UInt128(Int64.max)),
                "skew of \(seconds) from \(now.millisecondsSinceEpoch) ms is \(String(describing: skew)), not \(exact)")
        }
    }

    /// A signature as a sender writes it: lower-case hex, or padded base64.
    static func written(_ signature: [UInt8], _ encoding: SignatureEncoding) -> String {
        encoding == .hex ? signature.map { String($0, radix: 16).leftPadded() }.joined() : Data(signature).base64EncodedString()
    }
}

extension String {
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
