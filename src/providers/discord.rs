//! Discord interactions: `X-Signature-Ed25519: <hex Ed25519 signature>` over
//! `{X-Signature-Timestamp}{body}`.
//!
//! Headers read: `X-Signature-Ed25519` (128 lower-case hex digits: a 64-byte signature) and
//! `X-Signature-Timestamp` (Unix seconds, signed as sent), both required.
//!
//! Key: the application's **public key** as shown in the developer portal, 64 hex digits
//! ([`Provider::secret_from_display`] decodes the hex). Such a key is [`KeyKind::Unspecified`]
//! bytes: verifying reads them as the public key, signing ([`sign`], [`Sign::sign`], for your
//! tests) as the 32-byte private seed, and [`Sign::verification_key`] turns a seed into its
//! public key. Keys tagged [`KeyKind::Ed25519Public`] are accepted for verifying too. Configured
//! keys that are not valid public keys are skipped; when none is, verification fails with
//! [`Error::InvalidSecret`].
//!
//! Verification is strict (as libsodium, which Discord's own examples use through PyNaCl):
//! a non-canonical `S`, a small-order `R` or a small-order key never verifies.
//!
//! Timestamp window: **300 s each way, although Discord's libraries apply none.** Discord posts
//! an interaction once, synchronously, and wants an answer within 3 seconds, so a genuine request
//! is never minutes old; the signed timestamp is the only thing that stops a captured
//! interaction (a slash command, a button press) from being replayed later. Widen the window with
//! [`crate::VerifierBuilder::tolerance`] if your clock is far off.
//!
//! Replay key: a digest of the signed timestamp and body (never the signature). The interaction
//! id is in the body (`id`).
//!
//! Handshake: a verified `PING` (`"type": 1`) is answered with `{"type":1}`
//! ([`Provider::handshake`]).
//!
//! ```
//! use webhook_guard::providers::discord;
//! // RFC 8032 test key 1 (seed), a timestamp and a PING body.
//! let seed = hex::decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").unwrap();
//! let body = br#"{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}"#;
//! let sig = discord::sign(&seed, 1_700_000_000, body).unwrap();
//! assert_eq!(&sig[..16], "f0bd878adcef1f6d");
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider discord` lists them): `PING`, `APPLICATION_COMMAND`. A handler test's delivery,
//! signed as the sender signs it, is one line of `TestDelivery`. Signed with an Ed25519 private
//! seed (here RFC 8032's test key 1), verified with its public key as the developer portal shows
//! it.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "discord"))] {
//! use webhook_guard::providers::discord::Discord;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! // RFC 8032 test key 1: the private seed signs, the public key verifies.
//! const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
//! const PUBLIC_KEY: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
//!
//! let request = TestDelivery::new(Discord, SEED)?.fixture("APPLICATION_COMMAND")?.request()?;
//!
//! let verifier = Verifier::builder(Discord).secret_from_display(PUBLIC_KEY)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("APPLICATION_COMMAND"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::ed25519::{Ed25519PublicKey, Ed25519SigningKey, ED25519_SIGNATURE_LEN};
use crate::crypto::encoding::{encode_hex, SignatureEncoding};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{KeyKind, Secret, Secrets};

use super::util;

/// `X-Signature-Ed25519`.
pub const SIGNATURE_HEADER: &str = "X-Signature-Ed25519";
/// `X-Signature-Timestamp`.
pub const TIMESTAMP_HEADER: &str = "X-Signature-Timestamp";

/// The Discord interactions scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Discord;

/// The `X-Signature-Ed25519` value (hex) for `body` at `timestamp` under the 32-byte private
/// `seed` (or 64 bytes seed ‖ public key).
pub fn sign(seed: &[u8], timestamp: i64, body: &[u8]) -> Result<String, Error> {
    let key = Ed25519SigningKey::from_bytes(seed)?;
    let ts = timestamp.to_string();
    Ok(encode_hex(&key.sign(&[ts.as_bytes(), body])))
}

/// The public key a configured secret stands for when verifying, if it is one.
fn public_key(secret: &Secret) -> Option<Ed25519PublicKey> {
    match secret.kind() {
        KeyKind::Unspecified | KeyKind::Ed25519Public => {
            Ed25519PublicKey::from_bytes(secret.expose_secret()).ok()
        }
        _ => None,
    }
}

/// The signing key a secret stands for when signing.
fn signing_key(secret: &Secret) -> Result<Ed25519SigningKey, Error> {
    match secret.kind() {
        KeyKind::Unspecified | KeyKind::Ed25519Private => {
            Ed25519SigningKey::from_bytes(secret.expose_secret())
        }
        KeyKind::Ed25519Public => Err(Error::InvalidSecret(
            "a public key cannot sign: give the 32-byte private seed",
        )),
        _ => Err(Error::InvalidSecret("not an Ed25519 key")),
    }
}

impl Provider for Discord {
    fn name(&self) -> &'static str {
        "discord"
    }

    /// Five minutes each way: see the module docs for why, given that Discord's own
    /// libraries check no window.
    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    /// The application's public key, 64 hex digits (a 32-byte private seed, for signers).
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        let secret = Secret::from_hex(text)
            .map_err(|_| Error::InvalidSecret("a Discord key is 64 hex digits"))?;
        if secret.len() != 32 {
            return Err(Error::InvalidSecret(
                "a Discord key is 64 hex digits (32 bytes)",
            ));
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
        let sig_text = util::trim(req.require_header(SIGNATURE_HEADER)?);
        let ts_text = util::trim(req.require_header(TIMESTAMP_HEADER)?);
        UnixTime::parse_secs(ts_text).ok_or(Error::malformed(
            TIMESTAMP_HEADER,
            "timestamp is not a non-negative integer",
        ))?;
        let signature = SignatureEncoding::Hex
            .decode(sig_text)
            .filter(|s| s.as_bytes().len() == ED25519_SIGNATURE_LEN)
            .ok_or(Error::malformed(
                SIGNATURE_HEADER,
                "expected 128 hex digits (a 64-byte Ed25519 signature)",
            ))?;
        let mut usable = false;
        let mut matched = false;
        for key in secrets.iter().filter_map(public_key) {
            usable = true;
            if key.verify(&[ts_text, req.body()], signature.as_bytes()) {
                matched = true;
                break;
            }
        }
        if !usable {
            return Err(Error::InvalidSecret(
                "no configured key is an Ed25519 public key (64 hex digits)",
            ));
        }
        if !matched {
            return Err(Error::SignatureMismatch);
        }
        let ts = util::checked_timestamp(ts_text, TIMESTAMP_HEADER, now, tolerance)?;
        Ok(Delivery::new("discord").with_timestamp(ts))
    }

    /// A `PING` (`"type": 1`) is answered with `{"type":1}`.
    fn handshake(
        &self,
        _delivery: &Delivery,
        body: &[u8],
        _secrets: &Secrets,
    ) -> Option<Handshake> {
        let doc: serde_json::Value = serde_json::from_slice(body).ok()?;
        (doc.get("type")?.as_i64()? == 1)
            .then(|| Handshake::json(&serde_json::json!({ "type": 1 })))
    }
}

impl Sign for Discord {
    /// Signs with the 32-byte private seed (hex-decoded by [`Provider::secret_from_display`]).
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let key = signing_key(key)?;
        let ts = message.timestamp.as_secs().to_string();
        let signature = key.sign(&[ts.as_bytes(), message.body]);
        Ok(Signed::headers(vec![
            (SIGNATURE_HEADER.to_owned(), encode_hex(&signature)),
            (TIMESTAMP_HEADER.to_owned(), ts),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }

    /// The public key of a 32-byte private seed, tagged [`KeyKind::Ed25519Public`]; a key
    /// already tagged public is returned as is.
    fn verification_key(&self, signing_key_secret: &Secret) -> Result<Secret, Error> {
        if signing_key_secret.kind() == KeyKind::Ed25519Public {
            return Ok(signing_key_secret.clone());
        }
        let public = signing_key(signing_key_secret)?.public_key().to_bytes();
        Secret::ed25519_public(&public)
    }
}

#[cfg(feature = "discord")]
#[cfg_attr(docsrs, doc(cfg(feature = "discord")))]
impl crate::provider::Parse for Discord {
    type Event = crate::events::discord::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::discord::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const BODY: &[u8] =
        br#"{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}"#;
    const SIG: &str = "f0bd878adcef1f6d475c9644421905bd02b5de38e0d3ecfc6f58a711962c69ccc8dd7c9db312f9bdf08b1e1b8182e27a844da728c5e0dbb5507bf9931c1ed80b";

    fn verify_with(
        secrets: &Secrets,
        sig: &str,
        ts: &str,
        body: &[u8],
        now: i64,
    ) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, sig), (TIMESTAMP_HEADER, ts)];
        Discord.verify(
            &WebhookRequest::new(&headers, body),
            secrets,
            UnixTime::from_secs(now).unwrap(),
            Tolerance::FIVE_MINUTES,
        )
    }

    fn public() -> Secrets {
        Secrets::new(Discord.secret_from_display(PUBLIC).unwrap())
    }

    #[test]
    fn computed_vector_and_handshake() {
        assert_eq!(
            sign(&hex::decode(SEED).unwrap(), 1_700_000_000, BODY).unwrap(),
            SIG
        );
        let d = verify_with(&public(), SIG, "1700000000", BODY, 1_700_000_000).unwrap();
        assert_eq!(d.timestamp().unwrap().as_secs(), 1_700_000_000);
        assert_eq!(d.signed_id(), None);
        let answer = Discord.handshake(&d, BODY, &public()).unwrap();
        assert_eq!(answer.body, br#"{"type":1}"#);
        assert_eq!(answer.content_type, "application/json");
        assert!(Discord
            .handshake(&d, br#"{"type":2,"id":"1"}"#, &public())
            .is_none());
        assert!(Discord.handshake(&d, b"[1]", &public()).is_none());
        assert!(Discord.handshake(&d, b"", &public()).is_none());
    }

    #[test]
    fn sign_round_trip_via_provider() {
        let seed = Discord.secret_from_display(SEED).unwrap();
        let ts = UnixTime::from_secs(1_700_000_000).unwrap();
        let signed = Discord.sign(&seed, &SignInput::new(BODY, ts)).unwrap();
        assert_eq!(signed.headers[0].1, SIG);
        let public = Discord.verification_key(&seed).unwrap();
        assert_eq!(public.kind(), KeyKind::Ed25519Public);
        assert_eq!(hex::encode(public.expose_secret()), PUBLIC);
        assert_eq!(
            Discord.verification_key(&public).unwrap().expose_secret(),
            public.expose_secret()
        );
        // A key tagged public cannot sign.
        assert_eq!(
            Discord
                .sign(&public, &SignInput::new(BODY, ts))
                .unwrap_err()
                .kind(),
            "invalid_secret"
        );
        let headers: Vec<(String, String)> = signed.headers;
        let req = WebhookRequest::new(&headers, BODY);
        assert!(Discord
            .verify(&req, &Secrets::new(public), ts, Tolerance::FIVE_MINUTES)
            .is_ok());
    }

    #[test]
    fn odd_keys() {
        for bad in ["", "zz", "abc", &PUBLIC[..62], &format!("{PUBLIC}00")] {
            assert_eq!(
                Discord.secret_from_display(bad).unwrap_err().kind(),
                "invalid_secret",
                "{bad:?}"
            );
        }
        // Upper-case key hex is fine (it is configuration, not a signature).
        assert!(Discord.secret_from_display(&PUBLIC.to_uppercase()).is_ok());
        // Keys that are not public keys are skipped; none usable is a configuration error.
        let junk = Secrets::new(Secret::from_text("not a key")).with(Secret::from_bytes([0u8; 32]));
        let r = verify_with(&junk, SIG, "1700000000", BODY, 1_700_000_000);
        assert_eq!(r.unwrap_err().kind(), "invalid_secret");
        let rotated = junk.with(Discord.secret_from_display(PUBLIC).unwrap());
        assert!(verify_with(&rotated, SIG, "1700000000", BODY, 1_700_000_000).is_ok());
        // A private seed is not used to verify.
        let private = Secrets::new(Secret::ed25519_private(&hex::decode(SEED).unwrap()).unwrap());
        let r = verify_with(&private, SIG, "1700000000", BODY, 1_700_000_000);
        assert_eq!(r.unwrap_err().kind(), "invalid_secret");
    }

    #[test]
    fn odd_signatures_and_timestamps() {
        let ok = |sig: &str, ts: &str| verify_with(&public(), sig, ts, BODY, 1_700_000_000);
        for bad in [
            "",
            "zz",
            &SIG[..126],
            &format!("{SIG}00"),
            &SIG.replacen('f', "g", 1),
        ] {
            assert_eq!(
                ok(bad, "1700000000").unwrap_err().kind(),
                "malformed_header"
            );
        }
        for bad in [
            "",
            "-1",
            "1e9",
            "1700000000.0",
            "99999999999999999999",
            "0x10",
        ] {
            assert_eq!(
                ok(SIG, bad).unwrap_err().kind(),
                "malformed_header",
                "{bad}"
            );
        }
        // A huge but parseable timestamp: signature checked first, then the window.
        assert_eq!(
            ok(SIG, "999999999999999").unwrap_err().kind(),
            "signature_mismatch"
        );
        // Non-canonical S (S + L) is refused.
        let mut sig = hex::decode(SIG).unwrap();
        let l = hex::decode("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
            .unwrap();
        let mut carry = 0u16;
        for i in 0..32 {
            let sum = u16::from(sig[32 + i]) + u16::from(l[i]) + carry;
            sig[32 + i] = (sum & 0xff) as u8;
            carry = sum >> 8;
        }
        assert_eq!(
            ok(&hex::encode(&sig), "1700000000").unwrap_err().kind(),
            "signature_mismatch"
        );
        // All-zero signature (R of small order).
        assert_eq!(
            ok(&"0".repeat(128), "1700000000").unwrap_err().kind(),
            "signature_mismatch"
        );
        // Window.
        assert_eq!(
            verify_with(&public(), SIG, "1700000000", BODY, 1_700_000_301)
                .unwrap_err()
                .kind(),
            "timestamp_too_old"
        );
        assert_eq!(
            verify_with(&public(), SIG, "1700000000", BODY, 1_699_999_699)
                .unwrap_err()
                .kind(),
            "timestamp_in_future"
        );
    }
}
