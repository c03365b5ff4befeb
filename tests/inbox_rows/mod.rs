//! Rows in a given state at a given time, written through the `InboxStore` API, for tests of
//! what reads or purges them (the worker's retention, the CLI).
#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use webhook_guard::inbox::{Claim, DeliveryId, Failure, InboxStore, Insert, NewDelivery, Status};
use webhook_guard::UnixTime;

/// Stores a delivery of `provider` received at `at` — the only one of that provider, so the
/// claim takes it — then, for `Some(outcome)`, claims it and records `Done` or `Dead` at `at`;
/// `None` leaves it pending.
pub async fn row_at(
    store: &dyn InboxStore,
    provider: &str,
    at: UnixTime,
    outcome: Option<Status>,
) -> DeliveryId {
    let new = NewDelivery::new(provider, &format!("{provider}:key"), at, b"{}".to_vec());
    let Insert::Stored(id) = store.insert(new).await.unwrap() else {
        panic!("{provider}: a delivery of that provider was stored before");
    };
    let Some(outcome) = outcome else { return id };
    let providers = [provider];
    let claim = Claim::new("test", at, Duration::from_secs(60), 1).providers(&providers);
    let claimed = store.claim(claim).await.unwrap();
    assert_eq!(claimed.iter().map(|d| d.id).collect::<Vec<_>>(), [id]);
    let recorded = match outcome {
        Status::Done => store.complete(id, "test", at).await,
        Status::Dead => store.fail(id, "test", Failure::Dead("gave up"), at).await,
        other => panic!("row_at records done or dead, not {other}"),
    };
    assert!(recorded.unwrap());
    id
}
