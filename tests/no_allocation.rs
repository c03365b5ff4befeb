//! The verify path performs zero heap allocations: for every provider in the registry, with a
//! 4 KiB JSON body, nested JSON with escaped strings and a form of dozens of parameters, with the
//! right key last of three; through `Verifier::verify`, accepting and rejecting. And the counter
//! sees the one documented fallback (a Twilio form beyond 128 parameters). Provider
//! configurations other than the registry's (Twilio HMAC-SHA256, HubSpot v1/v2, Meta's opt-in SHA-1) too.
//!
//! Runs without the test harness (`harness = false` in Cargo.toml): the counter is global, and
//! the harness's own threads would mix their allocations into the counts.

mod common;

use std::alloc::System;

use stats_alloc::{Region, Stats, StatsAlloc, INSTRUMENTED_SYSTEM};
use webhook_guard::providers::stripe::Stripe;
use webhook_guard::registry::{self, AnyProvider};
use webhook_guard::{
    FixedClock, Secret, Secrets, SignInput, Tolerance, UnixTime, Verifier, WebhookRequest,
};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Providers whose verify path may allocate, with the reason. Must stay free of HMAC schemes.
const ALLOCATING: &[(&str, &str)] = &[];

const URL: &str = "https://example.com/hooks/in?tenant=7";
const ROUNDS: usize = 100;

fn main() {
    let now = UnixTime::from_secs(1_700_000_000).unwrap();
    let mut failures = Vec::new();
    every_provider_verifies_without_allocating(now, &mut failures);
    verifier_accepts_and_rejects_without_allocating(now, &mut failures);
    configured_variants_verify_without_allocating(now, &mut failures);
    shopify_events_headers_without_allocating(now, &mut failures);
    counter_sees_the_documented_heap_fallback();
    for failure in &failures {
        println!("FAIL: {failure}");
    }
    if !failures.is_empty() {
        println!("0 passed, 1 failed");
        std::process::exit(1);
    }
    println!("1 passed, 0 failed");
}

/// Allocations and reallocations in `stats`.
fn heap_operations(stats: &Stats) -> usize {
    stats.allocations + stats.reallocations
}

/// A request signed for `provider`, as a sender would post it.
struct SignedRequest {
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    url: String,
}

fn sign(provider: &dyn AnyProvider, key: &Secret, body: &[u8], now: UnixTime) -> SignedRequest {
    let message = SignInput::new(body, now)
        .with_id("msg_2b3c4d")
        .with_url(URL)
        .with_method("POST")
        .with_event("ping");
    let signed = provider
        .sign(key, &message)
        .unwrap_or_else(|e| panic!("{}: sign: {e}", provider.name()));
    SignedRequest {
        headers: signed.headers,
        // Mailgun puts its signature into the body.
        body: signed.body.unwrap_or_else(|| body.to_vec()),
        url: signed.url.unwrap_or_else(|| URL.to_owned()),
    }
}

