//! SendGrid (Twilio SendGrid) signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature:
//! <base64 DER ECDSA P-256 signature>` of SHA-256 over `{X-Twilio-Email-Event-Webhook-Timestamp}{body}`.
//!
//! Headers read: `X-Twilio-Email-Event-Webhook-Signature` (base64 of a DER `SEQUENCE { r, s }`)
//! and `X-Twilio-Email-Event-Webhook-Timestamp` (Unix seconds, signed as sent), both required.
//! The body is verified as received: SendGrid posts a JSON array followed by `\r\n`, and the
//! line ending is signed too.
//!
//! Key: the **verification key** SendGrid shows when you enable the signed Event Webhook, base64
//! of a DER `SubjectPublicKeyInfo` (a PEM `PUBLIC KEY` block is accepted too).
//! [`Provider::secret_from_display`] decodes it and tags it [`KeyKind::P256Public`]; given a
//! base64 DER PKCS#8 private key (or a PEM `PRIVATE KEY` block) instead, it tags it
//! [`KeyKind::P256Private`], the signing key of [`sign`] / [`Sign::sign`] for your tests.
//! [`KeyKind::Unspecified`] bytes are read as SPKI when verifying and as PKCS#8 (or a 32-byte
//! scalar) when signing. Configured keys that are not P-256 public keys are skipped; when none
//! is, verification fails with [`Error::InvalidSecret`].
//!
//! Signatures: strict DER (a signature that is not, or whose `r` or `s` is out of range, does
//! not verify). High-`s` signatures are accepted — SendGrid sends them (its own test vector has
//! one) and its SDKs accept them.
//!
//! Timestamp window: **none** by default, as SendGrid's SDKs (which check none) — SendGrid
//! retries failed posts for up to 24 hours, and whether a retry is signed anew is not
//! documented. The signed timestamp is recorded in [`Delivery::timestamp`]; check it yourself if
//! you want a window, and use a replay store.
//!
//! Replay key: a digest of the signed timestamp and body, never the signature: ECDSA signatures
//! are malleable — `(r, s)` and `(r, n − s)` both verify.
//!
//! ```
//! use webhook_guard::providers::sendgrid::{self, SendGrid};
//! use webhook_guard::{Provider, Secrets, Sign, Tolerance, UnixTime, WebhookRequest};
//! # const PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxB//SJStR2Si0tabR6VxUz2+VPUchuw2adeG6S1pD3qhRANCAAQlCcQeWndHIU5vTFH4JUFK6yV5qK+CY6M0BhaN0iIwO9ykMO6Oq+eM6waFHtwsVzYdEnxcwyFxUukTgbLY6JZv";
//! // A private key of your own for tests (base64 DER PKCS#8, e.g. from `openssl genpkey`), and
//! // its public key as SendGrid would display it.
//! let private = SendGrid.secret_from_display(PRIVATE_KEY).unwrap();
//! let public = SendGrid.verification_key(&private).unwrap();
//! let body = b"[{\"event\":\"processed\"}]\r\n";
//! let sig = sendgrid::sign(private.expose_secret(), 1_700_000_000, body).unwrap();
//! let headers = [
//!     (sendgrid::SIGNATURE_HEADER, sig.as_str()),
//!     (sendgrid::TIMESTAMP_HEADER, "1700000000"),
//! ];
//! let now = UnixTime::from_secs(1_700_000_000).unwrap();
//! let req = WebhookRequest::new(&headers, body);
//! assert!(SendGrid.verify(&req, &Secrets::new(public), now, Tolerance::FIVE_MINUTES).is_ok());
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider sendgrid` lists them): `batch`. A handler test's delivery, signed as the sender signs
//! it, is one line of `TestDelivery`. Signed with a P-256 private key of your own (PKCS#8),
//! verified with its public key, as SendGrid shows it. The fixture is a batch of four events
//! (processed, delivered, open, click).
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "sendgrid"))] {
//! use webhook_guard::providers::sendgrid::SendGrid;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! # const PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxB//SJStR2Si0tabR6VxUz2+VPUchuw2adeG6S1pD3qhRANCAAQlCcQeWndHIU5vTFH4JUFK6yV5qK+CY6M0BhaN0iIwO9ykMO6Oq+eM6waFHtwsVzYdEnxcwyFxUukTgbLY6JZv";
//! use webhook_guard::{Provider, Sign};
//!
//! let request = TestDelivery::new(SendGrid, PRIVATE_KEY)?.fixture("batch")?.request()?;
//!
//! let public_key = SendGrid.verification_key(&SendGrid.secret_from_display(PRIVATE_KEY)?)?;
//! let verifier = Verifier::builder(SendGrid).secret(public_key).build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("processed,delivered,open,click"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::SignatureEncoding;
use crate::crypto::p256::{sha256, P256PublicKey, P256Signature, P256SigningKey};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{decode_base64_lenient, KeyKind, Secret, Secrets};

use super::util;

/// `X-Twilio-Email-Event-Webhook-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Twilio-Email-Event-Webhook-Signature";
/// `X-Twilio-Email-Event-Webhook-Timestamp`.
pub const TIMESTAMP_HEADER: &str = "X-Twilio-Email-Event-Webhook-Timestamp";

