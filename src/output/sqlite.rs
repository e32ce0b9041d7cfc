//! SQLite output: each record as rows of normalised tables, one row per entity, keyed by the
//! document's id, so that users query targets by place and deadline with SQL. `docs/schema.md`
//! documents the tables; [`TABLES`] defines them, and the DDL is generated from it so the two
//! cannot drift apart.
//!
//! A run is one transaction: an interrupted run leaves the database as it was. A document
//! already in the database is replaced whole (its rows deleted through the foreign keys'
//! cascades), so running again over the same folder updates instead of duplicating.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde_json::Value;

use crate::error::Error;
use crate::record::Output;

/// A column filled from the JSON of a record or an entity.
struct Column {
    name: &'static str,
    /// `TEXT`, `INTEGER` or `REAL`.
    sql_type: &'static str,
    /// JSON pointer into the record (for `documents`) or the entity.
    pointer: &'static str,
    /// Whether the table has an index on it.
    indexed: bool,
}

const fn column(name: &'static str, sql_type: &'static str, pointer: &'static str) -> Column {
    Column {
        name,
        sql_type,
        pointer,
        indexed: false,
    }
}

const fn indexed(name: &'static str, sql_type: &'static str, pointer: &'static str) -> Column {
    Column {
        indexed: true,
        ..column(name, sql_type, pointer)
    }
}

/// A table of entities: one row per element of the array at `rows` in the record or, for a
/// child table, in each row of its parent. Every entity table also has `document_id`, `idx`
/// (the entity's index in its array, as in the JSON), the mention columns `text`, `start`,
/// `end` and `sentence` when the entity is a mention, and `json`, the entity as written in
/// JSON Lines.
struct Table {
    name: &'static str,
    rows: &'static str,
    parent: Option<&'static str>,
    mention: bool,
    columns: &'static [Column],
}

/// The `documents` table: one row per input, records and error records alike.
const DOCUMENT_COLUMNS: &[Column] = &[
    column("sha256", "TEXT", "/source/sha256"),
    column("schema_version", "INTEGER", "/schema_version"),
    column("source_kind", "TEXT", "/source/kind"),
    column("source_format", "TEXT", "/source/format"),
    indexed("path", "TEXT", "/source/path"),
    column("line", "INTEGER", "/source/line"),
    column("bytes", "INTEGER", "/source/bytes"),
    column("encoding", "TEXT", "/source/encoding"),
    column("title", "TEXT", "/meta/title"),
    indexed("published", "TEXT", "/meta/published"),
    column("published_from", "TEXT", "/meta/published_from"),
    column("outlet", "TEXT", "/meta/outlet"),
    column("url", "TEXT", "/meta/url"),
    column("chars", "INTEGER", "/stats/chars"),
    column("error_kind", "TEXT", "/error/kind"),
    column("error_message", "TEXT", "/error/message"),
];

/// The values of a target or a report.
const VALUE_COLUMNS: &[Column] = &[
    column("value", "REAL", "/value"),
    column("exact", "TEXT", "/exact"),
    column("high", "REAL", "/high"),
    indexed("unit", "TEXT", "/unit"),
    column("comparator", "TEXT", "/comparator"),
    column("role", "TEXT", "/role"),
    column("metric", "TEXT", "/metric/name"),
];

