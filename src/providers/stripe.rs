//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…][,v0=…]` over `{t}.{body}`.
//!
//! Headers read: `Stripe-Signature` only. Every `v1=` entry is a candidate (Stripe lists one
//! per active secret while you roll one); `v0` and unknown entries are ignored; more than 16
//! entries is a malformed header.
//!
//! Secret: the `whsec_…` endpoint secret **used as is, prefix included** — Stripe does not
//! decode it, unlike Standard Webhooks.
//!
//! Timestamp: 300 s in the past as in Stripe's SDKs, and (our addition) 300 s into the future.
//! The delivery id is the matching signature; the event id lives in the body.

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::SignatureEncoding;
use crate::crypto::mac::{verify_hmac, Candidates, MacAlgorithm};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::util;

pub use crate::events::stripe::{Event, EventType, Object};

/// `Stripe-Signature`.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// The Stripe webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stripe;

/// The `Stripe-Signature` value for `body` at `timestamp` (seconds) under `secret` (the whole
/// `whsec_…` text).
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let t = timestamp.to_string();
    let tag = MacAlgorithm::Sha256.compute(secret, &[t.as_bytes(), b".", body]);
    format!(
        "t={t},v1={}",
        tag.map(|t| hex::encode(t.as_bytes())).unwrap_or_default()
    )
}

/// The parts of a `Stripe-Signature` header.
#[derive(Debug, Clone, Copy)]
pub struct SignatureHeader<'a> {
    /// The `t=` value as sent (it is signed verbatim).
    pub timestamp: &'a [u8],
    /// The `v1=` values.
    pub signatures: Candidates<'a>,
}

/// Parses a `Stripe-Signature` header without allocating.
pub fn parse_header(value: &[u8]) -> Result<SignatureHeader<'_>, Error> {
    let mut timestamp = None;
    let mut signatures = Candidates::new();
    let mut entries = 0usize;
    for item in value.split(|b| *b == b',') {
        entries += 1;
        if entries > 2 * crate::crypto::mac::MAX_SIGNATURES {
            return Err(Error::malformed(SIGNATURE_HEADER, "too many entries"));
        }
        let item = util::trim(item);
        let Some(eq) = item.iter().position(|b| *b == b'=') else {
            continue;
        };
        let (key, val) = item.split_at(eq);
        let val = val.get(1..).unwrap_or_default();
        match key {
            b"t" if timestamp.is_some() => {
                return Err(Error::malformed(
                    SIGNATURE_HEADER,
                    "more than one timestamp",
                ))
            }
            b"t" => timestamp = Some(val),
            b"v1" => signatures.push(val, SIGNATURE_HEADER)?,
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(Error::malformed(SIGNATURE_HEADER, "no `t=` timestamp"))?;
    if signatures.is_empty() {
        return Err(Error::malformed(SIGNATURE_HEADER, "no `v1=` signature"));
    }
    Ok(SignatureHeader {
        timestamp,
        signatures,
    })
}

impl Provider for Stripe {
    type Event = Event;

    fn name(&self) -> &'static str {
        "stripe"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let header = parse_header(req.require_header(SIGNATURE_HEADER)?)?;
        // Validate the number before spending an HMAC on it.
        UnixTime::parse_secs(header.timestamp).ok_or(Error::malformed(
            SIGNATURE_HEADER,
            "timestamp is not a non-negative integer",
        ))?;
        let matched = verify_hmac(
            MacAlgorithm::Sha256,
            secrets,
            &[header.timestamp, b".", req.body()],
            &header.signatures,
            SignatureEncoding::Hex,
            SIGNATURE_HEADER,
        )?;
        let ts = util::checked_timestamp(header.timestamp, SIGNATURE_HEADER, now, tolerance)?;
        Ok(Delivery::new("stripe")
            .with_timestamp(ts)
            .with_signature_id(matched.as_bytes()))
    }

    /// Parses the body as a typed [`Event`] ([`Event::from_slice`]: a fast path, then
    /// [`crate::payload::from_json`] for the error and its JSON path).
    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        Event::from_slice(body)
    }

    /// Stripe's event `id` (`evt_…`): the same across retries, which are re-signed with a new
    /// timestamp.
    fn replay_id<'b>(
        &self,
        _delivery: &Delivery,
        body: &'b [u8],
    ) -> Option<std::borrow::Cow<'b, str>> {
        #[derive(serde::Deserialize)]
        struct Id<'a> {
            // A plain `Cow` borrows (an `Option<Cow>` would always copy); absent = empty.
            #[serde(borrow, default)]
            id: std::borrow::Cow<'a, str>,
        }
        let id = serde_json::from_slice::<Id<'_>>(body).ok()?.id;
        (!id.is_empty()).then_some(id)
    }

    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(
                    key.expose_secret(),
                    message.timestamp.as_secs(),
                    message.body,
                ),
            ),
            (
                "Content-Type".to_owned(),
                "application/json; charset=utf-8".to_owned(),
            ),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_parsing() {
        let h = parse_header(b"t=12,v1=aa, v0=bb ,v1=cc,x").unwrap();
        assert_eq!(h.timestamp, b"12");
        assert_eq!(
            h.signatures.iter().collect::<Vec<_>>(),
            vec![&b"aa"[..], b"cc"]
        );
        assert_eq!(
            parse_header(b"v1=aa").unwrap_err().kind(),
            "malformed_header"
        );
        assert_eq!(parse_header(b"t=1").unwrap_err().kind(), "malformed_header");
        assert_eq!(
            parse_header(b"t=1,t=2,v1=aa").unwrap_err().kind(),
            "malformed_header"
        );
        let many = format!("t=1{}", ",v1=aa".repeat(17));
        assert_eq!(
            parse_header(many.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        let spam = format!("t=1,v1=aa{}", ",".repeat(1000));
        assert_eq!(
            parse_header(spam.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
    }
}
