//! HubSpot (signature v3): `X-HubSpot-Signature-v3: <base64 HMAC-SHA256>` over
//! `{METHOD}{URI}{body}{X-HubSpot-Request-Timestamp}`.
//!
//! Headers read: `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp` (milliseconds,
//! signed verbatim as the header text); both required. The older v1/v2 headers are not read.
//!
//! Method and URI come from the request: [`WebhookRequest::method`] (`POST` when not given, as
//! in HubSpot's SDKs) and [`WebhookRequest::url`] (required; without it verification fails
//! with [`Error::Unsupported`], status 400, kind `unsupported`: a receiver set-up error).
//!
//! **The URI must be the one HubSpot signed.** HubSpot's SDKs sign the URL exactly as the
//! caller passes it, and so does this module. HubSpot's docs add that the signed URI has these
//! percent-escapes decoded: `%3A` `:`, `%2F` `/`, `%3F` `?`, `%40` `@`, `%21` `!`, `%24` `$`,
//! `%27` `'`, `%28` `(`, `%29` `)`, `%2A` `*`, `%2C` `,`, `%3B` `;` — if your framework hands
//! you a URL still holding such escapes, pass it through [`signed_uri`] first. Behind a proxy,
//! pass the public `https://` URL, not the local one. The framework integrations build it from
//! [`VerifierBuilder::public_url`](crate::VerifierBuilder::public_url) followed by the
//! request's path and query as received, and refuse the request as misconfigured (500) when
//! no public URL (or trusted forwarding headers) is set, rather than trust the client's `Host`
//! header.
//!
//! Secret: the app's *client secret*, used as is.
//!
//! Timestamp window: **300 s each way**. HubSpot's SDKs reject timestamps more than 5 minutes
//! old (and check nothing ahead); we apply the same limit to clock skew into the future.
//! Replay key: a digest of the signed timestamp and body (HubSpot sends no delivery id header;
//! the events inside the body carry `eventId`s).
//!
//! ```
//! use webhook_guard::providers::hubspot;
//! // hubspot-api-python's test vector.
//! let sig = hubspot::sign(
//!     b"yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
//!     "POST",
//!     "https://www.example.com/webhook_uri",
//!     b"{'example_field':'example_value'}",
//!     15_000_000,
//! );
//! assert_eq!(sig, "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=");
//! assert_eq!(hubspot::signed_uri("https://x/a%3Ab?c=%2f%20"), "https://x/a:b?c=/%20");
//! ```

use std::borrow::Cow;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, SignatureEncoding, TimestampUnit, Values};
use crate::secret::{Secret, Secrets};

/// `X-HubSpot-Signature-v3`.
pub const SIGNATURE_HEADER: &str = "X-HubSpot-Signature-v3";
/// `X-HubSpot-Request-Timestamp` (milliseconds).
pub const TIMESTAMP_HEADER: &str = "X-HubSpot-Request-Timestamp";

const URL_REQUIRED: Error =
    Error::Unsupported("HubSpot signs the request URI: pass it with WebhookRequest::with_url");

/// The HubSpot v3 request-signing scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct HubSpot;

/// The `X-HubSpot-Signature-v3` value for a request, with `timestamp_ms` as sent in
/// `X-HubSpot-Request-Timestamp`.
pub fn sign(
    client_secret: &[u8],
    method: &str,
    uri: &str,
    body: &[u8],
    timestamp_ms: i64,
) -> String {
    let ts = timestamp_ms.to_string();
    let values = Values {
        method: method.as_bytes(),
        url: uri.as_bytes(),
        timestamp: ts.as_bytes(),
        ..Values::body(body)
    };
    SCHEME.header_value(client_secret, &values)
}

/// HubSpot's v3 scheme: base64 HMAC-SHA256 of `{METHOD}{URI}{body}{timestamp}`, the timestamp
/// (milliseconds) in a header of its own.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("hubspot")
    .encoding(SignatureEncoding::Base64)
    .timestamp_header(TIMESTAMP_HEADER)
    .timestamp_unit(TimestampUnit::Milliseconds)
    .signed_content(&[Part::Method, Part::Url, Part::Body, Part::Timestamp]);

