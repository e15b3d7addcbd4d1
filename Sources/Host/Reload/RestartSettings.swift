/// The settings of `intake.yaml` a running listener cannot change (SPEC §12 "Reload"): the
/// sockets it listens on, the store it has open, the folders it loads and watches, the admin
/// token its routes were built with, and the limits its servers and budgets were sized by.
///
/// A reload keeps their running values, so a half-applied change (a new port with the old
/// socket still bound) can never happen, and names the ones the file changed so the operator
/// knows a restart is due.
struct RestartSettings {
    /// The configuration to put in force: the file as read, with every restart setting as it runs.
    let applied: IntakeConfiguration
    /// The restart settings the file changed, e.g. `listen` or `instances[forms].port`.
    let changed: [String]

    init(running: IntakeConfiguration, read: IntakeConfiguration) {
        var applied = read
        var changed: [String] = []
        func keep<Value: Equatable>(_ key: String, _ setting: WritableKeyPath<IntakeConfiguration, Value>) {
            if read[keyPath: setting] != running[keyPath: setting] { changed.append(key) }
            applied[keyPath: setting] = running[keyPath: setting]
        }
        keep("listen", \.listen)
        keep("storage", \.storage)
        keep("mappers", \.mappers)
        keep("admin", \.admin)
        keep("limits", \.limits)
        keep("plugins", \.plugins)
        // An instance's own port is a socket too: it keeps the one it was started with (a new
        // instance is reached on the main listener until a restart opens its port).
        for index in applied.instances.indices {
            let name = applied.instances[index].name
            let port = running.instance(named: name)?.port
            if applied.instances[index].port != port { changed.append("instances[\(name)].port") }
            applied.instances[index].port = port
        }
        self.applied = applied
        self.changed = changed
    }
}
