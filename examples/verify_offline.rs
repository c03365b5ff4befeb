//! Offline tour: sign a few deliveries as GitHub, Stripe and Standard Webhooks would, then verify
//! a valid, a tampered, a stale and a replayed one. No network, no set-up.
//!
//! `cargo run --example verify_offline`

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use webhook_guard::providers::{github::GitHub, standard::Standard, stripe::Stripe};
use webhook_guard::replay::MemoryStore;
use webhook_guard::{
    Clock, FixedClock, Provider, Secret, Sign, SignInput, SystemClock, UnixTime, Verifier,
    WebhookRequest,
};

fn main() -> Result<(), webhook_guard::Error> {
    let now = SystemClock.now();
    let body = br#"{"id":"evt_1","type":"invoice.paid"}"#;
    println!(
        "{:<10} {:<10} {:<8} reason",
        "provider", "delivery", "result"
    );

    // Stripe: valid, tampered, stale (signed 10 minutes ago).
    let stripe = Verifier::builder(Stripe)
        .secret_from_display("whsec_quickstart")?
        .build()?;
    let key = Stripe.secret_from_display("whsec_quickstart")?;
    row(
        "stripe",
        "valid",
        &stripe,
        &Stripe.sign(&key, &SignInput::new(body, now))?.headers,
        body,
    );
    let tampered = br#"{"id":"evt_1","type":"invoice.paid!"}"#;
    row(
        "stripe",
        "tampered",
        &stripe,
        &Stripe.sign(&key, &SignInput::new(body, now))?.headers,
        tampered,
    );
    let ten_min_ago = UnixTime::from_millis(now.as_millis() - 600_000);
    row(
        "stripe",
        "stale",
        &stripe,
        &Stripe
            .sign(&key, &SignInput::new(body, ten_min_ago))?
            .headers,
        body,
    );

    // GitHub: a wrong secret.
    let github = Verifier::builder(GitHub)
        .secret(Secret::from_text("the right secret, long and random"))
        .build()?;
    let signed = GitHub.sign(
        &Secret::from_text("wrong secret"),
        &SignInput::new(body, now).with_event("push"),
    )?;
    row("github", "forged", &github, &signed.headers, body);

    // Standard Webhooks with a replay store: the second copy of one message is refused.
    let standard = Verifier::builder(Standard)
        .secret_from_display("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?
        .replay_store(MemoryStore::new(10_000))
        .clock(FixedClock(now))
        .build()?;
    let key = Standard.secret_from_display("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    let signed = Standard.sign(&key, &SignInput::new(body, now).with_id("msg_quickstart"))?;
    for label in ["first", "replayed"] {
        let req = WebhookRequest::new(&signed.headers, body);
        let result = block_on(async {
            let accepted = standard.verify_and_reserve(&req).await?;
            if let Some(reservation) = accepted.reservation {
                reservation.commit().await?; // the handler succeeded
            }
            Ok::<_, webhook_guard::Error>(accepted.delivery)
        });
        print_row("standard", label, result.map(|_| ()));
    }
    Ok(())
}

fn row<P: Provider>(
    provider: &str,
    label: &str,
    v: &Verifier<P>,
    headers: &[(String, String)],
    body: &[u8],
) {
    print_row(
        provider,
        label,
        v.verify(&WebhookRequest::new(&headers, body)).map(|_| ()),
    );
}

fn print_row(provider: &str, label: &str, result: Result<(), webhook_guard::Error>) {
    match result {
        Ok(()) => println!("{provider:<10} {label:<10} {:<8} -", "accepted"),
        Err(e) => println!(
            "{provider:<10} {label:<10} {:<8} {} ({e}) -> HTTP {}",
            "rejected",
            e.kind(),
            e.status().as_u16()
        ),
    }
}

/// Runs a future that never waits (the in-memory store answers at once).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
