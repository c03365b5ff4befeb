//! The test suite every inbox backend must pass, written against the `InboxStore` trait only.
//! A backend's test file calls [`run_all`] with a function that makes a fresh, empty store.
#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use webhook_guard::inbox::{
    Claim, DeliveryId, Failure, InboxStore, Insert, ListFilter, NewDelivery, Status,
};
use webhook_guard::{IdSource, UnixTime};

/// 2023-11-14T22:13:20Z, in milliseconds.
pub const T0: i64 = 1_700_000_000_000;
pub const LEASE: Duration = Duration::from_secs(30);

pub fn at(offset_ms: i64) -> UnixTime {
    UnixTime::from_millis(T0 + offset_ms)
}

pub fn delivery(provider: &str, key: &str, offset_ms: i64) -> NewDelivery {
    NewDelivery::new(
        provider,
        key,
        at(offset_ms),
        format!("{{\"k\":\"{key}\"}}").into_bytes(),
    )
    .with_event("push")
}

pub async fn stored(store: &dyn InboxStore, d: NewDelivery) -> DeliveryId {
    match store.insert(d).await.expect("insert") {
        Insert::Stored(id) => id,
        other => panic!("expected a new row, got {other:?}"),
    }
}

/// Runs every check, each on a fresh store from `make`.
pub async fn run_all<F, Fut>(make: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = Arc<dyn InboxStore>>,
{
    insert_is_keyed_by_provider_and_replay_key(make().await).await;
    concurrent_copies_store_one_row(make().await).await;
    every_field_round_trips(make().await).await;
    claims_take_due_deliveries_once_with_a_lease(make().await).await;
    claims_respect_limit_order_and_providers(make().await).await;
    only_the_lease_owner_records_an_outcome(make().await).await;
    extended_leases_keep_a_delivery_claimed(make().await).await;
    failures_schedule_a_retry_or_bury(make().await).await;
    release_gives_back_without_counting(make().await).await;
    list_filters_and_pages_newest_first(make().await).await;
    stats_count_each_status(make().await).await;
    dead_deliveries_are_re_driven(make().await).await;
    purge_deletes_old_done_rows_only(make().await).await;
    text_with_nul_characters_is_stored(make().await).await;
}

pub async fn insert_is_keyed_by_provider_and_replay_key(store: Arc<dyn InboxStore>) {
    let first = stored(&*store, delivery("github", "github:sha256:aa", 0)).await;
    // The same key again, even with another body or time: a duplicate naming the first row.
    let mut copy = delivery("github", "github:sha256:aa", 5_000);
    copy.body = b"other".to_vec();
    assert_eq!(store.insert(copy).await.unwrap(), Insert::Duplicate(first));
    // The same key text under another provider is another delivery.
    let other = stored(&*store, delivery("stripe", "github:sha256:aa", 0)).await;
    assert_ne!(first, other);
    let kept = store.get(first).await.unwrap().unwrap();
    assert_eq!(kept.body, b"{\"k\":\"github:sha256:aa\"}");
    assert_eq!(kept.received_at, at(0));
}

pub async fn concurrent_copies_store_one_row(store: Arc<dyn InboxStore>) {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40 {
        let store = Arc::clone(&store);
        // 40 copies of 4 deliveries, racing.
        tasks.spawn(async move {
            store
                .insert(delivery(
                    "standard",
                    &format!("standard:id:msg_{}", i % 4),
                    i,
                ))
                .await
                .unwrap()
        });
    }
    let mut stored_ids = Vec::new();
    let mut duplicates = Vec::new();
    while let Some(result) = tasks.join_next().await {
        match result.unwrap() {
            Insert::Stored(id) => stored_ids.push(id),
            Insert::Duplicate(id) => duplicates.push(id),
        }
    }
    assert_eq!(stored_ids.len(), 4, "one row per delivery");
    assert_eq!(duplicates.len(), 36);
    assert!(duplicates.iter().all(|id| stored_ids.contains(id)));
    let stats = store.stats().await.unwrap();
    assert_eq!(stats.pending, 4);
}

pub async fn every_field_round_trips(store: Arc<dyn InboxStore>) {
    let mut d = NewDelivery::new(
        "stripe",
        "acme:stripe:id:evt_1",
        at(0),
        vec![0xff, 0x00, b'{', 0xfe],
    );
    d.tenant = Some("acme".into());
    d.event = Some("invoice.paid".into());
    d.event_signed = true;
    d.signed_id = Some("evt_1".into());
    d.id_source = IdSource::Body;
    d.unsigned_id = Some("hint".into());
    d.signed_at = Some(at(-2_000));
    d.headers = vec![
        ("stripe-signature".into(), "t=1,v1=ab".into()),
        (
            "content-type".into(),
            "application/json; charset=utf-8".into(),
        ),
    ];
    let id = stored(&*store, d.clone()).await;
    let got = store.get(id).await.unwrap().expect("stored row");
    assert_eq!(got.id, id);
    assert_eq!(got.provider, d.provider);
    assert_eq!(got.tenant, d.tenant);
    assert_eq!(got.replay_key, d.replay_key);
    assert_eq!(got.event, d.event);
    assert!(got.event_signed);
    assert_eq!(got.signed_id, d.signed_id);
    assert_eq!(got.id_source, IdSource::Body);
    assert_eq!(got.unsigned_id, d.unsigned_id);
    assert_eq!(got.received_at, d.received_at);
    assert_eq!(got.signed_at, d.signed_at);
    assert_eq!(got.headers, d.headers);
    assert_eq!(got.body, d.body, "raw bytes, not UTF-8 text");
    assert_eq!(got.status, Status::Pending);
    assert_eq!(got.attempts, 0);
    assert_eq!(got.next_attempt_at, d.received_at, "due when received");
    assert_eq!(got.last_error, None);
    assert_eq!(got.lease_owner, None);
    assert_eq!(got.lease_expires_at, None);
    assert_eq!(store.get(DeliveryId(id.0 + 1000)).await.unwrap(), None);
}

pub async fn claims_take_due_deliveries_once_with_a_lease(store: Arc<dyn InboxStore>) {
    let id = stored(&*store, delivery("github", "github:id:1", 1_000)).await;
    // Not due before it was received.
    let early = store
        .claim(Claim::new("a", at(999), LEASE, 10))
        .await
        .unwrap();
    assert!(early.is_empty());
    let claimed = store
        .claim(Claim::new("a", at(1_000), LEASE, 10))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let c = &claimed[0];
    assert_eq!(
        (c.id, c.status, c.attempts, c.lease_owner.as_deref()),
        (id, Status::InFlight, 1, Some("a"))
    );
    assert_eq!(c.lease_expires_at, Some(at(1_000 + 30_000)));
    // Held: nobody else gets it while the lease lasts.
    let during = store
        .claim(Claim::new("b", at(30_999), LEASE, 10))
        .await
        .unwrap();
    assert!(during.is_empty());
    // The lease expired (worker died): claimable again, the attempt counted.
    let again = store
        .claim(Claim::new("b", at(31_000), LEASE, 10))
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(
        (again[0].attempts, again[0].lease_owner.as_deref()),
        (2, Some("b"))
    );
}

pub async fn claims_respect_limit_order_and_providers(store: Arc<dyn InboxStore>) {
    let a = stored(&*store, delivery("github", "github:id:a", 3)).await;
    let b = stored(&*store, delivery("stripe", "stripe:id:b", 1)).await;
    let c = stored(&*store, delivery("github", "github:id:c", 2)).await;
    let first = store
        .claim(Claim::new("w", at(10), LEASE, 2))
        .await
        .unwrap();
    let ids: Vec<_> = first.iter().map(|d| d.id).collect();
    assert_eq!(ids, [b, c], "oldest due first, at most the limit");
    let github_only = ["github"];
    let rest = store
        .claim(Claim::new("w", at(10), LEASE, 10).providers(&github_only))
        .await
        .unwrap();
    assert_eq!(rest.iter().map(|d| d.id).collect::<Vec<_>>(), [a]);
    let none_left = store
        .claim(Claim::new("w", at(10), LEASE, 0))
        .await
        .unwrap();
    assert!(none_left.is_empty());
    let stripe_only = ["stripe"];
    assert!(store
        .claim(Claim::new("w", at(10), LEASE, 10).providers(&stripe_only))
        .await
        .unwrap()
        .is_empty());
}

pub async fn only_the_lease_owner_records_an_outcome(store: Arc<dyn InboxStore>) {
    let id = stored(&*store, delivery("github", "github:id:1", 0)).await;
    store.claim(Claim::new("a", at(0), LEASE, 1)).await.unwrap();
    // `a` stalls past its lease; `b` claims the delivery.
    store
        .claim(Claim::new("b", at(40_000), LEASE, 1))
        .await
        .unwrap();
    assert!(
        !store.complete(id, "a", at(41_000)).await.unwrap(),
        "a lost the lease"
    );
    assert!(!store
        .fail(id, "a", Failure::Dead("late"), at(41_000))
        .await
        .unwrap());
    assert!(!store.release(id, "a", at(41_000)).await.unwrap());
    assert!(store.complete(id, "b", at(42_000)).await.unwrap());
    let done = store.get(id).await.unwrap().unwrap();
    assert_eq!(done.status, Status::Done);
    assert_eq!((done.lease_owner, done.lease_expires_at), (None, None));
    assert_eq!(done.updated_at, at(42_000));
    // Done is final: nobody claims it again, not even once the old lease time has passed.
    assert!(store
        .claim(Claim::new("c", at(1_000_000), LEASE, 10))
        .await
        .unwrap()
        .is_empty());
    assert!(!store.complete(id, "b", at(43_000)).await.unwrap());
}

pub async fn extended_leases_keep_a_delivery_claimed(store: Arc<dyn InboxStore>) {
    let id = stored(&*store, delivery("github", "github:id:1", 0)).await;
    store.claim(Claim::new("a", at(0), LEASE, 1)).await.unwrap();
    // `a`'s handler is still running: it extends its lease before the 30 s run out.
    assert!(store.extend_lease(id, "a", at(50_000)).await.unwrap());
    let row = store.get(id).await.unwrap().unwrap();
    assert_eq!(row.lease_expires_at, Some(at(50_000)));
    assert_eq!(row.status, Status::InFlight);
    assert!(
        store
            .claim(Claim::new("b", at(40_000), LEASE, 1))
            .await
            .unwrap()
            .is_empty(),
        "an extended lease is not up for grabs"
    );
    // Only the owner extends, and only while it holds the delivery.
    assert!(!store.extend_lease(id, "b", at(90_000)).await.unwrap());
    let taken = store
        .claim(Claim::new("b", at(50_001), LEASE, 1))
        .await
        .unwrap();
    assert_eq!(
        taken.len(),
        1,
        "claimed again once the extended lease ran out"
    );
    assert!(!store.extend_lease(id, "a", at(200_000)).await.unwrap());
    assert!(store.complete(id, "b", at(51_000)).await.unwrap());
    assert!(!store.extend_lease(id, "b", at(300_000)).await.unwrap());
    assert!(!store
        .extend_lease(DeliveryId(i64::MAX), "b", at(300_000))
        .await
        .unwrap());
}

pub async fn failures_schedule_a_retry_or_bury(store: Arc<dyn InboxStore>) {
    let id = stored(&*store, delivery("github", "github:id:1", 0)).await;
    store.claim(Claim::new("w", at(0), LEASE, 1)).await.unwrap();
    let retry = Failure::RetryAt(at(5_000), "upstream 502");
    assert!(store.fail(id, "w", retry, at(100)).await.unwrap());
    let row = store.get(id).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Pending);
    assert_eq!(row.next_attempt_at, at(5_000));
    assert_eq!(row.last_error.as_deref(), Some("upstream 502"));
    assert_eq!(row.lease_owner, None);
    assert!(store
        .claim(Claim::new("w", at(4_999), LEASE, 1))
        .await
        .unwrap()
        .is_empty());
    let second = store
        .claim(Claim::new("w", at(5_000), LEASE, 1))
        .await
        .unwrap();
    assert_eq!(second[0].attempts, 2);
    assert!(store
        .fail(id, "w", Failure::Dead("gave up"), at(6_000))
        .await
        .unwrap());
    let row = store.get(id).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Dead);
    assert_eq!(row.last_error.as_deref(), Some("gave up"));
    assert_eq!(row.body, b"{\"k\":\"github:id:1\"}", "the raw body is kept");
    assert!(store
        .claim(Claim::new("w", at(10_000_000), LEASE, 1))
        .await
        .unwrap()
        .is_empty());
}

