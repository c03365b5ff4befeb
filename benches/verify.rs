//! What a server pays to verify one webhook, per provider, against raw HMAC-SHA256 over the same
//! body in the same run.
//!
//! Each case is set up the way the framework extractors see a request once its body is read
//! (`integrations::accept`): an `http::HeaderMap` holding the provider's headers and the ones
//! every request carries (`host`, `user-agent`, `content-type`, `content-length`, `accept`),
//! the body, and — for schemes that sign it (Twilio, Square, HubSpot) — the public URL. Every
//! iteration builds the `WebhookRequest` from the `HeaderMap` and the body with the public
//! constructor, as the extractors do, and calls `Verifier::verify` on a verifier with the
//! default (system) clock. So each request is signed "now", when its case is set up, and is
//! measured within seconds, well inside every provider's window (Paddle's is 5 s: its verifier
//! gets a wider one, see [`tolerance_for`]).
//!
//! ```sh
//! cargo bench --features events --bench verify -- --warm-up-time 1 --measurement-time 3   # all
//! cargo bench --features events --bench verify -- --warm-up-time 1 --measurement-time 3 stripe
//! ```
//!
//! After criterion's report, a table gives per provider and size: ns per verify, raw HMAC ns,
//! the difference and the ratio, each the fastest of many interleaved batches (raw, verify,
//! raw, …), which holds steady on a busy machine where criterion's means drift. Targets:
//! at most raw + 150 ns at 256 B, at most 1.05× raw at 4 KiB. The asymmetric schemes
//! (Discord, SendGrid: Ed25519 / ECDSA P-256; Standard Webhooks `v1a`) are a group of their own,
//! without a target. A positional filter (a plain word) applies to the table too, as a
//! substring of `verify/256B/stripe`. `python3 benches/ratios.py verify` prints the same
//! columns from criterion's means.
//!
//! Signing goes through `registry::by_name` (and `mailgun::sign` for Mailgun's form): the
//! bench depends on nothing but the public API a receiver uses.

#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use http::{HeaderMap, HeaderName, HeaderValue};
use webhook_guard::providers::{self, mailgun};
use webhook_guard::registry;
use webhook_guard::{
    Clock, Delivery, Error, Provider, Secret, SignInput, SystemClock, Tolerance, UnixTime,
    Verifier, WebhookRequest,
};

const SIZES: &[(usize, &str)] = &[(256, "256B"), (4096, "4KiB"), (65536, "64KiB")];
/// Long enough for every provider (Twilio's auth tokens are 32 characters).
const SECRET: &[u8] = b"a test secret of 32 bytes or more";
/// Where the sender posts; the signed URL for Twilio, Square and HubSpot.
const URL: &str = "https://hooks.example.com/webhooks/in?tenant=7";
/// Schemes whose cost is a public-key verification, not an HMAC: reported apart, no target.
const ASYMMETRIC: &[&str] = &["discord", "sendgrid"];
/// Time spent on the interleaved batches of one case.
const TABLE_BUDGET: Duration = Duration::from_millis(300);

/// One `Verifier<P>` per name in [`registry::PROVIDERS`], so that each case verifies through the
/// concrete provider type a server would use, not through `dyn AnyProvider`.
macro_rules! providers {
    ($($name:literal => $value:expr,)*) => {
        const BENCHED: &[&str] = &[$($name),*];

        fn run_named(name: &str, ctx: &mut Ctx<'_, '_>) {
            match name {
                $($name => run_case($value, name, ctx),)*
                other => panic!("{other} is in registry::PROVIDERS: add it to `providers!`"),
            }
        }
    };
}

providers! {
    "github" => providers::github::GitHub,
    "stripe" => providers::stripe::Stripe,
    "slack" => providers::slack::Slack,
    "shopify" => providers::shopify::Shopify,
    "standard" => providers::standard::Standard,
    "twilio" => providers::twilio::Twilio,
    "square" => providers::square::Square,
    "twitch" => providers::twitch::Twitch,
    "zoom" => providers::zoom::Zoom,
    "linear" => providers::linear::Linear,
    "paddle" => providers::paddle::Paddle,
    "mailgun" => providers::mailgun::Mailgun,
    "hubspot" => providers::hubspot::HubSpot,
    "discord" => providers::discord::Discord,
    "sendgrid" => providers::sendgrid::SendGrid,
    "gitlab" => providers::gitlab::GitLab::new(),
    "intercom" => providers::intercom::Intercom,
    "lemonsqueezy" => providers::lemonsqueezy::LemonSqueezy,
    "typeform" => providers::typeform::Typeform,
    "calendly" => providers::calendly::Calendly,
    "pagerduty" => providers::pagerduty::PagerDuty,
    "bitbucket" => providers::bitbucket::Bitbucket,
    "clerk" => providers::clerk::Clerk,
    "resend" => providers::resend::Resend,
    "dropbox" => providers::dropbox::Dropbox,
    "okta" => providers::okta::Okta::new(),
    "msgraph" => providers::msgraph::MsGraph,
    "zalo" => providers::zalo::Zalo::app_id_from_body(),
    "telegram" => providers::telegram::Telegram,
    "postmark" => providers::postmark::Postmark,
    "notion" => providers::notion::Notion,
    "vercel" => providers::vercel::Vercel,
    "sentry" => providers::sentry::Sentry,
    "razorpay" => providers::razorpay::Razorpay,
    "coinbase_commerce" => providers::coinbase_commerce::CoinbaseCommerce,
    "box" => providers::r#box::BoxWebhooks,
    "adyen" => providers::adyen::Adyen,
    "meta" => providers::meta::Meta,
}

