//! The inbox's metrics: their names, types and labels, recorded through the
//! [`metrics`](https://docs.rs/metrics/0.24) crate facade with the `metrics` feature.
//!
//! With the feature, [`Inbox::ingest`](super::Inbox::ingest) and the
//! [workers](super::worker) record into whatever recorder the application installed (a
//! Prometheus exporter, StatsD, …; none installed: nothing is kept). Without it, nothing is
//! recorded and the `metrics` crate is not compiled; the names below stay, for dashboards.
//!
//! | name | type | labels | counts / measures |
//! |---|---|---|---|
//! | [`RECEIVED_TOTAL`] | counter | `provider` | verified deliveries stored as a new row by [`Inbox::ingest`](super::Inbox::ingest) |
//! | [`DUPLICATES_TOTAL`] | counter | `provider` | verified deliveries already stored: answered 200, nothing written |
//! | [`REJECTED_TOTAL`] | counter | `provider`, `kind` | requests `ingest` refused; `kind` is [`Error::kind`](crate::Error::kind): `signature_mismatch`, `timestamp_too_old`, `body_too_large`, …, and `replay_store_unavailable` when the store could not be written (answered 503) |
//! | [`PROCESSED_TOTAL`] | counter | `provider` | deliveries a worker marked `done`: its handler returned `Ok`, or no handler wants the event |
//! | [`RETRIED_TOTAL`] | counter | `provider` | failed attempts put back to `pending` for a later retry |
//! | [`DEAD_TOTAL`] | counter | `provider` | deliveries a worker marked `dead`: out of attempts, or a body that does not fit the typed event |
//! | [`QUEUE_DEPTH`] | gauge | `status`: `pending`, `in_flight`, `dead` | deliveries in that status |
//! | [`OLDEST_PENDING_AGE_SECONDS`] | gauge | — | seconds since the oldest `pending` delivery was received (the inbox's clock); 0 when none is pending |
//!
//! `provider` is the provider's module name ([`Provider::name`](crate::Provider::name):
//! `github`, `stripe`, …), a fixed string of the code, never text from a request, so the label
//! sets stay small. Handshakes (endpoint checks) are not counted. Worker counters count
//! outcomes the store recorded; an attempt whose lease was lost is counted by the worker that
//! records it.
//!
//! The gauges come from [`InboxStore::stats`](super::InboxStore::stats), one query, so they are
//! not updated per delivery: [`Worker::run`](super::worker::Worker::run) refreshes them at most
//! every [`stats_interval`](super::worker::WorkerBuilder::stats_interval) (default 15 s), and
//! [`Inbox::record_stats`](super::Inbox::record_stats) does it on demand. Every worker process
//! reports the same shared queue: aggregate them with `max`, not `sum`.
//!
//! ```
//! # #[cfg(all(feature = "metrics", feature = "inbox-sqlite", feature = "github"))]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use metrics_util::debugging::{DebugValue, DebuggingRecorder};
//! use webhook_guard::inbox::{metrics, Inbox, SqliteStore};
//! use webhook_guard::providers::github::{self, GitHub};
//! use webhook_guard::{Secret, Verifier, WebhookRequest};
//!
//! // An application installs its exporter once (`metrics::set_global_recorder`); this example
//! // keeps a test recorder for its own thread.
//! let recorder = DebuggingRecorder::new();
//! let snapshots = recorder.snapshotter();
//! let _guard = ::metrics::set_default_local_recorder(&recorder);
//! metrics::describe();
//!
//! # let dir = std::env::temp_dir().join(format!("wg-metrics-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! let inbox = Inbox::new(SqliteStore::open(dir.join("webhooks.db"))?);
//! let verifier = Verifier::builder(GitHub)
//!     .secret(Secret::from_text("It's a Secret to Everybody"))
//!     .build()?;
//! let signature = github::sign(b"It's a Secret to Everybody", b"{}");
//! let headers = [("X-Hub-Signature-256", signature.as_str()), ("X-GitHub-Event", "ping")];
//! let request = WebhookRequest::new(&headers, b"{}");
//!
//! let runtime = tokio::runtime::Builder::new_current_thread().build()?;
//! runtime.block_on(inbox.ingest(&verifier, &request))?;
//! runtime.block_on(inbox.ingest(&verifier, &request))?; // a duplicate
//! # std::fs::remove_dir_all(&dir)?;
//!
//! let counted: Vec<(String, DebugValue)> = snapshots
//!     .snapshot()
//!     .into_vec()
//!     .into_iter()
//!     .map(|(key, _, _, value)| (key.key().name().to_owned(), value))
//!     .collect();
//! assert!(counted.contains(&(metrics::RECEIVED_TOTAL.to_owned(), DebugValue::Counter(1))));
//! assert!(counted.contains(&(metrics::DUPLICATES_TOTAL.to_owned(), DebugValue::Counter(1))));
//! # Ok(()) }
//! # #[cfg(not(all(feature = "metrics", feature = "inbox-sqlite", feature = "github")))]
//! # fn main() {}
//! ```

