//! [`Delivery`]: what a verification proved, kept apart from what the request merely claims.
//!
//! A webhook request carries two kinds of metadata:
//!
//! * **signed** — covered by the signature, so nobody without the secret can change it: the
//!   signed timestamp ([`Delivery::timestamp`]), a signed delivery id ([`Delivery::signed_id`]:
//!   Standard Webhooks' `webhook-id`, Twitch's message id, Mailgun's token, Stripe's and
//!   Slack's event ids in the body), and, for some schemes, the event name;
//! * **unsigned hints** — headers the sender sets but does not sign: GitHub's
//!   `X-GitHub-Delivery` and `X-GitHub-Event`, Shopify's `X-Shopify-Webhook-Id`,
//!   `X-Shopify-Event-Id` and `X-Shopify-Topic` (or their `shopify-*` twins), Twitch's message
//!   type, … ([`Delivery::unsigned_id`], and
//!   [`Delivery::event`] when [`Delivery::event_is_signed`] is `false`). Anyone who holds one
//!   captured request can change them and the signature still holds.
//!
//! Replay protection only ever keys on signed material ([`Delivery::replay_key`], see
//! [`crate::replay`]), so relabelling a captured request's unsigned headers does not make it
//! fresh: a Shopify `orders/create` body re-sent with `X-Shopify-Topic: orders/paid` has the
//! same replay key as the original and is answered as a duplicate.

use std::fmt;

use crate::clock::UnixTime;

/// The longest unsigned id kept (bytes). A longer header is not an id any sender makes; it is
/// dropped rather than carried into logs and handlers.
pub const MAX_UNSIGNED_ID_LEN: usize = 128;

/// What a successful verification proved about a request, and the unsigned hints it carried.
///
/// See the [module docs](self) for which is which. Built without heap allocation for ids and
/// event names of up to 64 bytes, so that the verify path stays allocation-free.
#[derive(Clone, PartialEq, Eq)]
pub struct Delivery {
    provider: &'static str,
    timestamp: Option<UnixTime>,
    signed_id: Option<ShortText>,
    id_source: IdSource,
    unsigned_id: Option<ShortText>,
    event: Option<ShortText>,
    event_signed: bool,
    replay_key: Option<Box<str>>,
}

/// Where a [`Delivery::signed_id`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdSource {
    /// A header the signature covers (Standard Webhooks' `webhook-id`, Twitch's message id).
    SignedHeader,
    /// A field of the signed content (Stripe's event `id`, Slack's `event_id`, Mailgun's
    /// token).
    Body,
    /// The scheme signs no id: replay protection keys on a digest of the signed content.
    None,
}

impl Delivery {
    /// A delivery proven for `provider` (its module name, e.g. `"github"`).
    pub fn new(provider: &'static str) -> Self {
        Self {
            provider,
            timestamp: None,
            signed_id: None,
            id_source: IdSource::None,
            unsigned_id: None,
            event: None,
            event_signed: false,
            replay_key: None,
        }
    }

    /// Records the signed timestamp.
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: UnixTime) -> Self {
        self.set_timestamp(timestamp);
        self
    }

    /// Records a delivery id that the signature covers, and where it came from.
    #[must_use]
    pub fn with_signed_id(mut self, id: &str, source: IdSource) -> Self {
        self.set_signed_id(id, source);
        self
    }

    /// Records a delivery id header that the signature does **not** cover (a hint for logs
    /// and handlers, never a replay key). Ids longer than [`MAX_UNSIGNED_ID_LEN`] are dropped.
    #[must_use]
    pub fn with_unsigned_id(mut self, id: &str) -> Self {
        self.set_unsigned_id(id);
        self
    }

    /// Records an event name that the signature does **not** cover (a header such as
    /// `X-GitHub-Event`).
    #[must_use]
    pub fn with_event(mut self, event: &str) -> Self {
        self.set_event(event, false);
        self
    }

    /// Records an event name that the signature covers (a signed header or the signed body).
    #[must_use]
    pub fn with_signed_event(mut self, event: &str) -> Self {
        self.set_event(event, true);
        self
    }

    /// Replaces the provider name, for schemes that reuse another's verification (Clerk and
    /// Resend verify as Standard Webhooks, but their deliveries say `"clerk"` / `"resend"`).
    #[must_use]
    pub fn with_provider(mut self, provider: &'static str) -> Self {
        self.set_provider(provider);
        self
    }

    // In-place setters: the verify path fills one `Delivery` where it will be returned
    // instead of moving the whole struct (inline ids make it a few hundred bytes) per field.

    pub(crate) fn set_provider(&mut self, provider: &'static str) {
        self.provider = provider;
    }

    pub(crate) fn set_timestamp(&mut self, timestamp: UnixTime) {
        self.timestamp = Some(timestamp);
    }

    pub(crate) fn set_signed_id(&mut self, id: &str, source: IdSource) {
        ShortText::set(&mut self.signed_id, id);
        self.id_source = source;
    }

    pub(crate) fn set_unsigned_id(&mut self, id: &str) {
        if id.len() <= MAX_UNSIGNED_ID_LEN {
            ShortText::set(&mut self.unsigned_id, id);
        } else {
            self.unsigned_id = None;
        }
    }

    pub(crate) fn set_event(&mut self, event: &str, signed: bool) {
        ShortText::set(&mut self.event, event);
        self.event_signed = signed;
    }

    /// Records the replay key (set by [`crate::Verifier::verify_and_reserve`] and the
    /// integrations).
    #[must_use]
    pub(crate) fn with_replay_key(mut self, key: String) -> Self {
        self.replay_key = Some(key.into_boxed_str());
        self
    }

    /// The provider's module name, e.g. `"stripe"`.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The signed timestamp, for schemes that sign one.
    pub fn timestamp(&self) -> Option<UnixTime> {
        self.timestamp
    }

    /// The delivery id the signature covers, if the scheme signs one.
    ///
    /// Ids found in the body (Stripe's event `id`, Slack's `event_id`) are filled in by
    /// [`crate::Verifier::verify_and_reserve`] and the integrations, not by
    /// [`crate::Verifier::verify`], which parses nothing.
    pub fn signed_id(&self) -> Option<&str> {
        self.signed_id.as_ref().map(ShortText::as_str)
    }

    /// Where [`Delivery::signed_id`] comes from ([`IdSource::None`] when there is none).
    pub fn id_source(&self) -> IdSource {
        self.id_source
    }

    /// The sender's delivery id header when the signature does **not** cover it
    /// (`X-GitHub-Delivery`, `X-Shopify-Webhook-Id`, …): useful in logs and to look a delivery
    /// up in the sender's dashboard, but anyone holding a captured request can change it. Never
    /// used as a replay key.
    pub fn unsigned_id(&self) -> Option<&str> {
        self.unsigned_id.as_ref().map(ShortText::as_str)
    }

    /// The event name, when the request names it outside the typed body (e.g.
    /// `X-GitHub-Event`). Check [`Delivery::event_is_signed`] before trusting it for anything
    /// but routing a body whose signature holds.
    pub fn event(&self) -> Option<&str> {
        self.event.as_ref().map(ShortText::as_str)
    }

    /// `true` when [`Delivery::event`] is covered by the signature; `false` for an unsigned
    /// header (or no event name).
    pub fn event_is_signed(&self) -> bool {
        self.event.is_some() && self.event_signed
    }

    /// The replay-store key this delivery was claimed under (`[namespace:]provider:…`), derived
    /// only from signed material; see [`crate::Verifier::replay_key`]. Set by
    /// [`crate::Verifier::verify_and_reserve`] and by the integrations when a replay store is
    /// configured; `None` otherwise (call [`crate::Verifier::replay_key`] for it). Use it as the
    /// idempotency key of your handler.
    pub fn replay_key(&self) -> Option<&str> {
        self.replay_key.as_deref()
    }
}

