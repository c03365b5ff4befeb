//! What a request with a bad signature costs, per scheme, against a GitHub verify (one
//! HMAC-SHA256 over the body) of the same body size, in the same run.
//!
//! An attacker without the secret chooses the body and the signature headers; each case below
//! is the most expensive such request we know for its scheme, and must be rejected.
//!
//! `cargo bench --features ed25519,p256,time --bench unauthenticated -- --warm-up-time 0.5 --measurement-time 2`
//! prints criterion's report, then a table of mean times and ratios to `github`, with how
//! each request was rejected. The means come from the timed loops themselves (criterion's
//! warm-up included), so both sides of a ratio ran under the same load.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use webhook_guard::providers::discord::{self, Discord};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::providers::sendgrid::{self, SendGrid};
use webhook_guard::providers::standard::{self, Standard};
use webhook_guard::providers::twilio::{self, Twilio};
use webhook_guard::{Provider, Secret, Secrets, Sign, Tolerance, UnixTime, WebhookRequest};

const SIZES: &[(usize, &str)] = &[(65536, "64KiB"), (1 << 20, "1MiB")];
const URL: &str = "https://example.com/hooks/in?tenant=7";
/// RFC 8032 test key 1: the seed, and the public key as Standard Webhooks displays it.
const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const WHPK: &str = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
/// Parameters in the long-parameter Twilio forms: the most the form scheme accepts (256,
/// `twilio::MAX_FORM_FIELDS`; older versions accepted any number).
const LONG_FORM_PARAMS: usize = 256;
const TS: i64 = 1_700_000_000;

/// Per group and case: total time and iterations of the timed loops, and how the request was
/// rejected.
type Means = RefCell<BTreeMap<String, BTreeMap<&'static str, (Duration, u64, &'static str)>>>;

struct Case {
    name: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    url: Option<String>,
    run: Box<Check>,
}

/// Verifies a request: `Ok` or the error's kind.
type Check = dyn Fn(&WebhookRequest<'_>) -> Result<(), &'static str>;

fn verifier<P: Provider + 'static>(provider: P, secrets: Secrets) -> Box<Check> {
    let now = UnixTime::from_secs(TS).unwrap();
    Box::new(move |req| {
        provider
            .verify(req, &secrets, now, Tolerance::FIVE_MINUTES)
            .map(drop)
            .map_err(|e| e.kind())
    })
}

fn filler(size: usize) -> Vec<u8> {
    let mut body = br#"{"data":""#.to_vec();
    body.resize(size - 2, b'x');
    body.extend_from_slice(b"\"}");
    body
}

/// `a=&a=&…`: as many parameters as fit.
fn tiny_params(size: usize) -> Vec<u8> {
    b"a=&".iter().copied().cycle().take(size).collect()
}

/// [`LONG_FORM_PARAMS`] parameters, all named `a`, whose values share all but their last four
/// characters, posted out of order: each comparison of the sort walks the whole value. With
/// `escaped`, the shared part is `%41` repeated (decoding works hardest); without, plain `A`s
/// (the HMAC works hardest: the decoded text is as long as the body).
fn long_params(size: usize, escaped: bool) -> Vec<u8> {
    let per = size / LONG_FORM_PARAMS - "a=0000&".len();
    let unit: &[u8] = if escaped { b"%41" } else { b"A" };
    let mut body = Vec::with_capacity(size);
    for i in 0..LONG_FORM_PARAMS {
        let tag = (i * 7919) % LONG_FORM_PARAMS;
        if i > 0 {
            body.push(b'&');
        }
        body.extend_from_slice(b"a=");
        body.extend(
            unit.iter()
                .copied()
                .cycle()
                .take(per / unit.len() * unit.len()),
        );
        body.extend_from_slice(format!("{tag:04}").as_bytes());
    }
    // One separator fewer than fields: the most the form scheme reads. Pad the last value.
    body.resize(size, b'B');
    body
}

