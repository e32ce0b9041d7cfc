//! SQLite output: each record as rows of normalised tables, one row per entity, keyed by the
//! document's id, so that users query targets by place and deadline with SQL. `docs/schema.md`
//! documents the tables; [`TABLES`] defines them, each column with the field it is read from,
//! and the DDL is generated from it so the two cannot drift apart.
//!
//! A run is one transaction: an interrupted run leaves the database as it was. A document
//! already in the database is replaced whole (its rows deleted through the foreign keys'
//! cascades), so running again over the same folder updates instead of duplicating.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;

use crate::error::Error;
use crate::extract::dates::DateMention;
use crate::extract::figures::Figure;
use crate::extract::places::Place;
use crate::extract::sectors::Sector;
use crate::extract::targets::{Report, Target, TargetValue};
use crate::record::{Mention, Output, Record, Source};

/// A field as SQLite stores it.
trait Cell {
    fn cell(&self) -> SqlValue;
}

impl Cell for String {
    fn cell(&self) -> SqlValue {
        SqlValue::Text(self.clone())
    }
}

impl Cell for usize {
    fn cell(&self) -> SqlValue {
        SqlValue::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl Cell for u32 {
    fn cell(&self) -> SqlValue {
        SqlValue::Integer(i64::from(*self))
    }
}

impl Cell for bool {
    fn cell(&self) -> SqlValue {
        SqlValue::Integer(i64::from(*self))
    }
}

impl Cell for f64 {
    fn cell(&self) -> SqlValue {
        SqlValue::Real(*self)
    }
}

impl Cell for serde_json::Number {
    fn cell(&self) -> SqlValue {
        match self.as_i64() {
            Some(integer) => SqlValue::Integer(integer),
            None => self.as_f64().map_or(SqlValue::Null, SqlValue::Real),
        }
    }
}

/// A list of names or codes, joined by `,`.
impl Cell for Vec<String> {
    fn cell(&self) -> SqlValue {
        SqlValue::Text(self.join(","))
    }
}

impl<T: Cell> Cell for Option<T> {
    fn cell(&self) -> SqlValue {
        self.as_ref().map_or(SqlValue::Null, Cell::cell)
    }
}

/// An enum (or an optional one) by the name it has in JSON.
fn name<T: Serialize>(value: &T) -> SqlValue {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => SqlValue::Text(name),
        _ => SqlValue::Null,
    }
}

/// A column of a table of `T`s: its name, SQL type, whether it is indexed, and how it is read.
struct Column<T> {
    name: &'static str,
    sql_type: &'static str,
    indexed: bool,
    get: fn(&T) -> SqlValue,
}

const fn column<T>(
    name: &'static str,
    sql_type: &'static str,
    get: fn(&T) -> SqlValue,
) -> Column<T> {
    Column {
        name,
        sql_type,
        indexed: false,
        get,
    }
}

const fn indexed<T>(
    name: &'static str,
    sql_type: &'static str,
    get: fn(&T) -> SqlValue,
) -> Column<T> {
    Column {
        name,
        sql_type,
        indexed: true,
        get,
    }
}

/// The name, SQL type and index flag of a column, whatever it is read from.
type ColumnSpec = (&'static str, &'static str, bool);

impl<T> Column<T> {
    fn spec(&self) -> ColumnSpec {
        (self.name, self.sql_type, self.indexed)
    }
}

/// A table of entities, one row per entity: `document_id`, for a child table `parent_idx` (the
/// index of its parent entity), `idx` (the entity's index in its JSON array, so that
/// `(document_id, idx)` names the same entity in both outputs), the mention columns `text`,
/// `start`, `end`, `sentence` when the entity is a mention, then its own columns.
struct Table<T: 'static> {
    name: &'static str,
    parent: Option<&'static str>,
    mention: Option<fn(&T) -> &Mention>,
    columns: &'static [Column<T>],
    /// The entities of a record.
    entities: for<'r> fn(&'r Record) -> Vec<Indexed<'r, T>>,
}

/// An entity with the index of its parent in the record's arrays, for a child table, and its
/// own index.
type Indexed<'r, T> = (Option<usize>, usize, &'r T);

/// What the writer needs of a table, whatever its entities are.
trait EntityTable: Sync {
    fn name(&self) -> &'static str;
    fn parent(&self) -> Option<&'static str>;
    fn columns(&self) -> Vec<ColumnSpec>;
    fn rows(&self, id: &str, record: &Record, rows: &mut Vec<Vec<SqlValue>>);
}

