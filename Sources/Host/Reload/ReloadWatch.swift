import Foundation
import ServiceLifecycle

/// `intake serve --watch`: reloads when the configuration file or a file of the mappers folder
/// (or the plugin folder) changes (SPEC §12 "Reload").
///
/// It polls: every `interval` it lists the folders' files with their sizes and modification
/// times, and reloads once a change has held still for one more interval, so an editor's
/// save-by-rename or a `git checkout` of many files gives one reload, not several of a half
/// written folder. Polling costs a directory listing a second and works the same on every
/// file system (inotify does not see changes on many network and container mounts).
struct ReloadWatch: Service {
    /// Folders (every file under them) and files to watch.
    let paths: [String]
    let interval: Duration
    let reloader: Reloader

    func run() async throws {
        var loaded = Self.fingerprint(paths)
        var pending: [String: String]?
        while true {
            do {
                // Ends at once when shutdown starts, rather than at the end of the interval.
                try await cancelWhenGracefulShutdown { [interval] in try await Task.sleep(for: interval) }
            } catch {
                return
            }
            let now = Self.fingerprint(paths)
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

    /// Each file of `paths` (a file itself, a folder every file under it) with its size and
    /// modification time; unreadable entries are left out (a file being replaced shows up on
    /// the next poll).
    static func fingerprint(_ paths: [String]) -> [String: String] {
        var files: [String: String] = [:]
        let manager = FileManager.default
        func note(_ path: String) {
            guard let attributes = try? manager.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular
            else { return }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            files[path] = "\(size)@\(modified)"
        }
        for path in paths {
            note(path)
            guard let enumerator = manager.enumerator(atPath: path) else { continue }
            while let relative = enumerator.nextObject() as? String { note(path + "/" + relative) }
        }
        return files
    }
}
