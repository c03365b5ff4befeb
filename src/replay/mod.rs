//! Replay protection: remember which deliveries were seen, so each is processed once.
//!
//! # What it guarantees
//!
//! Providers deliver *at least once*: they retry until they get a 2xx, sometimes send a
//! second copy while the first is still being handled, and an attacker who captured a request
//! can send it again within the timestamp window. A [`ReplayStore`] shared by every receiver
//! turns that into **effectively-once** processing:
//!
//! 1. after the signature holds, [`ReplayStore::reserve`] claims the delivery's replay key for
//!    a short *in-flight* TTL ([`crate::verify::DEFAULT_IN_FLIGHT_TTL`], 5 minutes). Exactly one
//!    caller gets [`Reserve::Fresh`] with a [`Token`] that identifies its claim; every
//!    concurrent or later copy gets [`Reserve::Duplicate`] with the state of the first one;
//! 2. when the handler succeeded, [`ReplayStore::commit`] marks the key done for the *replay*
//!    TTL, which by default covers the sender's retry schedule
//!    ([`crate::Provider::redelivery_window`]: 3 days for Stripe and GitHub, 48 hours for
//!    Shopify, …) and is never shorter than the timestamp window plus a minute;
//! 3. when the handler failed — a non-2xx answer, an error, a panic — [`ReplayStore::release`]
//!    forgets the key, so the provider's retry is processed.
//!
//! **Cancellation fails closed.** A request whose future is dropped once the key is claimed
//! (the client closed the connection mid-handler, a timeout layer gave up) does *not* release
//! its claim: the key stays in flight until the in-flight TTL ends, and copies meanwhile are
//! answered 409 (the sender retries later). Releasing on drop would let anyone holding one
//! captured request run the handler again and again by closing the socket while it runs. The
//! price: a legitimate sender whose connection dropped mid-handler has its retry processed
//! only after the in-flight TTL (keep that TTL short, a little above your slowest handler).
//!
//! [`Reservation`] is the guard that carries a claim through those steps; the verifier hands one
//! out from [`crate::Verifier::verify_and_reserve`].
//!
//! Commit and release act only on the caller's own claim: the token makes a late commit or
//! release (after the in-flight TTL ran out and another receiver claimed the id) a no-op
//! instead of clobbering the other receiver's claim. A commit that finds the id forgotten
//! (expired or evicted) records it as done, since the handler did run.
//!
//! # Keys come from signed material only
//!
//! Keys are `[namespace:]provider:…` followed by a delivery id the signature covers
//! (Standard Webhooks' `webhook-id`, Twitch's message id, Stripe's event `id` and Slack's
//! `event_id` from the signed body, see [`crate::Provider::replay_id`]), or, for schemes that
//! sign no id (GitHub, Shopify, Twilio, Linear, …), a SHA-256 digest of the signed timestamp
//! and the signed content. Unsigned delivery-id headers (`X-GitHub-Delivery`,
//! `X-Shopify-Webhook-Id`, Shopify's `X-Shopify-Event-Id`, …) are never part of a key: anyone holding a captured request could
//! change them to make the copy look fresh. Nor is the matching signature: with several
//! secrets (rotation) or several listed signatures, the key does not depend on which one
//! matched. See [`ContentDigest`] for the exact format. A sender's redelivery of the same body
//! (GitHub "Redeliver", Shopify's retries) has the same digest and is caught.