fn cases(size: usize) -> Vec<Case> {
    let body = filler(size);
    let seed = hex::decode(SEED).unwrap();
    let bad_hmac = format!("sha256={}", "ab".repeat(32));
    let bad_sha1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=".to_owned();

    // 16 well-formed `v1a` entries (valid R, reduced S), each signing some other message.
    let v1a_list: Vec<String> = (0..16)
        .map(|i| standard::sign_v1a(&seed, "msg_1", TS, format!("other {i}").as_bytes()).unwrap())
        .collect();
    let standard_headers = |signature: String| {
        vec![
            ("webhook-id".to_owned(), "msg_1".to_owned()),
            ("webhook-timestamp".to_owned(), TS.to_string()),
            ("webhook-signature".to_owned(), signature),
        ]
    };
    let whpk = || Secrets::new(Standard.secret_from_display(WHPK).unwrap());

    let json_url = twilio::url_with_body_hash(URL, &body);
    let twilio_token = || Secrets::new(Secret::from_text("auth token"));

    let sendgrid_key = || {
        Secrets::new(
            SendGrid
                .secret_from_display(sendgrid::TEST_PUBLIC_KEY)
                .unwrap(),
        )
    };
    let sendgrid_private = SendGrid
        .secret_from_display(sendgrid::TEST_PRIVATE_KEY)
        .unwrap();
    let sendgrid_bad = sendgrid::sign(sendgrid_private.expose_secret(), TS, b"other").unwrap();

    vec![
        Case {
            name: "github",
            headers: vec![(github::SIGNATURE_HEADER.to_owned(), bad_hmac)],
            body: body.clone(),
            url: None,
            run: verifier(GitHub, Secrets::new(Secret::from_text("a signing secret"))),
        },
        Case {
            name: "twilio_form_tiny_params",
            headers: vec![(twilio::SIGNATURE_HEADER.to_owned(), bad_sha1.clone())],
            body: tiny_params(size),
            url: Some(URL.to_owned()),
            run: verifier(Twilio, twilio_token()),
        },
        Case {
            name: "twilio_form_256_escaped_params",
            headers: vec![(twilio::SIGNATURE_HEADER.to_owned(), bad_sha1.clone())],
            body: long_params(size, true),
            url: Some(URL.to_owned()),
            run: verifier(Twilio, twilio_token()),
        },
        Case {
            name: "twilio_form_256_plain_params",
            headers: vec![(twilio::SIGNATURE_HEADER.to_owned(), bad_sha1.clone())],
            body: long_params(size, false),
            url: Some(URL.to_owned()),
            run: verifier(Twilio, twilio_token()),
        },
        Case {
            name: "twilio_json_body_sha256",
            headers: vec![(twilio::SIGNATURE_HEADER.to_owned(), bad_sha1)],
            body: body.clone(),
            url: Some(json_url),
            run: verifier(Twilio, twilio_token()),
        },
        Case {
            name: "standard_v1a_1_listed",
            headers: standard_headers(v1a_list[0].clone()),
            body: body.clone(),
            url: None,
            run: verifier(Standard, whpk()),
        },
        Case {
            name: "standard_v1a_2_listed",
            headers: standard_headers(v1a_list[..2].join(" ")),
            body: body.clone(),
            url: None,
            run: verifier(Standard, whpk()),
        },
        Case {
            name: "standard_v1a_16_listed",
            headers: standard_headers(v1a_list.join(" ")),
            body: body.clone(),
            url: None,
            run: verifier(Standard, whpk()),
        },
        Case {
            name: "discord",
            headers: vec![
                (
                    discord::SIGNATURE_HEADER.to_owned(),
                    discord::sign(&seed, TS, b"other").unwrap(),
                ),
                (discord::TIMESTAMP_HEADER.to_owned(), TS.to_string()),
            ],
            body: body.clone(),
            url: None,
            run: verifier(
                Discord,
                Secrets::new(
                    Discord
                        .verification_key(&Secret::from_bytes(seed.clone()))
                        .unwrap(),
                ),
            ),
        },
        Case {
            name: "sendgrid",
            headers: vec![
                (sendgrid::SIGNATURE_HEADER.to_owned(), sendgrid_bad),
                (sendgrid::TIMESTAMP_HEADER.to_owned(), TS.to_string()),
            ],
            body,
            url: None,
            run: verifier(SendGrid, sendgrid_key()),
        },
    ]
}

fn bench(c: &mut Criterion, means: &Means) {
    for &(size, label) in SIZES {
        let group_name = format!("unauthenticated/{label}");
        let mut group = c.benchmark_group(&group_name);
        group.throughput(Throughput::Bytes(size as u64));
        group.sample_size(10);
        for case in cases(size) {
            assert_eq!(case.body.len(), size, "{}", case.name);
            let mut req = WebhookRequest::new(&case.headers, &case.body);
            if let Some(url) = &case.url {
                req = req.with_url(url);
            }
            let kind = match (case.run)(&req) {
                Ok(()) => panic!("{} must be rejected", case.name),
                Err(kind) => kind,
            };
            group.bench_function(case.name, |b| {
                b.iter_custom(|iters| {
                    let start = Instant::now();
                    for _ in 0..iters {
                        let _ = black_box((case.run)(black_box(&req)));
                    }
                    let elapsed = start.elapsed();
                    let mut means = means.borrow_mut();
                    let slot = means
                        .entry(group_name.clone())
                        .or_default()
                        .entry(case.name)
                        .or_insert((Duration::ZERO, 0, kind));
                    slot.0 += elapsed;
                    slot.1 += iters;
                    elapsed
                })
            });
        }
        group.finish();
    }
}

fn main() {
    let means = Means::default();
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c, &means);
    c.final_summary();
    println!("\nmean time of a rejected request, and its ratio to `github` in the same run:");
    for (group, cases) in means.borrow().iter() {
        let mean = |(total, iters, _): &(Duration, u64, &str)| {
            total.as_secs_f64() / (*iters).max(1) as f64
        };
        let Some(github) = cases.get("github").map(mean) else {
            continue;
        };
        println!("{group}");
        for (name, stats) in cases {
            let m = mean(stats);
            println!(
                "  {name:32} {:>10.1} us {:>7.2}x  ({})",
                m * 1e6,
                m / github,
                stats.2
            );
        }
    }
}