/// The verifier's window: the provider's own, except where it is shorter than a measurement.
fn tolerance_for(name: &str) -> Option<Tolerance> {
    match name {
        // Paddle's SDKs allow 5 s; a case is measured for several seconds after signing.
        "paddle" => Some(Tolerance::FIVE_MINUTES),
        _ => None,
    }
}

/// One request as a server holds it once the body is read, and the verifier of its route.
struct Request<P> {
    verifier: Verifier<P>,
    headers: HeaderMap,
    body: Vec<u8>,
    /// The signed URL, for providers that sign one (as `integrations::signed_url` gives it).
    url: Option<String>,
}

impl<P: Provider> Request<P> {
    /// What an extractor does once the body is read: borrow headers and body, verify.
    fn verify(&self) -> Result<Delivery, Error> {
        let mut req = WebhookRequest::new(black_box(&self.headers), black_box(&self.body))
            .with_method("POST");
        if let Some(url) = &self.url {
            req = req.with_url(url);
        }
        self.verifier.verify(&req)
    }
}

/// The raw HMAC-SHA256 a hand-written check computes: key, body, tag.
fn raw_hmac(body: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(SECRET).expect("any key length");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// A JSON body of exactly `size` bytes, timestamped `now` (Linear signs `webhookTimestamp`,
/// Zalo `timestamp` and `app_id`).
fn json_body(size: usize, now: UnixTime) -> Vec<u8> {
    let ms = now.as_millis();
    let mut body = format!(
        r#"{{"webhookTimestamp":{ms},"app_id":"360846524940903967","timestamp":"{ms}","data":""#
    )
    .into_bytes();
    body.resize(size - 2, b'x');
    body.extend_from_slice(b"\"}");
    body
}

/// Mailgun signs timestamp + token, carried inside a form body, here of exactly `size` bytes.
fn mailgun_form(size: usize, now: UnixTime) -> Vec<u8> {
    let token = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
    let ts = now.as_secs().to_string();
    let tail = format!(
        "&timestamp={ts}&token={token}&signature={}",
        mailgun::sign(SECRET, &ts, token)
    );
    let mut form = b"event-data=".to_vec();
    form.resize(size - tail.len(), b'x');
    form.extend_from_slice(tail.as_bytes());
    form
}

/// An Adyen notification of about `size` bytes once signed (its signer adds the 62-byte
/// `additionalData` member holding the signature), padded in the unsigned `reason`.
fn adyen_body(size: usize) -> Vec<u8> {
    let head = br#"{"live":"false","notificationItems":[{"NotificationRequestItem":{"amount":{"currency":"EUR","value":1130},"eventCode":"AUTHORISATION","merchantAccountCode":"TestMerchant","merchantReference":"TestPayment-1407325143704","pspReference":"7914073381342284","reason":""#;
    let tail = br#"","success":"true"}}]}"#;
    let mut body = head.to_vec();
    body.resize(size.saturating_sub(62 + tail.len()).max(head.len()), b'x');
    body.extend_from_slice(tail);
    body
}

/// The sender's headers plus those every request carries, in an `http::HeaderMap`.
fn header_map(signed: &[(String, String)], body: &[u8], content_type: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let mut add = |name: &str, value: &str| {
        headers.append(
            HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            HeaderValue::from_str(value).expect("header value"),
        );
    };
    add("host", "hooks.example.com");
    add("user-agent", "Sender-Hookshot/1.0");
    add("accept", "*/*");
    add("content-length", &body.len().to_string());
    for (name, value) in signed {
        add(name, value);
    }
    if !headers.contains_key(http::header::CONTENT_TYPE) {
        headers.insert(
            http::header::CONTENT_TYPE,
            HeaderValue::from_str(content_type).expect("content type"),
        );
    }
    headers
}

/// Signs a body of `size` bytes for `case` now, and builds the verifier of its route.
fn request<P: Provider>(provider: P, case: &str, size: usize) -> Request<P> {
    let now = SystemClock.now();
    let (body, signed_headers, signed_url, key, content_type) = if case == "mailgun" {
        // The signature travels in the form body; no header carries it.
        let form = mailgun_form(size, now);
        let key = Secret::from_bytes(SECRET.to_vec());
        (
            form,
            Vec::new(),
            None,
            key,
            "application/x-www-form-urlencoded",
        )
    } else if case == "adyen" {
        // Adyen signs fields inside the body: its signer rewrites the body it is given.
        let sender = registry::by_name("adyen").expect("registered");
        let key = Secret::from_bytes(SECRET.to_vec());
        let signed = sender
            .sign(&key, &SignInput::new(&adyen_body(size), now))
            .expect("sign");
        let body = signed.body.expect("Adyen's signer returns the body");
        (body, signed.headers, None, key, "application/json")
    } else {
        let sender = registry::by_name(provider.name()).expect("registered");
        let signing_key = match case {
            "standard_v1a" => Secret::ed25519_private(&[7; 32]).expect("Ed25519 seed"),
            _ => common::signing_key(&*sender, SECRET),
        };
        let body = json_body(size, now);
        let message = SignInput::new(&body, now)
            .with_id("msg_2b3c4d")
            .with_url(URL)
            .with_method("POST")
            .with_event("ping");
        let signed = sender.sign(&signing_key, &message).expect("sign");
        let key = sender.verification_key(&signing_key).expect("key");
        // A signer that carries its proof inside the body (Microsoft Graph's clientState)
        // returns the body to send.
        let body = signed.body.unwrap_or(body);
        (body, signed.headers, signed.url, key, "application/json")
    };
    // As `integrations::signed_url`: a URL only for providers that sign it.
    let url = provider
        .signs_url()
        .then(|| signed_url.unwrap_or_else(|| URL.to_owned()));
    let mut builder = Verifier::builder(provider).secret(key);
    if let Some(tolerance) = tolerance_for(case) {
        builder = builder.tolerance(tolerance);
    }
    let request = Request {
        verifier: builder.build().expect("verifier"),
        headers: header_map(&signed_headers, &body, content_type),
        body,
        url,
    };
    if let Err(e) = request.verify() {
        panic!("{case}: the signed request does not verify: {e}");
    }
    request
}

/// Fastest mean per call, in ns, of `a` and of `b` over batches run in turn (a, b, a, …).
fn interleaved<A, B>(mut a: impl FnMut() -> A, mut b: impl FnMut() -> B) -> (f64, f64) {
    let start = Instant::now();
    for _ in 0..8 {
        black_box(a());
    }
    // About 20 µs of `a` per batch: long next to the clock read, short next to a time slice.
    let per_call = start.elapsed().as_secs_f64() / 8.0;
    let batch = ((20e-6 / per_call) as u32).clamp(1, 10_000);
    let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 30 || start.elapsed() < TABLE_BUDGET {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(a());
        }
        best_a = best_a.min(t.elapsed().as_secs_f64() / f64::from(batch));
        let t = Instant::now();
        for _ in 0..batch {
            black_box(b());
        }
        best_b = best_b.min(t.elapsed().as_secs_f64() / f64::from(batch));
        rounds += 1;
    }
    (best_a * 1e9, best_b * 1e9)
}

