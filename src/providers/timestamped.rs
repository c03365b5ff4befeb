//! Signature headers made of `key=value` entries: one timestamp and one or more signatures
//! (Stripe `t=…,v1=…`, Calendly the same, Paddle `ts=…;h1=…`). Parsed without allocating.

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::{SignatureBuf, SignatureEncoding};
use crate::crypto::mac::{verify_hmac, Candidates, MacAlgorithm, MAX_SIGNATURES};
use crate::error::Error;
use crate::request::WebhookRequest;
use crate::secret::Secrets;

use super::util;

/// The parts of a timestamp-and-signatures header.
#[derive(Debug, Clone, Copy)]
pub struct TimestampedSignatures<'a> {
    /// The timestamp entry's value as sent (it is signed verbatim).
    pub timestamp: &'a [u8],
    /// The signature entries of the current scheme version, in order.
    pub signatures: Candidates<'a>,
}

/// How one provider lays such a header out, and what it signs: HMAC-SHA256 (hex) over
/// `{timestamp}{joiner}{body}`.
pub(crate) struct Layout {
    pub(crate) header: &'static str,
    pub(crate) separator: u8,
    pub(crate) timestamp_key: &'static [u8],
    pub(crate) signature_key: &'static [u8],
    pub(crate) joiner: &'static [u8],
}

impl Layout {
    /// Splits the header. Other keys (older versions) are skipped; a second timestamp, no
    /// timestamp, no signature, more than 16 signatures or 32 entries are malformed.
    #[inline]
    pub(crate) fn parse<'a>(&self, value: &'a [u8]) -> Result<TimestampedSignatures<'a>, Error> {
        let mut timestamp = None;
        let mut signatures = Candidates::new();
        for (n, item) in value.split(|b| *b == self.separator).enumerate() {
            if n >= 2 * MAX_SIGNATURES {
                return Err(Error::malformed(self.header, "too many entries"));
            }
            let item = util::trim(item);
            let Some(eq) = item.iter().position(|b| *b == b'=') else {
                continue;
            };
            let (key, val) = item.split_at(eq);
            let val = val.get(1..).unwrap_or_default();
            if key == self.timestamp_key {
                if timestamp.replace(val).is_some() {
                    return Err(Error::malformed(self.header, "more than one timestamp"));
                }
            } else if key == self.signature_key {
                signatures.push(val, self.header)?;
            }
        }
        let timestamp = timestamp.ok_or(Error::malformed(self.header, "no timestamp entry"))?;
        if signatures.is_empty() {
            return Err(Error::malformed(self.header, "no signature entry"));
        }
        Ok(TimestampedSignatures {
            timestamp,
            signatures,
        })
    }

    /// Checks the signature, then the window. Returns the timestamp and the matching signature.
    pub(crate) fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<(UnixTime, SignatureBuf), Error> {
        let header = self.parse(req.require_header(self.header)?)?;
        // Validate the number before spending an HMAC on it.
        UnixTime::parse_secs(header.timestamp).ok_or(Error::malformed(
            self.header,
            "timestamp is not a non-negative integer",
        ))?;
        let matched = verify_hmac(
            MacAlgorithm::Sha256,
            secrets,
            &[header.timestamp, self.joiner, req.body()],
            &header.signatures,
            SignatureEncoding::Hex,
            self.header,
        )?;
        let ts = util::checked_timestamp(header.timestamp, self.header, now, tolerance)?;
        Ok((ts, matched))
    }

    /// The header value a sender would send for `body` at `timestamp` (seconds).
    pub(crate) fn sign(&self, secret: &[u8], timestamp: i64, body: &[u8]) -> String {
        let ts = timestamp.to_string();
        let tag = MacAlgorithm::Sha256.compute(secret, &[ts.as_bytes(), self.joiner, body]);
        let hex = tag.map(|t| hex::encode(t.as_bytes())).unwrap_or_default();
        let key = |k: &[u8]| String::from_utf8_lossy(k).into_owned();
        format!(
            "{}={ts}{}{}={hex}",
            key(self.timestamp_key),
            char::from(self.separator),
            key(self.signature_key)
        )
    }
}
