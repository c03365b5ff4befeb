//! Standard Webhooks (and Svix): `webhook-signature: v1,<base64> [v1,<base64> …]` over
//! `{webhook-id}.{webhook-timestamp}.{body}`.
//!
//! Headers read: `webhook-id`, `webhook-timestamp`, `webhook-signature`; when `webhook-id` is
//! absent, the Svix names `svix-id`, `svix-timestamp`, `svix-signature` (Clerk, Resend and other
//! Svix users). The signature header is a space-separated list; every `v1,` entry is a
//! candidate, other versions are skipped; more than 16 entries is a malformed header.
//!
//! Secret: `whsec_` followed by base64 of the key — **decoded** ([`Secret::from_whsec`]),
//! padding optional. Timestamp: 300 s each way, as the spec's libraries. Replay id: `webhook-id`.

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::SignatureEncoding;
use crate::crypto::mac::{verify_hmac, Candidates, MacAlgorithm};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::provider::{Provider, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::util;

pub use crate::events::standard::Envelope;

/// Header names of one flavour (`webhook-*` or `svix-*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderNames {
    /// The message id header.
    pub id: &'static str,
    /// The timestamp header.
    pub timestamp: &'static str,
    /// The signature header.
    pub signature: &'static str,
}

/// `webhook-id`, `webhook-timestamp`, `webhook-signature`.
pub const STANDARD_HEADERS: HeaderNames = HeaderNames {
    id: "webhook-id",
    timestamp: "webhook-timestamp",
    signature: "webhook-signature",
};

/// `svix-id`, `svix-timestamp`, `svix-signature`.
pub const SVIX_HEADERS: HeaderNames = HeaderNames {
    id: "svix-id",
    timestamp: "svix-timestamp",
    signature: "svix-signature",
};

/// The Standard Webhooks scheme (symmetric `v1`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Standard;

/// The `webhook-signature` value (`v1,<base64>`) for a message, under the decoded key bytes.
pub fn sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    let tag = MacAlgorithm::Sha256.compute(key, &[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    format!(
        "v1,{}",
        tag.map(|t| SignatureEncoding::Base64.encode(t.as_bytes()))
            .unwrap_or_default()
    )
}

/// Collects the `v1,` entries of a signature header without allocating.
pub fn parse_signatures<'a>(
    value: &'a [u8],
    header: &'static str,
) -> Result<Candidates<'a>, Error> {
    let mut candidates = Candidates::new();
    let mut entries = 0usize;
    for item in value.split(|b| *b == b' ').filter(|s| !s.is_empty()) {
        entries += 1;
        if entries > crate::crypto::mac::MAX_SIGNATURES {
            return Err(Error::malformed(header, "lists more than 16 signatures"));
        }
        if let Some(sig) = item.strip_prefix(b"v1,") {
            candidates.push(sig, header)?;
        }
    }
    if candidates.is_empty() {
        return Err(Error::malformed(header, "no `v1,` signature"));
    }
    Ok(candidates)
}

impl Standard {
    /// Which header flavour `req` uses: `webhook-*` unless only `svix-id` is present.
    pub fn header_names(req: &WebhookRequest<'_>) -> HeaderNames {
        if req.header(STANDARD_HEADERS.id).is_none() && req.header(SVIX_HEADERS.id).is_some() {
            SVIX_HEADERS
        } else {
            STANDARD_HEADERS
        }
    }
}

impl Provider for Standard {
    type Event = Envelope;

    fn name(&self) -> &'static str {
        "standard"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        Secret::from_whsec(text)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let names = Self::header_names(req);
        let id = util::ascii(util::trim(req.require_header(names.id)?), names.id)?;
        let ts_text = util::trim(req.require_header(names.timestamp)?);
        let candidates = parse_signatures(req.require_header(names.signature)?, names.signature)?;
        UnixTime::parse_secs(ts_text).ok_or(Error::malformed(
            names.timestamp,
            "timestamp is not a non-negative integer",
        ))?;
        verify_hmac(
            MacAlgorithm::Sha256,
            secrets,
            &[id.as_bytes(), b".", ts_text, b".", req.body()],
            &candidates,
            SignatureEncoding::Base64,
            names.signature,
        )?;
        let ts = util::checked_timestamp(ts_text, names.timestamp, now, tolerance)?;
        Ok(Delivery::new("standard")
            .with_timestamp(ts)
            .with_id(id, IdSource::Header))
    }

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        Envelope::parse(body)
    }

    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let id = message.id_or_derived("msg_");
        let ts = message.timestamp.as_secs();
        Ok(Signed::headers(vec![
            (
                STANDARD_HEADERS.signature.to_owned(),
                sign(key.expose_secret(), &id, ts, message.body),
            ),
            (STANDARD_HEADERS.id.to_owned(), id),
            (STANDARD_HEADERS.timestamp.to_owned(), ts.to_string()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}
