import Foundation
import Testing

@testable import Transforms

/// The shared conformance cases of `samples/dates-tr35-timezones`, read at test time.
///
/// Payload values and expected instants come from the shared files; the steps come from
/// `mappers/dates.yaml`, mirrored in `steps` below (this suite does not parse YAML) and
/// checked against that file's text so the mirror cannot drift silently.
@Suite(.enabled(if: DateConformance.available, SharedData.absent("conformance/mapping/samples/dates-tr35-timezones")))
struct DateConformanceTests {
    @Test func mirroredStepsMatchTheMapper() throws {
        let mapper = try String(contentsOf: DateConformance.folder.appendingPathComponent("mappers/dates.yaml"), encoding: .utf8)
        for step in DateConformance.steps.values {
            if let format = step.format { #expect(mapper.contains(format), "\(format)") }
            if let zone = step.zone { #expect(mapper.contains("timezone: \(zone)"), "\(zone)") }
        }
    }

    @Test(arguments: DateConformance.caseNames)
    func sample(name: String) throws {
        let samples = DateConformance.folder.appendingPathComponent("samples/dates-tr35-timezones")
        let payload = try JSONSerialization.jsonObject(with: Data(contentsOf: samples.appendingPathComponent("\(name).json")))
        let expected = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: samples.appendingPathComponent("\(name).expected.json")))
                as? [[String: Any]])
        let payloads = (payload as? [Any]) ?? [payload]
        try #require(payloads.count == expected.count)
        for (payload, outcome) in zip(payloads, expected) {
            let object = try #require(payload as? [String: Any])
            var mapped: [String: Any] = [:]
            var failed = false
            for (key, raw) in object {
                let (field, step) = try #require(DateConformance.steps.first { $0.value.key == key }.map { ($0.key, $0.value) })
                let reader = try DateReader(format: step.format, timezone: step.zone)
                do {
                    mapped[field] = try DateConformance.map(DateConformance.json(raw), with: reader)
                } catch {
                    failed = true
                }
            }
            if outcome["status"] as? String == "quarantined" {
                #expect(failed, "\(name): expected a date error for \(object)")
            } else {
                #expect(!failed, "\(name): \(object)")
                let incident = try #require(outcome["incident"] as? [String: Any])
                let fields = try #require(incident["fields"] as? [String: Any])
                #expect(Set(fields.keys) == Set(mapped.keys), "\(name)")
                for (field, value) in fields {
                    #expect("\(value)" == "\(mapped[field] ?? "missing")", "\(name).\(field)")
                }
            }
        }
    }
}

enum DateConformance {
    static let folder = SharedData.url("conformance/mapping")

    static var available: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("samples/dates-tr35-timezones").path)
    }

    /// `X` for every `X.expected.json` in the samples folder.
    static var caseNames: [String] {
        let samples = folder.appendingPathComponent("samples/dates-tr35-timezones")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return files.filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()
    }

    /// Mirror of mappers/dates.yaml: field → (payload key, date step format, timezone).
    static let steps: [String: (key: String, format: String?, zone: String?)] = [
        "occurred": ("occurred", nil, nil),
        "iso_list": ("iso_list", nil, nil),
        "iso_tz": ("local", "iso8601", "Asia/Kolkata"),
        "epoch": ("epoch", "epoch", nil),
        "epoch_ms": ("epoch_ms", "epoch_ms", nil),
        "us": ("us", "M/d/yyyy H:mm:ss", "America/New_York"),
        "eu": ("eu", "dd/MM/yyyy HH:mm:ss", "Europe/Paris"),
        "rfc2822": ("rfc2822", "EEE, dd MMM yyyy HH:mm:ss Z", nil),
        "ampm": ("ampm", "dd-MM-yy hh:mm:ss.S a", nil),
        "month_name": ("month_name", "MMMM d, yyyy 'at' h:mm a", nil),
        "offset_wins": ("with_offset", "yyyy-MM-dd HH:mm XXX", "Asia/Tokyo"),
        "new_york": ("ny", "yyyy-MM-dd HH:mm", "America/New_York"),
        "k24": ("k24", "yyyy-MM-dd kk:mm", nil),
        "quoted": ("quoted", "yyyy-MM-dd'T'HH:mm:ss.SSS 'o''clock'", nil),
    ]

    /// The step's output as the expected file writes it: RFC 3339 text, element-wise for lists (S48).
    static func map(_ value: JSON, with reader: DateReader) throws -> Any {
        if case .array(let elements) = value { return try elements.map { try reader.read($0).rfc3339 } }
        return try reader.read(value).rfc3339
    }

    /// A Foundation JSON value as `JSON`. Integral numbers become integers, which the date
    /// readers treat exactly as the equal non-integer (epoch seconds are the same either way).
    static func json(_ value: Any) -> JSON {
        switch value {
        case let string as String: return .string(string)
        case let array as [Any]: return .array(array.map(json))
        case let number as NSNumber:
            let double = number.doubleValue
            if double == double.rounded(), abs(double) < 9e18 { return .number(.int(Int(double))) }
            return .number(.double(double))
        default: return .null
        }
    }
}