/// Not public API: a P-256 private key (base64 DER PKCS#8) for this crate's own tests, benches
/// and CLI tests. Published here, so never good for real traffic.
#[doc(hidden)]
pub const TEST_PRIVATE_KEY: &str = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgxB//SJStR2Si0tabR6VxUz2+VPUchuw2adeG6S1pD3qhRANCAAQlCcQeWndHIU5vTFH4JUFK6yV5qK+CY6M0BhaN0iIwO9ykMO6Oq+eM6waFHtwsVzYdEnxcwyFxUukTgbLY6JZv";
/// Not public API: the public key of `TEST_PRIVATE_KEY` (base64 DER SPKI).
#[doc(hidden)]
pub const TEST_PUBLIC_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJQnEHlp3RyFOb0xR+CVBSusleaivgmOjNAYWjdIiMDvcpDDujqvnjOsGhR7cLFc2HRJ8XMMhcVLpE4Gy2OiWbw==";

/// The SendGrid signed Event Webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct SendGrid;

/// The `X-Twilio-Email-Event-Webhook-Signature` value (base64 DER) for `body` at `timestamp`,
/// under a private key given as DER PKCS#8 (or its 32-byte scalar).
pub fn sign(private_key: &[u8], timestamp: i64, body: &[u8]) -> Result<String, Error> {
    let key = signing_key_from_bytes(private_key)?;
    let ts = timestamp.to_string();
    let signature = key.sign_sha256(&[ts.as_bytes(), body])?;
    Ok(SignatureEncoding::Base64.encode(&signature.to_der()))
}

fn signing_key_from_bytes(bytes: &[u8]) -> Result<P256SigningKey, Error> {
    P256SigningKey::from_pkcs8_der(bytes).or_else(|e| {
        if bytes.len() == 32 {
            P256SigningKey::from_scalar(bytes)
        } else {
            Err(e)
        }
    })
}

fn signing_key(secret: &Secret) -> Result<P256SigningKey, Error> {
    match secret.kind() {
        KeyKind::Unspecified | KeyKind::P256Private => {
            signing_key_from_bytes(secret.expose_secret())
        }
        KeyKind::P256Public => Err(Error::InvalidSecret(
            "a public key cannot sign: give the PKCS#8 private key",
        )),
        _ => Err(Error::InvalidSecret("not a P-256 key")),
    }
}

/// The public key a configured secret stands for when verifying, if it is one.
fn public_key(secret: &Secret) -> Option<P256PublicKey> {
    match secret.kind() {
        KeyKind::Unspecified | KeyKind::P256Public => {
            P256PublicKey::from_spki_der(secret.expose_secret()).ok()
        }
        _ => None,
    }
}

/// The base64 inside `text`: the text itself, or the body of a PEM block.
fn strip_pem(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("-----"))
        .collect()
}

