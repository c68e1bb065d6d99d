//! The two migration trees (app/migrations/sqlite and app/migrations/postgres)
//! are kept by hand. They may differ only where the databases do: how a
//! column counts up by itself, or how SQLite has to rebuild a table to change
//! a constraint. So both are run, and what they make is compared: the same
//! tables, with the same columns, kinds of value, nullability and primary
//! keys, and the same named indexes.

mod common;

use common::{spawn, Backend};
use sqlx::Row;
use std::collections::BTreeSet;

/// A column as both databases can describe it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    table: String,
    name: String,
    kind: &'static str,
    not_null: bool,
    primary_key: bool,
}

/// The kind of value a declared type holds, in words both databases share.
fn kind(declared: &str) -> &'static str {
    let declared = declared.to_ascii_lowercase();
    if declared.contains("int") {
        "integer"
    } else if declared.contains("char") || declared.contains("text") || declared.contains("clob") {
        "text"
    } else if ["real", "floa", "doub", "numeric"]
        .iter()
        .any(|k| declared.contains(k))
    {
        "real"
    } else if declared.contains("bool") {
        "boolean"
    } else {
        "other"
    }
}

async fn sqlite_schema(db: &sqlx::AnyPool) -> (BTreeSet<Column>, BTreeSet<(String, String)>) {
    let rows = sqlx::query(
        "SELECT m.name AS table_name, p.name AS column_name, p.type AS declared, \
                p.\"notnull\" AS not_null, p.pk AS primary_key \
         FROM sqlite_master m JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
    )
    .fetch_all(db)
    .await
    .expect("SQLite's columns");
    let columns = rows
        .iter()
        .map(|row| {
            let primary_key = row.get::<i64, _>("primary_key") > 0;
            Column {
                table: row.get("table_name"),
                name: row.get("column_name"),
                kind: kind(&row.get::<String, _>("declared")),
                // SQLite lets a primary key column hold NULL unless told
                // otherwise; Voice never stores one, and PostgreSQL forbids it.
                not_null: row.get::<i64, _>("not_null") == 1 || primary_key,
                primary_key,
            }
        })
        .collect();
    // Indexes made by CREATE INDEX (those for keys and UNIQUE have no SQL).
    let indexes = sqlx::query(
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
    )
    .fetch_all(db)
    .await
    .expect("SQLite's indexes")
    .iter()
    .map(|row| (row.get("tbl_name"), row.get("name")))
    .collect();
    (columns, indexes)
}

async fn postgres_schema(db: &sqlx::AnyPool) -> (BTreeSet<Column>, BTreeSet<(String, String)>) {
    let keys: BTreeSet<(String, String)> = sqlx::query(
        "SELECT k.table_name::text AS table_name, k.column_name::text AS column_name \
         FROM information_schema.table_constraints c \
         JOIN information_schema.key_column_usage k \
           ON c.constraint_name = k.constraint_name AND c.table_schema = k.table_schema \
         WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = 'public'",
    )
    .fetch_all(db)
    .await
    .expect("PostgreSQL's primary keys")
    .iter()
    .map(|row| (row.get("table_name"), row.get("column_name")))
    .collect();
    let columns = sqlx::query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name, \
                data_type::text AS declared, is_nullable::text AS nullable \
         FROM information_schema.columns \
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(db)
    .await
    .expect("PostgreSQL's columns")
    .iter()
    .map(|row| {
        let table: String = row.get("table_name");
        let name: String = row.get("column_name");
        let primary_key = keys.contains(&(table.clone(), name.clone()));
        Column {
            kind: kind(&row.get::<String, _>("declared")),
            not_null: row.get::<String, _>("nullable") == "NO",
            primary_key,
            table,
            name,
        }
    })
    .collect();
    // Named indexes, less those PostgreSQL makes for keys and UNIQUE.
    let indexes = sqlx::query(
        "SELECT i.tablename::text AS table_name, i.indexname::text AS index_name \
         FROM pg_indexes i \
         WHERE i.schemaname = 'public' AND i.indexname NOT IN ( \
             SELECT constraint_name FROM information_schema.table_constraints \
             WHERE table_schema = 'public')",
    )
    .fetch_all(db)
    .await
    .expect("PostgreSQL's indexes")
    .iter()
    .map(|row| (row.get("table_name"), row.get("index_name")))
    .collect();
    (columns, indexes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_migration_trees_make_the_same_schema() {
    let sqlite = spawn(Backend::Sqlite).await;
    let postgres = spawn(Backend::Postgres).await;
    let (sqlite_columns, sqlite_indexes) = sqlite_schema(&sqlite.db).await;
    let (postgres_columns, postgres_indexes) = postgres_schema(&postgres.db).await;
    assert!(
        sqlite_columns.len() > 50,
        "{} columns read",
        sqlite_columns.len()
    );
    let only_in = |a: &BTreeSet<Column>, b: &BTreeSet<Column>| -> Vec<String> {
        a.difference(b).map(|c| format!("{c:?}")).collect()
    };
    assert_eq!(
        (
            only_in(&sqlite_columns, &postgres_columns),
            only_in(&postgres_columns, &sqlite_columns)
        ),
        (Vec::new(), Vec::new()),
        "columns only in SQLite's tree, then only in PostgreSQL's"
    );
    assert!(!sqlite_indexes.is_empty());
    assert_eq!(sqlite_indexes, postgres_indexes, "named indexes");
}
