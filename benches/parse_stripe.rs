//! Stripe `customer.created` (the fixture): full verification (`Verifier`, fixed clock) plus the
//! typed parse, against a bare HMAC-SHA256 over the same bytes, in the same run. The ratio is
//! what matters (target: at most 3.5×).
//!
//! Besides criterion's three measurements, the bench prints the ratios from interleaved
//! batches (best batch of each), which holds up when other processes load the machine; and the
//! same event with its keys in Stripe's own order (`id`, `object` first — the fixture is sorted
//! alphabetically, as it is built from Stripe's OpenAPI examples).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::{FixedClock, Secret, Verifier, WebhookRequest};

const BODY: &[u8] = include_bytes!("../tests/fixtures/stripe/customer.created.json");
const SECRET: &str = "whsec_bench_0123456789abcdef";
const NOW: i64 = 1_700_000_000;

/// What verification cannot avoid: one HMAC-SHA256 over `{t}.{body}`.
fn raw_hmac(body: &[u8]) -> [u8; 32] {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()) else {
        return [0; 32];
    };
    mac.update(b"1700000000");
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// Mean time of one call over a short batch.
fn batch<T>(f: impl Fn() -> T) -> Duration {
    const N: u32 = 500;
    let start = Instant::now();
    for _ in 0..N {
        black_box(f());
    }
    start.elapsed() / N
}

fn bench(c: &mut Criterion) {
    let verifier = Verifier::builder(Stripe)
        .secret(Secret::from_text(SECRET))
        .clock(FixedClock::from_secs(NOW))
        .build();
    assert!(verifier.is_ok(), "verifier");
    let Ok(verifier) = verifier else { return };

    let header = stripe::sign(SECRET.as_bytes(), NOW, BODY);
    let headers = [("Stripe-Signature", header.as_str())];
    let req = WebhookRequest::new(&headers, BODY);
    // The bench must measure a successful, typed parse.
    let typed = |req: &WebhookRequest<'_>| matches!(verifier.verify_event(req), Ok((_, e)) if matches!(e.data.object, stripe::Object::Customer(_)));
    assert!(
        typed(&req),
        "customer.created did not verify and parse as a customer"
    );

    let text = std::str::from_utf8(BODY).unwrap_or_default();
    let stripe_order = text
        .replacen("      \"object\": \"customer\",\n", "", 1)
        .replacen(
            "\"object\": {\n",
            "\"object\": {\n      \"object\": \"customer\",\n",
            1,
        );
    assert_ne!(stripe_order, text, "fixture layout changed");
    let header2 = stripe::sign(SECRET.as_bytes(), NOW, stripe_order.as_bytes());
    let headers2 = [("Stripe-Signature", header2.as_str())];
    let req2 = WebhookRequest::new(&headers2, stripe_order.as_bytes());
    assert!(typed(&req2), "reordered customer.created did not parse");

    let mut group = c.benchmark_group("stripe_customer_created");
    group.throughput(Throughput::Bytes(BODY.len() as u64));
    group.bench_function("hmac_sha256_raw", |b| b.iter(|| raw_hmac(black_box(BODY))));
    group.bench_function("verify", |b| {
        b.iter(|| verifier.verify(black_box(&req)).is_ok())
    });
    group.bench_function("verify_and_parse", |b| {
        b.iter(|| verifier.verify_event(black_box(&req)).is_ok())
    });
    group.finish();

    let mut best = [Duration::MAX; 4];
    for _ in 0..400 {
        let round = [
            batch(|| raw_hmac(black_box(BODY))),
            batch(|| verifier.verify(black_box(&req)).is_ok()),
            batch(|| verifier.verify_event(black_box(&req)).is_ok()),
            batch(|| verifier.verify_event(black_box(&req2)).is_ok()),
        ];
        for (b, r) in best.iter_mut().zip(round) {
            *b = (*b).min(r);
        }
    }
    let [hmac, verify, full, full_stripe_order] = best;
    let ratio = |d: Duration| d.as_secs_f64() / hmac.as_secs_f64();
    println!(
        "stripe customer.created, {} bytes, best of interleaved batches:\n  \
         raw HMAC-SHA256          {hmac:?}\n  \
         verify                   {verify:?} ({:.2}x)\n  \
         verify + typed parse     {full:?} ({:.2}x, target <= 3.5x)\n  \
         same, Stripe's key order {full_stripe_order:?} ({:.2}x)",
        BODY.len(),
        ratio(verify),
        ratio(full),
        ratio(full_stripe_order),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
