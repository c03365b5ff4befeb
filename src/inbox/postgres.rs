//! The PostgreSQL inbox backend: a fleet of receivers and workers on one database.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use deadpool_postgres::{
    Hook, HookError, Manager, ManagerConfig, Object, Pool, PoolError, RecyclingMethod, Runtime,
};
use tokio_postgres::types::ToSql;
use tokio_postgres::{NoTls, Row};

use super::{
    bounded_error, Claim, DeliveryId, Failure, InboxError, InboxStore, Insert, ListFilter,
    NewDelivery, Stats, Status, StoredDelivery,
};
use crate::clock::UnixTime;
use crate::replay::BoxFuture;

/// The schema version this code creates and reads (the row of `webhook_guard_inbox_schema`).
pub const POSTGRES_SCHEMA_VERSION: i32 = 1;

/// The key of the transaction-scoped advisory lock that serialises schema creation and
/// migration across every process connecting at once (`pg_advisory_xact_lock`): the ASCII
/// bytes of `wg-inbox`.
pub const MIGRATION_LOCK_KEY: i64 = 0x7767_2d69_6e62_6f78;

/// Version 1 of the schema; `{t}` is the (qualified) deliveries table, `{n}` its bare name
/// (for index names).
const SCHEMA_V1: &str = "
CREATE TABLE {t} (
    id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider         TEXT    NOT NULL,
    tenant           TEXT,
    replay_key       TEXT    NOT NULL,
    event            TEXT,
    event_signed     BOOLEAN NOT NULL DEFAULT false,
    signed_id        TEXT,
    id_source        TEXT    NOT NULL DEFAULT 'none'
                     CHECK (id_source IN ('header', 'body', 'none')),
    unsigned_id      TEXT,
    received_at      BIGINT  NOT NULL,
    signed_at        BIGINT,
    headers          JSONB   NOT NULL DEFAULT '[]',
    body             BYTEA   NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'in_flight', 'done', 'dead')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT  NOT NULL,
    last_error       TEXT,
    lease_owner      TEXT,
    lease_expires_at BIGINT,
    updated_at       BIGINT  NOT NULL,
    UNIQUE (provider, replay_key)
);
CREATE INDEX {n}_due ON {t} (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX {n}_leases ON {t} (lease_expires_at) WHERE status = 'in_flight';
CREATE INDEX {n}_done ON {t} (updated_at) WHERE status = 'done';
";

/// Every column, in the order [`read_row`] reads them (`headers` as JSON text).
const COLUMNS: &str = "id, provider, tenant, replay_key, event, event_signed, signed_id, \
     id_source, unsigned_id, received_at, signed_at, headers::text, body, status, attempts, \
     next_attempt_at, last_error, lease_owner, lease_expires_at, updated_at";

/// The default most connections one store opens.
const DEFAULT_MAX_CONNECTIONS: usize = 16;
/// The default longest wait for a connection (pool slot, or a new connection) and for one
/// operation.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The PostgreSQL inbox backend (feature `inbox-postgres`): every receiver and worker of a
/// fleet connects to one database; the unique `(provider, replay_key)` index is the
/// de-duplication across all of them, and `FOR UPDATE SKIP LOCKED` hands each due delivery to
/// one worker.
///
/// # Why tokio-postgres and deadpool
///
/// `tokio-postgres` is the asynchronous driver the Rust ecosystem builds on (sqlx aside, which
/// would bring its own runtime layer, macros and a second SQLite): pure Rust, pipelined, with
/// binary parameters, so a body goes in as `BYTEA` bytes without escaping. `deadpool-postgres`
/// is its most used pool: small (no background threads), with wait/create/recycle timeouts,
/// a per-connection prepared-statement cache and a `post_create` hook. A connection is checked
/// on checkout only by whether it is closed (no extra round trip per operation): a connection
/// that died since is replaced on the next checkout, and the operation that found it dead
/// fails as [`InboxError::Unavailable`] (503: the sender retries).
///
/// Each ingest is one autocommit `INSERT … ON CONFLICT DO NOTHING RETURNING id` (plus one
/// `SELECT` for a duplicate); PostgreSQL's own group commit shares WAL flushes between
/// concurrent connections, so no batching thread is needed as with SQLite.
///
/// # What is durable when
///
/// [`InboxStore::insert`] resolves after PostgreSQL answered the `COMMIT` of its statement. With
/// `synchronous_commit` at its default (`on`) the WAL record is then flushed to disk (and, with
/// synchronous standbys configured, to them as the server's setting says). A connection whose
/// server or role has `synchronous_commit = off` is switched to `on` when it is opened; `local`,
/// `remote_write` and `remote_apply` are kept. Claims and outcomes are single statements too,
/// committed before their future resolves.
///
/// Errors: a connection that cannot be made or is lost, an operation not finished within the
/// timeout ([`PostgresStoreBuilder::timeout`]), an error of the server — all
/// [`InboxError::Unavailable`], which the receiving routes answer with 503. A row this version
/// cannot read, or a newer schema, is [`InboxError::Corrupt`]. Nothing read from the database
/// can make the store panic.
///
/// # Connecting
///
/// [`PostgresStore::connect`] takes a URL (`postgres://user:password@127.0.0.1:5432/db`) or the
/// key-value form (`host=/run/postgresql port=5432 user=app dbname=app`), as
/// [`tokio_postgres::Config`] parses them. The database must exist; the tables are created in
/// it (in [`PostgresStoreBuilder::schema`] when set, else in the connection's `search_path`,
/// normally `public`). Connections are made without TLS: reach PostgreSQL over loopback, a Unix
/// socket or a private network (or a TLS-terminating proxy such as PgBouncer with TLS upstream).
///
/// # Operating it
///
/// * Connections: each store opens up to [`PostgresStoreBuilder::max_connections`]; the server
///   sees the sum over every receiver and worker process (keep it under its `max_connections`).
///   Statements are prepared per connection, so a PgBouncer in front needs session pooling, or
///   transaction pooling with prepared-statement support (PgBouncer 1.21+).
/// * Claims read two partial indexes in order (due `pending` rows, expired leases) with
///   `FOR UPDATE SKIP LOCKED`: they stay fast with a large backlog, and workers never wait for
///   each other's rows.
/// * [`InboxStore::stats`] and [`InboxStore::list`] with filters scan the table: for dashboards
///   and people, not for every request.
/// * Call [`InboxStore::purge_done`] regularly (keeping at least the senders' retry window):
///   `done` rows are the replay keys that de-duplicate late retries, and the table's size.
///   Each delivery is written about three times (insert, claim, outcome); autovacuum's defaults
///   keep up with that.
///
/// # Schema
///
/// Created on the first connect and migrated by the library; the version is the row of
/// `webhook_guard_inbox_schema` ([`POSTGRES_SCHEMA_VERSION`]). Creation and migration run in one
/// transaction holding `pg_advisory_xact_lock(`[`MIGRATION_LOCK_KEY`]`)`, so receivers starting
/// at the same time do not race. A database made by a newer version is refused
/// ([`InboxError::Corrupt`]) rather than misread. Version 1:
///
/// ```sql
/// CREATE TABLE webhook_guard_inbox_schema (version INTEGER NOT NULL);
/// CREATE TABLE inbox_deliveries (
///     id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
///     provider         TEXT    NOT NULL,            -- "github"
///     tenant           TEXT,                        -- the verifier's namespace
///     replay_key       TEXT    NOT NULL,            -- as Verifier::replay_key derives it
///     event            TEXT,                        -- "push", "invoice.paid"
///     event_signed     BOOLEAN NOT NULL DEFAULT false, -- the signature covers the event
///     signed_id        TEXT,                        -- a delivery id the signature covers
///     id_source        TEXT    NOT NULL DEFAULT 'none', -- 'header' | 'body' | 'none'
///     unsigned_id      TEXT,                        -- X-GitHub-Delivery and the like
///     received_at      BIGINT  NOT NULL,            -- milliseconds since the Unix epoch
///     signed_at        BIGINT,                      -- the signed timestamp (ms)
///     headers          JSONB   NOT NULL DEFAULT '[]', -- [["name", "value"], …]
///     body             BYTEA   NOT NULL,            -- the bytes exactly as received
///     status           TEXT    NOT NULL DEFAULT 'pending', -- pending|in_flight|done|dead
///     attempts         INTEGER NOT NULL DEFAULT 0,
///     next_attempt_at  BIGINT  NOT NULL,            -- ms; due when <= now
///     last_error       TEXT,
///     lease_owner      TEXT,
///     lease_expires_at BIGINT,                      -- ms
///     updated_at       BIGINT  NOT NULL,            -- ms
///     UNIQUE (provider, replay_key)
/// );
/// CREATE INDEX inbox_deliveries_due ON inbox_deliveries (next_attempt_at, id)
///     WHERE status = 'pending';
/// CREATE INDEX inbox_deliveries_leases ON inbox_deliveries (lease_expires_at)
///     WHERE status = 'in_flight';
/// CREATE INDEX inbox_deliveries_done ON inbox_deliveries (updated_at) WHERE status = 'done';
/// ```
///
/// Every time is the caller's clock reading in milliseconds (the store reads no clock). Read it
/// with `psql` while receivers run:
///
/// ```text
/// psql "$DATABASE_URL" -c "SELECT id, provider, event, status, attempts,
///     to_timestamp(received_at / 1000.0) AS received, last_error
///     FROM inbox_deliveries WHERE status = 'dead' ORDER BY id DESC LIMIT 20"
/// psql "$DATABASE_URL" -c "SELECT convert_from(body, 'UTF8'), jsonb_pretty(headers)
///     FROM inbox_deliveries WHERE id = 42"
/// ```
///
/// ```no_run
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use webhook_guard::inbox::{Inbox, InboxStore, Insert, NewDelivery, PostgresStore};
/// use webhook_guard::UnixTime;
///
/// let store = PostgresStore::builder("postgres://webhooks@127.0.0.1:5432/webhooks")
///     .max_connections(32)
///     .timeout(Duration::from_secs(5))
///     .connect()
///     .await?;
/// let now = UnixTime::from_secs(1_700_000_000).unwrap();
/// let first = store.insert(NewDelivery::new("github", "github:id:1", now, b"{}".to_vec())).await?;
/// let again = store.insert(NewDelivery::new("github", "github:id:1", now, b"{}".to_vec())).await?;
/// let Insert::Stored(id) = first else { panic!("stored") };
/// assert_eq!(again, Insert::Duplicate(id));
/// // Receivers and workers: `Inbox::new(store)`, one store per process.
/// let inbox = Inbox::new(store);
/// # drop(inbox);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
    sql: Arc<Sql>,
    timeout: Duration,
    /// Completions waiting for the task that records them together (see [`complete_in_batches`]).
    completions: tokio::sync::mpsc::Sender<Completion>,
}

