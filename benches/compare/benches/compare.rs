//! webhook-guard against what its users would otherwise write, verify + typed parse, from the
//! `http::HeaderMap` and body a server holds, with the system clock on both sides:
//!
//! - Stripe `customer.created` (the crate's fixture, see [`stripe_customer_created`]):
//!   `Verifier<Stripe>::verify_event` against
//!   async-stripe 0.41's `Webhook::construct_event` (target: ours at least 2.5× faster);
//! - GitHub `push`, ~10 KB: `Verifier<GitHub>::verify_event` against octocrab's
//!   `WebhookEvent::try_from_header_and_body` after an HMAC-SHA256 check written the way an
//!   octocrab user has to (octocrab verifies nothing) (target: at least 6× faster).
//!
//! `cargo bench --manifest-path benches/compare/Cargo.toml -- --warm-up-time 1 --measurement-time 3`
//!
//! After criterion's report, the ratios are printed from the fastest of interleaved batches.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use http::HeaderMap;
use sha2::Sha256;
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::{Clock, Secret, SystemClock, Verifier, WebhookRequest};
use webhook_guard_compare::{github_push, header_map, interleaved, stripe_customer_created};

const STRIPE_SECRET: &str = "whsec_bench_0123456789abcdef";
const GITHUB_SECRET: &str = "It's a Secret to Everybody";
const BUDGET: Duration = Duration::from_secs(2);