fn every_provider_verifies_without_allocating(now: UnixTime, failures: &mut Vec<String>) {
    // Linear and Zalo read their signed timestamp from a JSON body (Zalo its app id too):
    // both JSON bodies carry them.
    let filler = "x".repeat(4000);
    let large = format!(
        r#"{{"webhookTimestamp":{},"id":"evt_1","type":"ping","data":{{"f":"{filler}"}},"app_id":"1","timestamp":"{}"}}"#,
        now.as_millis(),
        now.as_millis()
    );
    let nested = format!(
        r#"{{"event_id":"evt_1","event_type":"a.b","type":"Issue","event":"meeting.started","webhookTimestamp":{},"data":{{"title":"Fix \"it\"\n","labels":[{{"id":"l1","parent":{{"deep":[[{{"x":"\u00e9"}}]]}}}}]}},"app_id":"1","timestamp":"{}","event_name":"user_send_text"}}"#,
        now.as_millis(),
        now.as_millis()
    );
    let form: String = (0..60)
        .map(|i| format!("Param{}=%2Bvalue+{i}&", 60 - i))
        .collect();
    let bodies = [
        ("4 KiB JSON", large.as_bytes()),
        ("nested JSON", nested.as_bytes()),
        ("form of 60 parameters", form.as_bytes()),
    ];

    // Adyen signs inside notification items: its bodies are notifications, 4 KiB and escaped.
    let adyen_large = common::ADYEN_BODY.replace(
        r#""success":"true""#,
        &format!(r#""success":"true","reason":"{filler}""#),
    );
    let adyen_nested = common::ADYEN_BODY.replace(
        r#""merchantReference":"TestPayment-1407325143704""#,
        r#""merchantReference":"Pay \"\u00e9\" \\:\/ 1","operations":[["CANCEL"],{"a":[{}]}]"#,
    );
    let adyen_bodies = [
        ("4 KiB JSON", adyen_large.as_bytes()),
        ("nested JSON", adyen_nested.as_bytes()),
    ];

    for name in registry::names() {
        let provider = registry::by_name(name).unwrap();
        let bodies = if name == "adyen" {
            &adyen_bodies[..]
        } else {
            &bodies[..]
        };
        let (signing, verifying) = common::cli_keys(name);
        let key = provider.secret_from_display(&signing).unwrap();
        let tolerance = provider
            .default_tolerance()
            .unwrap_or(Tolerance::FIVE_MINUTES);
        for &(label, body) in bodies {
            if matches!(name, "linear" | "zalo") && !body.starts_with(b"{") {
                // Linear and Zalo sign a timestamp inside a JSON body: a form cannot carry it.
                continue;
            }
            let signed = sign(&*provider, &key, body, now);
            // Three keys, the right one last: rotation must not allocate either. Fresh ones per
            // case, so that keying the HMAC on first use is measured too.
            let secrets = Secrets::new(Secret::from_text("old one"))
                .with(Secret::from_text("older one"))
                .with(provider.secret_from_display(&verifying).unwrap());
            let region = Region::new(GLOBAL);
            for _ in 0..ROUNDS {
                let req = WebhookRequest::new(&signed.headers, &signed.body)
                    .with_url(&signed.url)
                    .with_method("POST");
                let delivery = provider.verify(&req, &secrets, now, tolerance);
                assert!(delivery.is_ok(), "{name}, {label}: {delivery:?}");
                std::hint::black_box(delivery.ok());
            }
            let operations = heap_operations(&region.change());
            println!("{name}, {label}: {operations} heap operations in {ROUNDS} verifications");
            if operations != 0 && !ALLOCATING.iter().any(|(n, _)| *n == name) {
                failures.push(format!(
                    "{name}, {label}: {:.1} heap operations per verify",
                    operations as f64 / ROUNDS as f64
                ));
            }
        }
    }
}

/// Shopify's Events deliveries carry both header families (each pair compared): still zero.
fn shopify_events_headers_without_allocating(now: UnixTime, failures: &mut Vec<String>) {
    use webhook_guard::providers::shopify::{self, Shopify, EVENTS_HEADERS, HEADERS};
    use webhook_guard::Provider;
    let secret = "a shopify client secret, 32 bytes";
    let body = br#"{"id":820982911946154508,"total_price":"403.00"}"#;
    let signature = shopify::sign(secret.as_bytes(), body);
    let id = "98880550-7158-44d4-b7cd-2c97c8a091b5";
    let headers = [
        (HEADERS.signature, signature.as_str()),
        (HEADERS.topic, "orders/create"),
        (HEADERS.webhook_id, id),
        (EVENTS_HEADERS.signature, signature.as_str()),
        (EVENTS_HEADERS.topic, "orders/create"),
        (EVENTS_HEADERS.webhook_id, id),
        (EVENTS_HEADERS.event_id, id),
    ];
    let secrets = Secrets::new(Secret::from_text(secret));
    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        let req = WebhookRequest::new(&headers, body);
        let delivery = Provider::verify(&Shopify, &req, &secrets, now, Tolerance::FIVE_MINUTES);
        assert!(delivery.is_ok(), "{delivery:?}");
        std::hint::black_box(delivery.ok());
    }
    let operations = heap_operations(&region.change());
    println!(
        "shopify, both header families: {operations} heap operations in {ROUNDS} verifications"
    );
    if operations != 0 {
        failures.push(format!(
            "shopify, both header families: {operations} heap operations"
        ));
    }
}

