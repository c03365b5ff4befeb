//! Garbage in, a definite answer out, for every provider in the registry:
//!
//! - a correctly signed request verifies (so a provider that rejects good input fails here);
//! - the same request checked against another key is a `signature_mismatch` (401);
//! - garbage in any one header of the signed request is rejected with the error kind that header
//!   calls for (`malformed_header` naming it, `signature_mismatch`, or a timestamp error when the
//!   header carries the timestamp), unless the header is not signed;
//! - garbage in every header the provider reads (names from `registry::PROVIDERS`), with a
//!   garbage body, URL and clock, is rejected with a 400 or 401 kind naming what the provider
//!   reads, never accepted;
//! - one character of a signed header changed to another that still parses is rejected;
//! - no error names a key or the valid signature;
//! - event parsers given garbage answer with a variant or `invalid_payload`, and no handshake
//!   answers a body that is not one.

mod common;

use std::sync::LazyLock;

use base64::Engine as _;
use common::{cli_keys, is_body_field, provider_headers, UNSIGNED_HEADERS};
use proptest::prelude::*;
use webhook_guard::registry::{self, AnyProvider};
use webhook_guard::{Delivery, Error, Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

const URL: &str = "https://example.com/hooks/in?tenant=7";
const TS: i64 = 1_700_000_000;
const ID: &str = "msg_2b3c4d5e6f7a8b9c";

/// A provider, a request correctly signed for it, and the keys.
struct Fixture {
    name: &'static str,
    provider: Box<dyn AnyProvider>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    url: String,
    secrets: Secrets,
    /// Keys (as displayed, and the verification key's bytes encoded) and the valid signature
    /// values: no error may contain any of them.
    never_printed: Vec<String>,
}

impl Fixture {
    fn new(name: &'static str) -> Self {
        let provider = registry::by_name(name).unwrap();
        let (signing, verifying) = cli_keys(name);
        let key = provider
            .secret_from_display(&signing)
            .unwrap_or_else(|e| panic!("{name}: signing key: {e}"));
        let verification = provider
            .secret_from_display(&verifying)
            .unwrap_or_else(|e| panic!("{name}: verification key: {e}"));
        // JSON carrying `webhookTimestamp`, so Linear (which signs the body's timestamp) and
        // Mailgun (which adds a `signature` block to a JSON object) sign it too.
        let body = format!(
            r#"{{"webhookTimestamp":{},"id":"evt_1","type":"ping","data":{{"n":1}}}}"#,
            TS * 1000
        )
        .into_bytes();
        let message = SignInput::new(&body, UnixTime::from_secs(TS).unwrap())
            .with_id(ID)
            .with_url(URL)
            .with_method("POST")
            .with_event("ping");
        let signed = provider
            .sign(&key, &message)
            .unwrap_or_else(|e| panic!("{name}: sign: {e}"));
        let exposed = verification.expose_secret();
        let mut never_printed = vec![
            signing,
            verifying,
            hex::encode(exposed),
            base64::engine::general_purpose::STANDARD.encode(exposed),
        ];
        // Signature values are long; short values (timestamps, event names) may coincide with
        // numbers an error prints, such as an age in seconds.
        never_printed.extend(
            signed
                .headers
                .iter()
                .filter(|(header, value)| value.len() >= 16 && !is_unsigned(header) && *value != ID)
                .map(|(_, value)| value.clone()),
        );
        Self {
            name,
            provider,
            headers: signed.headers,
            body: signed.body.unwrap_or(body),
            url: signed.url.unwrap_or_else(|| URL.to_owned()),
            secrets: Secrets::new(verification),
            never_printed,
        }
    }

    fn verify_with(&self, headers: &[(String, Vec<u8>)], secrets: &Secrets) -> Result<(), Error> {
        let req = WebhookRequest::new(&headers, &self.body)
            .with_url(&self.url)
            .with_method("POST");
        let tolerance = self
            .provider
            .default_tolerance()
            .unwrap_or(Tolerance::FIVE_MINUTES);
        let delivery =
            self.provider
                .verify(&req, secrets, UnixTime::from_secs(TS).unwrap(), tolerance)?;
        assert_eq!(delivery.provider(), self.name);
        Ok(())
    }

    fn headers_as_bytes(&self) -> Vec<(String, Vec<u8>)> {
        self.headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into_bytes()))
            .collect()
    }

    /// Panics when `err` names a key or a valid signature.
    fn assert_nothing_leaks(&self, err: &Error) {
        let texts = [err.to_string(), format!("{err:?}")];
        for secret in &self.never_printed {
            for text in &texts {
                assert!(
                    !text.contains(secret.as_str()),
                    "{}: error `{text}` contains `{secret}`",
                    self.name
                );
            }
        }
    }
}

