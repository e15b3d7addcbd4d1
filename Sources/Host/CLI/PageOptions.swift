import ArgumentParser

/// `--limit` and `--cursor`: the one declaration of paging, in every list command whose admin
/// API route pages with `limit` and `next_cursor` (incidents, quarantine, actions).
struct PageOptions: ParsableArguments {
    @Option(help: "Page size, 1 to 500.")
    var limit: Int = 50

    @Option(help: "The next_cursor of the previous page.")
    var cursor: String?
}