const MENTION_COLUMNS: [ColumnSpec; 4] = [
    ("text", "TEXT", false),
    ("start", "INTEGER", false),
    ("end", "INTEGER", false),
    ("sentence", "INTEGER", false),
];

impl<T: Sync> EntityTable for Table<T> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn parent(&self) -> Option<&'static str> {
        self.parent
    }

    fn columns(&self) -> Vec<ColumnSpec> {
        let mention = self.mention.map_or(&[][..], |_| &MENTION_COLUMNS[..]);
        mention
            .iter()
            .copied()
            .chain(self.columns.iter().map(Column::spec))
            .collect()
    }

    fn rows(&self, id: &str, record: &Record, rows: &mut Vec<Vec<SqlValue>>) {
        for (parent_index, index, entity) in (self.entities)(record) {
            let mut row = vec![SqlValue::Text(id.to_string())];
            if self.parent.is_some() {
                row.push(parent_index.cell());
            }
            row.push(index.cell());
            if let Some(mention) = self.mention {
                let mention = mention(entity);
                row.extend([
                    mention.text.cell(),
                    mention.start.cell(),
                    mention.end.cell(),
                    mention.sentence.cell(),
                ]);
            }
            row.extend(self.columns.iter().map(|c| (c.get)(entity)));
            rows.push(row);
        }
    }
}

/// The entities of an array of the record, with no parent.
fn top<T>(entities: &[T]) -> Vec<Indexed<'_, T>> {
    entities
        .iter()
        .enumerate()
        .map(|(i, e)| (None, i, e))
        .collect()
}

/// The entities of each parent's array, with the parent's index.
fn children<'r, P, T>(parents: &'r [P], of: fn(&P) -> &Vec<T>) -> Vec<Indexed<'r, T>> {
    parents
        .iter()
        .enumerate()
        .flat_map(|(p, parent)| {
            of(parent)
                .iter()
                .enumerate()
                .map(move |(i, e)| (Some(p), i, e))
        })
        .collect()
}

fn source(output: &Output) -> Option<&Source> {
    match output {
        Output::Record(record) => Some(&record.source),
        Output::Error(error) => error.source.as_ref(),
    }
}

fn record(output: &Output) -> Option<&Record> {
    match output {
        Output::Record(record) => Some(record),
        Output::Error(_) => None,
    }
}

/// The `documents` table besides `id` and `record`: one row per input, records and error
/// records alike.
const DOCUMENT_COLUMNS: &[Column<Output>] = &[
    column("sha256", "TEXT", |o| {
        source(o).and_then(|s| s.sha256.clone()).cell()
    }),
    column("schema_version", "INTEGER", |o| match o {
        Output::Record(r) => r.schema_version.cell(),
        Output::Error(e) => e.schema_version.cell(),
    }),
    column("source_kind", "TEXT", |o| name(&source(o).map(|s| s.kind))),
    column("source_format", "TEXT", |o| {
        name(&source(o).map(|s| s.format))
    }),
    indexed("path", "TEXT", |o| {
        source(o).and_then(|s| s.path.clone()).cell()
    }),
    column("line", "INTEGER", |o| source(o).and_then(|s| s.line).cell()),
    column("bytes", "INTEGER", |o| source(o).map(|s| s.bytes).cell()),
    column("encoding", "TEXT", |o| {
        source(o).and_then(|s| s.encoding.clone()).cell()
    }),
    column("title", "TEXT", |o| {
        record(o).and_then(|r| r.meta.title.clone()).cell()
    }),
    indexed("published", "TEXT", |o| {
        record(o).and_then(|r| r.meta.published.clone()).cell()
    }),
    column("published_from", "TEXT", |o| {
        name(&record(o).and_then(|r| r.meta.published_from))
    }),
    column("outlet", "TEXT", |o| {
        record(o).and_then(|r| r.meta.outlet.clone()).cell()
    }),
    column("url", "TEXT", |o| {
        record(o).and_then(|r| r.meta.url.clone()).cell()
    }),
    column("chars", "INTEGER", |o| {
        record(o).map(|r| r.stats.chars).cell()
    }),
    column("error_kind", "TEXT", |o| match o {
        Output::Error(e) => e.error.kind.cell(),
        Output::Record(_) => SqlValue::Null,
    }),
    column("error_message", "TEXT", |o| match o {
        Output::Error(e) => e.error.message.cell(),
        Output::Record(_) => SqlValue::Null,
    }),
];