use super::Stats;
use crate::clock::UnixTime;

/// Counter: verified deliveries stored as a new row. Label `provider`.
pub const RECEIVED_TOTAL: &str = "webhook_guard_inbox_received_total";
/// Counter: verified deliveries that were already stored (answered 200, nothing written).
/// Label `provider`.
pub const DUPLICATES_TOTAL: &str = "webhook_guard_inbox_duplicates_total";
/// Counter: requests [`Inbox::ingest`](super::Inbox::ingest) refused. Labels `provider` and
/// `kind` ([`Error::kind`](crate::Error::kind)).
pub const REJECTED_TOTAL: &str = "webhook_guard_inbox_rejected_total";
/// Counter: deliveries marked `done` by a worker. Label `provider`.
pub const PROCESSED_TOTAL: &str = "webhook_guard_inbox_processed_total";
/// Counter: failed attempts scheduled for a retry. Label `provider`.
pub const RETRIED_TOTAL: &str = "webhook_guard_inbox_retried_total";
/// Counter: deliveries marked `dead` by a worker. Label `provider`.
pub const DEAD_TOTAL: &str = "webhook_guard_inbox_dead_total";
/// Gauge: deliveries per status. Label `status`: `pending`, `in_flight` or `dead`.
pub const QUEUE_DEPTH: &str = "webhook_guard_inbox_queue_depth";
/// Gauge: seconds since the oldest pending delivery was received; 0 when none is pending.
pub const OLDEST_PENDING_AGE_SECONDS: &str = "webhook_guard_inbox_oldest_pending_age_seconds";

/// The label naming the provider.
pub const LABEL_PROVIDER: &str = "provider";
/// The label naming the error kind of [`REJECTED_TOTAL`].
pub const LABEL_KIND: &str = "kind";
/// The label naming the status of [`QUEUE_DEPTH`].
pub const LABEL_STATUS: &str = "status";

/// Whether anything is recorded (the `metrics` feature): callers skip work that only feeds
/// metrics (the workers' stats queries) when it is not.
pub(crate) const ENABLED: bool = cfg!(feature = "metrics");

/// Registers the description and unit of every inbox metric with the installed recorder
/// (exporters show them as help text). Call it once, after installing the recorder; metrics
/// are recorded whether or not it was called.
#[cfg(feature = "metrics")]
#[cfg_attr(docsrs, doc(cfg(feature = "metrics")))]
pub fn describe() {
    use ::metrics::{describe_counter, describe_gauge, Unit};
    describe_counter!(
        RECEIVED_TOTAL,
        Unit::Count,
        "Verified webhook deliveries stored in the inbox."
    );
    describe_counter!(
        DUPLICATES_TOTAL,
        Unit::Count,
        "Verified webhook deliveries already in the inbox (answered 200, not stored again)."
    );
    describe_counter!(
        REJECTED_TOTAL,
        Unit::Count,
        "Webhook requests the inbox refused, by error kind."
    );
    describe_counter!(
        PROCESSED_TOTAL,
        Unit::Count,
        "Inbox deliveries marked done by a worker."
    );
    describe_counter!(
        RETRIED_TOTAL,
        Unit::Count,
        "Failed inbox delivery attempts scheduled for a retry."
    );
    describe_counter!(
        DEAD_TOTAL,
        Unit::Count,
        "Inbox deliveries marked dead by a worker."
    );
    describe_gauge!(QUEUE_DEPTH, Unit::Count, "Inbox deliveries per status.");
    describe_gauge!(
        OLDEST_PENDING_AGE_SECONDS,
        Unit::Seconds,
        "Seconds since the oldest pending inbox delivery was received."
    );
}

