//! Custom: an HMAC scheme you describe, for senders this crate does not list.
//!
//! Most webhook senders sign with an HMAC over some arrangement of the body, a timestamp and an
//! id, and put the result, hex or base64, perhaps behind a prefix such as `sha256=`, into a
//! header. Such a scheme is a [`Scheme`] (see [`crate::scheme`]): the same description every
//! built-in HMAC provider is made of. [`Custom::builder`] describes one, checked when it is built
//! — nothing is parsed per request — and the resulting [`Custom`] is a [`Provider`] like any
//! other: it verifies (without allocating) through the same engine as the built-in providers,
//! signs for your tests, and plugs into [`crate::Verifier`] and the framework integrations.
//!
//! What you choose, and the defaults:
//!
//! | setting | builder method | default |
//! |---|---|---|
//! | signature header | [`Custom::builder`] | (required) |
//! | provider name in [`Delivery`] | [`CustomBuilder::name`] | `"custom"` |
//! | signed content | [`CustomBuilder::signed_content`] with [`Part`]s | `[Part::Body]` |
//! | algorithm | [`CustomBuilder::algorithm`] | HMAC-SHA256 |
//! | encoding of the signature | [`CustomBuilder::encoding`] | hex |
//! | prefix before each signature | [`CustomBuilder::prefix`] | none |
//! | several signatures in one header | [`CustomBuilder::separator`] | one signature |
//! | timestamp | [`CustomBuilder::timestamp_header`] or [`CustomBuilder::timestamp_in_signature`] | none |
//! | timestamp unit | [`CustomBuilder::timestamp_unit`] | seconds |
//! | timestamp window | [`CustomBuilder::tolerance`] | 300 s each way |
//! | delivery id header | [`CustomBuilder::id_header`] | none (the replay key is a digest of the signed parts) |
//! | event name header | [`CustomBuilder::event_header`] | none |
//! | how the secret is shown | [`CustomBuilder::secret_format`] | text, used as is |
//!
//! Headers read: exactly the ones you name. Verification follows the rest of the crate: the
//! header's signatures (at most 16) are decoded and compared in constant time with the HMAC of
//! each secret; the timestamp, if any, is checked after the signature, both ways. A timestamp must
//! be part of the signed content — a window on an unsigned timestamp protects nothing, so
//! [`CustomBuilder::build`] refuses it.
//!
//! A custom scheme is not in [`crate::registry`]: there is no meaningful default to pick by name,
//! so the CLI cannot use one; build it in code.
//!
//! # Example: a scheme of your own
//!
//! An internal service signs `{id}:{timestamp}:{body}` with HMAC-SHA512, sends the base64 in
//! `X-Acme-Signature` as `v2=<base64>` (several while it rotates keys, space-separated), the
//! millisecond timestamp in `X-Acme-Time` and the delivery id in `X-Acme-Delivery`:
//!
//! ```
//! use webhook_guard::providers::custom::{Custom, Part};
//! use webhook_guard::scheme::{MacAlgorithm, SignatureEncoding, TimestampUnit};
//! use webhook_guard::{Provider, Secret, Secrets, Sign, SignInput, Tolerance, UnixTime, WebhookRequest};
//!
//! let acme = Custom::builder("X-Acme-Signature")
//!     .name("acme")
//!     .algorithm(MacAlgorithm::Sha512)
//!     .encoding(SignatureEncoding::Base64)
//!     .prefix("v2=")
//!     .separator(b' ')
//!     .timestamp_header("X-Acme-Time")
//!     .timestamp_unit(TimestampUnit::Milliseconds)
//!     .id_header("X-Acme-Delivery")
//!     .signed_content([Part::Id, Part::Literal(":"), Part::Timestamp, Part::Literal(":"), Part::Body])
//!     .build()?;
//!
//! // What the sender would post (your tests can sign like this too).
//! let key = Secret::from_text("a long random secret from the service");
//! let now = UnixTime::from_secs(1_700_000_000).unwrap();
//! let signed = acme.sign(&key, &SignInput::new(b"{}", now).with_id("dlv_1"))?;
//!
//! let req = WebhookRequest::new(&signed.headers, b"{}");
//! let delivery = acme.verify(&req, &Secrets::new(key.clone()), now, Tolerance::FIVE_MINUTES)?;
//! assert_eq!(delivery.provider(), "acme");
//! assert_eq!(delivery.signed_id(), Some("dlv_1")); // signed: the replay key
//! assert_eq!(delivery.timestamp(), Some(now));
//!
//! // A byte changed in the body is refused.
//! let req = WebhookRequest::new(&signed.headers, b"{ }");
//! assert!(acme.verify(&req, &Secrets::new(key), now, Tolerance::FIVE_MINUTES).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Example: a built-in preset, adapted
//!
//! Every built-in HMAC provider is a `const` [`Scheme`] (`github::SCHEME`, `stripe::SCHEME`, …).
//! A sender that copies one under other names is that preset with the names changed:
//!
//! ```
//! use webhook_guard::providers::{custom::Custom, github};
//!
//! // Gitea-style: GitHub's body HMAC, bare hex in `X-Gitea-Signature`.
//! let gitea = Custom::new(
//!     github::SCHEME
//!         .name("gitea")
//!         .header("X-Gitea-Signature")
//!         .prefix("")
//!         .id_header("X-Gitea-Delivery")
//!         .event_header("X-Gitea-Event"),
//! )?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::replay::ContentDigest;
use crate::request::WebhookRequest;
use crate::scheme::{MacAlgorithm, Scheme, SignatureEncoding};
use crate::secret::{Secret, Secrets};