pub async fn release_gives_back_without_counting(store: Arc<dyn InboxStore>) {
    let id = stored(&*store, delivery("github", "github:id:1", 0)).await;
    store.claim(Claim::new("w", at(0), LEASE, 1)).await.unwrap();
    assert!(store.release(id, "w", at(10)).await.unwrap());
    let row = store.get(id).await.unwrap().unwrap();
    assert_eq!((row.status, row.attempts), (Status::Pending, 0));
    assert_eq!(row.next_attempt_at, at(10));
    let again = store
        .claim(Claim::new("v", at(10), LEASE, 1))
        .await
        .unwrap();
    assert_eq!(again[0].attempts, 1);
}

pub async fn list_filters_and_pages_newest_first(store: Arc<dyn InboxStore>) {
    let a = stored(&*store, delivery("github", "github:id:a", 0)).await;
    let b = stored(&*store, delivery("stripe", "stripe:id:b", 0)).await;
    let c = stored(&*store, delivery("github", "github:id:c", 0)).await;
    store.claim(Claim::new("w", at(0), LEASE, 1)).await.unwrap(); // a
    store.fail(a, "w", Failure::Dead("x"), at(1)).await.unwrap();
    let ids = |rows: Vec<webhook_guard::inbox::StoredDelivery>| {
        rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    let all = store.list(&ListFilter::default()).await.unwrap();
    assert_eq!(ids(all), [c, b, a]);
    let github = ListFilter::default().provider("github");
    assert_eq!(ids(store.list(&github).await.unwrap()), [c, a]);
    let dead = ListFilter::default().status(Status::Dead);
    assert_eq!(ids(store.list(&dead).await.unwrap()), [a]);
    let page = ListFilter::default().limit(1);
    assert_eq!(ids(store.list(&page).await.unwrap()), [c]);
    let next = ListFilter::default().limit(1).before(c);
    assert_eq!(ids(store.list(&next).await.unwrap()), [b]);
}

pub async fn stats_count_each_status(store: Arc<dyn InboxStore>) {
    let empty = store.stats().await.unwrap();
    assert_eq!(
        (empty.pending, empty.done, empty.oldest_pending),
        (0, 0, None)
    );
    let a = stored(&*store, delivery("github", "github:id:a", 0)).await;
    let b = stored(&*store, delivery("github", "github:id:b", 10)).await;
    stored(&*store, delivery("github", "github:id:c", 20)).await;
    stored(&*store, delivery("github", "github:id:d", 30)).await;
    store
        .claim(Claim::new("w", at(15), LEASE, 2))
        .await
        .unwrap(); // a, b
    store.complete(a, "w", at(16)).await.unwrap();
    store
        .fail(b, "w", Failure::Dead("x"), at(16))
        .await
        .unwrap();
    store
        .claim(Claim::new("w", at(20), LEASE, 1))
        .await
        .unwrap(); // c
    let s = store.stats().await.unwrap();
    assert_eq!((s.pending, s.in_flight, s.done, s.dead), (1, 1, 1, 1));
    assert_eq!(s.oldest_pending, Some(at(30)));
}

pub async fn dead_deliveries_are_re_driven(store: Arc<dyn InboxStore>) {
    let a = stored(&*store, delivery("github", "github:id:a", 0)).await;
    let b = stored(&*store, delivery("github", "github:id:b", 0)).await;
    let c = stored(&*store, delivery("github", "github:id:c", 0)).await;
    store.claim(Claim::new("w", at(0), LEASE, 3)).await.unwrap();
    for id in [a, b, c] {
        store
            .fail(id, "w", Failure::Dead("bug"), at(1))
            .await
            .unwrap();
    }
    assert!(store.retry(a, at(100)).await.unwrap());
    assert!(!store.retry(a, at(100)).await.unwrap(), "only dead ones");
    let row = store.get(a).await.unwrap().unwrap();
    assert_eq!((row.status, row.attempts), (Status::Pending, 0));
    assert_eq!(row.next_attempt_at, at(100));
    assert_eq!(
        row.last_error.as_deref(),
        Some("bug"),
        "kept until the next attempt"
    );
    assert_eq!(store.retry_dead(at(200)).await.unwrap(), 2);
    assert_eq!(store.stats().await.unwrap().pending, 3);
    let claimed = store
        .claim(Claim::new("w", at(200), LEASE, 10))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
}

pub async fn purge_deletes_old_done_rows_only(store: Arc<dyn InboxStore>) {
    let old = stored(&*store, delivery("github", "github:id:old", 0)).await;
    let new = stored(&*store, delivery("github", "github:id:new", 0)).await;
    let pending = stored(&*store, delivery("github", "github:id:pending", 0)).await;
    store.claim(Claim::new("w", at(0), LEASE, 2)).await.unwrap();
    store.complete(old, "w", at(1_000)).await.unwrap();
    store.complete(new, "w", at(9_000)).await.unwrap();
    assert_eq!(store.purge_done(at(5_000)).await.unwrap(), 1);
    assert_eq!(store.get(old).await.unwrap(), None);
    assert!(store.get(new).await.unwrap().is_some());
    assert!(store.get(pending).await.unwrap().is_some());
    // A purged key is forgotten: the same delivery can be stored again.
    assert!(matches!(
        store
            .insert(delivery("github", "github:id:old", 10_000))
            .await
            .unwrap(),
        Insert::Stored(_)
    ));
}

/// A signed body may carry `\u0000` in its event id or type (JSON allows it), and a handler's
/// error text may contain NUL: the store must still store, de-duplicate and record them, never
/// answer "unavailable" forever (PostgreSQL's TEXT cannot hold NUL; it stores U+FFFD instead).
pub async fn text_with_nul_characters_is_stored(store: Arc<dyn InboxStore>) {
    let same =
        |stored: &str, sent: &str| stored == sent || stored == sent.replace('\0', "\u{FFFD}");
    let mut d = delivery("stripe", "stripe:evt:evt_\0nul", 0).with_event("invoice.\0paid");
    d.signed_id = Some("evt_\0nul".to_owned());
    d.id_source = IdSource::Body;
    d.tenant = Some("acme\0".to_owned());
    let id = stored(&*store, d.clone()).await;
    assert_eq!(store.insert(d).await.unwrap(), Insert::Duplicate(id));
    let other = delivery("stripe", "stripe:evt:evt_\u{FFFD}other", 0);
    stored(&*store, other).await;

    let claimed = store.claim(Claim::new("w", at(0), LEASE, 1)).await.unwrap();
    assert_eq!(claimed.len(), 1);
    assert!(
        same(&claimed[0].replay_key, "stripe:evt:evt_\0nul"),
        "{:?}",
        claimed[0].replay_key
    );
    assert!(same(claimed[0].event.as_deref().unwrap(), "invoice.\0paid"));
    assert!(same(claimed[0].signed_id.as_deref().unwrap(), "evt_\0nul"));
    assert!(store
        .fail(id, "w", Failure::Dead("bad key \"a\0b\" at .data"), at(1))
        .await
        .unwrap());
    let row = store.get(id).await.unwrap().unwrap();
    assert_eq!(row.status, Status::Dead);
    assert!(same(
        row.last_error.as_deref().unwrap(),
        "bad key \"a\0b\" at .data"
    ));
}
