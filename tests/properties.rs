//! Property tests over every provider the registry knows: sign → verify round-trips for
//! arbitrary bodies (empty and non-UTF-8 included), and any single flipped byte in the body or in
//! a signed header (signature, id, timestamp) is rejected — in the body only for schemes that
//! authenticate it (`Provider::authenticates_body`). Garbage input is
//! `tests/garbage_input.rs`.

mod common;

use common::{signing_key, signs_arbitrary_bodies, BODY_NOT_AUTHENTICATED, UNSIGNED_HEADERS};
use proptest::prelude::*;
use webhook_guard::registry::{self, AnyProvider};
use webhook_guard::{Secret, Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

const URL: &str = "https://example.com/hooks/in?tenant=7";

struct Case {
    headers: Vec<(String, Vec<u8>)>,
    url: String,
    secrets: Secrets,
}

fn sign(provider: &dyn AnyProvider, key: &[u8], body: &[u8], ts: i64, id: &str) -> Case {
    let key = signing_key(provider, key);
    let message = SignInput::new(body, UnixTime::from_secs(ts).unwrap())
        .with_id(id)
        .with_url(URL)
        .with_method("POST")
        .with_event("ping");
    let signed = provider
        .sign(&key, &message)
        .unwrap_or_else(|e| panic!("{}: sign failed: {e}", provider.name()));
    let verification = provider.verification_key(&key).unwrap();
    Case {
        headers: signed
            .headers
            .into_iter()
            .map(|(k, v)| (k, v.into_bytes()))
            .collect(),
        url: signed.url.unwrap_or_else(|| URL.to_owned()),
        secrets: Secrets::new(verification),
    }
}

fn verify(
    provider: &dyn AnyProvider,
    case: &Case,
    headers: &[(String, Vec<u8>)],
    body: &[u8],
    ts: i64,
) -> Result<webhook_guard::Delivery, webhook_guard::Error> {
    let req = WebhookRequest::new(&headers, body)
        .with_url(&case.url)
        .with_method("POST");
    let tolerance = provider
        .default_tolerance()
        .unwrap_or(Tolerance::FIVE_MINUTES);
    // Millisecond schemes sign `ts * 1000`; the clock is the same instant either way.
    provider.verify(
        &req,
        &case.secrets,
        UnixTime::from_secs(ts).unwrap(),
        tolerance,
    )
}

fn bodies() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(Vec::new()),
        proptest::collection::vec(any::<u8>(), 1..512),
        "[ -~]{0,300}".prop_map(String::into_bytes),
        "\\{\"[a-z]{1,8}\": [0-9]{1,6}\\}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(
        body in bodies(),
        key in proptest::collection::vec(any::<u8>(), 1..80),
        ts in 1_000_000_000i64..4_000_000_000,
        id in "[A-Za-z0-9_]{1,40}",
    ) {
        for name in registry::names() {
            let provider = registry::by_name(name).unwrap();
            if !signs_arbitrary_bodies(&*provider) {
                continue;
            }
            let case = sign(&*provider, &key, &body, ts, &id);
            let delivery = verify(&*provider, &case, &case.headers, &body, ts);
            prop_assert!(delivery.is_ok(), "{name}: {delivery:?}");
            let delivery = delivery.unwrap();
            prop_assert_eq!(delivery.provider(), name);
            if let Some(signed_ts) = delivery.timestamp() {
                prop_assert_eq!(signed_ts.as_secs(), ts, "{}", name);
            }
        }
    }

    #[test]
    fn any_flipped_byte_is_rejected(
        body in bodies(),
        key in proptest::collection::vec(any::<u8>(), 1..80),
        ts in 1_000_000_000i64..4_000_000_000,
        id in "[A-Za-z0-9_]{1,40}",
        pick in any::<prop::sample::Index>(),
        bit in 0u8..8,
    ) {
        for name in registry::names() {
            let provider = registry::by_name(name).unwrap();
            if !signs_arbitrary_bodies(&*provider) {
                continue;
            }
            let case = sign(&*provider, &key, &body, ts, &id);
            // Token-only schemes do not authenticate the body; those whose token is a header
            // (BODY_NOT_AUTHENTICATED) must accept any body.
            if !body.is_empty()
                && (provider.authenticates_body() || BODY_NOT_AUTHENTICATED.contains(&name))
            {
                let mut tampered = body.clone();
                tampered[pick.index(body.len())] ^= 1 << bit;
                let r = verify(&*provider, &case, &case.headers, &tampered, ts);
                if BODY_NOT_AUTHENTICATED.contains(&name) {
                    // What their docs say: the token proves nothing about the body.
                    prop_assert!(r.is_ok(), "{name}: {r:?}");
                } else {
                    prop_assert!(r.is_err(), "{name}: flipped body byte accepted");
                }
            }
            for (i, (header, value)) in case.headers.iter().enumerate() {
                if UNSIGNED_HEADERS.contains(&header.to_ascii_lowercase().as_str()) {
                    continue;
                }
                let mut headers = case.headers.clone();
                headers[i].1[pick.index(value.len())] ^= 1 << bit;
                let r = verify(&*provider, &case, &headers, &body, ts);
                prop_assert!(r.is_err(), "{name}: flipped byte in {header} accepted");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// The signature is judged before the window: a genuine request a day late is late, the
    /// same request with a changed body is forged (the answer never says "late" to a forger).
    #[test]
    fn a_forged_late_request_is_a_mismatch_not_late(
        body in proptest::collection::vec(any::<u8>(), 1..300),
        key in proptest::collection::vec(any::<u8>(), 1..80),
        ts in 1_000_000_000i64..4_000_000_000,
        pick in any::<prop::sample::Index>(),
    ) {
        let late = ts + 24 * 3600;
        for name in registry::names() {
            let provider = registry::by_name(name).unwrap();
            if !signs_arbitrary_bodies(&*provider)
                || provider.default_tolerance().is_none()
                || !provider.authenticates_body()
            {
                continue;
            }
            let case = sign(&*provider, &key, &body, ts, "msg_1");
            let r = verify(&*provider, &case, &case.headers, &body, late);
            prop_assert!(
                matches!(r, Err(webhook_guard::Error::TimestampTooOld { .. })),
                "{name}: {r:?}"
            );
            let mut tampered = body.clone();
            tampered[pick.index(body.len())] ^= 1;
            let r = verify(&*provider, &case, &case.headers, &tampered, late);
            prop_assert_eq!(r.map(|_| ()), Err(webhook_guard::Error::SignatureMismatch), "{}", name);
        }
    }
}

/// The schemes that sign something inside the body get round trips of their own.
mod body_signed {
    use super::*;
    use webhook_guard::providers::{linear, mailgun, zalo};

    fn check(
        name: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        secret: &[u8],
        now_ms: i64,
    ) -> Result<webhook_guard::Delivery, webhook_guard::Error> {
        let provider = registry::by_name(name).unwrap();
        let tolerance = provider
            .default_tolerance()
            .unwrap_or(Tolerance::FIVE_MINUTES);
        let secrets = Secrets::new(Secret::from_bytes(secret.to_vec()));
        let req = WebhookRequest::new(&headers, body);
        provider.verify(&req, &secrets, UnixTime::from_millis(now_ms), tolerance)
    }

    /// A day late, the genuine request is late, and the same request checked under another
    /// secret is forged: the window is only judged once the signature holds.
    fn assert_late_then_forged(
        name: &str,
        headers: &[(&str, &str)],
        body: &[u8],
        secret: &[u8],
        signed_ms: i64,
    ) {
        let late = signed_ms + 24 * 3600 * 1000;
        let r = check(name, headers, body, secret, late);
        assert!(
            matches!(r, Err(webhook_guard::Error::TimestampTooOld { .. })),
            "{name}: {r:?}"
        );
        let other = [secret, b"!"].concat();
        let r = check(name, headers, body, &other, late);
        assert_eq!(
            r.map(|_| ()),
            Err(webhook_guard::Error::SignatureMismatch),
            "{name}"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn linear_round_trip_and_flips(
            text in "[ -~]{0,200}",
            secret in proptest::collection::vec(any::<u8>(), 1..64),
            ms in 1_000_000_000_000i64..4_000_000_000_000,
            pick in any::<prop::sample::Index>(),
            bit in 0u8..8,
        ) {
            let body = serde_json::json!({"webhookTimestamp": ms, "action": "create", "text": text})
                .to_string()
                .into_bytes();
            let sig = linear::sign(&secret, &body);
            let headers = [("Linear-Signature", sig.as_str())];
            prop_assert!(check("linear", &headers, &body, &secret, ms).is_ok());
            assert_late_then_forged("linear", &headers, &body, &secret, ms);
            let mut tampered = body.clone();
            tampered[pick.index(body.len())] ^= 1 << bit;
            prop_assert!(check("linear", &headers, &tampered, &secret, ms).is_err());
            let mut bad_sig = sig.clone().into_bytes();
            let i = pick.index(bad_sig.len());
            bad_sig[i] ^= 1 << bit;
            let bad_sig = String::from_utf8_lossy(&bad_sig).into_owned();
            prop_assert!(check("linear", &[("Linear-Signature", bad_sig.as_str())], &body, &secret, ms).is_err());
        }

        /// Adyen signs fields: a body of signed fields only, as its signer writes it, rejects
        /// every flipped byte (text of any script, colons, backslashes and quotes included).
        /// Fields are non-empty: Adyen signs a missing field and an empty one alike, so a renamed
        /// key of an empty field goes unseen (said in the module docs).
        #[test]
        fn adyen_round_trip_and_flips(
            psp in "[0-9A-Z]{16}",
            reference in "\\PC{1,40}",
            value in any::<i64>(),
            success in any::<bool>(),
            key in proptest::collection::vec(any::<u8>(), 1..64),
            pick in any::<prop::sample::Index>(),
            bit in 0u8..8,
        ) {
            let item = serde_json::json!({
                "amount": {"currency": "EUR", "value": value},
                "eventCode": "AUTHORISATION",
                "merchantAccountCode": "TestMerchant",
                "merchantReference": reference,
                "pspReference": psp,
                "success": success.to_string(),
            });
            let body = serde_json::json!({"notificationItems": [{"NotificationRequestItem": item}]})
                .to_string();
            let provider = registry::by_name("adyen").unwrap();
            let signed = provider
                .sign(
                    &Secret::from_bytes(key.clone()),
                    &SignInput::new(body.as_bytes(), UnixTime::EPOCH),
                )
                .unwrap();
            let sent = signed.body.unwrap();
            prop_assert!(check("adyen", &[], &sent, &key, 0).is_ok());
            let mut tampered = sent.clone();
            tampered[pick.index(sent.len())] ^= 1 << bit;
            prop_assert!(
                check("adyen", &[], &tampered, &key, 0).is_err(),
                "{}",
                String::from_utf8_lossy(&tampered)
            );
        }

        #[test]
        fn mailgun_round_trip_and_flips(
            token in "[a-z0-9]{20,50}",
            secret in proptest::collection::vec(any::<u8>(), 1..64),
            secs in 1_000_000_000i64..4_000_000_000,
            field in 0usize..3,
            pick in any::<prop::sample::Index>(),
            bit in 0u8..7,
        ) {
            let ts = secs.to_string();
            let sig = mailgun::sign(&secret, &ts, &token);
            let fields = [ts.clone(), token.clone(), sig.clone()];
            let form = |f: &[String; 3]| format!("event=opened&timestamp={}&token={}&signature={}", f[0], f[1], f[2]);
            prop_assert!(check("mailgun", &[], form(&fields).as_bytes(), &secret, secs * 1000).is_ok());
            // Any flipped byte in the signed fields (timestamp, token, signature) is rejected.
            let mut flipped = fields.clone();
            let mut bytes = flipped[field].clone().into_bytes();
            let i = pick.index(bytes.len());
            bytes[i] ^= 1 << bit;
            flipped[field] = String::from_utf8_lossy(&bytes).into_owned();
            prop_assume!(flipped[field] != fields[field]);
            let body = form(&flipped);
            prop_assert!(check("mailgun", &[], body.as_bytes(), &secret, secs * 1000).is_err(), "{body}");
        }

        #[test]
        fn zalo_round_trip_and_flips(
            text in "[ -~]{0,200}",
            app_id in "[0-9]{1,20}",
            secret in proptest::collection::vec(any::<u8>(), 1..64),
            ms in 1_000_000_000_000i64..4_000_000_000_000,
            pick in any::<prop::sample::Index>(),
            bit in 0u8..8,
        ) {
            // The registry's Zalo reads the app id from the body; both are hashed.
            let body = serde_json::json!({
                "app_id": app_id, "event_name": "user_send_text",
                "message": {"text": text}, "timestamp": ms.to_string(),
            })
            .to_string()
            .into_bytes();
            let sig = zalo::sign(&secret, &app_id, &body).unwrap();
            let headers = [(zalo::SIGNATURE_HEADER, sig.as_str())];
            prop_assert!(check("zalo", &headers, &body, &secret, ms).is_ok());
            assert_late_then_forged("zalo", &headers, &body, &secret, ms);
            let mut tampered = body.clone();
            tampered[pick.index(body.len())] ^= 1 << bit;
            prop_assert!(check("zalo", &headers, &tampered, &secret, ms).is_err());
            let mut bad_sig = sig.clone().into_bytes();
            let i = pick.index(bad_sig.len());
            bad_sig[i] ^= 1 << bit;
            let bad_sig = String::from_utf8_lossy(&bad_sig).into_owned();
            prop_assert!(check("zalo", &[(zalo::SIGNATURE_HEADER, bad_sig.as_str())], &body, &secret, ms).is_err());
        }
    }
}
