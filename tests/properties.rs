//! Property tests over every provider the registry knows: sign → verify round-trips for
//! arbitrary bodies (empty and non-UTF-8 included), and any single flipped byte in the body or in
//! a signed header (signature, id, timestamp) is rejected.

use proptest::prelude::*;
use webhook_guard::registry::{self, AnyProvider};
use webhook_guard::{Secret, Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

/// Headers a sender sends but does not sign: flipping them cannot be detected, by design.
const UNSIGNED_HEADERS: &[&str] = &[
    "content-type",
    "x-github-event",
    "x-github-delivery",
    "x-shopify-topic",
    "x-shopify-webhook-id",
];

/// Signing keys for schemes that cannot sign with arbitrary bytes (asymmetric ones), as the
/// provider displays them.
const FIXED_SIGNING_KEYS: &[(&str, &str)] = &[];

const URL: &str = "https://example.com/hooks/in?tenant=7";

struct Case {
    headers: Vec<(String, Vec<u8>)>,
    url: String,
    secrets: Secrets,
}

fn signing_key(provider: &dyn AnyProvider, random: &[u8]) -> Secret {
    match FIXED_SIGNING_KEYS
        .iter()
        .find(|(name, _)| *name == provider.name())
    {
        Some((_, display)) => provider.secret_from_display(display).unwrap(),
        None => Secret::from_bytes(random.to_vec()),
    }
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
        for name in registry::NAMES {
            let provider = registry::by_name(name).unwrap();
            let case = sign(&*provider, &key, &body, ts, &id);
            let delivery = verify(&*provider, &case, &case.headers, &body, ts);
            prop_assert!(delivery.is_ok(), "{name}: {delivery:?}");
            let delivery = delivery.unwrap();
            prop_assert_eq!(delivery.provider(), *name);
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
        for name in registry::NAMES {
            let provider = registry::by_name(name).unwrap();
            let case = sign(&*provider, &key, &body, ts, &id);
            if !body.is_empty() {
                let mut tampered = body.clone();
                tampered[pick.index(body.len())] ^= 1 << bit;
                let r = verify(&*provider, &case, &case.headers, &tampered, ts);
                prop_assert!(r.is_err(), "{name}: flipped body byte accepted");
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

    /// Arbitrary header values never panic any provider, and never verify.
    #[test]
    fn garbage_headers_never_panic_nor_pass(
        values in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..120), 6),
        body in bodies(),
    ) {
        for name in registry::NAMES {
            let provider = registry::by_name(name).unwrap();
            // Every header name any provider reads gets a garbage value.
            let names = [
                "X-Hub-Signature-256", "Stripe-Signature", "X-Slack-Signature",
                "X-Slack-Request-Timestamp", "X-Shopify-Hmac-Sha256", "webhook-id",
                "webhook-timestamp", "webhook-signature", "svix-id", "svix-timestamp",
                "svix-signature",
            ];
            let headers: Vec<(&str, &[u8])> = names
                .iter()
                .zip(values.iter().cycle())
                .map(|(n, v)| (*n, v.as_slice()))
                .collect();
            let req = WebhookRequest::new(&headers, &body).with_url(URL).with_method("POST");
            let secrets = Secrets::new(Secret::from_text("secret"));
            let r = provider.verify(&req, &secrets, UnixTime::from_millis(0), Tolerance::FIVE_MINUTES);
            prop_assert!(r.is_err(), "{name} accepted garbage");
        }
    }
}
