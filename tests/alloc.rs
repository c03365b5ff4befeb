//! The verify path performs zero heap allocations, for every provider in the registry and
//! through `Verifier::verify`. Runs without the test harness so that no other thread allocates
//! while a region is measured.

mod common;

use std::alloc::System;

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use webhook_guard::providers::stripe::Stripe;
use webhook_guard::registry;
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
    // 4 KiB of JSON (Linear reads its signed timestamp from the body).
    let filler = "x".repeat(4000);
    let body = format!(
        r#"{{"webhookTimestamp":{},"id":"evt_1","type":"ping","data":{{"f":"{filler}"}}}}"#,
        now.as_millis()
    )
    .into_bytes();
    let mut report = Vec::new();
    let mut failed = false;

    for name in registry::names() {
        let provider = registry::by_name(name).unwrap();
        if name == "mailgun" {
            report.push(format!("{name}: covered by tests/alloc_hmac_providers.rs"));
            continue;
        }
        let key = common::signing_key(&*provider, b"a signing secret");
        let message = SignInput::new(&body, now)
            .with_id("msg_2b3c4d")
            .with_url(URL)
            .with_method("POST")
            .with_event("ping");
        let signed = provider.sign(&key, &message).unwrap();
        let url = signed.url.clone().unwrap_or_else(|| URL.to_owned());
        // Three keys, the right one last: rotation must not allocate either.
        let secrets = Secrets::new(Secret::from_text("old one"))
            .with(Secret::from_text("older one"))
            .with(provider.verification_key(&key).unwrap());
        let headers = signed.headers.clone();
        let tolerance = provider
            .default_tolerance()
            .unwrap_or(Tolerance::FIVE_MINUTES);

        let region = Region::new(GLOBAL);
        for _ in 0..ROUNDS {
            let req = WebhookRequest::new(&headers, &body)
                .with_url(&url)
                .with_method("POST");
            let delivery = provider.verify(&req, &secrets, now, tolerance);
            assert!(delivery.is_ok(), "{name}: {delivery:?}");
            std::hint::black_box(delivery.ok());
        }
        let stats = region.change();
        let per_call = stats.allocations as f64 / ROUNDS as f64;
        report.push(format!(
            "{name}: {} allocations in {ROUNDS} verifications",
            stats.allocations
        ));
        let allowed = ALLOCATING.iter().any(|(n, _)| *n == name);
        if stats.allocations != 0 && !allowed {
            failed = true;
            report.push(format!(
                "  FAIL: {name} allocates {per_call:.1} times per verify"
            ));
        }
    }

    // Through the Verifier (body limit, clock, tolerance): still zero.
    let verifier = Verifier::builder(Stripe)
        .secret(Secret::from_text("whsec_test_secret"))
        .clock(FixedClock(now))
        .build()
        .unwrap();
    let header = webhook_guard::providers::stripe::sign(b"whsec_test_secret", now.as_secs(), &body);
    let headers = [("Stripe-Signature", header.as_str())];
    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        let delivery = verifier.verify(&WebhookRequest::new(&headers, &body));
        assert!(delivery.is_ok());
        std::hint::black_box(delivery.ok());
    }
    let stats = region.change();
    report.push(format!(
        "Verifier<Stripe>: {} allocations in {ROUNDS} verifications",
        stats.allocations
    ));
    failed |= stats.allocations != 0;

    // Rejections do not allocate either.
    let bad = [("Stripe-Signature", "t=1700000000,v1=00")];
    let region = Region::new(GLOBAL);
    for _ in 0..ROUNDS {
        std::hint::black_box(verifier.verify(&WebhookRequest::new(&bad, &body)).err());
    }
    let stats = region.change();
    report.push(format!(
        "rejections: {} allocations in {ROUNDS} verifications",
        stats.allocations
    ));
    failed |= stats.allocations != 0;

    for line in &report {
        println!("{line}");
    }
    if failed {
        println!("0 passed, 1 failed");
        std::process::exit(1);
    }
    println!("1 passed, 0 failed");
}