/// One [`InboxStore::complete`] call waiting for its batch: id, owner, time, and where its
/// answer goes.
type Completion = (
    i64,
    String,
    i64,
    tokio::sync::oneshot::Sender<Result<bool, InboxError>>,
);

/// The most completions recorded by one statement.
const MAX_COMPLETIONS: usize = 512;

impl fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the connection string: it may hold a password.
        f.debug_struct("PostgresStore")
            .field("table", &self.sql.table)
            .field("max_connections", &self.pool.status().max_size)
            .finish_non_exhaustive()
    }
}

/// Connects a [`PostgresStore`] with settings; see [`PostgresStore::builder`].
#[must_use]
pub struct PostgresStoreBuilder {
    url: String,
    max_connections: usize,
    timeout: Duration,
    schema: Option<String>,
}

impl fmt::Debug for PostgresStoreBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresStoreBuilder")
            .field("max_connections", &self.max_connections)
            .field("timeout", &self.timeout)
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl PostgresStoreBuilder {
    /// The most connections this store keeps open (each receiver or worker process has its
    /// own store, so the server sees the sum). Defaults to 16.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections.max(1);
        self
    }

    /// How long an operation may take in all: waiting for a free connection, connecting, and
    /// the statements. Past it the operation fails as [`InboxError::Unavailable`] (503), so a
    /// receiver answers instead of hanging while the database does not. Defaults to 10
    /// seconds. (A statement the server already received may still commit after its caller
    /// got the error: the sender's retry is then answered as a duplicate.)
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Creates and uses the tables in this PostgreSQL schema (created if missing) instead of
    /// the connection's `search_path`: several inboxes in one database, or one kept apart from
    /// an application's tables. A name of ASCII letters, digits and `_`, not starting with a
    /// digit, at most 63 bytes; another name fails [`connect`](Self::connect).
    pub fn schema(mut self, schema: &str) -> Self {
        self.schema = Some(schema.to_owned());
        self
    }

    /// Parses the connection string, opens the pool, creates or migrates the schema (see
    /// [`PostgresStore`]).
    pub async fn connect(self) -> Result<PostgresStore, InboxError> {
        let mut config: tokio_postgres::Config = self.url.parse().map_err(|e| {
            InboxError::Unavailable(format!(
                "invalid PostgreSQL connection string: {}",
                describe(&e)
            ))
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(self.timeout);
        }
        if config.get_application_name().is_none() {
            config.application_name("webhook-guard inbox");
        }
        if let Some(schema) = &self.schema {
            if !valid_identifier(schema) {
                return Err(InboxError::Unavailable(
                    "invalid schema name: use ASCII letters, digits and _ (at most 63 bytes, \
                     not starting with a digit)"
                        .into(),
                ));
            }
        }
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(self.max_connections)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(self.timeout))
            .create_timeout(Some(self.timeout))
            .recycle_timeout(Some(self.timeout))
            .post_create(Hook::async_fn(|client, _| {
                Box::pin(async move { durable_commits(client).await.map_err(HookError::Backend) })
            }))
            .build()
            .map_err(|e| InboxError::Unavailable(format!("cannot build the pool: {e}")))?;
        let sql = Arc::new(Sql::new(self.schema.as_deref()));
        let (completions, waiting) = tokio::sync::mpsc::channel(4 * MAX_COMPLETIONS);
        tokio::spawn(complete_in_batches(pool.clone(), Arc::clone(&sql), waiting));
        let store = PostgresStore {
            pool,
            sql,
            timeout: self.timeout,
            completions,
        };
        store.timed(store.migrate()).await?;
        Ok(store)
    }
}

