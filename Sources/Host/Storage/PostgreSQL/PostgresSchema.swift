/// The PostgreSQL schema and its migrations.
///
/// `intake_schema` holds one row per applied migration; the highest is the schema version, the
/// same number the SQLite store keeps in `PRAGMA user_version`. Every listener migrates at start,
/// so migrations run inside one transaction under an advisory lock: two listeners starting at
/// once apply each migration once (the second waits, then finds nothing to do), and a failed
/// migration leaves nothing behind (PostgreSQL's DDL is transactional).
///
/// Times are milliseconds since the epoch (`bigint`), as in SQLite, so both stores compare,
/// page and make cursors alike. Payloads, headers and fields are `text`, never `jsonb`: a store
/// keeps the bytes as received, and `jsonb` would re-serialize them.
enum PostgresSchema {
    /// The advisory lock key migrations hold (`'intake'` in ASCII).
    static let migrationLock: Int64 = 0x696E_7461_6B65

    /// The migrations, in order, each a list of statements; the version is the position plus one.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE incidents (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                instance text NOT NULL CHECK (instance <> ''),
                created bigint NOT NULL,
                type text NOT NULL CHECK (type <> ''),
                name text,
                occurred bigint NOT NULL,
                severity integer NOT NULL CHECK (severity BETWEEN 0 AND 4),
                details text,
                fields text,
                dedup_key text,
                raw_payload text NOT NULL,
                headers text NOT NULL,
                mapper_name text,
                mapper_version bigint,
                mapper_hash text,
                provenance text,
                CONSTRAINT incidents_dedup UNIQUE (instance, dedup_key)
            )
            """,
            "CREATE INDEX incidents_created ON incidents (created, id)",
            "CREATE INDEX incidents_instance_created ON incidents (instance, created, id)",
            """
            CREATE TABLE samples (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                instance text NOT NULL CHECK (instance <> ''),
                received bigint NOT NULL,
                headers text NOT NULL,
                payload text NOT NULL
            )
            """,
            "CREATE INDEX samples_instance ON samples (instance, id)",
            """
            CREATE TABLE quarantine (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                instance text NOT NULL CHECK (instance <> ''),
                received bigint NOT NULL,
                payload text NOT NULL,
                headers text NOT NULL,
                errors text NOT NULL,
                mapper_name text,
                resolved bigint
            )
            """,
            "CREATE INDEX quarantine_instance ON quarantine (instance, id)",
        ],
        // v2: deliveries (the actions outbox), as SQLite's v2.
        [
            """
            CREATE TABLE deliveries (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key text NOT NULL UNIQUE,
                incident bigint NOT NULL REFERENCES incidents (id),
                action text NOT NULL CHECK (action <> ''),
                status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts integer NOT NULL DEFAULT 0,
                created bigint NOT NULL,
                next_attempt bigint,
                leased_until bigint,
                last_attempt bigint,
                last_result text,
                delivered bigint
            )
            """,
            "CREATE INDEX deliveries_due ON deliveries (action, status, next_attempt)",
            "CREATE INDEX deliveries_incident ON deliveries (incident, id)",
            "CREATE INDEX deliveries_status ON deliveries (status, id)",
        ],
    ]

    /// The schema version this binary writes: the number of migrations.
    static var version: Int { migrations.count }
}