impl Provider for SendGrid {
    fn name(&self) -> &'static str {
        "sendgrid"
    }

    /// SendGrid retries a failed POST for up to 24 hours.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(2 * 24 * 3600)
    }

    /// `None`: SendGrid's SDKs check no window (see the module docs).
    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// Base64 DER: an SPKI public key (what SendGrid shows) or a PKCS#8 private key (for
    /// signers); PEM blocks of either are accepted. Anything else is [`Error::InvalidSecret`].
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        let der = zeroize::Zeroizing::new(
            decode_base64_lenient(&strip_pem(text))
                .filter(|der| !der.is_empty())
                .ok_or(Error::InvalidSecret("a SendGrid key is base64 (DER)"))?,
        );
        Secret::p256_public(&der).or_else(|_| {
            Secret::p256_private(&der).map_err(|_| {
                Error::InvalidSecret(
                    "not a DER P-256 public key (SubjectPublicKeyInfo) nor private key (PKCS#8)",
                )
            })
        })
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let sig_text = util::trim(req.require_header(SIGNATURE_HEADER)?);
        let ts_text = util::trim(req.require_header(TIMESTAMP_HEADER)?);
        let ts = UnixTime::parse_secs(ts_text).ok_or(Error::malformed(
            TIMESTAMP_HEADER,
            "timestamp is not a non-negative integer",
        ))?;
        let der = SignatureEncoding::Base64
            .decode(sig_text)
            .filter(|der| !der.as_bytes().is_empty())
            .ok_or(Error::malformed(
                SIGNATURE_HEADER,
                "signature is not base64 of at most 72 bytes",
            ))?;
        // Well-encoded bytes that are not a valid DER signature cannot match any key.
        let signature = P256Signature::from_der(der.as_bytes());
        let prehash = sha256(&[ts_text, req.body()]);
        let mut usable = false;
        let mut matched = false;
        for key in secrets.iter().filter_map(public_key) {
            usable = true;
            if let Some(signature) = &signature {
                if key.verify_sha256_prehash(&prehash, signature) {
                    matched = true;
                    break;
                }
            }
        }
        if !usable {
            return Err(Error::InvalidSecret(
                "no configured key is a P-256 public key (base64 DER SubjectPublicKeyInfo)",
            ));
        }
        match signature {
            Some(_) if matched => Ok(Delivery::new("sendgrid").with_timestamp(ts)),
            _ => Err(Error::SignatureMismatch),
        }
    }
}

impl Sign for SendGrid {
    /// Signs with a PKCS#8 private key.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let key = signing_key(key)?;
        let ts = message.timestamp.as_secs().to_string();
        let signature = key.sign_sha256(&[ts.as_bytes(), message.body])?;
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                SignatureEncoding::Base64.encode(&signature.to_der()),
            ),
            (TIMESTAMP_HEADER.to_owned(), ts),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }

    /// The SPKI public key of a private key, tagged [`KeyKind::P256Public`]; a key already
    /// tagged public is returned as is.
    fn verification_key(&self, signing_key_secret: &Secret) -> Result<Secret, Error> {
        if signing_key_secret.kind() == KeyKind::P256Public {
            return Ok(signing_key_secret.clone());
        }
        Secret::p256_public(&signing_key(signing_key_secret)?.public_key().to_spki_der())
    }
}