const TABLES: &[Table] = &[
    Table {
        name: "figures",
        rows: "/figures",
        parent: None,
        mention: true,
        columns: &[
            column("value", "REAL", "/value"),
            column("exact", "TEXT", "/exact"),
            column("high", "REAL", "/high"),
            indexed("unit", "TEXT", "/unit"),
            column("kind", "TEXT", "/kind"),
            column("comparator", "TEXT", "/comparator"),
            column("role", "TEXT", "/role"),
            column("direction", "TEXT", "/direction"),
            column("basis", "TEXT", "/basis"),
        ],
    },
    Table {
        name: "dates",
        rows: "/dates",
        parent: None,
        mention: true,
        columns: &[
            indexed("day_from", "TEXT", "/from"),
            column("day_to", "TEXT", "/to"),
            column("granularity", "TEXT", "/granularity"),
            column("role", "TEXT", "/role"),
            column("relative", "TEXT", "/relative"),
            column("plan", "TEXT", "/plan"),
        ],
    },
    Table {
        name: "places",
        rows: "/places",
        parent: None,
        mention: true,
        columns: &[
            indexed("name", "TEXT", "/name"),
            column("kind", "TEXT", "/kind"),
            indexed("code", "TEXT", "/code"),
            column("path", "TEXT", "/path"),
            column("parent", "TEXT", "/parent"),
            column("resolution", "TEXT", "/resolution"),
        ],
    },
    Table {
        name: "sectors",
        rows: "/sectors",
        parent: None,
        mention: true,
        columns: &[
            indexed("name", "TEXT", "/name"),
            column("known", "INTEGER", "/known"),
            column("kind", "TEXT", "/kind"),
            column("gbt4754", "TEXT", "/gbt4754"),
        ],
    },
    Table {
        name: "targets",
        rows: "/targets",
        parent: None,
        mention: false,
        columns: &[
            column("subject", "TEXT", "/subject/name"),
            indexed("subject_code", "TEXT", "/subject/code"),
            indexed("metric", "TEXT", "/metric/name"),
            column("status", "TEXT", "/status"),
            column("modality", "TEXT", "/modality"),
            indexed("deadline_from", "TEXT", "/deadline/from"),
            column("deadline_to", "TEXT", "/deadline/to"),
            column("period_from", "TEXT", "/period/from"),
            column("period_to", "TEXT", "/period/to"),
            column("plan", "TEXT", "/plan"),
            column("baseline_value", "REAL", "/baseline/value/value"),
            column("baseline_unit", "TEXT", "/baseline/value/unit"),
            column("baseline_year", "TEXT", "/baseline/year"),
            column("cagr", "REAL", "/derived/cagr"),
        ],
    },
    Table {
        name: "target_values",
        rows: "/values",
        parent: Some("targets"),
        mention: true,
        columns: VALUE_COLUMNS,
    },
    Table {
        name: "reports",
        rows: "/reports",
        parent: None,
        mention: false,
        columns: &[
            column("subject", "TEXT", "/subject/name"),
            indexed("subject_code", "TEXT", "/subject/code"),
            indexed("metric", "TEXT", "/metric/name"),
            indexed("time_from", "TEXT", "/time/from"),
            column("time_to", "TEXT", "/time/to"),
            column("change", "REAL", "/change/value"),
            column("change_unit", "TEXT", "/change/unit"),
        ],
    },
    Table {
        name: "report_values",
        rows: "/values",
        parent: Some("reports"),
        mention: true,
        columns: VALUE_COLUMNS,
    },
];