/// Through the Verifier (body limit, clock, tolerance): still zero, and rejections too.
fn verifier_accepts_and_rejects_without_allocating(now: UnixTime, failures: &mut Vec<String>) {
    let verifier = Verifier::builder(Stripe)
        .secret(Secret::from_text("whsec_test_secret"))
        .clock(FixedClock(now))
        .build()
        .unwrap();
    let body = br#"{"id":"evt_1","type":"customer.created","data":{"object":{}}}"#;
    let stripe = registry::by_name("stripe").unwrap();
    let signed = sign(&*stripe, &Secret::from_text("whsec_test_secret"), body, now);
    let bad = [("Stripe-Signature", "t=1700000000,v1=00")];

    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        let delivery = verifier.verify(&WebhookRequest::new(&signed.headers, &signed.body));
        assert!(delivery.is_ok(), "{delivery:?}");
        std::hint::black_box(delivery.ok());
    }
    let accepted = heap_operations(&region.change());

    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        let rejected = verifier.verify(&WebhookRequest::new(&bad, body));
        assert!(rejected.is_err());
        std::hint::black_box(rejected.err());
    }
    let rejected = heap_operations(&region.change());

    for (label, operations) in [("Verifier<Stripe>", accepted), ("rejections", rejected)] {
        println!("{label}: {operations} heap operations in {ROUNDS} verifications");
        if operations != 0 {
            failures.push(format!("{label}: {operations} heap operations"));
        }
    }
}

/// Verifies `headers` + `body` at `url` with `provider` [`ROUNDS`] times, expecting `ok` (or a
/// rejection), and records any heap operation as a failure.
fn count_verifications(
    label: &str,
    provider: &dyn AnyProvider,
    secrets: &Secrets,
    (headers, body, url): (&[(String, String)], &[u8], &str),
    now: UnixTime,
    ok: bool,
    failures: &mut Vec<String>,
) {
    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        let req = WebhookRequest::new(&headers, body)
            .with_url(url)
            .with_method("POST");
        let result = provider.verify(&req, secrets, now, Tolerance::FIVE_MINUTES);
        assert_eq!(result.is_ok(), ok, "{label}: {result:?}");
        std::hint::black_box(result.ok());
    }
    let operations = heap_operations(&region.change());
    println!("{label}: {operations} heap operations in {ROUNDS} verifications");
    if operations != 0 {
        failures.push(format!("{label}: {operations} heap operations"));
    }
}

