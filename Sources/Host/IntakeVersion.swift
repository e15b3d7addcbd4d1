/// The version `intake --version` prints (SPEC §12 "Commands"), changed by hand at a release.
///
/// `-dev` marks a build from the repository between releases.
enum IntakeVersion {
    static let current = "1.0.0-dev"
}
