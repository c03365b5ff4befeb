//! What the comparison bench (`benches/compare.rs`) shares: the request bodies, header maps as a
//! server holds them, and the interleaved measurement.

use std::hint::black_box;
use std::time::{Duration, Instant};

use http::{HeaderMap, HeaderName, HeaderValue};

#[path = "../../parse/push.rs"]
mod push;

/// The ~10 KB GitHub `push` body of `benches/parse` (three commits to `main`).
pub fn github_push() -> Vec<u8> {
    push::push_body()
}

/// Stripe's `customer.created` event of the crate's tests, with `discount` and `shipping` null,
/// as for a new customer: async-stripe 0.41 refuses the fixture's example discount (id `obj_123`
/// instead of `di_…`) and its empty `shipping` object.
///
/// # Panics
///
/// When the fixture no longer has the expected layout.
pub fn stripe_customer_created() -> Vec<u8> {
    let fixture = include_str!("../../../tests/fixtures/stripe/customer.created.json");
    let start = fixture
        .find("\"discount\": {")
        .expect("fixture has a discount");
    let end = start
        + fixture[start..]
            .find("\n      },\n")
            .expect("discount ends")
        + 8;
    let text = format!("{}\"discount\": null{}", &fixture[..start], &fixture[end..]);
    assert!(
        text.contains("\"shipping\": {},"),
        "fixture has an empty shipping"
    );
    text.replacen("\"shipping\": {},", "\"shipping\": null,", 1)
        .into_bytes()
}

/// `pairs` plus the headers every request carries, in an `http::HeaderMap`.
///
/// # Panics
///
/// On a name or value that is not a valid header.
pub fn header_map(pairs: &[(&str, &str)], body_len: usize) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let common = [
        ("host", "hooks.example.com"),
        ("user-agent", "Sender-Hookshot/1.0"),
        ("accept", "*/*"),
        ("content-type", "application/json"),
    ];
    let length = body_len.to_string();
    for (name, value) in common
        .into_iter()
        .chain([("content-length", length.as_str())])
        .chain(pairs.iter().copied())
    {
        headers.append(
            HeaderName::from_bytes(name.as_bytes()).expect("header name"),
            HeaderValue::from_str(value).expect("header value"),
        );
    }
    headers
}

/// Fastest mean per call of `a` and of `b`, over batches of each run in turn (a, b, a, …) for
/// about `budget`: steady on a busy machine, where the means of separate runs drift apart.
pub fn interleaved<A, B>(
    mut a: impl FnMut() -> A,
    mut b: impl FnMut() -> B,
    budget: Duration,
) -> (Duration, Duration) {
    let start = Instant::now();
    for _ in 0..8 {
        black_box(a());
    }
    // About 50 µs of `a` per batch: long next to the clock read, short next to a time slice.
    let per_call = start.elapsed().as_secs_f64() / 8.0;
    let batch = ((50e-6 / per_call) as u32).clamp(1, 10_000);
    let (mut best_a, mut best_b) = (Duration::MAX, Duration::MAX);
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 30 || start.elapsed() < budget {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(a());
        }
        best_a = best_a.min(t.elapsed() / batch);
        let t = Instant::now();
        for _ in 0..batch {
            black_box(b());
        }
        best_b = best_b.min(t.elapsed() / batch);
        rounds += 1;
    }
    (best_a, best_b)
}