/// Twilio signing with HMAC-SHA256 (the settings header), verified by the default and the
/// strict receiver, accepted and refused; HubSpot v1 and v2 accepted and refused.
fn configured_variants_verify_without_allocating(now: UnixTime, failures: &mut Vec<String>) {
    use webhook_guard::providers::hubspot::{self, HubSpot, SignatureVersion};
    use webhook_guard::providers::twilio::{self, Twilio};

    let form: String = (0..60)
        .map(|i| format!("Param{}=%2Bvalue+{i}&", 60 - i))
        .collect();
    let json = format!(r#"{{"id":"evt_1","data":{{"f":"{}"}}}}"#, "x".repeat(4000));
    let key = Secret::from_text("a SharedKey secret of some length");
    let secrets = Secrets::new(Secret::from_text("an old key of some length"))
        .with(Secret::from_text("a SharedKey secret of some length"));
    let signer = Twilio::new().sign_with_shared_key("KS0123");
    for (body_label, body) in [
        ("form of 60 parameters", form.as_bytes()),
        ("4 KiB JSON", json.as_bytes()),
    ] {
        let signed = sign(&signer, &key, body, now);
        for (name, verifier) in [
            ("twilio", Twilio),
            ("twilio require_sha256", Twilio::new().require_sha256()),
        ] {
            let label = format!("{name}, HMAC-SHA256, {body_label}");
            count_verifications(
                &label,
                &verifier,
                &secrets,
                (&signed.headers, &signed.body, &signed.url),
                now,
                true,
                failures,
            );
            // The settings header removed: refused, still without allocating.
            let stripped: Vec<(String, String)> = signed
                .headers
                .iter()
                .filter(|(n, _)| n != twilio::SIGNATURE_SETTINGS_HEADER)
                .cloned()
                .collect();
            let label = format!("{label}, settings header removed");
            count_verifications(
                &label,
                &verifier,
                &secrets,
                (&stripped, &signed.body, &signed.url),
                now,
                false,
                failures,
            );
        }
    }

    let legacy = HubSpot::new().min_version(SignatureVersion::V1);
    let secret = b"yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    let secrets = Secrets::new(Secret::from_text("an old key of some length"))
        .with(Secret::from_bytes(&secret[..]));
    let body = json.as_bytes();
    for (version, signature) in [
        ("v1", hubspot::signature_v1(secret, body)),
        ("v2", hubspot::signature_v2(secret, "POST", URL, body)),
    ] {
        let headers = vec![
            (hubspot::VERSION_HEADER.to_owned(), version.to_owned()),
            (hubspot::LEGACY_SIGNATURE_HEADER.to_owned(), signature),
        ];
        let label = format!("hubspot {version}, 4 KiB JSON");
        count_verifications(
            &label,
            &legacy,
            &secrets,
            (&headers, body, URL),
            now,
            true,
            failures,
        );
        let label = format!("hubspot {version}, tampered body");
        count_verifications(
            &label,
            &legacy,
            &secrets,
            (&headers, &body[1..], URL),
            now,
            false,
            failures,
        );
    }

    // Meta's opt-in legacy SHA-1 header, alone.
    let meta_legacy = webhook_guard::providers::meta::Meta::new().allow_legacy_sha1();
    let secret = b"0123456789abcdef0123456789abcdef";
    let secrets = Secrets::new(Secret::from_text("an old key of some length"))
        .with(Secret::from_bytes(&secret[..]));
    let headers = vec![(
        webhook_guard::providers::meta::LEGACY_SIGNATURE_HEADER.to_owned(),
        webhook_guard::providers::meta::sign_legacy(secret, body),
    )];
    for (label, body, ok) in [
        ("meta allow_legacy_sha1, SHA-1 only, 4 KiB JSON", body, true),
        (
            "meta allow_legacy_sha1, SHA-1 only, tampered body",
            &body[1..],
            false,
        ),
    ] {
        count_verifications(
            label,
            &meta_legacy,
            &secrets,
            (&headers, body, URL),
            now,
            ok,
            failures,
        );
    }
}

/// The counter works: a Twilio form beyond the stack array's 128 parameters sorts in a `Vec`,
/// as documented, and that allocation is seen.
fn counter_sees_the_documented_heap_fallback() {
    let now = UnixTime::from_millis(0);
    let form: String = (0..200).map(|i| format!("p{i}={i}&")).collect();
    let twilio = registry::by_name("twilio").unwrap();
    let key = Secret::from_text("a test secret of 32 bytes or more");
    let signed = sign(&*twilio, &key, form.as_bytes(), now);
    let secrets = Secrets::new(key);
    let req = WebhookRequest::new(&signed.headers, &signed.body).with_url(&signed.url);
    let region = Region::new(GLOBAL);
    let result = twilio.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES);
    let stats = region.change();
    assert!(result.is_ok(), "{result:?}");
    assert!(stats.allocations > 0, "the counter saw nothing: {stats:?}");
    println!("twilio, form of 200 parameters: {stats:?} (the documented fallback)");
}
