//! `webhook-guard inbox --database URL …`: inspect and re-drive a durable inbox (the one
//! `listen --inbox URL` or an application's `inbox::axum::post` route fills).
//!
//! Exit codes: 0 done; 1 the delivery asked for is not there, or not in a state the command
//! acts on (`retry ID` of a delivery that is not dead); 2 usage (bad arguments, a database URL
//! that is malformed or of a scheme this build does not support); 4 the database could not be
//! opened or answered (missing file, unreadable, locked past the busy timeout). Messages go to
//! stderr, prefixed `webhook-guard:`.
//!
//! Times are printed as RFC 3339 in UTC with milliseconds (`2026-12-02T19:40:56.123Z`), in the
//! table and in `--json` alike. Text output escapes control characters of stored values (event
//! names, errors, headers, bodies come from the network); `--json` output is JSON-escaped.
//! Header values that may carry credentials (`authorization`, `*token*`, `*secret*`, …) are
//! printed as `[redacted]`.

use std::borrow::Cow;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine as _;
use clap::{Args, Subcommand};
use serde_json::{json, Value};
use webhook_guard::inbox::worker::{MIN_RETAIN_DONE, PURGE_INTERVAL};
use webhook_guard::inbox::{
    is_credential_header, Claim, DatabaseUrl, DeliveryId, Failure, Inbox, InboxError, InboxStore,
    Insert, ListFilter, NewDelivery, Stats, Status, StoredDelivery, REDACTED,
};
use webhook_guard::replay::BoxFuture;
use webhook_guard::{Clock as _, SystemClock, UnixTime, Verifier};

use crate::by_name::ByName;

/// Printed after `inbox --help`.
const INBOX_HELP: &str = "\
Exit codes: 0 done; 1 no delivery with that id (or, for `retry ID`, not a dead one); 2 usage \
(including a malformed database URL or a scheme this build does not support); 4 the database \
could not be opened or read. Times are RFC 3339 in UTC. Header values that may carry \
credentials are printed as [redacted].";

