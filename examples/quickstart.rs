//! Quick start: a real Stripe webhook receiver on 127.0.0.1, and four deliveries sent to it over
//! HTTP — a valid one, a tampered one, a stale one and a replay of the first.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! No feature flag is needed: the crate's dev-dependencies turn on the `axum` feature for its
//! own examples. In your project: `webhook-guard = { version = "0.1", features = ["axum"] }`.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::routing::post;
use axum::Router;
use webhook_guard::integrations::axum::{ReplayCommit, VerifiedEvent};
use webhook_guard::providers::stripe::Stripe;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Provider, Sign, SignInput, TypedEvent, UnixTime, Verifier};

/// The signing secret, as Stripe's dashboard shows it.
const SECRET: &str = "whsec_quickstart_0123456789abcdefghijklmnop";

/// The handler: runs only for a verified, fresh delivery, with the typed event.
async fn stripe_webhook(hook: VerifiedEvent<Stripe>) -> String {
    let event = &hook.event;
    // What a handler logs: Stripe's event id and type, and the typed object it carries.
    println!(
        "  handler: {} {} -> {}",
        event.id,
        event.event_type.as_str(),
        event.variant_name()
    );
    format!("handled {} {}", event.event_type.as_str(), event.id)
}

/// Starts the receiver on a free loopback port.
async fn start_receiver() -> Result<SocketAddr, Box<dyn std::error::Error>> {
    let verifier = Verifier::builder(Stripe)
        .secret_from_display(SECRET)?
        .replay_store(MemoryStore::new(10_000))
        .build()?;
    let app = Router::new()
        .route("/webhooks/stripe", post(stripe_webhook))
        // Commits the delivery when the handler answers 2xx, releases it otherwise.
        .route_layer(ReplayCommit::new())
        .with_state(verifier);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// A delivery to send: name, headers, body and the status the receiver should answer.
type Case<'a> = (&'a str, &'a [(String, String)], &'a [u8], u16);

/// Signs `body` at `timestamp` the way Stripe does.
fn stripe_headers(
    body: &[u8],
    timestamp: i64,
) -> Result<Vec<(String, String)>, webhook_guard::Error> {
    let key = Stripe.secret_from_display(SECRET)?;
    let at = UnixTime::from_secs(timestamp).ok_or(webhook_guard::Error::Unsupported("time"))?;
    Ok(Stripe.sign(&key, &SignInput::new(body, at))?.headers)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("some deliveries were not answered as expected");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("quickstart failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let addr = start_receiver().await?;
    let url = format!("http://{addr}/webhooks/stripe");
    println!("receiver listening on {url}\n");

    let body: &[u8] = include_bytes!("../tests/fixtures/stripe/payment_intent.succeeded.json");
    let now = i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs())?;
    let signed = stripe_headers(body, now)?;
    // "amount": 1099 -> 9099
    let tampered = String::from_utf8_lossy(body).replacen("1099", "9099", 1);
    let stale = stripe_headers(body, now - 3600)?;

    let cases: [Case<'_>; 4] = [
        ("valid", &signed, body, 200),
        ("tampered body", &signed, tampered.as_bytes(), 401),
        ("stale (1 h old)", &stale, body, 401),
        ("replay of the valid one", &signed, body, 200),
    ];

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    println!("{:<26} {:>6}  answer", "delivery", "status");
    println!("{}", "-".repeat(90));
    let mut all_expected = true;
    for (name, headers, body, expected) in cases {
        let mut request = client.post(&url).body(body.to_vec());
        for (header, value) in headers {
            request = request.header(header, value);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let answer = response.text().await?;
        let mark = if status == expected {
            ""
        } else {
            "  <-- unexpected"
        };
        all_expected &= status == expected;
        println!("{name:<26} {status:>6}  {answer}{mark}");
    }
    println!(
        "\nThe replay got 200 so that Stripe stops retrying, but the handler did not run again."
    );
    Ok(all_expected)
}