//! # Limits
//!
//! * A receiver that dies after the handler's side effect but before `commit` leaves the id in
//!   flight until the in-flight TTL ends; the provider's next retry after that is processed
//!   again. The same holds when the store loses its data (a Redis restart without
//!   persistence) between the side effect and the commit, or when the handler runs longer than
//!   the in-flight TTL. Make handlers idempotent where a repeat would hurt (an upsert keyed by
//!   the event id), and keep the in-flight TTL above the slowest handler.
//! * A bounded store (see [`MemoryStore`]) forgets the oldest ids first when full; an id
//!   forgotten before its replay TTL ends can be replayed. Size it for the deliveries of one
//!   replay window.
//! * A store that cannot answer is an error ([`StoreError`], which becomes
//!   [`crate::Error::ReplayStoreUnavailable`], HTTP 503, so the sender retries later), never a
//!   pass.
//! * A store error can be ambiguous: a reserve, commit or release that timed out may still have
//!   been applied. A failed reserve is always a 503, never a 2xx, and the handler does not run;
//!   a claim it may have left must not hold back the sender's retry, so `RedisStore` cancels it
//!   in the background (and sends a lost commit or release again). When even that fails, the
//!   in-flight TTL frees the id. A failed commit comes after the handler ran: answer success
//!   anyway (see [`Reservation::commit`]).
//!
//! # Stores
//!
//! * [`MemoryStore`]: one process; sharded, bounded by entries and bytes, TTL eviction.
//! * `RedisStore` (feature `redis`): a fleet of receivers behind a load balancer shares one
//!   Redis, so each delivery is processed once across the fleet.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), webhook_guard::Error> {
//! use std::{sync::Arc, time::Duration};
//! use webhook_guard::replay::{MemoryStore, Reservation, ReplayStore};
//!
//! let store: Arc<dyn ReplayStore> = Arc::new(MemoryStore::new(100_000));
//! let (in_flight, ttl) = (Duration::from_secs(300), Duration::from_secs(900));
//! let first = Reservation::acquire(Arc::clone(&store), "github:abc", in_flight, ttl).await?;
//! // A second copy while the first is handled:
//! let second = Reservation::acquire(Arc::clone(&store), "github:abc", in_flight, ttl).await;
//! assert_eq!(second.unwrap_err().kind(), "replayed");
//! first.commit().await?;
//! let third = Reservation::acquire(store, "github:abc", in_flight, ttl).await;
//! assert_eq!(third.unwrap_err().to_string(), "delivery already processed");
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub(crate) mod key;
mod memory;
#[cfg(feature = "redis")]
mod redis;

pub use key::{ContentDigest, MAX_ID_IN_KEY};
pub use memory::{MemoryStore, MemoryStoreBuilder, BYTES_PER_ENTRY, DEFAULT_MAX_ENTRIES};
#[cfg(feature = "redis")]
#[cfg_attr(docsrs, doc(cfg(feature = "redis")))]
pub use redis::{RedisStore, RedisStoreBuilder};

/// A boxed future, as returned by [`ReplayStore`] methods.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The state of a delivery that was already seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DuplicateState {
    /// The first copy is still being handled.
    InFlight,
    /// The first copy was handled successfully.
    Done,
}

impl fmt::Display for DuplicateState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DuplicateState::InFlight => "in flight",
            DuplicateState::Done => "processed",
        })
    }
}

/// Identifies one claim on a key, so that commit and release touch only the caller's own claim.
///
/// Made by the store in [`ReplayStore::reserve`]; opaque to everyone else.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token(u128);

impl Token {
    /// A token from its raw value (for [`ReplayStore`] implementations).
    pub const fn from_u128(raw: u128) -> Self {
        Self(raw)
    }

    /// The raw value (for [`ReplayStore`] implementations).
    pub const fn as_u128(self) -> u128 {
        self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({:032x})", self.0)
    }
}

/// The answer of [`ReplayStore::reserve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reserve {
    /// First time seen: the caller now holds the id, under this token.
    Fresh(Token),
    /// Seen before.
    Duplicate(DuplicateState),
}

/// A replay store could not answer (network, server down, timeout). Surfaces as
/// [`crate::Error::ReplayStoreUnavailable`] (HTTP 503), never as a pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StoreError(pub String);

impl From<StoreError> for crate::Error {
    fn from(e: StoreError) -> Self {
        crate::Error::ReplayStoreUnavailable(e.0)
    }
}

