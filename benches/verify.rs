//! Verify cost per provider against raw HMAC-SHA256 over the same body, in the same run.
//!
//! `cargo bench --bench verify`, then `python3 benches/ratios.py verify` prints the ratios.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use std::hint::black_box;
use webhook_guard::providers::mailgun;
use webhook_guard::registry;
use webhook_guard::{Secret, Secrets, SignInput, Tolerance, UnixTime, WebhookRequest};

const SIZES: &[(usize, &str)] = &[
    (256, "256B"),
    (4096, "4KiB"),
    (65536, "64KiB"),
    (1 << 20, "1MiB"),
];
const URL: &str = "https://example.com/hooks/in?tenant=7";

fn bench(c: &mut Criterion) {
    let now = UnixTime::from_secs(1_700_000_000).expect("time");
    for &(size, label) in SIZES {
        // A JSON body of exactly `size` bytes (Linear reads its signed timestamp from it).
        let head = format!(r#"{{"webhookTimestamp":{},"data":""#, now.as_millis());
        let mut body = head.into_bytes();
        body.resize(size - 2, b'x');
        body.extend_from_slice(b"\"}");
        // Mailgun signs timestamp + token inside a form body of the same size.
        let token = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
        let ts = now.as_secs().to_string();
        let tail = format!(
            "&timestamp={ts}&token={token}&signature={}",
            mailgun::sign(b"a signing secret", &ts, token)
        );
        let mut form = b"event-data=".to_vec();
        form.resize(size - tail.len(), b'x');
        form.extend_from_slice(tail.as_bytes());
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
        for name in registry::names() {
            let provider = registry::by_name(name).expect("registered");
            if name == "mailgun" {
                let secrets = Secrets::new(Secret::from_text("a signing secret"));
                group.bench_with_input(BenchmarkId::from_parameter(name), &form, |b, form| {
                    b.iter(|| {
                        let headers: [(&str, &str); 0] = [];
                        let req = WebhookRequest::new(&headers, black_box(form));
                        black_box(provider.verify(&req, &secrets, now, Tolerance::FIVE_MINUTES))
                            .expect("valid")
                    })
                });
                continue;
            }
            let key = common::signing_key(&*provider, b"a signing secret");
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
