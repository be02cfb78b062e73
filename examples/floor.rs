//! The floor under `shadow-import run`, for the performance notes: the same
//! four generated files parsed with no mapping at all (with the `csv` crate
//! alone, then with shadow-import's own reader), then parsed and
//! inserted as-is into SQLite (one table per file, every column TEXT, the
//! same pragmas as the shadow), on one thread and then with the files
//! split across two threads; then, on one thread, the eight indexes the
//! checks join on, the four references resolved and the deals without a
//! contact role counted. No decoding, detection, mapping, accounting or
//! reports: what is left of a rehearsal when everything that is ours is
//! taken away.
//!
//! ```text
//! cargo run --release --example floor -- target/bench/1000000
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

const FILES: [&str; 4] = ["Account", "Contact", "Opportunity", "OpportunityContactRole"];

fn parse_only(path: &Path) -> u64 {
    let mut reader = csv::Reader::from_path(path).expect("open");
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while reader.read_byte_record(&mut record).expect("read") {
        rows += 1;
    }
    rows
}

fn insert(conn: &rusqlite::Connection, path: &Path, table: &str) {
    let mut reader = csv::Reader::from_path(path).expect("open");
    let width = reader.headers().expect("header").len();
    let columns: Vec<String> = (0..width).map(|i| format!("c{i} TEXT")).collect();
    conn.execute_batch(&format!("CREATE TABLE {table} ({})", columns.join(", "))).expect("create");
    let marks: Vec<String> = (1..=width).map(|i| format!("?{i}")).collect();
    let tx = conn.unchecked_transaction().expect("begin");
    {
        let mut stmt =
            tx.prepare(&format!("INSERT INTO {table} VALUES ({})", marks.join(", "))).expect("sql");
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).expect("read") {
            for (i, cell) in record.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, cell).expect("bind");
            }
            stmt.raw_execute().expect("insert");
        }
    }
    tx.commit().expect("commit");
}

fn open(path: &Path) -> rusqlite::Connection {
    let _ = std::fs::remove_file(path);
    let conn = rusqlite::Connection::open(path).expect("db");
    conn.execute_batch(
        "PRAGMA page_size = 32768; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
         PRAGMA temp_store = FILE; PRAGMA cache_size = -8192;",
    )
    .expect("pragmas");
    conn
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or("target/bench/1000000".into()));
    let file = |name: &str| dir.join("data").join(format!("{name}.csv"));
    let scratch = std::env::temp_dir();

    let started = Instant::now();
    let rows: u64 = FILES.iter().map(|f| parse_only(&file(f))).sum();
    println!("parse only ({rows} rows):            {:6.2} s", started.elapsed().as_secs_f64());

    // The same files through shadow-import's own reader: decoding, line
    // numbers, report footers, undecodable bytes.
    let started = Instant::now();
    let mut read = 0u64;
    for f in FILES {
        let source = shadow_import::scenario::Source {
            file: format!("data/{f}.csv"),
            path: file(f),
            encoding: None,
            delimiter: None,
            declared_at: shadow_import::error::Location::file("floor"),
        };
        let mut csv = shadow_import::parse::CsvFile::open(&source).expect("open");
        let mut record = csv::StringRecord::new();
        while csv.read(&mut record).expect("read").is_some() {
            read += 1;
        }
    }
    assert_eq!(read, rows);
    println!("shadow-import's reader:            {:6.2} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let conn = open(&scratch.join("floor-1.db"));
    for f in FILES {
        insert(&conn, &file(f), f);
    }
    println!("parse + insert, one thread:        {:6.2} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    std::thread::scope(|s| {
        // Contact alone against the other three: about half the bytes each.
        let groups: [&[&str]; 2] =
            [&["Contact"], &["Account", "Opportunity", "OpportunityContactRole"]];
        for (n, group) in groups.into_iter().enumerate() {
            let (file, scratch) = (&file, &scratch);
            s.spawn(move || {
                let conn = open(&scratch.join(format!("floor-part{n}.db")));
                for f in group {
                    insert(&conn, &file(f), f);
                }
            });
        }
    });
    println!("parse + insert, two threads:       {:6.2} s", started.elapsed().as_secs_f64());

    // The SQL a rehearsal cannot do without, on the one-thread database
    // (same pragmas and page size as the shadow): the indexes its checks
    // join on, then each reference resolved once and the deals without a
    // contact role counted. Columns: c0 = Id; Contact.c1, Opportunity.c1 =
    // AccountId; OpportunityContactRole.c1 = OpportunityId, c2 = ContactId.
    let step = |what: &str, sql: &str| {
        let started = Instant::now();
        conn.execute_batch(sql).expect(what);
        println!("{what:<35}{:6.2} s", started.elapsed().as_secs_f64());
    };
    step(
        "eight indexes, one thread:",
        "CREATE INDEX a_id ON Account (c0); CREATE INDEX c_id ON Contact (c0); \
         CREATE INDEX o_id ON Opportunity (c0); CREATE INDEX r_id ON OpportunityContactRole (c0); \
         CREATE INDEX c_acc ON Contact (c1); CREATE INDEX o_acc ON Opportunity (c1); \
         CREATE INDEX r_opp ON OpportunityContactRole (c1, c2); CREATE INDEX r_con ON OpportunityContactRole (c2);",
    );
    step(
        "four references resolved:",
        "CREATE TEMP TABLE orphans AS \
         SELECT count(*) FROM Contact x WHERE NOT EXISTS (SELECT 1 FROM Account WHERE c0 = x.c1) UNION ALL \
         SELECT count(*) FROM Opportunity x WHERE NOT EXISTS (SELECT 1 FROM Account WHERE c0 = x.c1) UNION ALL \
         SELECT count(*) FROM OpportunityContactRole x WHERE NOT EXISTS (SELECT 1 FROM Opportunity WHERE c0 = x.c1) UNION ALL \
         SELECT count(*) FROM OpportunityContactRole x WHERE NOT EXISTS (SELECT 1 FROM Contact WHERE c0 = x.c2);",
    );
    step(
        "deals without a contact role:",
        "CREATE TEMP TABLE unlinked AS SELECT count(*) FROM Opportunity o \
         WHERE NOT EXISTS (SELECT 1 FROM OpportunityContactRole WHERE c1 = o.c0);",
    );
    for name in ["floor-1.db", "floor-part0.db", "floor-part1.db"] {
        let _ = std::fs::remove_file(scratch.join(name));
    }
}