pub use crate::scheme::{BuildError, Part, TimestampUnit, MAX_PARTS};

/// How the sender shows the secret, i.e. how [`Provider::secret_from_display`] turns it into
/// key bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SecretFormat {
    /// The text's bytes are the key (most senders, even when the text looks encoded).
    #[default]
    Text,
    /// Standard base64 of the key, padding optional.
    Base64,
    /// Hex of the key.
    Hex,
    /// `whsec_` followed by base64 of the key, as Standard Webhooks.
    Whsec,
}

/// A webhook scheme you described (see the [module docs](self)).
#[derive(Debug, Clone)]
pub struct Custom {
    scheme: Scheme,
    secret_format: SecretFormat,
}

/// Describes a [`Custom`] scheme; every setting is documented with its default.
#[derive(Debug, Clone)]
#[must_use]
pub struct CustomBuilder {
    scheme: Scheme,
    secret_format: SecretFormat,
}

impl Custom {
    /// Starts describing a scheme whose signature is sent in `signature_header`.
    pub fn builder(signature_header: &'static str) -> CustomBuilder {
        CustomBuilder::from(Scheme::new(signature_header))
    }

    /// A provider running `scheme` (a preset of this crate, adapted, or one of your own), its
    /// secret used as text; refused when the description is inconsistent
    /// ([`Scheme::validate`]). For another secret format, start from
    /// `CustomBuilder::from(scheme)`.
    pub fn new(scheme: Scheme) -> Result<Self, BuildError> {
        CustomBuilder::from(scheme).build()
    }

    /// The scheme this provider runs.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }
}

impl From<Scheme> for CustomBuilder {
    /// A builder starting from `scheme`, its secret shown as text.
    fn from(scheme: Scheme) -> Self {
        Self {
            scheme,
            secret_format: SecretFormat::Text,
        }
    }
}

impl CustomBuilder {
    /// The provider name recorded in each [`Delivery`] and returned by [`Provider::name`].
    /// Default `"custom"`.
    pub fn name(mut self, name: &'static str) -> Self {
        self.scheme = self.scheme.name(name);
        self
    }

    /// The hash inside the HMAC. Default [`MacAlgorithm::Sha256`].
    pub fn algorithm(mut self, algorithm: MacAlgorithm) -> Self {
        self.scheme = self.scheme.algorithm(algorithm);
        self
    }

    /// How signatures are written. Default [`SignatureEncoding::Hex`].
    pub fn encoding(mut self, encoding: SignatureEncoding) -> Self {
        self.scheme = self.scheme.encoding(encoding);
        self
    }

    /// Text before each signature, e.g. `"sha256="` or `"v1,"`. Default none. A signature
    /// without it is a malformed header; in a list, entries without it are skipped.
    pub fn prefix(mut self, prefix: &'static str) -> Self {
        self.scheme = self.scheme.prefix(prefix);
        self
    }

