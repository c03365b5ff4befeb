//! Bitbucket: `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>`.
//!
//! Beware the name: Bitbucket's `X-Hub-Signature` carries **SHA-256**, where GitHub's header of
//! the same name carries SHA-1 (GitHub's SHA-256 header is `X-Hub-Signature-256`). Use this
//! provider for Bitbucket, never [`super::github`]. A `sha1=` value is rejected as
//! [`Error::Unsupported`]; any other form is a malformed header.
//!
//! Headers read:
//! - `X-Hub-Signature` (required). Bitbucket sends it only when the webhook has a secret: a
//!   webhook without one cannot be verified and is rejected as a missing header.
//! - `X-Event-Key`: the event name (`repo:push`, `pullrequest:created`, …), recorded in the
//!   [`Delivery`]. **Not signed** ([`Delivery::event_is_signed`] is `false`): a replayer can
//!   relabel a captured request; with a replay store the relabelled copy is a duplicate.
//! - `X-Request-UUID` (Bitbucket Cloud), else `X-Request-Id` (Bitbucket Data Center): unique per
//!   request but **not signed**: recorded as [`Delivery::unsigned_id`], never a replay key (the
//!   replay key is a digest of the signed body). `X-Hook-UUID` is not read: it names the
//!   webhook, not the delivery.
//!
//! Secret: the webhook's secret as typed (or generated) in the repository settings, used as is.
//! Bitbucket signs no timestamp, so only a replay store stops a captured delivery from being
//! replayed. None of the headers above except the signature is covered by the signature.
//!
//! GitHub's documentation vector applies unchanged:
//!
//! ```
//! use webhook_guard::providers::bitbucket;
//! assert_eq!(
//!     bitbucket::sign(b"It's a Secret to Everybody", b"Hello, World!"),
//!     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

use super::util;

/// `X-Hub-Signature` (SHA-256 here, unlike GitHub's header of the same name).
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";
/// `X-Event-Key`.
pub const EVENT_HEADER: &str = "X-Event-Key";
/// `X-Request-UUID` (Bitbucket Cloud).
pub const REQUEST_UUID_HEADER: &str = "X-Request-UUID";
/// `X-Request-Id` (Bitbucket Data Center).
pub const REQUEST_ID_HEADER: &str = "X-Request-Id";

/// The Bitbucket (Cloud and Data Center) webhook-secret scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bitbucket;

/// The `X-Hub-Signature` value (`sha256=<hex>`) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Bitbucket's scheme: `sha256=<hex HMAC-SHA256>` of the body; the event header is unsigned
/// (the request id, in one of two headers, is read by [`Bitbucket`] itself).
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("bitbucket")
    .prefix("sha256=")
    .expected("expected `sha256=<hex>`")
    .event_header(EVENT_HEADER);

impl Provider for Bitbucket {
    fn name(&self) -> &'static str {
        "bitbucket"
    }

    fn event_header(&self) -> Option<&'static str> {
        Some(EVENT_HEADER)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let mut delivery = match SCHEME.verify(req, secrets, now, tolerance) {
            // A value without `sha256=`: say so when it is GitHub's legacy SHA-1 form.
            Err(Error::MalformedHeader {
                header: SIGNATURE_HEADER,
                ..
            }) if req
                .header(SIGNATURE_HEADER)
                .is_some_and(|value| util::trim(value).starts_with(b"sha1=")) =>
            {
                return Err(Error::Unsupported(
                    "a SHA-1 `X-Hub-Signature` is not accepted: Bitbucket signs with SHA-256",
                ));
            }
            result => result?,
        };
        let id = req
            .header(REQUEST_UUID_HEADER)
            .or_else(|| req.header(REQUEST_ID_HEADER));
        if let Some(id) = util::hint(id) {
            delivery.set_unsigned_id(id);
        }
        Ok(delivery)
    }
}

impl Sign for Bitbucket {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let mut headers = vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), message.body),
            ),
            (REQUEST_UUID_HEADER.to_owned(), message.id_or_derived("")),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        if let Some(event) = message.event {
            headers.push((EVENT_HEADER.to_owned(), event.to_owned()));
        }
        Ok(Signed::headers(headers))
    }
}

impl Parse for Bitbucket {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIG: &[u8] = b"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        Bitbucket.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("It's a Secret to Everybody")),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn docs_vector_and_metadata() {
        let d = verify(
            &[
                (SIGNATURE_HEADER, SIG),
                (EVENT_HEADER, b"repo:push"),
                (
                    REQUEST_UUID_HEADER,
                    b"{e5f1c4e2-1111-2222-3333-444455556666}",
                ),
                (REQUEST_ID_HEADER, b"ignored"),
            ],
            b"Hello, World!",
        )
        .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id(), d.signed_id()),
            (
                Some("repo:push"),
                Some("{e5f1c4e2-1111-2222-3333-444455556666}"),
                None
            )
        );
        let d = verify(
            &[(SIGNATURE_HEADER, SIG), (REQUEST_ID_HEADER, b"dc-1")],
            b"Hello, World!",
        )
        .unwrap();
        assert_eq!(d.unsigned_id(), Some("dc-1"));
        let d = verify(&[(SIGNATURE_HEADER, SIG)], b"Hello, World!").unwrap();
        assert_eq!(d.id_source(), crate::IdSource::None);
    }

    #[test]
    fn odd_input() {
        for (value, kind) in [
            (
                &b"sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59"[..],
                "unsupported",
            ),
            (b"", "malformed_header"),
            (b"757107ea", "malformed_header"),
            (b"sha256=xyz", "malformed_header"),
            (b"sha256=\xc3\x28", "malformed_header"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], b"Hello, World!").unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
        let e = verify(
            &[(SIGNATURE_HEADER, SIG), (EVENT_HEADER, b"\xff")],
            b"Hello, World!",
        )
        .unwrap_err();
        assert_eq!(e.kind(), "malformed_header");
    }
}
