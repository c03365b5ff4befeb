//! Okta event hooks: a shared secret in an authorization header, and the one-time `GET`
//! verification.
//!
//! Okta signs nothing. When you create an event hook you choose a header (`Authorization` by
//! default, the `authScheme.key` of the Event Hooks API) and a secret value; Okta sends that
//! header, with the value as is, on every request to the hook. This provider compares it in
//! constant time with each configured secret (as SHA-256 digests, so a value of the wrong length
//! is not refused any faster). Headers read: that header (required) and, on the verification
//! `GET`, `X-Okta-Verification-Challenge`.
//!
//! **What the check proves:** the sender knows the secret. **Nothing about the body is
//! authenticated** and nothing is timestamped: whoever sees one request (a proxy log, a
//! misdirected hook) can forge any delivery. Use HTTPS, keep the secret long and random, and
//! consider an IP allowlist. The replay key is a digest of the body (Okta's retry sends the
//! same body); the body's `eventId` is not authenticated and is not used as a key.
//!
//! **Endpoint check** ([`Provider::endpoint_check`]): after a hook is created Okta sends one
//! `GET` with `X-Okta-Verification-Challenge: <value>` (and the authorization header) and
//! expects `{"verification":"<value>"}` as JSON. The authorization header is checked first:
//! a verification request without the right secret is refused with 403, so nobody else can
//! verify your endpoint for their own Okta org. The challenge is bounded (1024 bytes).
//!
//! Secret: the header value exactly as configured in Okta (e.g. `Bearer s3cr3t…`, or just the
//! token), used as is.
//!
//! ```
//! use webhook_guard::providers::okta::{self, Okta};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let secrets = Secrets::new(Secret::from_text("a-long-random-okta-hook-secret"));
//! let auth = [(okta::AUTH_HEADER, "a-long-random-okta-hook-secret")];
//! let body = br#"{"eventType":"com.okta.event_hook","data":{"events":[]}}"#;
//! Okta::new().verify(&WebhookRequest::new(&auth, body), &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES)?;
//!
//! let get = [
//!     (okta::AUTH_HEADER, "a-long-random-okta-hook-secret"),
//!     (okta::CHALLENGE_HEADER, "Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"),
//! ];
//! let check = WebhookRequest::new(&get, b"").with_method("GET");
//! let answer = Okta::new().endpoint_check(&check, &secrets).unwrap()?;
//! assert_eq!(answer.body, br#"{"verification":"Me_rShK8JHsTnbyYrWXCEoMGbM_zsZ6k0hLPZ_Pg"}"#);
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::token_matches;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::{scan, util};

/// `Authorization`: the header Okta sends the secret in unless configured otherwise.
pub const AUTH_HEADER: &str = "Authorization";
/// `X-Okta-Verification-Challenge`: the one-time verification's challenge.
pub const CHALLENGE_HEADER: &str = "X-Okta-Verification-Challenge";

/// The Okta event hook scheme (see the [module docs](self)).
#[derive(Debug, Clone, Copy)]
pub struct Okta {
    auth_header: &'static str,
}

impl Default for Okta {
    fn default() -> Self {
        Self::new()
    }
}

impl Okta {
    /// The secret is in `Authorization` (Okta's default).
    pub const fn new() -> Self {
        Self {
            auth_header: AUTH_HEADER,
        }
    }

    /// The secret is in `header` (the `authScheme.key` you configured in Okta).
    ///
    /// ```
    /// use webhook_guard::providers::okta::Okta;
    /// assert_eq!(Okta::with_auth_header("X-Hook-Secret").auth_header(), "X-Hook-Secret");
    /// ```
    pub const fn with_auth_header(header: &'static str) -> Self {
        Self {
            auth_header: header,
        }
    }

    /// The header the secret is read from.
    pub const fn auth_header(&self) -> &'static str {
        self.auth_header
    }

    fn authenticate(&self, req: &WebhookRequest<'_>, secrets: &Secrets) -> Result<(), Error> {
        let value = req.require_header(self.auth_header)?;
        if token_matches(secrets, value) {
            Ok(())
        } else {
            Err(Error::SignatureMismatch)
        }
    }
}

impl Provider for Okta {
    fn name(&self) -> &'static str {
        "okta"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// `false`: only the shared secret is checked (see the module docs).
    fn authenticates_body(&self) -> bool {
        false
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        self.authenticate(req, secrets)?;
        let mut delivery = Delivery::new("okta");
        // The envelope's `eventType` (`com.okta.event_hook`): the body is not authenticated,
        // so neither is this.
        if let Some(event) = scan::json_text(req.body(), b"eventType") {
            delivery.set_event(event, false);
        }
        Ok(delivery)
    }