/// A Stripe delivery signed now, as a server holds it.
struct StripeCase {
    verifier: Verifier<Stripe>,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl StripeCase {
    fn new() -> Self {
        let body = stripe_customer_created();
        let now = SystemClock.now().as_secs();
        let signature = stripe::sign(STRIPE_SECRET.as_bytes(), now, &body);
        let verifier = Verifier::builder(Stripe)
            .secret(Secret::from_text(STRIPE_SECRET))
            .build()
            .expect("verifier");
        let case = StripeCase {
            verifier,
            headers: header_map(&[(stripe::SIGNATURE_HEADER, &signature)], body.len()),
            body,
        };
        let (_, event) = case.ours().expect("webhook-guard accepts it");
        assert_eq!(event.event_type, webhook_guard::events::stripe::EventType::CustomerCreated);
        let theirs = async_stripe::Webhook::construct_event(
            std::str::from_utf8(&case.body).expect("UTF-8"),
            &signature,
            STRIPE_SECRET,
        )
        .unwrap_or_else(|e| panic!("async-stripe refuses it: {e:?}"));
        assert_eq!(theirs.type_, async_stripe::EventType::CustomerCreated);
        assert!(matches!(
            theirs.data.object,
            async_stripe::EventObject::Customer(_)
        ));
        case
    }

    fn ours(&self) -> Result<(webhook_guard::Delivery, webhook_guard::events::stripe::Event), webhook_guard::Error> {
        let req = WebhookRequest::new(black_box(&self.headers), black_box(&self.body));
        self.verifier.verify_event(&req)
    }

    /// What an async-stripe user writes in a handler: header as text, body as text, construct.
    fn async_stripe(&self) -> Option<async_stripe::Event> {
        let signature = black_box(&self.headers)
            .get("stripe-signature")?
            .to_str()
            .ok()?;
        let payload = std::str::from_utf8(black_box(&self.body)).ok()?;
        async_stripe::Webhook::construct_event(payload, signature, STRIPE_SECRET).ok()
    }
}

/// A GitHub `push` delivery, as a server holds it.
struct GitHubCase {
    verifier: Verifier<GitHub>,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl GitHubCase {
    fn new() -> Self {
        let body = github_push();
        let signature = github::sign(GITHUB_SECRET.as_bytes(), &body);
        let headers = header_map(
            &[
                (github::SIGNATURE_HEADER, &signature),
                (github::EVENT_HEADER, "push"),
                (
                    github::DELIVERY_HEADER,
                    "72d3162e-cc78-11e3-81ab-4c9367dc0958",
                ),
            ],
            body.len(),
        );
        let verifier = Verifier::builder(GitHub)
            .secret(Secret::from_text(GITHUB_SECRET))
            .build()
            .expect("verifier");
        let case = GitHubCase {
            verifier,
            headers,
            body,
        };
        let (_, event) = case.ours().expect("webhook-guard accepts it");
        assert!(matches!(event, webhook_guard::events::github::Event::Push(_)));
        let theirs = case.octocrab().expect("octocrab accepts it");
        assert!(matches!(
            theirs.specific,
            octocrab::models::webhook_events::WebhookEventPayload::Push(_)
        ));
        case
    }

    fn ours(&self) -> Result<(webhook_guard::Delivery, webhook_guard::events::github::Event), webhook_guard::Error> {
        let req = WebhookRequest::new(black_box(&self.headers), black_box(&self.body));
        self.verifier.verify_event(&req)
    }

    /// What an octocrab user writes: octocrab parses but does not verify, so the signature
    /// check is theirs (hex-decode the header, then let the `hmac` crate compare).
    fn octocrab(&self) -> Option<octocrab::models::webhook_events::WebhookEvent> {
        let headers = black_box(&self.headers);
        let body = black_box(&self.body);
        let signature = headers.get("x-hub-signature-256")?.to_str().ok()?;
        let tag = hex::decode(signature.strip_prefix("sha256=")?).ok()?;
        let mut mac = Hmac::<Sha256>::new_from_slice(GITHUB_SECRET.as_bytes()).ok()?;
        mac.update(body);
        mac.verify_slice(&tag).ok()?;
        let event = headers.get("x-github-event")?.to_str().ok()?;
        octocrab::models::webhook_events::WebhookEvent::try_from_header_and_body(event, body).ok()
    }
}

fn bench(c: &mut Criterion) {
    let stripe = StripeCase::new();
    let mut group = c.benchmark_group(format!(
        "stripe_customer_created_{}_bytes",
        stripe.body.len()
    ));
    group.throughput(Throughput::Bytes(stripe.body.len() as u64));
    group.bench_function("webhook_guard", |b| b.iter(|| stripe.ours()));
    group.bench_function("async_stripe", |b| b.iter(|| stripe.async_stripe()));
    group.finish();

    let github = GitHubCase::new();
    let mut group = c.benchmark_group(format!("github_push_{}_bytes", github.body.len()));
    group.throughput(Throughput::Bytes(github.body.len() as u64));
    group.bench_function("webhook_guard", |b| b.iter(|| github.ours()));
    group.bench_function("octocrab", |b| b.iter(|| github.octocrab()));
    group.finish();
}

/// The ratios, from interleaved batches.
fn report() {
    let stripe = StripeCase::new();
    let (ours, theirs) = interleaved(|| stripe.ours(), || stripe.async_stripe(), BUDGET);
    line(
        &format!("Stripe customer.created, {} bytes", stripe.body.len()),
        "async-stripe 0.41 construct_event",
        ours,
        theirs,
        2.5,
    );
    let github = GitHubCase::new();
    let (ours, theirs) = interleaved(|| github.ours(), || github.octocrab(), BUDGET);
    line(
        &format!("GitHub push, {} bytes", github.body.len()),
        "HMAC check + octocrab WebhookEvent",
        ours,
        theirs,
        6.0,
    );
}

fn line(what: &str, them: &str, ours: Duration, theirs: Duration, target: f64) {
    let speedup = theirs.as_secs_f64() / ours.as_secs_f64();
    let verdict = if speedup >= target { "ok" } else { "MISS" };
    println!(
        "{what}: webhook-guard verify + typed parse {:.2} µs, {them} {:.2} µs: \
         {speedup:.2}× faster ({verdict}, target ≥ {target}×)",
        ours.as_secs_f64() * 1e6,
        theirs.as_secs_f64() * 1e6,
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if std::env::args().any(|a| a == "--bench") {
        report();
    }
}