impl fmt::Debug for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("provider", &self.provider)
            .field("timestamp", &self.timestamp.map(UnixTime::as_millis))
            .field("signed_id", &self.signed_id())
            .field("id_source", &self.id_source)
            .field("unsigned_id", &self.unsigned_id())
            .field("event", &self.event())
            .field("event_is_signed", &self.event_is_signed())
            .field("replay_key", &self.replay_key())
            .finish()
    }
}

/// Bytes of text [`ShortText`] holds without allocating.
const INLINE: usize = 64;

/// Text stored inline up to [`INLINE`] bytes, on the heap beyond.
#[derive(Clone)]
enum ShortText {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

/// Equal when the texts are: bytes past an inline text's length are not part of it.
impl PartialEq for ShortText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ShortText {}

impl ShortText {
    /// Stores `text` in `slot`, writing inline text in place (no 64-byte temporary moved in).
    fn set(slot: &mut Option<Self>, text: &str) {
        let Ok(len) = u8::try_from(text.len()) else {
            *slot = Some(ShortText::Heap(text.into()));
            return;
        };
        if usize::from(len) > INLINE {
            *slot = Some(ShortText::Heap(text.into()));
            return;
        }
        if !matches!(slot, Some(ShortText::Inline { .. })) {
            *slot = Some(ShortText::Inline {
                len: 0,
                bytes: [0; INLINE],
            });
        }
        if let Some(ShortText::Inline { len: stored, bytes }) = slot {
            if let Some(dst) = bytes.get_mut(..text.len()) {
                dst.copy_from_slice(text.as_bytes());
                *stored = len;
            }
        }
    }

    fn as_str(&self) -> &str {
        match self {
            ShortText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            ShortText::Heap(text) => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_round_trip() {
        let short = Delivery::new("x").with_signed_id("abc", IdSource::SignedHeader);
        assert_eq!(short.signed_id(), Some("abc"));
        assert_eq!(short.id_source(), IdSource::SignedHeader);
        let long_id = "é".repeat(40);
        let long = Delivery::new("x").with_signed_id(&long_id, IdSource::Body);
        assert_eq!(long.signed_id(), Some(long_id.as_str()));
        let exact = "a".repeat(64);
        assert_eq!(
            Delivery::new("x").with_event(&exact).event(),
            Some(exact.as_str())
        );
    }

    #[test]
    fn unsigned_hints_are_kept_apart_and_bounded() {
        let d = Delivery::new("github")
            .with_unsigned_id("72d3162e")
            .with_event("push");
        assert_eq!(d.unsigned_id(), Some("72d3162e"));
        assert_eq!(d.signed_id(), None);
        assert_eq!(d.id_source(), IdSource::None);
        assert!(!d.event_is_signed());
        let huge = "x".repeat(MAX_UNSIGNED_ID_LEN + 1);
        assert_eq!(
            Delivery::new("x").with_unsigned_id(&huge).unsigned_id(),
            None
        );
        let signed = Delivery::new("x").with_signed_event("order.created");
        assert!(signed.event_is_signed());
        assert!(!Delivery::new("x").event_is_signed());
    }
}