    /// The signature header is a list separated by this byte (e.g. `b','` or `b' '`; spaces and
    /// tabs around entries are ignored). Any listed signature may match; more than 16 is a
    /// malformed header. Default: the header holds one signature.
    pub fn separator(mut self, separator: u8) -> Self {
        self.scheme = self.scheme.separator(separator);
        self
    }

    /// The timestamp is sent in this header of its own.
    pub fn timestamp_header(mut self, header: &'static str) -> Self {
        self.scheme = self.scheme.timestamp_header(header);
        self
    }

    /// The timestamp is an entry of the signature header's list, after `key` (e.g. `"t="`).
    /// Needs [`CustomBuilder::separator`].
    pub fn timestamp_in_signature(mut self, key: &'static str) -> Self {
        self.scheme = self.scheme.timestamp_in_signature(key);
        self
    }

    /// The unit of the timestamp. Default [`TimestampUnit::Seconds`].
    pub fn timestamp_unit(mut self, unit: TimestampUnit) -> Self {
        self.scheme = self.scheme.timestamp_unit(unit);
        self
    }

    /// How far the timestamp may lie in the past and the future. Default 300 s each way. Only
    /// meaningful with a timestamp; [`crate::VerifierBuilder::tolerance`] overrides it.
    pub fn tolerance(mut self, tolerance: Tolerance) -> Self {
        self.scheme = self.scheme.tolerance(tolerance);
        self
    }

    /// The header carrying a unique delivery id. It is the replay key only when the scheme
    /// signs it ([`Part::Id`]); otherwise it is an unsigned hint
    /// ([`crate::Delivery::unsigned_id`]) and the replay key is a digest of the signed parts.
    pub fn id_header(mut self, header: &'static str) -> Self {
        self.scheme = self.scheme.id_header(header);
        self
    }

    /// The header naming the event, recorded in the [`Delivery`] (and signable as
    /// [`Part::Event`]).
    pub fn event_header(mut self, header: &'static str) -> Self {
        self.scheme = self.scheme.event_header(header);
        self
    }

    /// The signed content, in order. Default `[Part::Body]`. At most [`MAX_PARTS`] parts.
    pub fn signed_content(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        self.scheme = self.scheme.with_parts(parts);
        self
    }

    /// How the secret is shown by the sender. Default [`SecretFormat::Text`].
    pub fn secret_format(mut self, format: SecretFormat) -> Self {
        self.secret_format = format;
        self
    }

    /// Checks the description ([`Scheme::validate`]) and finishes it.
    pub fn build(self) -> Result<Custom, BuildError> {
        self.scheme.validate()?;
        Ok(Custom {
            scheme: self.scheme,
            secret_format: self.secret_format,
        })
    }
}

impl Provider for Custom {
    fn name(&self) -> &'static str {
        self.scheme.name
    }

    /// `true` when the signed content has a [`Part::Url`].
    fn signs_url(&self) -> bool {
        self.scheme.signs_url()
    }

    fn event_header(&self) -> Option<&'static str> {
        self.scheme.event_header
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        self.scheme.default_tolerance()
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        let secret = match self.secret_format {
            SecretFormat::Text => Secret::from_text(text),
            SecretFormat::Base64 => Secret::from_base64(text)?,
            SecretFormat::Hex => Secret::from_hex(text)?,
            SecretFormat::Whsec => Secret::from_whsec(text)?,
        };
        if secret.is_empty() {
            return Err(Error::InvalidSecret("empty secret"));
        }
        Ok(secret)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        self.scheme.verify(req, secrets, now, tolerance)
    }

    /// Exactly the string this scheme signs, as one piece: its parts concatenated as the MAC
    /// sees them (a scheme that does not sign the body does not key on it). As one piece, so
    /// that bytes moved between adjacent parts without a separator — which still verify — do not
    /// make another key.
    fn replay_content(&self, req: &WebhookRequest<'_>, digest: &mut ContentDigest) {
        let header = |name: Option<&'static str>| {
            name.and_then(|name| req.header(name))
                .map(<[u8]>::trim_ascii)
                .unwrap_or_default()
        };
        let mut signed = Vec::new();
        for part in self.scheme.parts() {
            match part {
                Part::Literal(text) => signed.extend_from_slice(text.as_bytes()),
                Part::Body => signed.extend_from_slice(req.body()),
                Part::Url => signed.extend_from_slice(req.url().unwrap_or_default().as_bytes()),
                Part::Method => signed.extend_from_slice(req.method().unwrap_or("POST").as_bytes()),
                Part::Id => signed.extend_from_slice(header(self.scheme.id_header)),
                Part::Event => signed.extend_from_slice(header(self.scheme.event_header)),
                // The signed timestamp is in the key already (the caller adds it).
                Part::Timestamp => {}
            }
        }
        digest.part(&signed);
    }
}