/// Arguments of `webhook-guard inbox`.
#[derive(Args)]
#[command(after_help = INBOX_HELP)]
pub(crate) struct InboxArgs {
    /// The inbox database: `sqlite:PATH`, `sqlite://PATH` (relative) or `sqlite:///ABS/PATH`;
    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` when built with feature
    /// `inbox-postgres`.
    #[arg(
        long,
        value_name = "URL",
        env = "WEBHOOK_GUARD_DATABASE",
        hide_env_values = true
    )]
    database: String,
    #[command(subcommand)]
    command: InboxCommand,
}

#[derive(Subcommand)]
enum InboxCommand {
    /// Count deliveries per status; show when the oldest pending one was received.
    Stats {
        /// One JSON object: pending, in_flight, done, dead, oldest_pending_at (RFC 3339 or
        /// null), oldest_pending_age_secs (or null).
        #[arg(long)]
        json: bool,
    },
    /// List deliveries, newest first.
    List(ListArgs),
    /// Show one delivery: its state, headers and body.
    Show {
        /// The delivery's id (the first column of `list`).
        id: i64,
        /// One JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Re-drive a dead delivery (pending, due now, attempts back to 0), or every dead one.
    Retry {
        /// The dead delivery to re-drive.
        #[arg(required_unless_present = "dead", conflicts_with = "dead")]
        id: Option<i64>,
        /// Re-drive every dead delivery.
        #[arg(long)]
        dead: bool,
    },
    /// Delete done deliveries older than DURATION (their replay keys are forgotten with them:
    /// keep them for at least the senders' retry window).
    Purge {
        /// How old (since the last change) a done delivery must be: `7d`, `12h`, `1h 30m`.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        done_older_than: Duration,
    },
}

#[derive(Args)]
struct ListArgs {
    /// Only deliveries with this status: pending, in_flight, done or dead.
    #[arg(long, value_parser = parse_status)]
    status: Option<Status>,
    /// Only deliveries of this provider (its module name: github, stripe, …).
    #[arg(long)]
    provider: Option<String>,
    /// At most this many.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    limit: u32,
    /// Only ids below this one: the next page after the last id listed.
    #[arg(long, value_name = "ID")]
    before: Option<i64>,
    /// One JSON object per line: id, provider, tenant, replay_key, event, event_signed,
    /// signed_id, unsigned_id, status, attempts, received_at, next_attempt_at, updated_at,
    /// last_error, body_len (times RFC 3339, UTC).
    #[arg(long)]
    json: bool,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text).ok_or_else(|| "expected pending, in_flight, done or dead".to_owned())
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    humantime::parse_duration(text).map_err(|e| format!("{e} (e.g. 7d, 12h, 1h 30m)"))
}

/// `listen --retain-done`: a duration of at least [`MIN_RETAIN_DONE`].
pub(crate) fn parse_retention(text: &str) -> Result<Duration, String> {
    let retention = parse_duration(text)?;
    if retention < MIN_RETAIN_DONE {
        return Err(format!(
            "at least {}: purging forgets the replay keys that de-duplicate late retries, so \
             keep done deliveries longer than the senders' retry window (days)",
            humantime::format_duration(MIN_RETAIN_DONE)
        ));
    }
    Ok(retention)
}

/// `now` minus `age`, saturating.
fn ago(now: UnixTime, age: Duration) -> UnixTime {
    let age = i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
    UnixTime::from_millis(now.as_millis().saturating_sub(age))
}

/// `listen --retain-done`: purges done deliveries last changed more than `retention` ago now
/// and then every [`PURGE_INTERVAL`], printing `purged N done deliveries …` when it deleted
/// any. Runs until the process ends.
pub(crate) async fn purge_done_periodically(store: Arc<dyn InboxStore>, retention: Duration) {
    let mut every = tokio::time::interval(PURGE_INTERVAL);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        let before = ago(SystemClock.now(), retention);
        match store.purge_done(before).await {
            Ok(0) => {}
            Ok(n) => out!(
                "purged {n} done deliver{} last changed before {}",
                plural(n),
                rfc3339(before)
            ),
            Err(e) => eprintln!("webhook-guard: could not purge done deliveries: {e}"),
        }
    }
}

/// How a command failed: the message, and the exit code.
struct Failed(u8, String);

const NOT_FOUND: u8 = 1;
const USAGE: u8 = 2;
const UNAVAILABLE: u8 = 4;

impl From<InboxError> for Failed {
    fn from(e: InboxError) -> Self {
        Failed(UNAVAILABLE, e.to_string())
    }
}

pub(crate) fn run(args: InboxArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("webhook-guard: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run_async(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failed(code, message)) => {
            eprintln!("webhook-guard: {message}");
            ExitCode::from(code)
        }
    }
}

/// Opens the store an existing database URL names: unlike `listen --inbox`, these commands
/// never create an SQLite file. (A PostgreSQL database must exist anyway; its tables are
/// created when missing, as by `listen --inbox`.)
async fn open_existing(url: &str) -> Result<Arc<dyn InboxStore>, Failed> {
    let url = DatabaseUrl::parse(url).map_err(|e| Failed(USAGE, e.to_string()))?;
    if let DatabaseUrl::Sqlite(path) = &url {
        if !path.is_file() {
            return Err(Failed(
                UNAVAILABLE,
                format!(
                    "no inbox database at {} (`listen --inbox` creates one)",
                    path.display()
                ),
            ));
        }
    }
    url.open()
        .await
        .map_err(|e| Failed(UNAVAILABLE, e.to_string()))
}

async fn run_async(args: InboxArgs) -> Result<(), Failed> {
    let store = open_existing(&args.database).await?;
    let now = SystemClock.now();
    match args.command {
        InboxCommand::Stats { json } => stats(store.as_ref(), now, json).await,
        InboxCommand::List(list_args) => list(store.as_ref(), list_args).await,
        InboxCommand::Show { id, json } => show(store.as_ref(), DeliveryId(id), json).await,
        InboxCommand::Retry { id: Some(id), .. } => {
            let id = DeliveryId(id);
            if store.retry(id, now).await? {
                out!("re-driven {id}: pending, due now");
                return Ok(());
            }
            match store.get(id).await? {
                None => Err(not_found(id)),
                Some(d) => Err(Failed(
                    NOT_FOUND,
                    format!(
                        "delivery {id} is {}, not dead: only dead deliveries are re-driven",
                        d.status
                    ),
                )),
            }
        }
        InboxCommand::Retry { id: None, .. } => {
            let n = store.retry_dead(now).await?;
            out!("re-driven {n} dead deliver{}", plural(n));
            Ok(())
        }
        InboxCommand::Purge { done_older_than } => {
            let before = ago(now, done_older_than);
            let n = store.purge_done(before).await?;
            out!(
                "purged {n} done deliver{} last changed before {}",
                plural(n),
                rfc3339(before)
            );
            Ok(())
        }
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        "y"
    } else {
        "ies"
    }
}

fn not_found(id: DeliveryId) -> Failed {
    Failed(NOT_FOUND, format!("no delivery with id {id}"))
}

async fn stats(store: &dyn InboxStore, now: UnixTime, json: bool) -> Result<(), Failed> {
    let stats = store.stats().await?;
    let age = stats.oldest_pending.map(|at| {
        Duration::from_millis(
            u64::try_from(now.as_millis().saturating_sub(at.as_millis())).unwrap_or(0),
        )
    });
    if json {
        out!(
            "{}",
            json!({
                "pending": stats.pending,
                "in_flight": stats.in_flight,
                "done": stats.done,
                "dead": stats.dead,
                "oldest_pending_at": stats.oldest_pending.map(rfc3339),
                "oldest_pending_age_secs": age.map(|a| a.as_secs()),
            })
        );
        return Ok(());
    }
    out!("pending    {}", stats.pending);
    out!("in_flight  {}", stats.in_flight);
    out!("done       {}", stats.done);
    out!("dead       {}", stats.dead);
    match (stats.oldest_pending, age) {
        (Some(at), Some(age)) => out!(
            "oldest pending: {} ({} ago)",
            rfc3339(at),
            humantime::format_duration(Duration::from_secs(age.as_secs()))
        ),
        _ => out!("oldest pending: -"),
    }
    Ok(())
}

async fn list(store: &dyn InboxStore, args: ListArgs) -> Result<(), Failed> {
    let mut filter = ListFilter::default().limit(usize::try_from(args.limit).unwrap_or(100));
    if let Some(status) = args.status {
        filter = filter.status(status);
    }
    if let Some(provider) = &args.provider {
        filter = filter.provider(provider);
    }
    if let Some(before) = args.before {
        filter = filter.before(DeliveryId(before));
    }
    let deliveries = store.list(&filter).await?;
    if args.json {
        for d in &deliveries {
            out!("{}", summary_json(d));
        }
    } else {
        print_table(&deliveries);
    }
    if let Some(last) = deliveries.last() {
        if deliveries.len() == filter.limit {
            eprintln!("more may follow: --before {}", last.id);
        }
    }
    Ok(())
}

fn summary_json(d: &StoredDelivery) -> Value {
    json!({
        "id": d.id.0,
        "provider": d.provider,
        "tenant": d.tenant,
        "replay_key": d.replay_key,
        "event": d.event,
        "event_signed": d.event_signed,
        "signed_id": d.signed_id,
        "unsigned_id": d.unsigned_id,
        "status": d.status.as_str(),
        "attempts": d.attempts,
        "received_at": rfc3339(d.received_at),
        "next_attempt_at": rfc3339(d.next_attempt_at),
        "updated_at": rfc3339(d.updated_at),
        "last_error": d.last_error,
        "body_len": d.body.len(),
    })
}

/// The longest last error shown in a table cell (characters).
const TABLE_ERROR_CHARS: usize = 60;

fn print_table(deliveries: &[StoredDelivery]) {
    let header = [
        "ID",
        "STATUS",
        "ATTEMPTS",
        "PROVIDER",
        "TENANT",
        "EVENT",
        "RECEIVED",
        "LAST ERROR",
    ];
    let rows: Vec<[String; 8]> = deliveries
        .iter()
        .map(|d| {
            let error = d.last_error.as_deref().map_or_else(
                || "-".to_owned(),
                |e| {
                    let e = printable(e);
                    if e.chars().count() > TABLE_ERROR_CHARS {
                        let cut: String = e.chars().take(TABLE_ERROR_CHARS - 1).collect();
                        format!("{cut}…")
                    } else {
                        e.into_owned()
                    }
                },
            );
            [
                d.id.to_string(),
                d.status.to_string(),
                d.attempts.to_string(),
                printable(&d.provider).into_owned(),
                printable(d.tenant.as_deref().unwrap_or("-")).into_owned(),
                printable(d.event.as_deref().unwrap_or("-")).into_owned(),
                rfc3339(d.received_at),
                error,
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&" ".repeat(width - cell.chars().count() + 2));
            }
        }
        out!("{out}");
    };
    line(&header.map(str::to_owned));
    for row in &rows {
        line(row);
    }
}

async fn show(store: &dyn InboxStore, id: DeliveryId, json: bool) -> Result<(), Failed> {
    let d = store.get(id).await?.ok_or_else(|| not_found(id))?;
    let headers: Vec<(String, &str)> = d
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), shown_header(name, value)))
        .collect();
    let body_text = std::str::from_utf8(&d.body).ok();
    if json {
        let mut out = summary_json(&d);
        if let Value::Object(map) = &mut out {
            map.insert("signed_at".into(), json!(d.signed_at.map(rfc3339)));
            map.insert("lease_owner".into(), json!(d.lease_owner));
            map.insert(
                "lease_expires_at".into(),
                json!(d.lease_expires_at.map(rfc3339)),
            );
            map.insert("headers".into(), json!(headers));
            let (encoding, body) = match body_text {
                Some(text) => ("utf8", text.to_owned()),
                None => (
                    "base64",
                    base64::engine::general_purpose::STANDARD.encode(&d.body),
                ),
            };
            map.insert("body_encoding".into(), json!(encoding));
            map.insert("body".into(), json!(body));
        }
        out!("{out}");
        return Ok(());
    }
    let opt = |v: Option<&str>| printable(v.unwrap_or("-")).into_owned();
    let time = |v: Option<UnixTime>| v.map_or_else(|| "-".to_owned(), rfc3339);
    out!("id: {}", d.id);
    out!("provider: {}", printable(&d.provider));
    out!("tenant: {}", opt(d.tenant.as_deref()));
    out!(
        "event: {}{}",
        opt(d.event.as_deref()),
        if d.event.is_some() && !d.event_signed {
            " (unsigned)"
        } else {
            ""
        }
    );
    out!("replay key: {}", printable(&d.replay_key));
    out!("signed id: {}", opt(d.signed_id.as_deref()));
    out!("unsigned id: {}", opt(d.unsigned_id.as_deref()));
    out!("status: {}", d.status);
    out!("attempts: {}", d.attempts);
    out!("received at: {}", rfc3339(d.received_at));
    out!("signed at: {}", time(d.signed_at));
    out!("next attempt at: {}", rfc3339(d.next_attempt_at));
    out!("updated at: {}", rfc3339(d.updated_at));
    out!("last error: {}", opt(d.last_error.as_deref()));
    out!("lease owner: {}", opt(d.lease_owner.as_deref()));
    out!("lease expires at: {}", time(d.lease_expires_at));
    out!("headers:");
    for (name, value) in &headers {
        out!("  {}: {}", printable(name), printable(value));
    }
    match body_text {
        Some(text) => {
            out!("body ({} bytes, UTF-8):", d.body.len());
            let text = printable_text(text);
            // One newline after the body, whether or not it ends with one.
            out!("{}", text.strip_suffix('\n').unwrap_or(&text));
        }
        None => {
            out!("body ({} bytes, not UTF-8; base64):", d.body.len());
            out!(
                "{}",
                base64::engine::general_purpose::STANDARD.encode(&d.body)
            );
        }
    }
    Ok(())
}

/// The routes of `listen --inbox`: every request (any path; `GET` too, for endpoint checks) goes
/// through [`webhook_guard::inbox::axum::receive`] with `verifier` into `store`; one line per
/// request on stdout: `stored id=… provider=… event=… key=…`, `duplicate id=…`,
/// `handshake answered`, or `rejected: <answer body> (<status>)`.
pub(crate) fn receiving_router(verifier: Verifier<ByName>, store: Arc<dyn InboxStore>) -> Router {
    let inbox = Inbox::shared(Arc::new(Printing(store)));
    Router::new().fallback(move |request: Request| {
        let verifier = verifier.clone();
        let inbox = inbox.clone();
        async move { receive_and_print(&verifier, &inbox, request).await }
    })
}

/// The most bytes of an answer read back to print it (the route's answers are a few bytes; a
/// handshake's a few hundred).
const MAX_ANSWER: usize = 1 << 20;

async fn receive_and_print(
    verifier: &Verifier<ByName>,
    inbox: &Inbox,
    request: Request,
) -> Response {
    let response = webhook_guard::inbox::axum::receive(verifier, inbox, request).await;
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ANSWER).await else {
        out!("answered {}", parts.status.as_u16());
        return (StatusCode::INTERNAL_SERVER_ERROR, "answer_unreadable").into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    if !parts.status.is_success() {
        out!("rejected: {} ({})", printable(&text), parts.status.as_u16());
    } else if text != "stored" && text != "duplicate" {
        out!("handshake answered");
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The inbox's store, printing a line per delivery stored or found stored before.
struct Printing(Arc<dyn InboxStore>);

impl InboxStore for Printing {
    fn insert(&self, delivery: NewDelivery) -> BoxFuture<'_, Result<Insert, InboxError>> {
        let described = format!(
            "provider={} event={} key={}",
            printable(&delivery.provider),
            printable(delivery.event.as_deref().unwrap_or("-")),
            printable(&delivery.replay_key),
        );
        Box::pin(async move {
            let inserted = self.0.insert(delivery).await;
            match &inserted {
                Ok(Insert::Stored(id)) => out!("stored id={id} {described}"),
                Ok(Insert::Duplicate(id)) => out!("duplicate id={id} {described}"),
                Err(e) => eprintln!("webhook-guard: delivery not stored: {e}"),
            }
            inserted
        })
    }

    fn claim<'a>(
        &'a self,
        claim: Claim<'a>,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>> {
        self.0.claim(claim)
    }

    fn complete<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        self.0.complete(id, owner, now)
    }

    fn fail<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        failure: Failure<'a>,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        self.0.fail(id, owner, failure, now)
    }

    fn release<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        now: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        self.0.release(id, owner, now)
    }

    fn extend_lease<'a>(
        &'a self,
        id: DeliveryId,
        owner: &'a str,
        until: UnixTime,
    ) -> BoxFuture<'a, Result<bool, InboxError>> {
        self.0.extend_lease(id, owner, until)
    }

    fn get(&self, id: DeliveryId) -> BoxFuture<'_, Result<Option<StoredDelivery>, InboxError>> {
        self.0.get(id)
    }

    fn list<'a>(
        &'a self,
        filter: &'a ListFilter,
    ) -> BoxFuture<'a, Result<Vec<StoredDelivery>, InboxError>> {
        self.0.list(filter)
    }

    fn stats(&self) -> BoxFuture<'_, Result<Stats, InboxError>> {
        self.0.stats()
    }

    fn retry(&self, id: DeliveryId, now: UnixTime) -> BoxFuture<'_, Result<bool, InboxError>> {
        self.0.retry(id, now)
    }

    fn retry_dead(&self, now: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>> {
        self.0.retry_dead(now)
    }

    fn purge_done(&self, before: UnixTime) -> BoxFuture<'_, Result<u64, InboxError>> {
        self.0.purge_done(before)
    }
}

/// A header value as shown: redacted when the header may carry a credential
/// ([`is_credential_header`]: token-only schemes read their secret from a header, and the inbox
/// stores the headers a scheme read; a database written by other code may hold the value).
fn shown_header<'a>(name: &str, value: &'a str) -> &'a str {
    if is_credential_header(name) {
        REDACTED
    } else {
        value
    }
}

/// `text` with every control character escaped (`\u{1b}`), for one line of a terminal.
fn printable(text: &str) -> Cow<'_, str> {
    escape_controls(text, false)
}

/// `text` with control characters escaped except newlines and tabs, for a body.
fn printable_text(text: &str) -> Cow<'_, str> {
    escape_controls(text, true)
}

fn escape_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let kept = |c: char| !c.is_control() || (keep_lines && matches!(c, '\n' | '\t'));
    if text.chars().all(kept) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if kept(c) {
            out.push(c);
        } else {
            out.extend(c.escape_default());
        }
    }
    Cow::Owned(out)
}

/// `at` as RFC 3339 in UTC with milliseconds (`2026-12-02T19:40:56.123Z`); `@<ms>ms` for a
/// time outside the years 0–9999.
fn rfc3339(at: UnixTime) -> String {
    let nanos = i128::from(at.as_millis()) * 1_000_000;
    match time::OffsetDateTime::from_unix_timestamp_nanos(nanos) {
        Ok(t) if (0..=9999).contains(&t.year()) => format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.millisecond()
        ),
        _ => format!("@{}ms", at.as_millis()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(UnixTime::EPOCH), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            rfc3339(UnixTime::from_millis(1_700_000_000_090)),
            "2023-11-14T22:13:20.090Z"
        );
        assert_eq!(
            rfc3339(UnixTime::from_millis(1_700_000_000_123)),
            "2023-11-14T22:13:20.123Z"
        );
        assert_eq!(
            rfc3339(UnixTime::from_millis(i64::MAX)),
            format!("@{}ms", i64::MAX)
        );
    }

    #[test]
    fn control_characters_are_escaped_and_credentials_redacted() {
        assert_eq!(printable("push"), "push");
        assert_eq!(printable("a\u{1b}[2Jb\n"), "a\\u{1b}[2Jb\\n");
        assert_eq!(printable_text("{\n\t\"a\": 1\r}"), "{\n\t\"a\": 1\\r}");
        assert_eq!(shown_header("Authorization", "Basic abc"), "[redacted]");
        assert_eq!(shown_header("x-gitlab-token", "s3cret"), "[redacted]");
        assert_eq!(shown_header("X-ApiKey", "k"), "[redacted]");
        assert_eq!(shown_header("set-cookie", "session=1"), "[redacted]");
        assert_eq!(shown_header("x-github-event", "push"), "push");
    }

    #[test]
    fn durations_and_statuses_parse() {
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_duration("12h"), Ok(Duration::from_secs(12 * 3600)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_retention("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_retention("59m")
            .unwrap_err()
            .starts_with("at least 1h: "));
        assert!(parse_retention("soon").is_err());
        assert_eq!(
            ago(UnixTime::from_millis(5_000), Duration::from_secs(2)).as_millis(),
            3_000
        );
        let early = UnixTime::from_millis(i64::MIN + 1);
        assert_eq!(ago(early, Duration::MAX).as_millis(), i64::MIN, "saturates");
        assert_eq!(parse_status("in_flight"), Ok(Status::InFlight));
        assert!(parse_status("DONE").is_err());
    }
}
