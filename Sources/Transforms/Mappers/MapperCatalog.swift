/// Everything a mappers folder declares: its mappers in load order and its incident types.
public struct MapperCatalog: Sendable {
    public private(set) var mappers: [Mapper]
    public private(set) var types: IncidentTypeCatalog
    public var directory: String

    public init(mappers: [Mapper] = [], types: IncidentTypeCatalog = IncidentTypeCatalog(), directory: String = "") {
        self.mappers = mappers
        self.types = types
        self.directory = directory
    }

    public func mapper(named name: String) -> Mapper? { mappers.first { $0.name == name } }

    /// Loads a folder as SEMANTICS S7 says: `*.yaml` / `*.yml` in name order, dot-files
    /// ignored; a file with a top-level `mapper` key is a mapper, any other must have exactly
    /// the key `incident_types`. Mapper names are unique across the folder.
    ///
    /// - Parameter candidate: a file's text to load in place of what is on disk (a new file
    ///   when the folder lacks it), so an edit is checked as the folder it would make before it
    ///   is written (the admin API's mapper save).
    /// - Throws: every mistake of every file, so that `intake check` lists them all.
    public static func load(
        directory: String, registry: StepRegistry, candidate: (file: String, text: String)? = nil
    ) throws(SourceErrors) -> MapperCatalog {
        var files: [String]
        do { files = try yamlFiles(in: directory) } catch {
            throw SourceErrors([
                SourceError(
                    .unreadable, "cannot read the mappers folder: \(error) (--mappers DIR; default ./mappers)",
                    at: SourceMark(file: directory, line: 1, column: 1))
            ])
        }
        if let candidate, !files.contains(candidate.file) {
            files.append(candidate.file)
            files.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        }
        var catalog = MapperCatalog(directory: directory)
        var errors: [SourceError] = []
        var firstMark: [String: SourceMark] = [:]
        for file in files {
            let text: String
            let node: YAMLNode
            do {
                if let candidate, candidate.file == file { text = candidate.text } else { text = try readTextFile(file) }
            } catch {
                errors.append(SourceError(.unreadable, "cannot read the file: \(error)", at: SourceMark(file: file, line: 1, column: 1)))
                continue
            }
            do { node = try YAMLLoader.load(text, file: file) } catch {
                errors.append(error)
                continue
            }
            guard case .mapping(let members) = node.content else {
                errors.append(SourceError(.wrongShape, "expected a mapper (top-level 'mapper:') or an 'incident_types:' map", at: node.mark))
                continue
            }
            if node["mapper"] != nil {
                do {
                    let mapper = try Mapper(node: node, file: file, sourceText: text, registry: registry)
                    if let first = firstMark[mapper.name] {
                        errors.append(
                            SourceError(
                                .declaredTwice, "mapper '\(mapper.name)' is declared twice (first at \(first))", at: node["mapper"]?.mark ?? node.mark
                            ))
                    } else {
                        firstMark[mapper.name] = node["mapper"]?.mark ?? node.mark
                        catalog.mappers.append(mapper)
                    }
                } catch {
                    errors.append(contentsOf: error.errors)
                }
            } else if members.count == 1, members[0].key == "incident_types" {
                do { try catalog.types.load(node) } catch { errors.append(contentsOf: error.errors) }
            } else {
                let keys = members.map { "'\($0.key)'" }.joined(separator: ", ")
                errors.append(
                    SourceError(
                        .invalidValue,
                        "a file in the mappers folder is a mapper (top-level 'mapper:') or holds only 'incident_types:'; found \(keys)",
                        at: members.first?.keyMark ?? node.mark))
            }
        }
        guard errors.isEmpty else { throw SourceErrors(errors) }
        return catalog
    }

    /// Adds a mapper loaded from a file outside the folder (`--mapper FILE`).
    public mutating func add(_ mapper: Mapper) throws(SourceErrors) {
        if let existing = self.mapper(named: mapper.name), existing.file != mapper.file {
            throw SourceErrors([
                SourceError(
                    .declaredTwice, "mapper '\(mapper.name)' is already declared in \(existing.file)",
                    at: SourceMark(file: mapper.file, line: 1, column: 1))
            ])
        }
        if self.mapper(named: mapper.name) == nil { mappers.append(mapper) }
    }
}