    /// A `GET` with `X-Okta-Verification-Challenge` and the right secret is answered with
    /// `{"verification": <challenge>}`.
    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>> {
        if req.method() != Some("GET") {
            return None;
        }
        let challenge = req.header(CHALLENGE_HEADER)?;
        Some(self.answer(req, secrets, challenge))
    }
}

impl Okta {
    fn answer(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        challenge: &[u8],
    ) -> Result<Handshake, Error> {
        if self.authenticate(req, secrets).is_err() {
            return Err(Error::EndpointCheckRefused(
                "the verification request does not carry the configured secret",
            ));
        }
        let challenge = std::str::from_utf8(util::bounded_challenge(challenge)?)
            .map_err(|_| Error::malformed(CHALLENGE_HEADER, "not ASCII text"))?;
        Ok(Handshake::json(
            &serde_json::json!({ "verification": challenge }),
        ))
    }
}

impl Sign for Okta {
    /// The authorization header with `key`'s text (and `Content-Type`): Okta signs nothing.
    fn sign(&self, key: &Secret, _message: &SignInput<'_>) -> Result<Signed, Error> {
        let value = std::str::from_utf8(key.expose_secret())
            .map_err(|_| Error::InvalidSecret("an Okta hook secret is header text"))?;
        Ok(Signed::headers(vec![
            (self.auth_header.to_owned(), value.to_owned()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for Okta {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "a-long-random-okta-hook-secret";

    fn secrets() -> Secrets {
        Secrets::new(Secret::from_text(SECRET))
    }

    #[test]
    fn the_secret_header_is_all_that_is_checked() {
        let body = br#"{"eventType":"com.okta.event_hook","eventId":"x"}"#;
        let ok = [(AUTH_HEADER, SECRET)];
        let d = Okta::new()
            .verify(
                &WebhookRequest::new(&ok, body),
                &secrets(),
                UnixTime::EPOCH,
                Tolerance::FIVE_MINUTES,
            )
            .unwrap();
        assert_eq!(
            (d.provider(), d.event(), d.event_is_signed()),
            ("okta", Some("com.okta.event_hook"), false)
        );
        for wrong in [
            "",
            "a-long-random-okta-hook-secreT",
            "a-long-random-okta-hook-secret ",
        ] {
            let headers = [(AUTH_HEADER, wrong)];
            let err = Okta::new()
                .verify(
                    &WebhookRequest::new(&headers, body),
                    &secrets(),
                    UnixTime::EPOCH,
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap_err();
            assert_eq!(err, Error::SignatureMismatch, "{wrong:?}");
        }
        let none: [(&str, &str); 0] = [];
        let err = Okta::new()
            .verify(
                &WebhookRequest::new(&none, body),
                &secrets(),
                UnixTime::EPOCH,
                Tolerance::FIVE_MINUTES,
            )
            .unwrap_err();
        assert_eq!(err, Error::MissingHeader(AUTH_HEADER));
        // A custom header name.
        let custom = [("X-Hook-Secret", SECRET)];
        let okta = Okta::with_auth_header("X-Hook-Secret");
        assert!(okta
            .verify(
                &WebhookRequest::new(&custom, body),
                &secrets(),
                UnixTime::EPOCH,
                Tolerance::FIVE_MINUTES
            )
            .is_ok());
    }

    #[test]
    fn verification_needs_get_the_challenge_and_the_secret() {
        let check = |method: &str, headers: &[(&str, &str)]| {
            let req = WebhookRequest::new(&headers, b"").with_method(method);
            Okta::new().endpoint_check(&req, &secrets())
        };
        let answer = check("GET", &[(AUTH_HEADER, SECRET), (CHALLENGE_HEADER, "c\"1")])
            .unwrap()
            .unwrap();
        assert_eq!(answer.body, br#"{"verification":"c\"1"}"#);
        assert_eq!(answer.content_type, "application/json");
        let refused = check("GET", &[(AUTH_HEADER, "nope"), (CHALLENGE_HEADER, "c1")])
            .unwrap()
            .unwrap_err();
        assert_eq!(refused.status(), 403);
        let refused = check("GET", &[(CHALLENGE_HEADER, "c1")])
            .unwrap()
            .unwrap_err();
        assert_eq!(refused.kind(), "endpoint_check_refused");
        assert!(check("GET", &[(AUTH_HEADER, SECRET)]).is_none());
        assert!(check("POST", &[(AUTH_HEADER, SECRET), (CHALLENGE_HEADER, "c1")]).is_none());
        let long = "c".repeat(1025);
        assert!(check(
            "GET",
            &[(AUTH_HEADER, SECRET), (CHALLENGE_HEADER, long.as_str())]
        )
        .unwrap()
        .is_err());
    }
}