impl Sign for Custom {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let headers = self.scheme.sign_headers(key.expose_secret(), message)?;
        Ok(Signed::headers(headers))
    }
}

impl Parse for Custom {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::IdSource;

    fn check(
        scheme: &Custom,
        secret: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        now_ms: i64,
    ) -> Result<Delivery, Error> {
        let key = scheme.secret_from_display(secret).unwrap();
        scheme.verify(
            &WebhookRequest::new(&headers, body)
                .with_method("POST")
                .with_url("https://www.example.com/webhook_uri"),
            &Secrets::new(key),
            UnixTime::from_millis(now_ms),
            scheme.default_tolerance().unwrap_or_default(),
        )
    }

    #[test]
    fn reproduces_stripe_computed_vector() {
        let stripe = Custom::builder("Stripe-Signature")
            .name("stripe-like")
            .timestamp_in_signature("t=")
            .separator(b',')
            .prefix("v1=")
            .signed_content([Part::Timestamp, Part::Literal("."), Part::Body])
            .build()
            .unwrap();
        let body = "{\n  \"id\": \"evt_test_webhook\",\n  \"object\": \"event\",\n  \"data\": { \"object\": { \"id\": \"rdr_123\", \"object\": \"terminal.reader\" } }\n}";
        let header =
            "t=1700000000,v1=3bfab77baf5f7b6991a46c9b53b6547d7afc56148b10468fcad9f35c1992ffbd";
        let d = check(
            &stripe,
            "whsec_test_secret",
            &[("Stripe-Signature", header)],
            body.as_bytes(),
            1_700_000_000_000,
        )
        .unwrap();
        assert_eq!(d.timestamp().map(UnixTime::as_secs), Some(1_700_000_000));
        assert_eq!(d.id_source(), IdSource::None);
        assert_eq!(
            check(
                &stripe,
                "whsec_test_secret",
                &[("Stripe-Signature", header)],
                body.as_bytes(),
                1_700_000_301_000,
            )
            .unwrap_err()
            .kind(),
            "timestamp_too_old"
        );
        let signed = stripe
            .sign(
                &Secret::from_text("whsec_test_secret"),
                &SignInput::new(body.as_bytes(), UnixTime::from_secs(1_700_000_000).unwrap()),
            )
            .unwrap();
        assert_eq!(
            signed.headers[0],
            ("Stripe-Signature".to_owned(), header.to_owned())
        );
        for bad in [
            "v1=3bfab77b",
            "t=1700000000",
            "t=1,t=2,v1=00",
            "t=-1,v1=00",
            "t=99999999999999999999,v1=00",
            "",
        ] {
            let e = check(
                &stripe,
                "whsec_test_secret",
                &[("Stripe-Signature", bad)],
                body.as_bytes(),
                0,
            )
            .unwrap_err();
            assert_eq!(e.kind(), "malformed_header", "{bad}");
        }
    }