const MENTION_COLUMNS: [(&str, &str); 4] = [
    ("text", "TEXT"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
    ("sentence", "INTEGER"),
];

/// The DDL of every table and index, for a database that does not have them yet.
fn schema() -> String {
    let mut sql =
        String::from("CREATE TABLE IF NOT EXISTS documents (\n  id TEXT PRIMARY KEY NOT NULL");
    for column in DOCUMENT_COLUMNS {
        let _ = write!(sql, ",\n  {} {}", column.name, column.sql_type);
    }
    sql.push_str(",\n  record TEXT NOT NULL\n);\n");
    indexes(&mut sql, "documents", DOCUMENT_COLUMNS);
    for table in TABLES {
        let _ = write!(
            sql,
            "CREATE TABLE IF NOT EXISTS {} (\n  document_id TEXT NOT NULL",
            table.name
        );
        if table.parent.is_some() {
            sql.push_str(",\n  parent_idx INTEGER NOT NULL");
        }
        sql.push_str(",\n  idx INTEGER NOT NULL");
        if table.mention {
            for (name, sql_type) in MENTION_COLUMNS {
                let _ = write!(sql, ",\n  {name} {sql_type}");
            }
        }
        for column in table.columns {
            let _ = write!(sql, ",\n  {} {}", column.name, column.sql_type);
        }
        sql.push_str(",\n  json TEXT NOT NULL");
        match table.parent {
            None => sql.push_str(
                ",\n  PRIMARY KEY (document_id, idx),\n  FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE\n);\n",
            ),
            Some(parent) => {
                let _ = write!(
                    sql,
                    ",\n  PRIMARY KEY (document_id, parent_idx, idx),\n  FOREIGN KEY (document_id, parent_idx) REFERENCES {parent}(document_id, idx) ON DELETE CASCADE\n);\n"
                );
            }
        }
        indexes(&mut sql, table.name, table.columns);
    }
    sql
}

fn indexes(sql: &mut String, table: &str, columns: &[Column]) {
    for column in columns.iter().filter(|c| c.indexed) {
        let _ = writeln!(
            sql,
            "CREATE INDEX IF NOT EXISTS {table}_{0} ON {table}({0});",
            column.name
        );
    }
}

/// The `INSERT` of a table's row.
fn insert_sql(name: &str, columns: usize) -> String {
    let placeholders = vec!["?"; columns].join(", ");
    format!("INSERT INTO {name} VALUES ({placeholders})")
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
            .execute_batch("PRAGMA foreign_keys = ON; BEGIN IMMEDIATE;")
            .map_err(fail)?;
        connection.execute_batch(&schema()).map_err(fail)?;
        let inserts = TABLES
            .iter()
            .map(|table| {
                let columns = 2
                    + usize::from(table.parent.is_some())
                    + if table.mention {
                        MENTION_COLUMNS.len()
                    } else {
                        0
                    }
                    + table.columns.len()
                    + 1;
                insert_sql(table.name, columns)
            })
            .collect();
        Ok(SqliteSink {
            connection,
            insert_document: insert_sql("documents", DOCUMENT_COLUMNS.len() + 2),
            path,
            inserts,
        })
    }

    /// Writes one output, replacing the document of the same id.
    pub fn write(&mut self, output: &Output) -> Result<(), Error> {
        let record = serde_json::to_value(output)
            .map_err(|e| self.error(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
        let id = record["id"].as_str().unwrap_or_default().to_string();
        self.insert(&id, &record).map_err(|e| self.error(e))
    }

    fn insert(&self, id: &str, record: &Value) -> rusqlite::Result<()> {
        self.connection
            .prepare_cached("DELETE FROM documents WHERE id = ?")?
            .execute([id])?;
        let mut row = vec![SqlValue::Text(id.to_string())];
        row.extend(
            DOCUMENT_COLUMNS
                .iter()
                .map(|c| sql_value(record.pointer(c.pointer))),
        );
        row.push(SqlValue::Text(record.to_string()));
        self.connection
            .prepare_cached(&self.insert_document)?
            .execute(params_from_iter(row))?;
        for (table, insert) in TABLES.iter().zip(&self.inserts) {
            let mut statement = self.connection.prepare_cached(insert)?;
            let parents: Vec<(Option<usize>, &Value)> = match table.parent {
                None => vec![(None, record)],
                Some(parent) => elements(record, rows_of(parent))
                    .enumerate()
                    .map(|(index, parent)| (Some(index), parent))
                    .collect(),
            };
            for (parent_index, parent) in parents {
                for (index, entity) in elements(parent, table.rows).enumerate() {
                    let mut row = vec![SqlValue::Text(id.to_string())];
                    row.extend(parent_index.map(|i| SqlValue::Integer(i as i64)));
                    row.push(SqlValue::Integer(index as i64));
                    if table.mention {
                        row.extend(
                            MENTION_COLUMNS
                                .iter()
                                .map(|(name, _)| sql_value(entity.get(name))),
                        );
                    }
                    row.extend(
                        table
                            .columns
                            .iter()
                            .map(|c| sql_value(entity.pointer(c.pointer))),
                    );
                    row.push(SqlValue::Text(entity.to_string()));
                    statement.execute(params_from_iter(row))?;
                }
            }
        }
        Ok(())
    }

    /// Commits the run.
    pub fn finish(self) -> Result<(), Error> {
        self.connection
            .execute_batch("COMMIT")
            .map_err(|e| database_error(&self.path, e))
    }

    fn error(&self, error: rusqlite::Error) -> Error {
        database_error(&self.path, error)
    }
}

/// The `rows` pointer of the table named `name`.
fn rows_of(name: &str) -> &'static str {
    TABLES
        .iter()
        .find(|table| table.name == name)
        .map_or("", |table| table.rows)
}

fn elements<'v>(value: &'v Value, pointer: &str) -> impl Iterator<Item = &'v Value> {
    value
        .pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// A JSON value as SQLite stores it: strings, numbers and booleans as such, arrays of strings
/// joined by `,` (a place's path, a sector's codes), anything else as its JSON.
fn sql_value(value: Option<&Value>) -> SqlValue {
    match value {
        None | Some(Value::Null) => SqlValue::Null,
        Some(Value::String(text)) => SqlValue::Text(text.clone()),
        Some(Value::Bool(flag)) => SqlValue::Integer(i64::from(*flag)),
        Some(Value::Number(number)) => match number.as_i64() {
            Some(integer) => SqlValue::Integer(integer),
            None => number.as_f64().map_or(SqlValue::Null, SqlValue::Real),
        },
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => SqlValue::Text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Some(other) => SqlValue::Text(other.to_string()),
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

    fn failed(id: &str, kind: &str) -> Output {
        Output::Error(ErrorRecord {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            source: None,
            error: ErrorInfo {
                kind: kind.into(),
                message: format!("{id}: {kind}"),
            },
        })
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
    fn the_schema_declares_every_table_with_its_keys() {
        let connection = Connection::open_in_memory().unwrap();
        connection.execute_batch(&schema()).unwrap();
        // Twice: a database made by an earlier run is left as it is.
        connection.execute_batch(&schema()).unwrap();
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
    }
}
