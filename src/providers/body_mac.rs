//! Schemes whose signature is an HMAC of the body alone, in one header, behind an optional
//! prefix (`sha1=`, `sha256=`): Intercom, Lemon Squeezy, Shopify, Typeform.

use crate::crypto::encoding::{SignatureBuf, SignatureEncoding};
use crate::crypto::mac::{verify_hmac, Candidates, MacAlgorithm};
use crate::error::Error;
use crate::request::WebhookRequest;
use crate::secret::Secrets;

use super::util;

/// One provider's body-HMAC scheme.
pub(crate) struct BodyMac {
    pub(crate) header: &'static str,
    /// Text before the encoded signature (may be empty).
    pub(crate) prefix: &'static str,
    /// What a malformed value should have looked like, for the error.
    pub(crate) expected: &'static str,
    pub(crate) algorithm: MacAlgorithm,
    pub(crate) encoding: SignatureEncoding,
}

impl BodyMac {
    /// Checks the header's signature against the body. Returns the matching signature.
    pub(crate) fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
    ) -> Result<SignatureBuf, Error> {
        let value = util::trim(req.require_header(self.header)?);
        let signature = value
            .strip_prefix(self.prefix.as_bytes())
            .ok_or(Error::malformed(self.header, self.expected))?;
        verify_hmac(
            self.algorithm,
            secrets,
            &[req.body()],
            &Candidates::one(signature),
            self.encoding,
            self.header,
        )
    }

    /// The header value a sender would send with `body`.
    pub(crate) fn sign(&self, secret: &[u8], body: &[u8]) -> String {
        let tag = self.algorithm.compute(secret, &[body]);
        let encoded = tag
            .map(|t| self.encoding.encode(t.as_bytes()))
            .unwrap_or_default();
        format!("{}{encoded}", self.prefix)
    }
}