/// `url` with the percent-escapes HubSpot's docs list as decoded in the signed URI (`%3A`,
/// `%2F`, `%3F`, `%40`, `%21`, `%24`, `%27`, `%28`, `%29`, `%2A`, `%2C`, `%3B`, either case)
/// replaced by their characters; every other escape is kept. Borrows when there is nothing to
/// replace.
pub fn signed_uri(url: &str) -> Cow<'_, str> {
    fn decoded(escape: &[u8]) -> Option<char> {
        let hex = escape.strip_prefix(b"%")?.get(..2)?;
        let byte = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        let c = char::from(byte);
        ":/?@!$'()*,;".contains(c).then_some(c)
    }
    let bytes = url.as_bytes();
    let first = (0..bytes.len()).find(|&i| bytes.get(i..).and_then(decoded).is_some());
    let Some(first) = first else {
        return Cow::Borrowed(url);
    };
    let mut out = String::with_capacity(url.len());
    out.push_str(url.get(..first).unwrap_or_default());
    let mut i = first;
    while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
        if let Some(c) = decoded(rest) {
            out.push(c);
            i += 3;
        } else {
            let ch = url
                .get(i..)
                .and_then(|s| s.chars().next())
                .unwrap_or('\u{fffd}');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    Cow::Owned(out)
}

impl Provider for HubSpot {
    fn name(&self) -> &'static str {
        "hubspot"
    }

    /// HubSpot retries up to ten times over 24 hours.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(2 * 24 * 3600)
    }

    fn signs_url(&self) -> bool {
        true
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
        SCHEME.verify(req, secrets, now, tolerance)
    }
}

impl Sign for HubSpot {
    /// Needs [`SignInput::url`]; the method defaults to `POST`.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let url = message.url.ok_or(URL_REQUIRED)?;
        let method = message.method.unwrap_or("POST");
        let ts = message.timestamp.as_millis();
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), method, url, message.body, ts),
            ),
            (TIMESTAMP_HEADER.to_owned(), ts.to_string()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for HubSpot {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    const URI: &str = "https://www.example.com/webhook_uri";
    const BODY: &[u8] = b"{'example_field':'example_value'}";
    const SIG: &str = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";

    fn verify(method: Option<&str>, url: Option<&str>, ts: &str) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, SIG), (TIMESTAMP_HEADER, ts)];
        let mut req = WebhookRequest::new(&headers, BODY);
        if let Some(m) = method {
            req = req.with_method(m);
        }
        if let Some(u) = url {
            req = req.with_url(u);
        }
        HubSpot.verify(
            &req,
            &Secrets::new(Secret::from_text(SECRET)),
            UnixTime::from_millis(15_000_000),
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn official_vector_method_and_url() {
        let d = verify(Some("POST"), Some(URI), "15000000").unwrap();
        assert_eq!(d.timestamp(), Some(UnixTime::from_millis(15_000_000)));
        assert!(verify(None, Some(URI), "15000000").is_ok());
        assert_eq!(
            verify(Some("GET"), Some(URI), "15000000").unwrap_err(),
            Error::SignatureMismatch
        );
        assert_eq!(
            verify(Some("POST"), None, "15000000").unwrap_err().kind(),
            "unsupported"
        );
        for bad in ["", "-1", "1.5", "1e6", "9999999999999999999"] {
            assert_eq!(
                verify(Some("POST"), Some(URI), bad).unwrap_err().kind(),
                "malformed_header",
                "{bad}"
            );
        }
    }

    #[test]
    fn signed_uri_decodes_only_the_listed_escapes() {
        assert!(matches!(signed_uri("https://x/a?b=1"), Cow::Borrowed(_)));
        assert_eq!(
            signed_uri("https://x/%3a%2F%3F%40%21%24%27%28%29%2A%2C%3B%20%25%"),
            "https://x/:/?@!$'()*,;%20%25%"
        );
        assert_eq!(signed_uri("é%3A€%"), "é:€%");
        assert_eq!(signed_uri("%3"), "%3");
    }
}
