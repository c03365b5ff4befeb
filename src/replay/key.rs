//! Replay keys derived only from signed material.
//!
//! A key is `[namespace:]provider:` followed by one of
//!
//! * `id:<id>` — a delivery id the signature covers ([`crate::Delivery::signed_id`]: a signed
//!   header such as `webhook-id`, or an id in the signed body such as Stripe's `evt_…`), when it
//!   is at most [`MAX_ID_IN_KEY`] printable ASCII bytes;
//! * `id-sha256:<hex>` — the SHA-256 of a longer or unusual signed id, so keys stay short;
//! * `sha256:<hex>` — for schemes that sign no id: the SHA-256 of the signed timestamp (when the
//!   scheme signs one) and the signed content ([`crate::Provider::replay_content`]: the body,
//!   or Twilio's canonical parameters).
//!
//! Nothing else goes in: not an unsigned delivery-id header, not the signature (which depends
//! on the secret that matched and, for ECDSA, can be re-encoded), not the event name. So
//! whichever secret or listed signature matched, and whatever unsigned headers a replayer
//! changes, the same signed request always maps to the same key.

use sha2::{Digest, Sha256};

use crate::clock::UnixTime;

/// The longest signed id used in a key as is; longer ids are hashed.
pub const MAX_ID_IN_KEY: usize = 64;

/// Collects the signed content a replay key is derived from, for schemes that sign no delivery
/// id; see [`crate::Provider::replay_content`].
///
/// Each [`ContentDigest::part`] is length-prefixed, so `("ab", "c")` and `("a", "bc")` differ.
pub struct ContentDigest {
    hash: Sha256,
}

impl ContentDigest {
    /// An empty digest, seeded with the signed timestamp when the scheme has one.
    pub(crate) fn new(timestamp: Option<UnixTime>) -> Self {
        let mut hash = Sha256::new();
        match timestamp {
            Some(ts) => {
                hash.update([1u8]);
                hash.update(ts.as_millis().to_be_bytes());
            }
            None => hash.update([0u8]),
        }
        Self { hash }
    }

    /// Adds one part of the signed content.
    pub fn part(&mut self, bytes: &[u8]) {
        let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        self.hash.update(len.to_be_bytes());
        self.hash.update(bytes);
    }

    fn finish_hex(self) -> String {
        crate::crypto::encoding::encode_hex(&self.hash.finalize())
    }
}

impl std::fmt::Debug for ContentDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContentDigest").finish_non_exhaustive()
    }
}

/// `[namespace:]provider:`.
fn prefix(namespace: Option<&str>, provider: &str) -> String {
    match namespace {
        Some(ns) => format!("{ns}:{provider}:"),
        None => format!("{provider}:"),
    }
}

/// The key for a signed id.
pub(crate) fn for_id(namespace: Option<&str>, provider: &str, id: &str) -> String {
    let mut key = prefix(namespace, provider);
    let plain =
        !id.is_empty() && id.len() <= MAX_ID_IN_KEY && id.bytes().all(|b| b.is_ascii_graphic());
    if plain {
        key.push_str("id:");
        key.push_str(id);
    } else {
        key.push_str("id-sha256:");
        key.push_str(&crate::crypto::encoding::encode_hex(&Sha256::digest(
            id.as_bytes(),
        )));
    }
    key
}

/// The key for signed content without an id.
pub(crate) fn for_content(
    namespace: Option<&str>,
    provider: &str,
    timestamp: Option<UnixTime>,
    feed: impl FnOnce(&mut ContentDigest),
) -> String {
    let mut digest = ContentDigest::new(timestamp);
    feed(&mut digest);
    let mut key = prefix(namespace, provider);
    key.push_str("sha256:");
    key.push_str(&digest.finish_hex());
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_kept_short_and_printable() {
        assert_eq!(for_id(None, "standard", "msg_1"), "standard:id:msg_1");
        assert_eq!(
            for_id(Some("acct_1"), "stripe", "evt_1"),
            "acct_1:stripe:id:evt_1"
        );
        for odd in ["a b", "", "é", &"x".repeat(65), "a\nb"] {
            let key = for_id(None, "p", odd);
            assert!(key.starts_with("p:id-sha256:"), "{odd:?} → {key}");
            assert_eq!(key.len(), "p:id-sha256:".len() + 64);
        }
        assert_ne!(for_id(None, "p", "a b"), for_id(None, "p", "a  b"));
    }

    #[test]
    fn content_keys_separate_parts_and_timestamps() {
        let key = |ts: Option<i64>, parts: &[&[u8]]| {
            for_content(None, "p", ts.map(UnixTime::from_millis), |d| {
                parts.iter().for_each(|p| d.part(p));
            })
        };
        assert_eq!(key(None, &[b"body"]), key(None, &[b"body"]));
        assert_ne!(key(None, &[b"ab", b"c"]), key(None, &[b"a", b"bc"]));
        assert_ne!(key(None, &[b"body"]), key(Some(0), &[b"body"]));
        assert_ne!(key(Some(1), &[b"body"]), key(Some(2), &[b"body"]));
        assert!(key(None, &[]).starts_with("p:sha256:"));
        assert_eq!(key(None, &[]).len(), "p:sha256:".len() + 64);
    }
}