/// One line of the table.
struct Row {
    group: &'static str,
    size: &'static str,
    case: String,
    verify_ns: f64,
    raw_ns: f64,
}

/// What one size's cases share.
struct Ctx<'g, 'c> {
    group: &'g mut BenchmarkGroup<'c, WallTime>,
    group_name: &'static str,
    size: usize,
    label: &'static str,
    table: &'g Table,
    rows: &'g mut Vec<Row>,
}

/// Whether and which interleaved measurements to take.
struct Table {
    /// `false` under `cargo test --benches` (criterion's test mode): each case runs once.
    enabled: bool,
    filter: Option<String>,
}

impl Table {
    fn from_args() -> Self {
        // Criterion's options that take a value; the first other non-option is the filter.
        const TAKES_VALUE: &[&str] = &[
            "-c",
            "--color",
            "-s",
            "--save-baseline",
            "-b",
            "--baseline",
            "--baseline-lenient",
            "--format",
            "--profile-time",
            "--load-baseline",
            "--sample-size",
            "--warm-up-time",
            "--measurement-time",
            "--nresamples",
            "--noise-threshold",
            "--confidence-level",
            "--significance-level",
            "--plotting-backend",
            "--output-format",
        ];
        let args: Vec<String> = std::env::args().skip(1).collect();
        let mut filter = None;
        let mut skip_value = false;
        for arg in &args {
            if std::mem::take(&mut skip_value) {
                continue;
            }
            if arg.starts_with('-') {
                skip_value = TAKES_VALUE.contains(&arg.as_str());
            } else if filter.is_none() {
                filter = Some(arg.clone());
            }
        }
        let enabled = args.iter().any(|a| a == "--bench")
            && !args.iter().any(|a| a == "--test" || a == "--list");
        Table { enabled, filter }
    }