/// The values of a target or a report.
const VALUE_COLUMNS: &[Column<TargetValue>] = &[
    column("value", "REAL", |v| v.value.cell()),
    column("exact", "TEXT", |v| v.exact.cell()),
    column("high", "REAL", |v| v.high.cell()),
    indexed("unit", "TEXT", |v| v.unit.cell()),
    column("comparator", "TEXT", |v| name(&v.comparator)),
    column("role", "TEXT", |v| name(&v.role)),
    column("metric", "TEXT", |v| v.metric.cell()),
];

static FIGURES: Table<Figure> = Table {
    name: "figures",
    parent: None,
    mention: Some(|f| &f.mention),
    columns: &[
        column("value", "REAL", |f| f.value.cell()),
        column("exact", "TEXT", |f| f.exact.cell()),
        column("high", "REAL", |f| f.high.cell()),
        indexed("unit", "TEXT", |f| f.unit.cell()),
        column("kind", "TEXT", |f| f.kind.cell()),
        column("comparator", "TEXT", |f| name(&f.comparator)),
        column("role", "TEXT", |f| name(&f.role)),
        column("direction", "TEXT", |f| name(&f.direction)),
        column("basis", "TEXT", |f| name(&f.basis)),
    ],
    entities: |r| top(&r.figures),
};

static DATES: Table<DateMention> = Table {
    name: "dates",
    parent: None,
    mention: Some(|d| &d.mention),
    columns: &[
        indexed("day_from", "TEXT", |d| d.from.cell()),
        column("day_to", "TEXT", |d| d.to.cell()),
        column("granularity", "TEXT", |d| name(&d.granularity)),
        column("role", "TEXT", |d| name(&d.role)),
        column("relative", "TEXT", |d| d.relative.cell()),
        column("plan", "TEXT", |d| d.plan.cell()),
    ],
    entities: |r| top(&r.dates),
};

static PLACES: Table<Place> = Table {
    name: "places",
    parent: None,
    mention: Some(|p| &p.mention),
    columns: &[
        indexed("name", "TEXT", |p| p.name.cell()),
        column("kind", "TEXT", |p| name(&p.kind)),
        indexed("code", "TEXT", |p| p.code.cell()),
        column("path", "TEXT", |p| p.path.cell()),
        column("parent", "TEXT", |p| p.parent.cell()),
        column("resolution", "TEXT", |p| name(&p.resolution)),
    ],
    entities: |r| top(&r.places),
};

static SECTORS: Table<Sector> = Table {
    name: "sectors",
    parent: None,
    mention: Some(|s| &s.mention),
    columns: &[
        indexed("name", "TEXT", |s| s.name.cell()),
        column("known", "INTEGER", |s| s.known.cell()),
        column("kind", "TEXT", |s| s.kind.cell()),
        column("gbt4754", "TEXT", |s| s.gbt4754.cell()),
    ],
    entities: |r| top(&r.sectors),
};

static TARGETS: Table<Target> = Table {
    name: "targets",
    parent: None,
    mention: None,
    columns: &[
        column("subject", "TEXT", |t| {
            t.subject.as_ref().map(|s| s.name.clone()).cell()
        }),
        indexed("subject_code", "TEXT", |t| {
            t.subject.as_ref().and_then(|s| s.code.clone()).cell()
        }),
        indexed("metric", "TEXT", |t| {
            t.metric.as_ref().map(|m| m.name.clone()).cell()
        }),
        column("status", "TEXT", |t| name(&t.status)),
        column("modality", "TEXT", |t| name(&t.modality)),
        indexed("deadline_from", "TEXT", |t| {
            t.deadline.as_ref().and_then(|w| w.from.clone()).cell()
        }),
        column("deadline_to", "TEXT", |t| {
            t.deadline.as_ref().and_then(|w| w.to.clone()).cell()
        }),
        column("period_from", "TEXT", |t| {
            t.period.as_ref().and_then(|w| w.from.clone()).cell()
        }),
        column("period_to", "TEXT", |t| {
            t.period.as_ref().and_then(|w| w.to.clone()).cell()
        }),
        column("plan", "TEXT", |t| t.plan.cell()),
        column("baseline_value", "REAL", |t| {
            t.baseline.as_ref().map(|b| b.value.value.clone()).cell()
        }),
        column("baseline_unit", "TEXT", |t| {
            t.baseline
                .as_ref()
                .and_then(|b| b.value.unit.clone())
                .cell()
        }),
        column("baseline_year", "TEXT", |t| {
            t.baseline.as_ref().and_then(|b| b.year.clone()).cell()
        }),
        column("cagr", "REAL", |t| {
            t.derived.as_ref().and_then(|d| d.cagr).cell()
        }),
    ],
    entities: |r| top(&r.targets),
};