/// Switches a new connection's `synchronous_commit` to `on` when the server or role turned it
/// `off`: an acknowledged delivery must be on disk.
async fn durable_commits(
    client: &mut deadpool_postgres::ClientWrapper,
) -> Result<(), tokio_postgres::Error> {
    let rows = client.simple_query("SHOW synchronous_commit").await?;
    let off = rows.iter().any(|message| match message {
        tokio_postgres::SimpleQueryMessage::Row(row) => row.get(0) == Some("off"),
        _ => false,
    });
    if off {
        client.batch_execute("SET synchronous_commit = on").await?;
    }
    Ok(())
}

fn valid_identifier(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !name.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

/// The statements, with the table names filled in once.
struct Sql {
    table: String,
    schema: Option<String>,
    version_table: String,
    insert: String,
    find: String,
    claim: String,
    complete: String,
    fail: String,
    release: String,
    extend_lease: String,
    get: String,
    list: String,
    stats: String,
    retry: String,
    retry_dead: String,
    purge_done: String,
}

impl Sql {
    fn new(schema: Option<&str>) -> Self {
        let qualify = |name: &str| match schema {
            Some(schema) => format!("\"{schema}\".{name}"),
            None => name.to_owned(),
        };
        let t = qualify("inbox_deliveries");
        Self {
            schema: schema.map(|s| format!("\"{s}\"")),
            version_table: qualify("webhook_guard_inbox_schema"),
            insert: format!(
                "INSERT INTO {t} (provider, tenant, replay_key, event, event_signed, signed_id, \
                 id_source, unsigned_id, received_at, signed_at, headers, body, status, \
                 attempts, next_attempt_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, \
                 'pending', 0, $9, $9) \
                 ON CONFLICT (provider, replay_key) DO NOTHING RETURNING id"
            ),
            find: format!("SELECT id FROM {t} WHERE provider = $1 AND replay_key = $2"),
            // Two ordered scans of the partial indexes (due pending rows, expired leases),
            // each locking at most `limit` rows that no other claimer holds; the oldest due of
            // both are updated. One `OR` scan instead would read and sort the whole backlog on
            // every claim (90 ms at 100,000 pending rows, against under 1 ms for this).
            claim: format!(
                "WITH pending AS (SELECT id, next_attempt_at FROM {t} \
                   WHERE status = 'pending' AND next_attempt_at <= $3 \
                     AND (cardinality($5::text[]) = 0 OR provider = ANY($5::text[])) \
                   ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED), \
                 expired AS (SELECT id, next_attempt_at FROM {t} \
                   WHERE status = 'in_flight' AND lease_expires_at <= $3 \
                     AND (cardinality($5::text[]) = 0 OR provider = ANY($5::text[])) \
                   ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) \
                 UPDATE {t} AS d SET status = 'in_flight', attempts = d.attempts + 1, \
                   lease_owner = $1, lease_expires_at = $2, updated_at = $3 \
                 WHERE d.id = ANY(ARRAY(SELECT id FROM \
                   (SELECT * FROM pending UNION ALL SELECT * FROM expired) AS due \
                   ORDER BY next_attempt_at, id LIMIT $4)) \
                 RETURNING {}",
                COLUMNS
                    .split(", ")
                    .map(|c| format!("d.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            complete: format!(
                "UPDATE {t} AS d SET status = 'done', lease_owner = NULL, lease_expires_at = NULL, \
                 updated_at = c.now \
                 FROM unnest($1::bigint[], $2::text[], $3::bigint[]) AS c(id, owner, now) \
                 WHERE d.id = c.id AND d.status = 'in_flight' AND d.lease_owner = c.owner \
                 RETURNING d.id"
            ),
            fail: format!(
                "UPDATE {t} SET status = $3, next_attempt_at = $4, last_error = $5, \
                 lease_owner = NULL, lease_expires_at = NULL, updated_at = $6 \
                 WHERE id = $1 AND status = 'in_flight' AND lease_owner = $2"
            ),
            release: format!(
                "UPDATE {t} SET status = 'pending', attempts = GREATEST(attempts - 1, 0), \
                 next_attempt_at = $3, lease_owner = NULL, lease_expires_at = NULL, \
                 updated_at = $3 WHERE id = $1 AND status = 'in_flight' AND lease_owner = $2"
            ),
            extend_lease: format!(
                "UPDATE {t} SET lease_expires_at = $3 \
                 WHERE id = $1 AND status = 'in_flight' AND lease_owner = $2"
            ),
            get: format!("SELECT {COLUMNS} FROM {t} WHERE id = $1"),
            list: format!(
                "SELECT {COLUMNS} FROM {t} WHERE ($1::text IS NULL OR status = $1) \
                 AND ($2::text IS NULL OR provider = $2) AND ($3::bigint IS NULL OR id < $3) \
                 ORDER BY id DESC LIMIT $4"
            ),
            stats: format!(
                "SELECT count(*) FILTER (WHERE status = 'pending'), \
                 count(*) FILTER (WHERE status = 'in_flight'), \
                 count(*) FILTER (WHERE status = 'done'), \
                 count(*) FILTER (WHERE status = 'dead'), \
                 min(received_at) FILTER (WHERE status = 'pending') FROM {t}"
            ),
            retry: format!(
                "UPDATE {t} SET status = 'pending', attempts = 0, next_attempt_at = $2, \
                 updated_at = $2 WHERE id = $1 AND status = 'dead'"
            ),
            retry_dead: format!(
                "UPDATE {t} SET status = 'pending', attempts = 0, next_attempt_at = $1, \
                 updated_at = $1 WHERE status = 'dead'"
            ),
            purge_done: format!("DELETE FROM {t} WHERE status = 'done' AND updated_at < $1"),
            table: t,
        }
    }

    fn schema_v1(&self) -> String {
        let bare = "inbox_deliveries";
        SCHEMA_V1.replace("{t}", &self.table).replace("{n}", bare)
    }
}

impl PostgresStore {
    /// Connects with the default settings (see [`PostgresStoreBuilder::connect`]).
    pub fn connect(url: &str) -> impl Future<Output = Result<Self, InboxError>> + Send + 'static {
        Self::builder(url).connect()
    }

    /// Settings for connecting to `url` (a URL or key-value connection string).
    pub fn builder(url: &str) -> PostgresStoreBuilder {
        PostgresStoreBuilder {
            url: url.to_owned(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            timeout: DEFAULT_TIMEOUT,
            schema: None,
        }
    }

    /// The deliveries table, as the statements name it (`inbox_deliveries`, or
    /// `"schema".inbox_deliveries`).
    pub fn table(&self) -> &str {
        &self.sql.table
    }

    /// `operation`, failing as [`InboxError::Unavailable`] past the store's timeout.
    async fn timed<T>(
        &self,
        operation: impl Future<Output = Result<T, InboxError>>,
    ) -> Result<T, InboxError> {
        tokio::time::timeout(self.timeout, operation)
            .await
            .map_err(|_| {
                InboxError::Unavailable(format!(
                    "the PostgreSQL operation took longer than {:?}",
                    self.timeout
                ))
            })?
    }

    async fn client(&self) -> Result<Object, InboxError> {
        self.pool.get().await.map_err(pool_error)
    }

    /// Creates the schema, or checks the version of an existing one, under the advisory lock.
    async fn migrate(&self) -> Result<(), InboxError> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(unavailable)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK_KEY])
            .await
            .map_err(unavailable)?;
        if let Some(schema) = &self.sql.schema {
            tx.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
                .await
                .map_err(unavailable)?;
        }
        tx.batch_execute(&format!(
            "CREATE TABLE IF NOT EXISTS {} (version INTEGER NOT NULL)",
            self.sql.version_table
        ))
        .await
        .map_err(unavailable)?;
        let row = tx
            .query_one(
                &format!("SELECT max(version) FROM {}", self.sql.version_table),
                &[],
            )
            .await
            .map_err(unavailable)?;
        let version: Option<i32> = row.try_get(0).map_err(corrupt)?;
        match version {
            None => {
                tx.batch_execute(&self.sql.schema_v1())
                    .await
                    .map_err(unavailable)?;
                tx.execute(
                    &format!(
                        "INSERT INTO {} (version) VALUES ($1)",
                        self.sql.version_table
                    ),
                    &[&POSTGRES_SCHEMA_VERSION],
                )
                .await
                .map_err(unavailable)?;
            }
            Some(POSTGRES_SCHEMA_VERSION) => {}
            Some(other) => {
                return Err(InboxError::Corrupt(format!(
                    "the inbox schema is version {other}; this webhook-guard reads version \
                     {POSTGRES_SCHEMA_VERSION}"
                )))
            }
        }
        tx.commit().await.map_err(unavailable)
    }

    /// Runs a statement that changes rows; answers how many.
    async fn change(&self, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, InboxError> {
        let client = self.client().await?;
        let statement = client.prepare_cached(sql).await.map_err(unavailable)?;
        client
            .execute(&statement, params)
            .await
            .map_err(unavailable)
    }

    /// Runs a query returning deliveries.
    async fn rows(
        &self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
    ) -> Result<Vec<StoredDelivery>, InboxError> {
        let client = self.client().await?;
        let statement = client.prepare_cached(sql).await.map_err(unavailable)?;
        let rows = client
            .query(&statement, params)
            .await
            .map_err(unavailable)?;
        rows.iter().map(read_row).collect()
    }

    async fn insert_one(&self, mut d: NewDelivery) -> Result<Insert, InboxError> {
        for text in [&mut d.replay_key, &mut d.provider]
            .into_iter()
            .chain(d.tenant.as_mut())
            .chain(d.event.as_mut())
            .chain(d.signed_id.as_mut())
            .chain(d.unsigned_id.as_mut())
        {
            without_nul(text);
        }
        let headers = serde_json::to_string(&d.headers)
            .map_err(|e| InboxError::Unavailable(format!("headers: {e}")))?;
        let client = self.client().await?;
        let insert = client
            .prepare_cached(&self.sql.insert)
            .await
            .map_err(unavailable)?;
        let signed_at = d.signed_at.map(UnixTime::as_millis);
        let received_at = d.received_at.as_millis();
        let id_source = super::id_source_text(d.id_source);
        // A copy stored by a purge-and-insert race between the two statements is retried once.
        for _ in 0..2 {
            let stored = client
                .query_opt(
                    &insert,
                    &[
                        &d.provider,
                        &d.tenant,
                        &d.replay_key,
                        &d.event,
                        &d.event_signed,
                        &d.signed_id,
                        &id_source,
                        &d.unsigned_id,
                        &received_at,
                        &signed_at,
                        &headers,
                        &d.body,
                    ],
                )
                .await
                .map_err(unavailable)?;
            if let Some(row) = stored {
                return Ok(Insert::Stored(DeliveryId(row.try_get(0).map_err(corrupt)?)));
            }
            // The conflicting row was committed (ON CONFLICT waited for it): this statement's
            // snapshot is newer, so it sees it unless it was purged since.
            let find = client
                .prepare_cached(&self.sql.find)
                .await
                .map_err(unavailable)?;
            let existing = client
                .query_opt(&find, &[&d.provider, &d.replay_key])
                .await
                .map_err(unavailable)?;
            if let Some(row) = existing {
                return Ok(Insert::Duplicate(DeliveryId(
                    row.try_get(0).map_err(corrupt)?,
                )));
            }
        }
        Err(InboxError::Unavailable(
            "the delivery was purged while it was being stored again".into(),
        ))
    }

    async fn claim_due(&self, claim: Claim<'_>) -> Result<Vec<StoredDelivery>, InboxError> {
        if claim.limit == 0 {
            return Ok(Vec::new());
        }
        let limit = i64::try_from(claim.limit).unwrap_or(i64::MAX);
        let providers: Vec<&str> = claim.providers.to_vec();
        let mut claimed = self
            .rows(
                &self.sql.claim,
                &[
                    &claim.owner,
                    &claim.lease_expires_at().as_millis(),
                    &claim.now.as_millis(),
                    &limit,
                    &providers,
                ],
            )
            .await?;
        claimed.sort_by_key(|d| (d.next_attempt_at, d.id));
        Ok(claimed)
    }

    async fn stats_now(&self) -> Result<Stats, InboxError> {
        let client = self.client().await?;
        let statement = client
            .prepare_cached(&self.sql.stats)
            .await
            .map_err(unavailable)?;
        let row = client
            .query_one(&statement, &[])
            .await
            .map_err(unavailable)?;
        let count = |i: usize| -> Result<u64, InboxError> {
            let n: i64 = row.try_get(i).map_err(corrupt)?;
            Ok(u64::try_from(n).unwrap_or(0))
        };
        Ok(Stats {
            pending: count(0)?,
            in_flight: count(1)?,
            done: count(2)?,
            dead: count(3)?,
            oldest_pending: row
                .try_get::<_, Option<i64>>(4)
                .map_err(corrupt)?
                .map(UnixTime::from_millis),
        })
    }
}

/// A tokio-postgres error as text: the server's message and SQLSTATE for a database error,
/// the cause otherwise (never the connection string).
fn describe(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{} {}: {}", db.severity(), db.code().code(), db.message());
    }
    match std::error::Error::source(e) {
        Some(source) => format!("{e}: {source}"),
        None => e.to_string(),
    }
}