    fn wants(&self, id: &str) -> bool {
        self.enabled && self.filter.as_deref().is_none_or(|f| id.contains(f))
    }
}

fn run_case<P: Provider>(provider: P, case: &str, ctx: &mut Ctx<'_, '_>) {
    let request = request(provider, case, ctx.size);
    ctx.group
        .bench_function(BenchmarkId::from_parameter(case), |b| {
            b.iter(|| request.verify())
        });
    let id = format!("{}/{}/{case}", ctx.group_name, ctx.label);
    if ctx.table.wants(&id) {
        let (raw_ns, verify_ns) =
            interleaved(|| raw_hmac(black_box(&request.body)), || request.verify());
        ctx.rows.push(Row {
            group: ctx.group_name,
            size: ctx.label,
            case: case.to_owned(),
            verify_ns,
            raw_ns,
        });
    }
    // Still inside its window: the figures above are of successful verifications.
    if let Err(e) = request.verify() {
        panic!("{case}: expired during the measurement: {e}");
    }
}

fn print_table(rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    println!();
    println!(
        "Verify through Verifier (system clock) from an http::HeaderMap, against raw HMAC-SHA256"
    );
    println!("over the same body; fastest of interleaved batches. Targets: 256B ≤ raw + 150 ns, 4KiB ≤ 1.05×.");
    println!(
        "{:<18} {:<6} {:<13} {:>11} {:>11} {:>10} {:>7}  target",
        "group", "size", "provider", "verify ns", "raw ns", "diff ns", "ratio"
    );
    for row in rows {
        let diff = row.verify_ns - row.raw_ns;
        let ratio = row.verify_ns / row.raw_ns;
        let verdict = match (row.group, row.size) {
            ("verify", "256B") if diff <= 150.0 => "ok (≤ +150 ns)",
            ("verify", "256B") => "MISS (≤ +150 ns)",
            ("verify", "4KiB") if ratio <= 1.05 => "ok (≤ 1.05×)",
            ("verify", "4KiB") => "MISS (≤ 1.05×)",
            _ => "-",
        };
        println!(
            "{:<18} {:<6} {:<13} {:>11.1} {:>11.1} {:>+10.1} {:>6.3}×  {verdict}",
            row.group, row.size, row.case, row.verify_ns, row.raw_ns, diff, ratio
        );
    }
}

fn main() {
    let mut names: Vec<&str> = registry::names().collect::<Vec<_>>();
    let mut benched = BENCHED.to_vec();
    names.sort_unstable();
    benched.sort_unstable();
    assert_eq!(names, benched, "`providers!` must list registry::PROVIDERS");

    let table = Table::from_args();
    let mut criterion = Criterion::default().configure_from_args();
    let mut rows = Vec::new();
    for (group_name, cases) in [
        (
            "verify",
            registry::names()
                .filter(|n| !ASYMMETRIC.contains(n))
                .collect::<Vec<_>>(),
        ),
        (
            "verify_asymmetric",
            ASYMMETRIC.iter().copied().chain(["standard_v1a"]).collect(),
        ),
    ] {
        for &(size, label) in SIZES {
            let mut group = criterion.benchmark_group(format!("{group_name}/{label}"));
            group.throughput(Throughput::Bytes(size as u64));
            if size >= 65536 || group_name == "verify_asymmetric" {
                group.sample_size(20);
            }
            if group_name == "verify" {
                let body = json_body(size, SystemClock.now());
                group.bench_function("raw_hmac_sha256", |b| b.iter(|| raw_hmac(black_box(&body))));
            }
            let mut ctx = Ctx {
                group: &mut group,
                group_name,
                size,
                label,
                table: &table,
                rows: &mut rows,
            };
            for case in &cases {
                match *case {
                    "standard_v1a" => run_case(providers::standard::Standard, case, &mut ctx),
                    name => run_named(name, &mut ctx),
                }
            }
            group.finish();
        }
    }
    criterion.final_summary();
    print_table(&rows);
}