    #[test]
    fn reproduces_standard_webhooks_spec_vector() {
        let standard = Custom::builder("webhook-signature")
            .id_header("webhook-id")
            .timestamp_header("webhook-timestamp")
            .separator(b' ')
            .prefix("v1,")
            .encoding(SignatureEncoding::Base64)
            .secret_format(SecretFormat::Whsec)
            .signed_content([
                Part::Id,
                Part::Literal("."),
                Part::Timestamp,
                Part::Literal("."),
                Part::Body,
            ])
            .build()
            .unwrap();
        let headers = [
            ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
            ("webhook-timestamp", "1614265330"),
            (
                "webhook-signature",
                "v1a,xyz v1,AAAA v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            ),
        ];
        let body = br#"{"test": 2432232314}"#;
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let d = check(&standard, secret, &headers, body, 1_614_265_330_000).unwrap();
        assert_eq!(d.signed_id(), Some("msg_p5jXN8AQM9LWM0D4loKWxJek"));
        assert_eq!(d.provider(), "custom");
        for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            let without: Vec<_> = headers
                .iter()
                .filter(|(n, _)| *n != name)
                .copied()
                .collect();
            assert_eq!(
                check(&standard, secret, &without, body, 1_614_265_330_000).unwrap_err(),
                Error::MissingHeader(name)
            );
        }
        let mut other_id = headers;
        other_id[0].1 = "msg_other";
        assert_eq!(
            check(&standard, secret, &other_id, body, 1_614_265_330_000).unwrap_err(),
            Error::SignatureMismatch
        );
    }

    #[test]
    fn reproduces_hubspot_v3_official_vector() {
        // Method, URL, body and a millisecond timestamp, base64.
        let hubspot = Custom::builder("X-HubSpot-Signature-v3")
            .name("hubspot")
            .timestamp_header("X-HubSpot-Request-Timestamp")
            .timestamp_unit(TimestampUnit::Milliseconds)
            .encoding(SignatureEncoding::Base64)
            .signed_content([Part::Method, Part::Url, Part::Body, Part::Timestamp])
            .build()
            .unwrap();
        let headers = [
            (
                "X-HubSpot-Signature-v3",
                "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=",
            ),
            ("X-HubSpot-Request-Timestamp", "15000000"),
        ];
        let body = b"{'example_field':'example_value'}";
        let secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
        let d = check(&hubspot, secret, &headers, body, 15_000_000).unwrap();
        assert_eq!(d.timestamp(), Some(UnixTime::from_millis(15_000_000)));
        // Without the URL the scheme cannot be checked.
        let key = hubspot.secret_from_display(secret).unwrap();
        let e = hubspot
            .verify(
                &WebhookRequest::new(&headers, body).with_method("POST"),
                &Secrets::new(key.clone()),
                UnixTime::from_millis(15_000_000),
                Tolerance::FIVE_MINUTES,
            )
            .unwrap_err();
        assert_eq!(e.kind(), "unsupported");
        // Signing reproduces the header.
        let msg = SignInput::new(body, UnixTime::from_millis(15_000_000))
            .with_url("https://www.example.com/webhook_uri");
        let signed = hubspot.sign(&key, &msg).unwrap();
        assert_eq!(signed.headers[0].1, headers[0].1);
        assert_eq!(signed.headers[1].1, "15000000");
    }