fn unavailable(e: tokio_postgres::Error) -> InboxError {
    InboxError::Unavailable(describe(&e))
}

fn corrupt(e: tokio_postgres::Error) -> InboxError {
    InboxError::Corrupt(describe(&e))
}

/// Why no connection could be had, without the connection string.
fn pool_error(e: PoolError) -> InboxError {
    match e {
        PoolError::Backend(e) => {
            InboxError::Unavailable(format!("cannot connect to PostgreSQL: {}", describe(&e)))
        }
        PoolError::PostCreateHook(HookError::Backend(e)) => InboxError::Unavailable(format!(
            "cannot set up a PostgreSQL connection: {}",
            describe(&e)
        )),
        other => InboxError::Unavailable(format!("PostgreSQL pool: {other}")),
    }
}

/// Records [`InboxStore::complete`] calls together: every completion waiting when a statement
/// starts goes into it (up to [`MAX_COMPLETIONS`]), one `UPDATE … FROM unnest(…)` and one
/// commit for all, each still only where its owner holds the lease. One completion per
/// transaction made a worker's no-op handlers wait on a commit each (2,000–2,500 deliveries/s
/// drained); a busy worker now commits its outcomes together, as SQLite's writer does. Ends
/// when every clone of the store is dropped.
async fn complete_in_batches(
    pool: Pool,
    sql: Arc<Sql>,
    mut waiting: tokio::sync::mpsc::Receiver<Completion>,
) {
    let mut batch = Vec::with_capacity(MAX_COMPLETIONS);
    while waiting.recv_many(&mut batch, MAX_COMPLETIONS).await > 0 {
        let ids: Vec<i64> = batch.iter().map(|c| c.0).collect();
        let owners: Vec<&str> = batch.iter().map(|c| c.1.as_str()).collect();
        let times: Vec<i64> = batch.iter().map(|c| c.2).collect();
        let done = async {
            let client = pool.get().await.map_err(pool_error)?;
            let statement = client
                .prepare_cached(&sql.complete)
                .await
                .map_err(unavailable)?;
            let rows = client
                .query(&statement, &[&ids, &owners, &times])
                .await
                .map_err(unavailable)?;
            rows.iter()
                .map(|row| row.try_get::<_, i64>(0).map_err(corrupt))
                .collect::<Result<std::collections::HashSet<i64>, _>>()
        }
        .await;
        for (id, _, _, answer) in batch.drain(..) {
            let _ = answer.send(
                done.as_ref()
                    .map(|ids| ids.contains(&id))
                    .map_err(Clone::clone),
            );
        }
    }
}

