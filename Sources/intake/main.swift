import Host

/// Inside an async function the async `main()` is chosen; in top-level code Swift picks the
/// synchronous overload, which refuses an async root command at run time.
func start() async { await IntakeCommand.main() }
await start()