/// Remembers delivery ids. Implemented by [`MemoryStore`] (one process) and by `RedisStore`
/// (feature `redis`, a fleet of receivers). Object safe: the verifier holds an
/// `Arc<dyn ReplayStore>`.
///
/// Implementations must make `reserve` atomic (of any number of concurrent callers for one key,
/// exactly one gets [`Reserve::Fresh`]) and must apply `commit` and `release` only to the claim
/// the token names (see the [module docs](self)). A `reserve` that returns an error (or whose
/// future is dropped before it finished) hands out no token: a claim it may have made anyway
/// should not outlive it, or the sender's retries meet "in flight" until the in-flight TTL ends.
pub trait ReplayStore: Send + Sync + 'static {
    /// Claims `key` as in flight for `ttl`, unless a live claim or a done mark exists.
    fn reserve<'a>(
        &'a self,
        key: &'a str,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<Reserve, StoreError>>;

    /// Marks `key` as done for `ttl`, if the claim `token` still holds it or nobody does. A claim
    /// by another token (made after ours expired) is left alone.
    fn commit<'a>(
        &'a self,
        key: &'a str,
        token: Token,
        ttl: Duration,
    ) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Forgets `key` if the claim `token` still holds it in flight, so the next copy is
    /// processed. Anything else (done, claimed by another token, gone) is left alone.
    fn release<'a>(&'a self, key: &'a str, token: Token) -> BoxFuture<'a, Result<(), StoreError>>;

    /// Best-effort [`ReplayStore::release`] from a synchronous context (a [`Reservation`]
    /// dropped while its thread panics, or abandoned by an integration that cannot await). The
    /// default does nothing: the in-flight TTL then frees the key.
    fn release_on_drop(&self, key: &str, token: Token) {
        let _ = (key, token);
    }
}

/// A claimed delivery id. Call [`Reservation::commit`] when the handler succeeded and
/// [`Reservation::release`] when it failed.
///
/// Dropping it undecided does **not** release it (cancellation fails closed, see the
/// [module docs](self)): the key stays in flight until the in-flight TTL ends. Only a drop
/// during a panic releases it (best effort: a store that needs I/O releases it in the
/// background).
#[must_use = "commit the reservation after handling the delivery, or release it when handling failed"]
pub struct Reservation {
    store: Arc<dyn ReplayStore>,
    key: String,
    token: Token,
    ttl: Duration,
    decided: bool,
}

impl Reservation {
    /// Claims `key` in `store` for `in_flight_ttl`; a later [`Reservation::commit`] remembers
    /// it for `replay_ttl`.
    ///
    /// Fails with [`crate::Error::Replayed`] when the key is already claimed or done, and with
    /// [`crate::Error::ReplayStoreUnavailable`] when the store cannot answer.
    /// [`crate::Verifier::verify_and_reserve`] calls this with the delivery's key; call it
    /// yourself for keys of your own.
    pub async fn acquire(
        store: Arc<dyn ReplayStore>,
        key: impl Into<String>,
        in_flight_ttl: Duration,
        replay_ttl: Duration,
    ) -> Result<Self, crate::Error> {
        let key = key.into();
        match store.reserve(&key, in_flight_ttl).await? {
            Reserve::Fresh(token) => Ok(Self {
                store,
                key,
                token,
                ttl: replay_ttl,
                decided: false,
            }),
            Reserve::Duplicate(state) => Err(crate::Error::Replayed { state }),
        }
    }

    /// The store key (namespace, provider and delivery id).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The token of this claim.
    pub fn token(&self) -> Token {
        self.token
    }

    /// Marks the delivery processed: copies arriving within the replay TTL are duplicates.
    ///
    /// An error means the store could not record it: the handler *did* run, so answer the
    /// sender with success all the same (a retry would run it again) and log the error.
    pub async fn commit(mut self) -> Result<(), crate::Error> {
        self.decided = true;
        self.store
            .commit(&self.key, self.token, self.ttl)
            .await
            .map_err(Into::into)
    }

    /// Forgets the delivery so that the provider's retry is processed.
    pub async fn release(mut self) -> Result<(), crate::Error> {
        self.decided = true;
        self.store
            .release(&self.key, self.token)
            .await
            .map_err(Into::into)
    }
}

