//! [`Delivery`]: what a verification proved.

use std::fmt;

use crate::clock::UnixTime;

/// What a successful verification proved about a request.
///
/// Built without heap allocation for ids and event names of up to 64 bytes (every provider's
/// ids are shorter), so that the verify path stays allocation-free.
#[derive(Clone, PartialEq, Eq)]
pub struct Delivery {
    provider: &'static str,
    timestamp: Option<UnixTime>,
    id: Option<ShortText>,
    id_source: IdSource,
    event: Option<ShortText>,
}

/// Where a [`Delivery`]'s id comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdSource {
    /// A header the sender sets to a unique delivery id (`webhook-id`, `X-GitHub-Delivery`, …).
    Header,
    /// A field of the signed body (Mailgun's token, …).
    Body,
    /// The sender gives no id: the (hex of the) matching signature stands in, so a byte-identical
    /// replay is still caught.
    Signature,
    /// No id at all.
    None,
}

impl Delivery {
    /// A delivery proven for `provider` (its module name, e.g. `"github"`).
    pub fn new(provider: &'static str) -> Self {
        Self {
            provider,
            timestamp: None,
            id: None,
            id_source: IdSource::None,
            event: None,
        }
    }

    /// Records the signed timestamp.
    #[must_use]
    pub fn with_timestamp(mut self, timestamp: UnixTime) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// Records the delivery id and where it came from.
    #[must_use]
    pub fn with_id(mut self, id: &str, source: IdSource) -> Self {
        self.id = Some(ShortText::new(id));
        self.id_source = source;
        self
    }

    /// Uses the signature as the id (hex of its first 32 bytes), for senders that send no id.
    #[must_use]
    pub fn with_signature_id(mut self, signature: &[u8]) -> Self {
        let mut hex_buf = [0u8; 64];
        let take = signature.get(..32).unwrap_or(signature);
        if let Some(text) = crate::crypto::encoding::encode_hex_into(take, &mut hex_buf) {
            self.id = Some(ShortText::new(text));
            self.id_source = IdSource::Signature;
        }
        self
    }

    /// Records the event name (from a header; body-named events are filled by parsing).
    #[must_use]
    pub fn with_event(mut self, event: &str) -> Self {
        self.event = Some(ShortText::new(event));
        self
    }

    /// Replaces the provider name, for schemes that reuse another's verification (Clerk and
    /// Resend verify as Standard Webhooks, but their deliveries say `"clerk"` / `"resend"`).
    #[must_use]
    pub fn with_provider(mut self, provider: &'static str) -> Self {
        self.provider = provider;
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

    /// The delivery id used for replay protection.
    pub fn id(&self) -> Option<&str> {
        self.id.as_ref().map(ShortText::as_str)
    }

    /// Where [`Delivery::id`] comes from.
    pub fn id_source(&self) -> IdSource {
        self.id_source
    }

    /// The event name, when the scheme names it outside the body (e.g. `X-GitHub-Event`).
    pub fn event(&self) -> Option<&str> {
        self.event.as_ref().map(ShortText::as_str)
    }
}

impl fmt::Debug for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Delivery")
            .field("provider", &self.provider)
            .field("timestamp", &self.timestamp.map(UnixTime::as_millis))
            .field("id", &self.id())
            .field("id_source", &self.id_source)
            .field("event", &self.event())
            .finish()
    }
}

/// Text stored inline up to 64 bytes, on the heap beyond.
#[derive(Clone, PartialEq, Eq)]
enum ShortText {
    Inline { len: u8, bytes: [u8; 64] },
    Heap(Box<str>),
}

impl ShortText {
    fn new(text: &str) -> Self {
        let mut bytes = [0u8; 64];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(slot), Ok(len)) => {
                slot.copy_from_slice(text.as_bytes());
                ShortText::Inline { len, bytes }
            }
            _ => ShortText::Heap(text.into()),
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
        let short = Delivery::new("x").with_id("abc", IdSource::Header);
        assert_eq!(short.id(), Some("abc"));
        let long_id = "é".repeat(40);
        let long = Delivery::new("x").with_id(&long_id, IdSource::Header);
        assert_eq!(long.id(), Some(long_id.as_str()));
        let exact = "a".repeat(64);
        assert_eq!(
            Delivery::new("x").with_event(&exact).event(),
            Some(exact.as_str())
        );
    }

    #[test]
    fn signature_ids_are_hex() {
        let d = Delivery::new("x").with_signature_id(&[0xab; 40]);
        assert_eq!(d.id(), Some("ab".repeat(32).as_str()));
        assert_eq!(d.id_source(), IdSource::Signature);
        let d = Delivery::new("x").with_signature_id(&[1, 2]);
        assert_eq!(d.id(), Some("0102"));
    }
}
