//! Verify cost per provider against raw HMAC-SHA256 over the same body, in the same run.
//!
//! `cargo bench --bench verify`, then `python3 benches/ratios.py verify` prints the ratios.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use std::hint::black_box;
use webhook_guard::registry;
use webhook_guard::{Secret, Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

const SIZES: &[(usize, &str)] = &[
    (256, "256B"),
    (4096, "4KiB"),
    (65536, "64KiB"),
    (1 << 20, "1MiB"),
];
const URL: &str = "https://example.com/hooks/in?tenant=7";
/// Signing keys for schemes that cannot sign with arbitrary bytes, as the provider displays them.
const FIXED_SIGNING_KEYS: &[(&str, &str)] = &[];

fn bench(c: &mut Criterion) {
    let now = UnixTime::from_secs(1_700_000_000).expect("time");
    for &(size, label) in SIZES {
        let body: Vec<u8> = (0..size).map(|i| b"{\"k\": \"v\"}, "[i % 11]).collect();
        let mut group = c.benchmark_group(format!("verify/{label}"));
        group.throughput(Throughput::Bytes(size as u64));
        if size >= 65536 {
            group.sample_size(20);
        }
        group.bench_function("raw_hmac_sha256", |b| {
            b.iter(|| {
                let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(b"a signing secret")
                    .expect("any key length");
                mac.update(black_box(&body));
                black_box(mac.finalize().into_bytes())
            })
        });
        for name in registry::NAMES {
            let provider = registry::by_name(name).expect("registered");
            let key = match FIXED_SIGNING_KEYS.iter().find(|(n, _)| n == name) {
                Some((_, display)) => provider.secret_from_display(display).expect("key"),
                None => Secret::from_text("a signing secret"),
            };
            let message = SignInput::new(&body, now)
                .with_id("msg_2b3c4d")
                .with_url(URL)
                .with_method("POST")
                .with_event("ping");
            let signed = provider.sign(&key, &message).expect("sign");
            let url = signed.url.clone().unwrap_or_else(|| URL.to_owned());
            let secrets = Secrets::new(provider.verification_key(&key).expect("key"));
            let tolerance = provider
                .default_tolerance()
                .unwrap_or(Tolerance::FIVE_MINUTES);
            let headers = signed.headers;
            group.bench_with_input(BenchmarkId::from_parameter(name), &body, |b, body| {
                b.iter(|| {
                    let req = WebhookRequest::new(&headers, black_box(body))
                        .with_url(&url)
                        .with_method("POST");
                    black_box(provider.verify(&req, &secrets, now, tolerance)).expect("valid")
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
