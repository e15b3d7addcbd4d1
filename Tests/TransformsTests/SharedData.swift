import Foundation
import Testing

/// `<package root>/../shared`, where the conformance suites' data lives (test data only: the
/// contract itself is docs/reference/). A suite whose data is absent shows as skipped with the
/// path it looked for; `scripts/test.sh` refuses to run without it when `CI=true`.
enum SharedData {
    /// The package root is three levels above this file.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardizedFileURL

    static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }

    static func has(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative).path) }

    /// The reason a suite reading `relative` is skipped.
    static func absent(_ relative: String) -> Comment {
        Comment(rawValue: "skipped: \(url(relative).path) is absent (the shared conformance data is not beside this checkout)")
    }
}