/// One signed request per registry provider, made once.
static FIXTURES: LazyLock<Vec<Fixture>> =
    LazyLock::new(|| registry::names().map(Fixture::new).collect());

/// A key of the right kind for `name` that is not the one [`cli_keys`] verifies with.
fn wrong_key(name: &str) -> &'static str {
    match name {
        // RFC 8032, test 2.
        "discord" => "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        // sendgrid-nodejs's test key.
        "sendgrid" => "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==",
        // Base64 of "Another signing key, of 36 bytes: ok".
        "standard" | "clerk" | "resend" | "gitlab" => {
            "whsec_QW5vdGhlciBzaWduaW5nIGtleSwgb2YgMzYgYnl0ZXM6IG9r"
        }
        _ => "another test secret, also 32 bytes or more",
    }
}

fn is_unsigned(header: &str) -> bool {
    header.eq_ignore_ascii_case("content-type")
        || UNSIGNED_HEADERS.contains(&header.to_ascii_lowercase().as_str())
}

/// `true` when `header` carries the signed timestamp (alone, or next to the signature).
fn carries_timestamp(header: &str, value: &str) -> bool {
    header.to_ascii_lowercase().contains("timestamp")
        || value.contains(&TS.to_string())
        || value.contains(&(TS * 1000).to_string())
}

/// `true` for a value in a scheme variant the crate declines as `unsupported`: SHA-1
/// `X-Hub-Signature` (`sha1=`), multipart Mailgun posts.
fn is_declined_variant(value: &[u8]) -> bool {
    let value = value.trim_ascii_start();
    value.starts_with(b"sha1=")
        || value
            .get(..10)
            .is_some_and(|start| start.eq_ignore_ascii_case(b"multipart/"))
}

/// A body: scheme-like fragments, or up to 512 arbitrary bytes.
fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![fragment(), proptest::collection::vec(any::<u8>(), 0..512)]
}

/// Another character of the same class as `c`: digit, hex digit, other letter of the same case.
fn near_miss(c: u8, shift: u8) -> u8 {
    let other = |first: u8, len: u8| first + (c - first + 1 + shift % (len - 1)) % len;
    match c {
        b'0'..=b'9' => other(b'0', 10),
        b'a'..=b'f' => other(b'a', 6),
        b'A'..=b'F' => other(b'A', 6),
        b'g'..=b'z' => other(b'g', 20),
        b'G'..=b'Z' => other(b'G', 20),
        _ => c,
    }
}

/// The kinds a request with garbage in it may be rejected with, and their statuses.
fn assert_status_matches_kind(name: &str, err: &Error) {
    let expected = match err.kind() {
        "malformed_header" | "missing_header" | "unsupported" => 400,
        "signature_mismatch" | "timestamp_too_old" | "timestamp_in_future" => 401,
        other => panic!("{name}: garbage rejected as `{other}` ({err})"),
    };
    assert_eq!(err.status(), expected, "{name}: {err}");
}

/// Bytes that look a little like what the schemes parse, so the parsers get past their first
/// checks.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..120),
        "( |t=|v0=|v1=|v1,|v1a,|ts=|h1=|sha1=|sha256=|;|,|=|&|%|\\+|/|\\{|\\}|\\[|\\]|\"|:|[0-9]{1,13}|[0-9a-f]{1,64}|[A-Za-z0-9+/]{1,44}|T|Z|-|\\.|signature|timestamp|token|webhookTimestamp)*"
            .prop_map(String::into_bytes),
    ]
}

#[test]
fn every_provider_lists_its_headers() {
    for entry in registry::PROVIDERS {
        // Microsoft Graph sends its proof in the body and reads no header.
        assert!(
            !entry.headers.is_empty() || common::BODY_FIELDS.iter().any(|(p, _)| *p == entry.name),
            "{}: no headers listed",
            entry.name
        );
    }
}