/// A verified delivery stored as a new row.
pub(crate) fn received(provider: &'static str) {
    count(RECEIVED_TOTAL, provider);
}

/// A verified delivery that was stored before.
pub(crate) fn duplicate(provider: &'static str) {
    count(DUPLICATES_TOTAL, provider);
}

/// A request `ingest` refused, by [`Error::kind`](crate::Error::kind).
pub(crate) fn rejected(provider: &'static str, kind: &'static str) {
    #[cfg(feature = "metrics")]
    ::metrics::counter!(REJECTED_TOTAL, LABEL_PROVIDER => provider, LABEL_KIND => kind)
        .increment(1);
    #[cfg(not(feature = "metrics"))]
    let _ = (provider, kind);
}

/// A delivery marked `done`.
pub(crate) fn processed(provider: &'static str) {
    count(PROCESSED_TOTAL, provider);
}

/// A failed attempt scheduled for a retry.
pub(crate) fn retried(provider: &'static str) {
    count(RETRIED_TOTAL, provider);
}

/// A delivery marked `dead`.
pub(crate) fn dead(provider: &'static str) {
    count(DEAD_TOTAL, provider);
}

/// Sets the queue gauges from `stats`, read at `now` (the inbox's clock).
pub(crate) fn queue(stats: &Stats, now: UnixTime) {
    #[cfg(feature = "metrics")]
    {
        use ::metrics::gauge;
        // Counts above 2^53 lose precision as f64; a gauge can live with that.
        #[allow(clippy::cast_precision_loss)]
        let depth = |n: u64| n as f64;
        gauge!(QUEUE_DEPTH, LABEL_STATUS => "pending").set(depth(stats.pending));
        gauge!(QUEUE_DEPTH, LABEL_STATUS => "in_flight").set(depth(stats.in_flight));
        gauge!(QUEUE_DEPTH, LABEL_STATUS => "dead").set(depth(stats.dead));
        gauge!(OLDEST_PENDING_AGE_SECONDS).set(oldest_pending_age(stats, now));
    }
    #[cfg(not(feature = "metrics"))]
    let _ = (stats, now);
}

/// Seconds from the oldest pending delivery's receive time to `now`; 0 when none is pending
/// or the clock reads earlier (never negative).
#[cfg_attr(not(feature = "metrics"), allow(dead_code))]
fn oldest_pending_age(stats: &Stats, now: UnixTime) -> f64 {
    let Some(oldest) = stats.oldest_pending else {
        return 0.0;
    };
    let millis = now.as_millis().saturating_sub(oldest.as_millis()).max(0);
    // Whole milliseconds below 2^53 (285,000 years) are exact as f64.
    #[allow(clippy::cast_precision_loss)]
    let seconds = millis as f64 / 1000.0;
    seconds
}

fn count(name: &'static str, provider: &'static str) {
    #[cfg(feature = "metrics")]
    ::metrics::counter!(name, LABEL_PROVIDER => provider).increment(1);
    #[cfg(not(feature = "metrics"))]
    let _ = (name, provider);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_oldest_pending_age_is_in_seconds_and_never_negative() {
        let at = |ms| UnixTime::from_millis(ms);
        let stats = |oldest| Stats {
            oldest_pending: oldest,
            ..Stats::default()
        };
        assert_eq!(oldest_pending_age(&stats(None), at(5_000)), 0.0);
        assert_eq!(
            oldest_pending_age(&stats(Some(at(1_000))), at(91_500)),
            90.5
        );
        assert_eq!(oldest_pending_age(&stats(Some(at(9_000))), at(1_000)), 0.0);
        assert_eq!(
            oldest_pending_age(&stats(Some(at(i64::MIN))), at(i64::MAX)),
            i64::MAX as f64 / 1000.0
        );
    }
}