    #[test]
    fn sha1_sha512_and_event_parts_round_trip() {
        for (algorithm, encoding) in [
            (MacAlgorithm::Sha1, SignatureEncoding::Base64),
            (MacAlgorithm::Sha512, SignatureEncoding::Hex),
        ] {
            let scheme = Custom::builder("X-Sig")
                .algorithm(algorithm)
                .encoding(encoding)
                .event_header("X-Event")
                .id_header("X-Id")
                .signed_content([Part::Event, Part::Literal("\n"), Part::Id, Part::Body])
                .secret_format(SecretFormat::Hex)
                .build()
                .unwrap();
            let key = scheme.secret_from_display("00ff10").unwrap();
            let msg = SignInput::new(b"\xff\x00body", UnixTime::from_millis(0))
                .with_event("thing.done")
                .with_id("d-1");
            let signed = scheme.sign(&key, &msg).unwrap();
            let d = scheme
                .verify(
                    &WebhookRequest::new(&signed.headers, msg.body),
                    &Secrets::new(key.clone()),
                    UnixTime::from_millis(0),
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap();
            assert_eq!(
                (d.event(), d.signed_id()),
                (Some("thing.done"), Some("d-1"))
            );
            assert!(d.event_is_signed());
            assert_eq!(scheme.default_tolerance(), None);
            // The event header is signed: changing it breaks the signature.
            let mut changed = signed.headers.clone();
            for (name, value) in &mut changed {
                if name == "X-Event" {
                    *value = "thing.undone".to_owned();
                }
            }
            let e = scheme
                .verify(
                    &WebhookRequest::new(&changed, msg.body),
                    &Secrets::new(key.clone()),
                    UnixTime::from_millis(0),
                    Tolerance::FIVE_MINUTES,
                )
                .unwrap_err();
            assert_eq!(e, Error::SignatureMismatch);
            assert!(scheme
                .sign(&key, &SignInput::new(b"", UnixTime::from_millis(0)))
                .is_err());
        }
    }

    #[test]
    fn odd_headers_never_panic() {
        let scheme = Custom::builder("X-Sig")
            .prefix("sha256=")
            .separator(b',')
            .build()
            .unwrap();
        let long = "sha256=00,".repeat(40);
        for value in [
            "",
            ",,,,",
            "sha256=",
            "sha256=zz",
            "SHA256=00",
            "\u{feff}",
            long.as_str(),
            &"sha256=00,".repeat(17),
        ] {
            let r = check(&scheme, "k", &[("X-Sig", value)], b"{}", 0);
            assert!(r.is_err(), "{value:?}");
        }
        let headers: [(&str, &[u8]); 1] = [("X-Sig", b"sha256=\xff\xfe")];
        let r = scheme.verify(
            &WebhookRequest::new(&headers, b""),
            &Secrets::new(Secret::from_text("k")),
            UnixTime::from_millis(0),
            Tolerance::FIVE_MINUTES,
        );
        assert_eq!(r.unwrap_err().kind(), "malformed_header");
        // Seconds timestamps that overflow are malformed.
        let ts = Custom::builder("X-Sig")
            .timestamp_header("X-Ts")
            .signed_content([Part::Timestamp, Part::Body])
            .build()
            .unwrap();
        for t in ["9999999999999999", "-5", "1.5", "", "١٢"] {
            let r = check(&ts, "k", &[("X-Sig", "00"), ("X-Ts", t)], b"{}", 0);
            assert_eq!(r.unwrap_err().kind(), "malformed_header", "{t:?}");
        }
    }

    #[test]
    fn inconsistent_descriptions_are_refused() {
        let cases = [
            Custom::builder(""),
            Custom::builder("X").name(""),
            Custom::builder("X").signed_content([]),
            Custom::builder("X").signed_content([Part::Body; 17]),
            Custom::builder("X").signed_content([Part::Timestamp, Part::Body]),
            Custom::builder("X").timestamp_header("X-Ts"),
            Custom::builder("X").timestamp_header(" "),
            Custom::builder("X").signed_content([Part::Id]),
            Custom::builder("X").signed_content([Part::Event]),
            Custom::builder("X").id_header(""),
            Custom::builder("X")
                .timestamp_in_signature("t=")
                .signed_content([Part::Timestamp]),
            Custom::builder("X")
                .separator(b',')
                .timestamp_in_signature("")
                .signed_content([Part::Timestamp]),
            Custom::builder("X")
                .separator(b',')
                .prefix("v1=")
                .timestamp_in_signature("v")
                .signed_content([Part::Timestamp]),
            Custom::builder("X").separator(b',').prefix("v1,"),
            Custom::builder("X").separator(b'\n'),
            Custom::builder("X").separator(0xff),
            Custom::builder("X").separator(b'a'),
            Custom::builder("X")
                .encoding(SignatureEncoding::Base64)
                .separator(b'='),
        ];
        for builder in cases {
            let described = format!("{builder:?}");
            assert!(builder.build().is_err(), "{described}");
        }
        let e = Custom::builder("X").signed_content([]).build().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid custom scheme: the signed content is empty"
        );
    }

    #[test]
    fn secret_formats() {
        let with = |f| Custom::builder("X").secret_format(f).build().unwrap();
        assert_eq!(
            with(SecretFormat::Text)
                .secret_from_display("abc")
                .unwrap()
                .expose_secret(),
            b"abc"
        );
        assert_eq!(
            with(SecretFormat::Base64)
                .secret_from_display("AAEC")
                .unwrap()
                .expose_secret(),
            &[0, 1, 2]
        );
        assert!(with(SecretFormat::Hex).secret_from_display("zz").is_err());
        assert!(with(SecretFormat::Text).secret_from_display("").is_err());
        assert!(with(SecretFormat::Base64).secret_from_display("").is_err());
        assert!(with(SecretFormat::Whsec)
            .secret_from_display("whsec_")
            .is_err());
    }
}
