#if canImport(Glibc)
import Glibc
#endif

/// The parsers under fuzz, one entry file each.
///
/// One executable serves every target so that a fuzz build links once; scripts/fuzz.sh runs it
/// once per target with `INTAKE_FUZZ_TARGET` set and the target's corpus folder.
enum FuzzTarget: String, CaseIterable, Sendable {
    case json
    case jsonpath
    case yaml
    case mapper
    case form
    case multipart
    case signature

    /// The target named by `INTAKE_FUZZ_TARGET`; a wrong or missing name stops the run at once.
    static let selected: FuzzTarget = {
        let name = getenv("INTAKE_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fail("INTAKE_FUZZ_TARGET must be one of \(allCases.map(\.rawValue).joined(separator: ", ")), not '\(name)'")
        }
        return target
    }()

    /// Feeds one input to the target's parser, checks its property, and fails when the input
    /// took longer than a linear parser could (`TimeBound`).
    func run(_ input: [UInt8]) {
        TimeBound.check(input.count, target: self) {
            switch self {
            case .json: JSONFuzz.check(input)
            case .jsonpath: JSONPathFuzz.check(input)
            case .yaml: YAMLFuzz.check(input)
            case .mapper: MapperFuzz.check(input)
            case .form: FormFuzz.check(input)
            case .multipart: MultipartFuzz.check(input)
            case .signature: SignatureFuzz.check(input)
            }
        }
    }
}