static TARGET_VALUES: Table<TargetValue> = Table {
    name: "target_values",
    parent: Some("targets"),
    mention: Some(|v| &v.mention),
    columns: VALUE_COLUMNS,
    entities: |r| children(&r.targets, |parent| &parent.values),
};

static REPORTS: Table<Report> = Table {
    name: "reports",
    parent: None,
    mention: None,
    columns: &[
        column("subject", "TEXT", |r| {
            r.subject.as_ref().map(|s| s.name.clone()).cell()
        }),
        indexed("subject_code", "TEXT", |r| {
            r.subject.as_ref().and_then(|s| s.code.clone()).cell()
        }),
        indexed("metric", "TEXT", |r| r.metric.name.cell()),
        indexed("time_from", "TEXT", |r| {
            r.time.as_ref().and_then(|w| w.from.clone()).cell()
        }),
        column("time_to", "TEXT", |r| {
            r.time.as_ref().and_then(|w| w.to.clone()).cell()
        }),
        column("change", "REAL", |r| {
            r.change.as_ref().map(|c| c.value.clone()).cell()
        }),
        column("change_unit", "TEXT", |r| {
            r.change.as_ref().and_then(|c| c.unit.clone()).cell()
        }),
    ],
    entities: |r| top(&r.reports),
};

static REPORT_VALUES: Table<TargetValue> = Table {
    name: "report_values",
    parent: Some("reports"),
    mention: Some(|v| &v.mention),
    columns: VALUE_COLUMNS,
    entities: |r| children(&r.reports, |parent| &parent.values),
};

/// Every entity table, parents before their children.
static TABLES: [&dyn EntityTable; 8] = [
    &FIGURES,
    &DATES,
    &PLACES,
    &SECTORS,
    &TARGETS,
    &TARGET_VALUES,
    &REPORTS,
    &REPORT_VALUES,
];

/// The DDL of every table, for a database that does not have them yet. Entity tables are
/// `WITHOUT ROWID`, stored in the order of their primary key, which is how they are read and
/// deleted: one B-tree per table instead of a table and its key's index.
fn tables() -> String {
    let document_columns: Vec<ColumnSpec> = DOCUMENT_COLUMNS.iter().map(Column::spec).collect();
    let mut sql =
        String::from("CREATE TABLE IF NOT EXISTS documents (\n  id TEXT PRIMARY KEY NOT NULL");
    for (name, sql_type, _) in &document_columns {
        let _ = write!(sql, ",\n  {name} {sql_type}");
    }
    sql.push_str(",\n  record TEXT NOT NULL\n);\n");
    for table in TABLES {
        let _ = write!(
            sql,
            "CREATE TABLE IF NOT EXISTS {} (\n  document_id TEXT NOT NULL",
            table.name()
        );
        if table.parent().is_some() {
            sql.push_str(",\n  parent_idx INTEGER NOT NULL");
        }
        sql.push_str(",\n  idx INTEGER NOT NULL");
        let columns = table.columns();
        for (name, sql_type, _) in &columns {
            let _ = write!(sql, ",\n  {name} {sql_type}");
        }
        match table.parent() {
            None => sql.push_str(
                ",\n  PRIMARY KEY (document_id, idx),\n  FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE\n) WITHOUT ROWID;\n",
            ),
            Some(parent) => {
                let _ = write!(
                    sql,
                    ",\n  PRIMARY KEY (document_id, parent_idx, idx),\n  FOREIGN KEY (document_id, parent_idx) REFERENCES {parent}(document_id, idx) ON DELETE CASCADE\n) WITHOUT ROWID;\n"
                );
            }
        }
    }
    sql
}

