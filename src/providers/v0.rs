//! The `v0` scheme Slack introduced and Zoom copied: `v0=<hex HMAC-SHA256>` over
//! `v0:{timestamp}:{body}`, the timestamp (seconds) in a header of its own.

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::{SignatureBuf, SignatureEncoding};
use crate::crypto::mac::{verify_hmac, Candidates, MacAlgorithm};
use crate::error::Error;
use crate::request::WebhookRequest;
use crate::secret::Secrets;

use super::util;

/// One provider's header names for the `v0` scheme.
pub(crate) struct V0 {
    pub(crate) signature_header: &'static str,
    pub(crate) timestamp_header: &'static str,
}

impl V0 {
    /// Checks the signature, then the window. Returns the timestamp and the matching signature.
    pub(crate) fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<(UnixTime, SignatureBuf), Error> {
        let signature = req.require_header(self.signature_header)?;
        let ts_text = util::trim(req.require_header(self.timestamp_header)?);
        UnixTime::parse_secs(ts_text).ok_or(Error::malformed(
            self.timestamp_header,
            "timestamp is not a non-negative integer",
        ))?;
        let hex = util::trim(signature)
            .strip_prefix(b"v0=")
            .ok_or(Error::malformed(
                self.signature_header,
                "expected `v0=<hex>`",
            ))?;
        let matched = verify_hmac(
            MacAlgorithm::Sha256,
            secrets,
            &[b"v0:", ts_text, b":", req.body()],
            &Candidates::one(hex),
            SignatureEncoding::Hex,
            self.signature_header,
        )?;
        let ts = util::checked_timestamp(ts_text, self.timestamp_header, now, tolerance)?;
        Ok((ts, matched))
    }
}

/// The `v0=<hex>` signature of `body` at `timestamp` (seconds) under `secret`.
pub(crate) fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    let tag = MacAlgorithm::Sha256.compute(secret, &[b"v0:", ts.as_bytes(), b":", body]);
    format!(
        "v0={}",
        tag.map(|t| hex::encode(t.as_bytes())).unwrap_or_default()
    )
}
