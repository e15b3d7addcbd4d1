import Foundation
import ServiceLifecycle

/// `intake serve --watch`: reloads the mappers when a file of the mappers folder (or the
/// plugin folder) changes (SPEC §12 "Reload").
///
/// It polls: every `interval` it lists the folders' files with their sizes and modification
/// times, and reloads once a change has held still for one more interval, so an editor's
/// save-by-rename or a `git checkout` of many files gives one reload, not several of a half
/// written folder. Polling costs a directory listing a second and works the same on every
/// file system (inotify does not see changes on many network and container mounts).
struct MapperFolderWatch: Service {
    let folders: [String]
    let interval: Duration
    let reloader: MapperReloader

    func run() async throws {
        var loaded = Self.fingerprint(folders)
        var pending: [String: String]?
        while true {
            do {
                // Ends at once when shutdown starts, rather than at the end of the interval.
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            let now = Self.fingerprint(folders)
            if now == loaded {
                pending = nil
            } else if now == pending {
                // Unchanged for a whole interval: the edit is over.
                _ = await reloader.reload(trigger: "watch")
                loaded = now
                pending = nil
            } else {
                pending = now
            }
        }
    }

    /// Each file under `folders` with its size and modification time; unreadable entries are
    /// left out (a file being replaced shows up on the next poll).
    static func fingerprint(_ folders: [String]) -> [String: String] {
        var files: [String: String] = [:]
        let manager = FileManager.default
        for folder in folders {
            guard let enumerator = manager.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = folder + "/" + relative
                guard let attributes = try? manager.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular
                else { continue }
                let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                files[path] = "\(size)@\(modified)"
            }
        }
        return files
    }
}