/// PostgreSQL's `TEXT` cannot hold NUL, which a signed JSON body can put into an event id or
/// type (`"evt_\u0000"`) and a handler into its error: each becomes U+FFFD, so the delivery is
/// stored (and its copies found under the same key) instead of failing with 503 forever.
fn without_nul(text: &mut String) {
    if text.contains('\0') {
        *text = text.replace('\0', "\u{FFFD}");
    }
}

/// One row of [`COLUMNS`].
fn read_row(row: &Row) -> Result<StoredDelivery, InboxError> {
    let bad = |what: &str| InboxError::Corrupt(what.to_owned());
    let id_source: String = row.try_get(7).map_err(corrupt)?;
    let headers: String = row.try_get(11).map_err(corrupt)?;
    let status: String = row.try_get(13).map_err(corrupt)?;
    let attempts: i32 = row.try_get(14).map_err(corrupt)?;
    Ok(StoredDelivery {
        id: DeliveryId(row.try_get(0).map_err(corrupt)?),
        provider: row.try_get(1).map_err(corrupt)?,
        tenant: row.try_get(2).map_err(corrupt)?,
        replay_key: row.try_get(3).map_err(corrupt)?,
        event: row.try_get(4).map_err(corrupt)?,
        event_signed: row.try_get(5).map_err(corrupt)?,
        signed_id: row.try_get(6).map_err(corrupt)?,
        id_source: super::id_source_parse(&id_source).ok_or_else(|| bad("unknown id_source"))?,
        unsigned_id: row.try_get(8).map_err(corrupt)?,
        received_at: UnixTime::from_millis(row.try_get(9).map_err(corrupt)?),
        signed_at: row
            .try_get::<_, Option<i64>>(10)
            .map_err(corrupt)?
            .map(UnixTime::from_millis),
        headers: serde_json::from_str(&headers)
            .map_err(|_| bad("headers are not a JSON array of [name, value] pairs"))?,
        body: row.try_get(12).map_err(corrupt)?,
        status: Status::parse(&status).ok_or_else(|| bad("unknown status"))?,
        attempts: u32::try_from(attempts).map_err(|_| bad("attempts out of range"))?,
        next_attempt_at: UnixTime::from_millis(row.try_get(15).map_err(corrupt)?),
        last_error: row.try_get(16).map_err(corrupt)?,
        lease_owner: row.try_get(17).map_err(corrupt)?,
        lease_expires_at: row
            .try_get::<_, Option<i64>>(18)
            .map_err(corrupt)?
            .map(UnixTime::from_millis),
        updated_at: UnixTime::from_millis(row.try_get(19).map_err(corrupt)?),
    })
}

