import GRDB

/// The SQLite schema and its migrations.
///
/// GRDB's migrator records which migrations ran; `PRAGMA user_version` also holds the schema
/// version (each migration sets it) so that any tool, and an older intake, can see at a
/// glance which version a file has, and refuse one that is newer than it knows.
enum SQLiteSchema {
    /// The schema version this binary writes: the number of migrations below.
    static let version = 2

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: incidents, samples, quarantine") { db in
            try db.execute(
                sql: """
                    CREATE TABLE incidents (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        instance TEXT NOT NULL CHECK (instance <> ''),
                        created INTEGER NOT NULL,
                        type TEXT NOT NULL CHECK (type <> ''),
                        name TEXT,
                        occurred INTEGER NOT NULL,
                        severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),
                        details TEXT,
                        fields TEXT,
                        dedup_key TEXT,
                        raw_payload TEXT NOT NULL,
                        headers TEXT NOT NULL,
                        mapper_name TEXT,
                        mapper_version INTEGER,
                        mapper_hash TEXT,
                        provenance TEXT
                    );
                    CREATE UNIQUE INDEX incidents_dedup ON incidents (instance, dedup_key) WHERE dedup_key IS NOT NULL;
                    CREATE INDEX incidents_created ON incidents (created, id);
                    CREATE INDEX incidents_instance_created ON incidents (instance, created, id);
                    CREATE TABLE samples (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        instance TEXT NOT NULL CHECK (instance <> ''),
                        received INTEGER NOT NULL,
                        headers TEXT NOT NULL,
                        payload TEXT NOT NULL
                    );
                    CREATE INDEX samples_instance ON samples (instance, id);
                    CREATE TABLE quarantine (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        instance TEXT NOT NULL CHECK (instance <> ''),
                        received INTEGER NOT NULL,
                        payload TEXT NOT NULL,
                        headers TEXT NOT NULL,
                        errors TEXT NOT NULL,
                        mapper_name TEXT,
                        resolved INTEGER
                    );
                    CREATE INDEX quarantine_instance ON quarantine (instance, id);
                    PRAGMA user_version = 1;
                    """)
        }
        migrator.registerMigration("v2: deliveries (the actions outbox)") { db in
            try db.execute(
                sql: """
                    CREATE TABLE deliveries (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        key TEXT NOT NULL UNIQUE,
                        incident INTEGER NOT NULL REFERENCES incidents (id),
                        action TEXT NOT NULL CHECK (action <> ''),
                        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        created INTEGER NOT NULL,
                        next_attempt INTEGER,
                        leased_until INTEGER,
                        last_attempt INTEGER,
                        last_result TEXT,
                        delivered INTEGER
                    );
                    CREATE INDEX deliveries_due ON deliveries (action, status, next_attempt);
                    CREATE INDEX deliveries_incident ON deliveries (incident, id);
                    CREATE INDEX deliveries_status ON deliveries (status, id);
                    PRAGMA user_version = 2;
                    """)
        }
        return migrator
    }
}