/// A header row that misses a header the provider's own signer sends would leave that header out
/// of the garbage tests.
#[test]
fn header_rows_list_every_header_the_signers_send() {
    for fixture in FIXTURES.iter() {
        let row = provider_headers(fixture.name);
        for (header, _) in &fixture.headers {
            assert!(
                header.eq_ignore_ascii_case("content-type")
                    || row.iter().any(|h| h.eq_ignore_ascii_case(header)),
                "{}: signer sends `{header}`, not in registry::PROVIDERS",
                fixture.name
            );
        }
    }
}

#[test]
fn every_provider_accepts_its_signed_request() {
    for fixture in FIXTURES.iter() {
        let result = fixture.verify_with(&fixture.headers_as_bytes(), &fixture.secrets);
        assert_eq!(result, Ok(()), "{}", fixture.name);
    }
}

#[test]
fn another_key_is_a_signature_mismatch() {
    for fixture in FIXTURES.iter() {
        let wrong = fixture
            .provider
            .secret_from_display(wrong_key(fixture.name))
            .unwrap_or_else(|e| panic!("{}: wrong key: {e}", fixture.name));
        let err = fixture
            .verify_with(&fixture.headers_as_bytes(), &Secrets::new(wrong))
            .expect_err(fixture.name);
        assert_eq!(err, Error::SignatureMismatch, "{}", fixture.name);
        assert_eq!(err.status(), 401);
        fixture.assert_nothing_leaks(&err);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Garbage in one header of a correctly signed request: a signed header's garbage is
    /// rejected, as malformed (naming that header) or as a mismatch (or a timestamp error, for a
    /// header carrying the timestamp); an unsigned header's garbage changes nothing, or is
    /// malformed (naming that header).
    #[test]
    fn garbage_in_one_header_of_a_signed_request(garbage in fragment()) {
        for fixture in FIXTURES.iter() {
            for (i, (header, value)) in fixture.headers.iter().enumerate() {
                if garbage == value.as_bytes() {
                    continue;
                }
                let mut headers = fixture.headers_as_bytes();
                headers[i].1 = garbage.clone();
                let result = fixture.verify_with(&headers, &fixture.secrets);
                let context = format!(
                    "{}: `{header}: {}` gave {result:?}",
                    fixture.name,
                    String::from_utf8_lossy(&garbage)
                );
                let malformed_here = |err: &Error| matches!(
                    err,
                    Error::MalformedHeader { header: named, .. }
                        if named.eq_ignore_ascii_case(header)
                );
                let declined = |err: &Error| {
                    matches!(err, Error::Unsupported(_)) && is_declined_variant(&garbage)
                };
                if is_unsigned(header) {
                    prop_assert!(
                        match &result {
                            Ok(()) => true,
                            Err(err) => malformed_here(err) || declined(err),
                        },
                        "{}", context
                    );
                } else {
                    let err = match &result {
                        Ok(()) => return Err(TestCaseError::fail(format!("accepted: {context}"))),
                        Err(err) => err,
                    };
                    let timestamp_error = matches!(
                        err,
                        Error::TimestampTooOld { .. } | Error::TimestampInFuture { .. }
                    );
                    prop_assert!(
                        malformed_here(err)
                            || declined(err)
                            || *err == Error::SignatureMismatch
                            || (timestamp_error && carries_timestamp(header, value)),
                        "{}", context
                    );
                }
                if let Err(err) = &result {
                    assert_status_matches_kind(fixture.name, err);
                    fixture.assert_nothing_leaks(err);
                }
            }
        }
    }

    /// One character of a signed header changed to another of its class (digit, hex digit,
    /// letter), so the value still parses: rejected, as a mismatch (or malformed, naming that
    /// header, or a timestamp error when the header carries the timestamp).
    #[test]
    fn a_near_miss_in_a_signed_header_is_rejected(
        pick in any::<prop::sample::Index>(),
        shift in any::<u8>(),
    ) {
        for fixture in FIXTURES.iter() {
            for (i, (header, value)) in fixture.headers.iter().enumerate() {
                if is_unsigned(header) {
                    continue;
                }
                let positions: Vec<usize> = value
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| b.is_ascii_alphanumeric())
                    .map(|(at, _)| at)
                    .collect();
                if positions.is_empty() {
                    continue;
                }
                let at = positions[pick.index(positions.len())];
                let mut headers = fixture.headers_as_bytes();
                headers[i].1[at] = near_miss(headers[i].1[at], shift);
                let result = fixture.verify_with(&headers, &fixture.secrets);
                let context = format!(
                    "{}: `{header}: {}` gave {result:?}",
                    fixture.name,
                    String::from_utf8_lossy(&headers[i].1)
                );
                let err = match &result {
                    Ok(()) => return Err(TestCaseError::fail(format!("accepted: {context}"))),
                    Err(err) => err,
                };
                let fits = match err {
                    Error::SignatureMismatch => true,
                    Error::MalformedHeader { header: named, .. } => {
                        named.eq_ignore_ascii_case(header)
                    }
                    Error::TimestampTooOld { .. } | Error::TimestampInFuture { .. } => {
                        carries_timestamp(header, value)
                    }
                    _ => false,
                };
                prop_assert!(fits, "{}", context);
                assert_status_matches_kind(fixture.name, err);
                fixture.assert_nothing_leaks(err);
            }
        }
    }

    /// Garbage in every header each provider reads, in the body, URL and clock: always rejected,
    /// with a 400 or 401 kind that fits the garbage: an error naming a header or body field names
/// one the provider reads, and a header that was sent is never missing. Then the body, parsed: a variant or
    /// `invalid_payload`; and no handshake (the fragments cannot spell one).
    #[test]
    fn garbage_everywhere_is_rejected(
        values in proptest::collection::vec(fragment(), 16),
        body in body(),
        url in proptest::option::of("https?://[a-z:\\[\\]@0-9]{0,12}(/[a-z%0-9?&=]{0,12})?"),
        now in any::<i64>(),
    ) {
        for fixture in FIXTURES.iter() {
            let row = provider_headers(fixture.name);
            prop_assert!(row.len() <= values.len(), "{}: widen `values`", fixture.name);
            let headers: Vec<(&str, &[u8])> = row
                .iter()
                .zip(&values)
                .map(|(n, v)| (*n, v.as_slice()))
                .collect();
            let mut req = WebhookRequest::new(&headers, &body).with_method("POST");
            if let Some(url) = &url {
                req = req.with_url(url);
            }
            let provider = &fixture.provider;
            let result = provider.verify(
                &req,
                &fixture.secrets,
                UnixTime::from_millis(now),
                Tolerance::FIVE_MINUTES,
            );
            let context = format!("{}: {headers:?} {url:?} gave {result:?}", fixture.name);
            let err = match &result {
                Ok(_) => return Err(TestCaseError::fail(format!("accepted: {context}"))),
                Err(err) => err,
            };
            let sent = |name: &str| row.iter().any(|h| h.eq_ignore_ascii_case(name));
            let fits = match err {
                Error::SignatureMismatch
                | Error::TimestampTooOld { .. }
                | Error::TimestampInFuture { .. } => true,
                Error::MalformedHeader { header, .. } => {
                    sent(header) || is_body_field(fixture.name, header)
                }
                // A header that was sent is never missing; a body field may be.
                Error::MissingHeader(name) => !sent(name) && is_body_field(fixture.name, name),
                Error::Unsupported(_) => {
                    (url.is_none() && provider.signs_url())
                        || headers.iter().any(|(_, v)| is_declined_variant(v))
                }
                _ => false,
            };
            prop_assert!(fits, "{}", context);
            assert_status_matches_kind(fixture.name, err);
            fixture.assert_nothing_leaks(err);

            let delivery = Delivery::new(provider.name());
            match provider.parse_described(&delivery, &body) {
                Ok(event) => prop_assert!(!event.variant.is_empty(), "{}", fixture.name),
                Err(err) => {
                    prop_assert_eq!(err.kind(), "invalid_payload", "{}: {}", fixture.name, err);
                }
            }
            prop_assert!(
                provider.handshake(&delivery, &body, &fixture.secrets).is_none(),
                "{}: handshake for {:?}", fixture.name, String::from_utf8_lossy(&body)
            );
        }
    }
}