#[cfg(feature = "sendgrid")]
#[cfg_attr(docsrs, doc(cfg(feature = "sendgrid")))]
impl crate::provider::Parse for SendGrid {
    type Event = crate::events::sendgrid::Batch;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::sendgrid::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    const SIG: &str = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    const BODY: &str = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    fn run(secrets: &Secrets, sig: &str, ts: &str, body: &[u8]) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, sig), (TIMESTAMP_HEADER, ts)];
        SendGrid.verify(
            &WebhookRequest::new(&headers, body),
            secrets,
            UnixTime::from_secs(0).unwrap(),
            Tolerance::FIVE_MINUTES,
        )
    }

    fn official() -> Secrets {
        Secrets::new(SendGrid.secret_from_display(KEY).unwrap())
    }

    #[test]
    fn official_vector() {
        assert_eq!(BODY.len(), 327);
        let d = run(&official(), SIG, "1600112502", BODY.as_bytes()).unwrap();
        // No window: the clock (0) is far from the timestamp.
        assert_eq!(d.timestamp().unwrap().as_secs(), 1_600_112_502);
        assert_eq!(d.signed_id(), None);
        let trimmed = BODY.trim_end();
        assert_eq!(
            run(&official(), SIG, "1600112502", trimmed.as_bytes())
                .unwrap_err()
                .kind(),
            "signature_mismatch"
        );
    }

    #[test]
    fn display_formats() {
        let public = SendGrid.secret_from_display(KEY).unwrap();
        assert_eq!(public.kind(), KeyKind::P256Public);
        let pem = format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n{}\n-----END PUBLIC KEY-----\n",
            &KEY[..64],
            &KEY[64..]
        );
        assert_eq!(
            SendGrid.secret_from_display(&pem).unwrap().expose_secret(),
            public.expose_secret()
        );
        let private = SendGrid.secret_from_display(TEST_PRIVATE_KEY).unwrap();
        assert_eq!(private.kind(), KeyKind::P256Private);
        let derived = SendGrid.verification_key(&private).unwrap();
        assert_eq!(
            derived.expose_secret(),
            SendGrid
                .secret_from_display(TEST_PUBLIC_KEY)
                .unwrap()
                .expose_secret()
        );
        for bad in [
            "",
            "   ",
            "@@@",
            "AAAA",
            &KEY[..40],
            "-----BEGIN PUBLIC KEY-----",
        ] {
            assert_eq!(
                SendGrid.secret_from_display(bad).unwrap_err().kind(),
                "invalid_secret",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn sign_round_trip() {
        let private = SendGrid.secret_from_display(TEST_PRIVATE_KEY).unwrap();
        let ts = UnixTime::from_secs(1_700_000_000).unwrap();
        let signed = SendGrid
            .sign(&private, &SignInput::new(b"[]\r\n", ts))
            .unwrap();
        let public = Secrets::new(SendGrid.verification_key(&private).unwrap());
        let req = WebhookRequest::new(&signed.headers, b"[]\r\n");
        assert!(SendGrid
            .verify(&req, &public, ts, Tolerance::FIVE_MINUTES)
            .is_ok());
        // A public key cannot sign; a raw 32-byte scalar can.
        let pk = SendGrid.secret_from_display(KEY).unwrap();
        assert_eq!(
            SendGrid
                .sign(&pk, &SignInput::new(b"", ts))
                .unwrap_err()
                .kind(),
            "invalid_secret"
        );
        assert!(sign(&[0x11; 32], 1, b"").is_ok());
        assert!(sign(&[0x00; 32], 1, b"").is_err());
    }

    #[test]
    fn odd_input() {
        let body = BODY.as_bytes();
        for bad in ["", "@@@@", &"A".repeat(200), "===="] {
            assert_eq!(
                run(&official(), bad, "1600112502", body)
                    .unwrap_err()
                    .kind(),
                "malformed_header",
                "{bad:?}"
            );
        }
        // Base64 of something that is not DER, or DER with r = 0: no match.
        for bad in ["AAAA", "MAYCAQACAQE=", "MAA="] {
            assert_eq!(
                run(&official(), bad, "1600112502", body)
                    .unwrap_err()
                    .kind(),
                "signature_mismatch",
                "{bad:?}"
            );
        }
        for bad in ["", "-5", "1.5", "99999999999999999999", "16001125O2"] {
            assert_eq!(
                run(&official(), SIG, bad, body).unwrap_err().kind(),
                "malformed_header",
                "{bad:?}"
            );
        }
        // The largest accepted number is just a mismatch here.
        assert_eq!(
            run(&official(), SIG, "999999999999999", body)
                .unwrap_err()
                .kind(),
            "signature_mismatch"
        );
        // Keys that are not public keys are skipped; none usable is a configuration error.
        let junk = Secrets::new(Secret::from_text("x"))
            .with(SendGrid.secret_from_display(TEST_PRIVATE_KEY).unwrap());
        assert_eq!(
            run(&junk, SIG, "1600112502", body).unwrap_err().kind(),
            "invalid_secret"
        );
        let rotated = junk.with(SendGrid.secret_from_display(KEY).unwrap());
        assert!(run(&rotated, SIG, "1600112502", body).is_ok());
        // The low-s twin of the official signature verifies and yields the same id.
        let der = decode_base64_lenient(SIG).unwrap();
        let normalized = P256Signature::from_der(&der).unwrap().normalized_bytes();
        let mut twin = vec![0x30, 0x44, 0x02, 0x20];
        twin.extend(&normalized[..32]);
        twin.extend([0x02, 0x20]);
        twin.extend(&normalized[32..]);
        assert!(
            normalized[32] < 0x80,
            "s of the twin is positive without padding"
        );
        let twin = SignatureEncoding::Base64.encode(&twin);
        let a = run(&official(), SIG, "1600112502", body).unwrap();
        let b = run(&official(), &twin, "1600112502", body).unwrap();
        assert_eq!(a, b);
    }
}