/// The DDL of every index. A new database gets them when its rows are in, which builds each
/// index once from sorted keys instead of updating it row by row.
fn indexes() -> String {
    let document_columns = DOCUMENT_COLUMNS.iter().map(Column::spec);
    let tables = TABLES
        .iter()
        .flat_map(|table| table.columns().into_iter().map(|c| (table.name(), c)));
    let mut sql = String::new();
    for (table, (name, _, indexed)) in document_columns.map(|c| ("documents", c)).chain(tables) {
        if indexed {
            let _ = writeln!(
                sql,
                "CREATE INDEX IF NOT EXISTS {table}_{name} ON {table}({name});"
            );
        }
    }
    sql
}

/// The `INSERT` of a row of `columns` values.
fn insert_sql(name: &str, columns: usize) -> String {
    let placeholders = vec!["?"; columns].join(", ");
    format!("INSERT INTO {name} VALUES ({placeholders})")
}

/// `PRAGMA application_id` of a zhnews database: `zhnw` in ASCII.
const APPLICATION_ID: i64 = 0x7A68_6E77;

/// `PRAGMA user_version` of a database with these tables; raised when they change, since rows
/// are inserted by position.
const LAYOUT_VERSION: i64 = 1;

/// Refuses a database that zhnews did not make, or that another layout of its tables made:
/// writing rows by position into either would scramble them. A new, empty database is marked
/// as zhnews's.
fn check_owner(connection: &Connection, path: &Path) -> Result<(), Error> {
    let read = |pragma: &str| {
        connection
            .query_row(&format!("PRAGMA {pragma}"), [], |row| row.get::<_, i64>(0))
            .map_err(|e| database_error(path, e))
    };
    let objects: i64 = connection
        .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
        .map_err(|e| database_error(path, e))?;
    if objects == 0 {
        return connection
            .execute_batch(&format!(
                "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {LAYOUT_VERSION};"
            ))
            .map_err(|e| database_error(path, e));
    }
    let refuse = |message: String| {
        Err(Error::Database {
            path: path.to_path_buf(),
            message,
        })
    };
    if read("application_id")? != APPLICATION_ID {
        return refuse("not a database zhnews wrote; give a new file or one zhnews made".into());
    }
    let layout = read("user_version")?;
    if layout != LAYOUT_VERSION {
        return refuse(format!(
            "its tables are layout {layout}, this zhnews writes layout {LAYOUT_VERSION}; give a new file"
        ));
    }
    Ok(())
}

/// An output as the rows it becomes: made on the thread that analysed it, inserted by the
/// thread that writes.
#[derive(Debug)]
pub struct Rows {
    id: String,
    document: Vec<SqlValue>,
    /// The rows of each table of [`TABLES`], in its order.
    entities: Vec<Vec<Vec<SqlValue>>>,
}

/// The rows of `output`; the `documents` row keeps the whole record as JSON.
pub fn rows(output: &Output) -> Result<Rows, serde_json::Error> {
    let id = match output {
        Output::Record(record) => record.id.clone(),
        Output::Error(error) => error.id.clone(),
    };
    let mut document = vec![id.cell()];
    document.extend(DOCUMENT_COLUMNS.iter().map(|c| (c.get)(output)));
    document.push(SqlValue::Text(serde_json::to_string(output)?));
    let entities = TABLES
        .iter()
        .map(|table| {
            let mut rows = Vec::new();
            if let Some(record) = record(output) {
                table.rows(&id, record, &mut rows);
            }
            rows
        })
        .collect();
    Ok(Rows {
        id,
        document,
        entities,
    })
}

/// A database written in one transaction.
pub struct SqliteSink {
    connection: Connection,
    path: PathBuf,
    inserts: Vec<String>,
    insert_document: String,
}

impl SqliteSink {
    /// Opens (or creates) the database at `path`, creates the tables it lacks and starts the
    /// run's transaction.
    pub fn open(path: &Path) -> Result<SqliteSink, Error> {
        let path = path.to_path_buf();
        let fail = |e: rusqlite::Error| database_error(&path, e);
        let connection = Connection::open(&path).map_err(fail)?;
        connection
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; BEGIN IMMEDIATE;")
            .map_err(fail)?;
        check_owner(&connection, &path)?;
        connection.execute_batch(&tables()).map_err(fail)?;
        let inserts = TABLES
            .iter()
            .map(|table| {
                let keys = 2 + usize::from(table.parent().is_some());
                insert_sql(table.name(), keys + table.columns().len())
            })
            .collect();
        Ok(SqliteSink {
            connection,
            insert_document: insert_sql("documents", DOCUMENT_COLUMNS.len() + 2),
            path,
            inserts,
        })
    }

