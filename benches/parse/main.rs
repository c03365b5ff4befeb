//! Verify + typed parse against a bare HMAC-SHA256 of the same body, in the same run:
//!
//! - a ~10 KB GitHub `push` (target: at most 3× the raw HMAC), here;
//! - Stripe `customer.created` (target: at most 3.5×), in [`stripe`].
//!
//! Run with `cargo bench --bench parse` (criterion options after `--`, e.g.
//! `-- --warm-up-time 1 --measurement-time 3`, or a filter: `-- stripe`).
//!
//! After criterion's report, the ratios are printed once more from the fastest of many
//! interleaved batches of each, which holds steady on a busy machine where criterion's means
//! of the two can drift apart.

#![allow(clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, Criterion};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use webhook_guard::events::github::Event;
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Secret, Verifier, WebhookRequest};

mod push;
mod stripe;

use push::push_body;

/// HMAC-SHA256 of `body` under [`SECRET`], keyed afresh: the baseline.
fn raw_hmac(body: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

const SECRET: &str = "It's a Secret to Everybody";

fn bench(c: &mut Criterion) {
    let body = push_body();
    let signature = github::sign(SECRET.as_bytes(), &body);
    let headers = [
        (github::SIGNATURE_HEADER, signature.as_str()),
        (github::EVENT_HEADER, "push"),
        (
            github::DELIVERY_HEADER,
            "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        ),
    ];
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .build()
        .expect("verifier");
    let request = WebhookRequest::new(&headers, &body);
    assert!(matches!(
        verifier.verify_event(&request),
        Ok((_, Event::Push(_)))
    ));

    let mut group = c.benchmark_group(format!("github_push_{}_bytes", body.len()));
    group.bench_function("raw_hmac_sha256", |b| b.iter(|| raw_hmac(black_box(&body))));
    group.bench_function("verify", |b| {
        b.iter(|| verifier.verify(black_box(&request)))
    });
    group.bench_function("typed_parse", |b| {
        b.iter(|| Event::parse(black_box("push"), black_box(&body)))
    });
    group.bench_function("verify_and_typed_parse", |b| {
        b.iter(|| verifier.verify_event(black_box(&request)))
    });
    group.bench_function("untyped_value_parse", |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(&body)))
    });
    group.finish();
}

/// Fastest of many interleaved batches: raw HMAC against verify + typed parse.
fn steady_ratio() {
    const BATCH: u32 = 200;
    let body = push_body();
    let signature = github::sign(SECRET.as_bytes(), &body);
    let headers = [
        (github::SIGNATURE_HEADER, signature.as_str()),
        (github::EVENT_HEADER, "push"),
    ];
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(SECRET))
        .build()
        .expect("verifier");
    let request = WebhookRequest::new(&headers, &body);
    let (mut hmac, mut full) = (f64::MAX, f64::MAX);
    for _ in 0..300 {
        let start = Instant::now();
        for _ in 0..BATCH {
            black_box(raw_hmac(black_box(&body)));
        }
        hmac = hmac.min(start.elapsed().as_secs_f64() / f64::from(BATCH));
        let start = Instant::now();
        for _ in 0..BATCH {
            black_box(verifier.verify_event(black_box(&request)).is_ok());
        }
        full = full.min(start.elapsed().as_secs_f64() / f64::from(BATCH));
    }
    println!(
        "github push, {} bytes: raw HMAC-SHA256 {:.2} µs, verify + typed parse {:.2} µs, ratio {:.2}",
        body.len(),
        hmac * 1e6,
        full * 1e6,
        full / hmac
    );
}

criterion_group!(benches, bench);

fn main() {
    benches();
    stripe::benches();
    Criterion::default().configure_from_args().final_summary();
    steady_ratio();
    stripe::steady_ratio();
}