impl InboxStore for PostgresStore {
    fn insert(&self, delivery: NewDelivery) -> BoxFuture<'_, Result<Insert, InboxError>> {
        Box::pin(self.timed(self.insert_one(delivery)))
    }

    fn claim<'a>(
        &'a self,
        claim: Claim<'a>,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>> {
        Box::pin(self.timed(self.claim_due(claim)))
    }

    fn complete<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        Box::pin(self.timed(async move {
            let (answer, answered) = tokio::sync::oneshot::channel();
            let gone = || InboxError::Unavailable("the completion task has stopped".into());
            self.completions
                .send((id.0, owner.to_owned(), now.as_millis(), answer))
                .await
                .map_err(|_| gone())?;
            answered.await.map_err(|_| gone())?
        }))
    }

    fn fail<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        failure: Failure<'a>,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        let (status, next, error) = match failure {
            Failure::RetryAt(at, error) => ("pending", at, error),
            Failure::Dead(error) => ("dead", now, error),
        };
        let mut error = bounded_error(error).to_owned();
        without_nul(&mut error);
        Box::pin(self.timed(async move {
            let n = self
                .change(
                    &self.sql.fail,
                    &[
                        &id.0,
                        &owner,
                        &status,
                        &next.as_millis(),
                        &error,
                        &now.as_millis(),
                    ],
                )
                .await?;
            Ok(n == 1)
        }))
    }

    fn release<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        Box::pin(self.timed(async move {
            let n = self
                .change(&self.sql.release, &[&id.0, &owner, &now.as_millis()])
                .await?;
            Ok(n == 1)
        }))
    }

    fn extend_lease<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        until: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        Box::pin(self.timed(async move {
            let n = self
                .change(&self.sql.extend_lease, &[&id.0, &owner, &until.as_millis()])
                .await?;
            Ok(n == 1)
        }))
    }

    fn get(&self, id: DeliveryId) -> BoxFuture<'_, Result<Option<StoredDelivery>, InboxError>> {
        Box::pin(
            self.timed(
                async move { Ok(self.rows(&self.sql.get, &[&id.0]).await?.into_iter().next()) },
            ),
        )
    }

    fn list<'a>(
        &'a self,
        filter: &'a ListFilter,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>> {
        Box::pin(self.timed(async move {
            let status = filter.status.map(Status::as_str);
            let before = filter.before.map(|id| id.0);
            let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
            self.rows(
                &self.sql.list,
                &[&status, &filter.provider, &before, &limit],
            )
            .await
        }))
    }

    fn stats(&self) -> BoxFuture<'_, Result<Stats, InboxError>> {
        Box::pin(self.timed(self.stats_now()))
    }

    fn retry(&self, id: DeliveryId, now: UnixTime) -> BoxFuture<'_, Result<bool, InboxError>> {
        Box::pin(self.timed(async move {
            let n = self
                .change(&self.sql.retry, &[&id.0, &now.as_millis()])
                .await?;
            Ok(n == 1)
        }))
    }

    fn retry_dead(&self, now: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>> {
        Box::pin(
            self.timed(async move { self.change(&self.sql.retry_dead, &[&now.as_millis()]).await }),
        )
    }

    fn purge_done(&self, before: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>> {
        Box::pin(self.timed(async move {
            self.change(&self.sql.purge_done, &[&before.as_millis()])
                .await
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names_are_checked_before_they_reach_sql() {
        assert!(valid_identifier("webhooks"));
        assert!(valid_identifier("_tenant_2"));
        assert!(!valid_identifier(""));
        assert!(!valid_identifier("2fast"));
        assert!(!valid_identifier("a\"; DROP TABLE x; --"));
        assert!(!valid_identifier(&"a".repeat(64)));
    }

    #[test]
    fn statements_name_the_schema_when_one_is_set() {
        let plain = Sql::new(None);
        assert!(plain.insert.starts_with("INSERT INTO inbox_deliveries "));
        assert!(plain
            .schema_v1()
            .contains("CREATE TABLE inbox_deliveries ("));
        let scoped = Sql::new(Some("hooks"));
        assert!(scoped.get.contains("FROM \"hooks\".inbox_deliveries WHERE"));
        assert!(scoped
            .schema_v1()
            .contains("CREATE INDEX inbox_deliveries_due ON \"hooks\".inbox_deliveries"));
        assert_eq!(scoped.version_table, "\"hooks\".webhook_guard_inbox_schema");
    }

    #[tokio::test]
    async fn a_bad_connection_string_is_an_error_without_the_password() {
        let err = PostgresStore::connect("postgres://u:hunter2@127.0.0.1:notaport/db")
            .await
            .unwrap_err();
        assert!(matches!(err, InboxError::Unavailable(_)), "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
        let err = PostgresStore::builder("host=127.0.0.1 user=u")
            .schema("bad name")
            .connect()
            .await
            .unwrap_err();
        assert!(err.to_string().contains("schema name"), "{err}");
    }
}