    /// Writes one output's rows, replacing the document of the same id.
    pub fn write(&mut self, rows: &Rows) -> Result<(), Error> {
        self.insert(rows).map_err(|e| database_error(&self.path, e))
    }

    fn insert(&self, rows: &Rows) -> rusqlite::Result<()> {
        self.connection
            .prepare_cached("DELETE FROM documents WHERE id = ?")?
            .execute([&rows.id])?;
        self.connection
            .prepare_cached(&self.insert_document)?
            .execute(params_from_iter(&rows.document))?;
        for (insert, table_rows) in self.inserts.iter().zip(&rows.entities) {
            if table_rows.is_empty() {
                continue;
            }
            let mut statement = self.connection.prepare_cached(insert)?;
            for row in table_rows {
                statement.execute(params_from_iter(row))?;
            }
        }
        Ok(())
    }

    /// Creates the indexes a new database lacks (one made by an earlier run has them) and
    /// commits the run.
    pub fn finish(self) -> Result<(), Error> {
        self.connection
            .execute_batch(&indexes())
            .and_then(|()| self.connection.execute_batch("COMMIT"))
            .map_err(|e| database_error(&self.path, e))
    }
}

fn database_error(path: &Path, error: rusqlite::Error) -> Error {
    Error::Database {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorInfo, ErrorRecord, SCHEMA_VERSION};

    fn failed(id: &str, kind: &str) -> Rows {
        rows(&Output::Error(ErrorRecord {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            source: None,
            error: ErrorInfo {
                kind: kind.into(),
                message: format!("{id}: {kind}"),
            },
        }))
        .unwrap()
    }

    fn documents(path: &Path) -> Vec<(String, String)> {
        let connection = Connection::open(path).unwrap();
        let mut statement = connection
            .prepare("SELECT id, error_kind FROM documents ORDER BY id")
            .unwrap();
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_run_commits_whole_or_not_at_all_and_replaces_documents_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("news.db");
        let mut sink = SqliteSink::open(&path).unwrap();
        sink.write(&failed("a", "read")).unwrap();
        sink.write(&failed("b", "read")).unwrap();
        sink.finish().unwrap();
        {
            let mut interrupted = SqliteSink::open(&path).unwrap();
            interrupted.write(&failed("c", "read")).unwrap();
            // dropped without finish: an interrupted run
        }
        let before = vec![
            ("a".to_string(), "read".to_string()),
            ("b".into(), "read".into()),
        ];
        assert_eq!(documents(&path), before);
        let mut sink = SqliteSink::open(&path).unwrap();
        sink.write(&failed("a", "binary")).unwrap();
        sink.finish().unwrap();
        assert_eq!(
            documents(&path),
            [
                ("a".to_string(), "binary".to_string()),
                ("b".into(), "read".into())
            ]
        );
    }

    #[test]
    fn a_database_zhnews_did_not_make_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("theirs.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE documents (id TEXT, body TEXT);")
            .unwrap();
        let error = SqliteSink::open(&path).err().unwrap();
        assert_eq!(
            error.to_string(),
            format!(
                "{}: not a database zhnews wrote; give a new file or one zhnews made",
                path.display()
            )
        );
        let connection = Connection::open(&path).unwrap();
        let tables: i64 = connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
            .unwrap();
        assert_eq!(tables, 1, "nothing added");
        drop(connection);

        let ours = dir.path().join("ours.db");
        SqliteSink::open(&ours).unwrap().finish().unwrap();
        Connection::open(&ours)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99;")
            .unwrap();
        let error = SqliteSink::open(&ours).err().unwrap();
        assert!(error
            .to_string()
            .ends_with("its tables are layout 99, this zhnews writes layout 1; give a new file"));
    }

    #[test]
    fn the_schema_declares_every_table_and_index() {
        let connection = Connection::open_in_memory().unwrap();
        // Twice: a database made by an earlier run is left as it is.
        for _ in 0..2 {
            connection.execute_batch(&tables()).unwrap();
            connection.execute_batch(&indexes()).unwrap();
        }
        let mut statement = connection
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap();
        let tables: Vec<String> = statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            tables,
            [
                "dates",
                "documents",
                "figures",
                "places",
                "report_values",
                "reports",
                "sectors",
                "target_values",
                "targets"
            ]
        );
        let indexes: i64 = connection
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 15);
    }
}