impl Reservation {
    /// Releases the claim without awaiting (best effort, see [`ReplayStore::release_on_drop`]),
    /// for an explicit failure found where nothing can be awaited.
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    pub(crate) fn release_in_background(mut self) {
        self.decided = true;
        self.store.release_on_drop(&self.key, self.token);
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        // A panicking handler is an explicit failure: release so the retry is processed. A plain
        // drop (a cancelled request) keeps the claim until the in-flight TTL: fail closed.
        if !self.decided && std::thread::panicking() {
            self.store.release_on_drop(&self.key, self.token);
        }
    }
}

impl fmt::Debug for Reservation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reservation")
            .field("key", &self.key)
            .field("ttl", &self.ttl)
            .field("decided", &self.decided)
            .finish_non_exhaustive()
    }
}

/// Milliseconds in `ttl`, at least 1 (a zero TTL would mean "forever" or an error to stores).
pub(crate) fn ttl_millis(ttl: Duration) -> i64 {
    i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::{github::GitHub, slack::Slack, stripe::Stripe};
    use crate::{Delivery, IdSource, Provider, Secret, Verifier, WebhookRequest};
    use std::borrow::Cow;
    use std::task::{Context, Poll, Waker};

    /// Polls a future that never waits (memory store).
    fn ready<F: Future>(fut: F) -> F::Output {
        let mut fut = std::pin::pin!(fut);
        match fut.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(out) => out,
            Poll::Pending => panic!("the memory store never waits"),
        }
    }

    #[test]
    fn stripe_and_slack_replay_ids_come_from_the_body() {
        let d = Delivery::new("x");
        let stripe = |body: &str| Stripe.replay_id(&d, body.as_bytes()).map(Cow::into_owned);
        assert_eq!(
            stripe(r#"{"object":"event","data":{"object":{"id":"in_1"}},"id":"evt_1"}"#),
            Some("evt_1".into())
        );
        assert!(matches!(
            Stripe.replay_id(&d, br#"{"id":"evt_2"}"#),
            Some(Cow::Borrowed("evt_2"))
        ));
        assert_eq!(stripe(r#"{"id":"evt_\u0031"}"#), Some("evt_1".into()));
        for no_id in [
            r#"{"data":{"object":{"id":"in_1"}}}"#,
            r#"{"id":""}"#,
            r#"{"id":7}"#,
            r#"{"id":null}"#,
            r#"{"id":"evt_1"} trailing"#,
            "payload=%7B%7D",
            "",
        ] {
            assert_eq!(stripe(no_id), None, "{no_id}");
        }
        let slack = |body: &str| Slack.replay_id(&d, body.as_bytes()).map(Cow::into_owned);
        assert_eq!(
            slack(
                r#"{"type":"event_callback","event_id":"Ev08MFMKH6","event":{"type":"app_mention"}}"#
            ),
            Some("Ev08MFMKH6".into())
        );
        assert_eq!(
            slack(r#"{"type":"url_verification","challenge":"c"}"#),
            None
        );
        assert_eq!(GitHub.replay_id(&d, br#"{"id":"x"}"#), None);
    }

    fn stripe_verifier(store: Arc<dyn ReplayStore>) -> Verifier<Stripe> {
        Verifier::builder(Stripe)
            .secret(Secret::from_text("whsec_test_secret"))
            .clock(crate::FixedClock::from_secs(1_700_000_000))
            .shared_replay_store(store)
            .namespace("acct_1")
            .build()
            .unwrap()
    }

    #[test]
    fn verify_and_reserve_keys_stripe_by_event_id_across_resigned_retries() {
        let store: Arc<dyn ReplayStore> = Arc::new(MemoryStore::new(100));
        let verifier = stripe_verifier(Arc::clone(&store));
        let body = br#"{"id":"evt_42","object":"event"}"#;
        let attempt = |ts: i64| {
            let header = crate::providers::stripe::sign(b"whsec_test_secret", ts, body);
            let headers = [("Stripe-Signature", header)];
            ready(verifier.verify_and_reserve(&WebhookRequest::new(&headers, body)))
        };
        let accepted = attempt(1_700_000_000).unwrap();
        assert_eq!(accepted.delivery.signed_id(), Some("evt_42"));
        assert_eq!(accepted.delivery.id_source(), IdSource::Body);
        assert_eq!(
            accepted.delivery.replay_key(),
            Some("acct_1:stripe:id:evt_42")
        );
        let reservation = accepted.reservation.unwrap();
        assert_eq!(reservation.key(), "acct_1:stripe:id:evt_42");
        // The retry is signed anew (another timestamp, another signature): still the same event.
        let err = attempt(1_700_000_010).unwrap_err();
        assert_eq!(
            err,
            crate::Error::Replayed {
                state: DuplicateState::InFlight
            }
        );
        ready(reservation.commit()).unwrap();
        let err = attempt(1_700_000_020).unwrap_err();
        assert_eq!(err.status(), 200);
        // Without a store, nothing is parsed or hashed.
        let plain = Verifier::builder(Stripe)
            .secret(Secret::from_text("whsec_test_secret"))
            .clock(crate::FixedClock::from_secs(1_700_000_000))
            .build()
            .unwrap();
        let header = crate::providers::stripe::sign(b"whsec_test_secret", 1_700_000_000, body);
        let headers = [("Stripe-Signature", header)];
        let accepted = ready(plain.verify_and_reserve(&WebhookRequest::new(&headers, body)));
        let accepted = accepted.unwrap();
        assert_eq!(accepted.delivery.id_source(), IdSource::None);
        assert_eq!(accepted.delivery.replay_key(), None);
        assert!(accepted.reservation.is_none());
    }

    #[test]
    fn dropped_reservation_stays_in_flight_and_failed_store_is_503() {
        let store: Arc<dyn ReplayStore> = Arc::new(MemoryStore::new(100));
        let ttl = Duration::from_secs(60);
        let r = ready(Reservation::acquire(Arc::clone(&store), "k", ttl, ttl)).unwrap();
        // A cancelled request: fail closed, the key stays in flight until its TTL.
        drop(r);
        let err = ready(Reservation::acquire(Arc::clone(&store), "k", ttl, ttl)).unwrap_err();
        assert_eq!(
            err,
            crate::Error::Replayed {
                state: DuplicateState::InFlight
            }
        );
        // An explicit release frees it.
        let r = ready(Reservation::acquire(Arc::clone(&store), "k2", ttl, ttl)).unwrap();
        ready(r.release()).unwrap();
        assert!(ready(Reservation::acquire(Arc::clone(&store), "k2", ttl, ttl)).is_ok());
        // A reservation dropped while its thread panics is released.
        let r = ready(Reservation::acquire(Arc::clone(&store), "k3", ttl, ttl)).unwrap();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
            let _held = r;
            panic!("handler panicked");
        }));
        assert!(panicked.is_err());
        assert!(ready(Reservation::acquire(Arc::clone(&store), "k3", ttl, ttl)).is_ok());

        struct Down;
        impl ReplayStore for Down {
            fn reserve<'a>(
                &'a self,
                _: &'a str,
                _: Duration,
            ) -> BoxFuture<'a, Result<Reserve, StoreError>> {
                Box::pin(std::future::ready(Err(StoreError("down".into()))))
            }
            fn commit<'a>(
                &'a self,
                _: &'a str,
                _: Token,
                _: Duration,
            ) -> BoxFuture<'a, Result<(), StoreError>> {
                Box::pin(std::future::ready(Err(StoreError("down".into()))))
            }
            fn release<'a>(
                &'a self,
                _: &'a str,
                _: Token,
            ) -> BoxFuture<'a, Result<(), StoreError>> {
                Box::pin(std::future::ready(Err(StoreError("down".into()))))
            }
        }
        let err = ready(Reservation::acquire(Arc::new(Down), "k", ttl, ttl)).unwrap_err();
        assert_eq!(err.kind(), "replay_store_unavailable");
        assert_eq!(err.status(), 503);
    }

    #[test]
    fn verify_and_reserve_is_send_whatever_the_headers() {
        fn assert_send<T: Send>(_: T) {}
        let verifier = stripe_verifier(Arc::new(MemoryStore::new(10)));
        let headers = http::HeaderMap::new();
        let fut = {
            let req = WebhookRequest::new(&headers, b"{}");
            verifier.verify_and_reserve(&req)
        };
        assert_send(fut);
    }
}
