//! Stripe `customer.created` (the fixture): full verification (`Verifier`, fixed clock) plus the
//! typed parse, against a bare HMAC-SHA256 over the same bytes, in the same run. The ratio is
//! what matters (target: at most 3.5×).
//!
//! Besides criterion's three measurements, [`steady_ratio`] prints the ratios from interleaved
//! batches (best batch of each), which holds up when other processes load the machine; and the
//! same event with its keys in Stripe's own order (`id`, `object` first — the fixture is sorted
//! alphabetically, as it is built from Stripe's OpenAPI examples).
//!
//! The raw HMAC keys a fresh state for every call, as a hand-written check would; the verifier
//! keys each secret once and starts every verification from that state, which saves two of the
//! ~30 SHA-256 blocks of this body. The interleaved report also gives the raw HMAC from a
//! pre-keyed state, so the ratio can be read both ways.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use webhook_guard::providers::stripe::{self, Stripe};
use webhook_guard::{FixedClock, Secret, Verifier, WebhookRequest};

const BODY: &[u8] = include_bytes!("../../tests/fixtures/stripe/customer.created.json");
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

/// What the measurements share: the verifier, and the event signed as the fixture has it and
/// with its keys in Stripe's order.
struct Setup {
    verifier: Verifier<Stripe>,
    header: String,
    reordered: String,
    reordered_header: String,
}

impl Setup {
    fn new() -> Option<Self> {
        let verifier = Verifier::builder(Stripe)
            .secret(Secret::from_text(SECRET))
            .clock(FixedClock::from_secs(NOW))
            .build();
        assert!(verifier.is_ok(), "verifier");
        let verifier = verifier.ok()?;
        let text = std::str::from_utf8(BODY).ok()?;
        let reordered = text
            .replacen("      \"object\": \"customer\",\n", "", 1)
            .replacen(
                "\"object\": {\n",
                "\"object\": {\n      \"object\": \"customer\",\n",
                1,
            );
        assert_ne!(reordered, text, "fixture layout changed");
        let setup = Setup {
            header: stripe::sign(SECRET.as_bytes(), NOW, BODY),
            reordered_header: stripe::sign(SECRET.as_bytes(), NOW, reordered.as_bytes()),
            reordered,
            verifier,
        };
        // The bench must measure a successful, typed parse.
        for (header, body) in [
            (&setup.header, BODY),
            (&setup.reordered_header, setup.reordered.as_bytes()),
        ] {
            let headers = [("Stripe-Signature", header.as_str())];
            let typed = matches!(
                setup.verifier.verify_event(&WebhookRequest::new(&headers, body)),
                Ok((_, e)) if matches!(e.data.object, webhook_guard::events::stripe::Object::Customer(_))
            );
            assert!(
                typed,
                "customer.created did not verify and parse as a customer"
            );
        }
        Some(setup)
    }
}

fn bench(c: &mut Criterion) {
    let Some(setup) = Setup::new() else { return };
    let verifier = &setup.verifier;
    let headers = [("Stripe-Signature", setup.header.as_str())];
    let req = WebhookRequest::new(&headers, BODY);

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
}

/// Best of interleaved batches: raw HMAC (fresh and pre-keyed), verify, verify + parse.
pub(crate) fn steady_ratio() {
    let Some(setup) = Setup::new() else { return };
    let verifier = &setup.verifier;
    let headers = [("Stripe-Signature", setup.header.as_str())];
    let req = WebhookRequest::new(&headers, BODY);
    let headers2 = [("Stripe-Signature", setup.reordered_header.as_str())];
    let req2 = WebhookRequest::new(&headers2, setup.reordered.as_bytes());
    let Ok(keyed) = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()) else {
        return;
    };
    let pre_keyed = |body: &[u8]| {
        let mut mac = keyed.clone();
        mac.update(b"1700000000");
        mac.update(b".");
        mac.update(body);
        <[u8; 32]>::from(mac.finalize().into_bytes())
    };

    let mut best = [Duration::MAX; 5];
    for _ in 0..400 {
        let round = [
            batch(|| raw_hmac(black_box(BODY))),
            batch(|| pre_keyed(black_box(BODY))),
            batch(|| verifier.verify(black_box(&req)).is_ok()),
            batch(|| verifier.verify_event(black_box(&req)).is_ok()),
            batch(|| verifier.verify_event(black_box(&req2)).is_ok()),
        ];
        for (b, r) in best.iter_mut().zip(round) {
            *b = (*b).min(r);
        }
    }
    let [hmac, hmac_keyed, verify, full, full_stripe_order] = best;
    let ratio = |d: Duration| d.as_secs_f64() / hmac.as_secs_f64();
    let ratio_keyed = |d: Duration| d.as_secs_f64() / hmac_keyed.as_secs_f64();
    println!(
        "stripe customer.created, {} bytes, best of interleaved batches \
         (ratios to the raw HMAC; to the pre-keyed one in brackets):\n  \
         raw HMAC-SHA256          {hmac:?}\n  \
         same, pre-keyed state    {hmac_keyed:?}\n  \
         verify                   {verify:?} ({:.2}x) [{:.2}x]\n  \
         verify + typed parse     {full:?} ({:.2}x, target <= 3.5x) [{:.2}x]\n  \
         same, Stripe's key order {full_stripe_order:?} ({:.2}x) [{:.2}x]",
        BODY.len(),
        ratio(verify),
        ratio_keyed(verify),
        ratio(full),
        ratio_keyed(full),
        ratio(full_stripe_order),
        ratio_keyed(full_stripe_order),
    );
}

criterion_group!(benches, bench);
