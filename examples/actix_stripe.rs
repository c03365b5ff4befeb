//! A Stripe webhook receiver with actix-web: typed events, replay protection, and a source
//! allowlist.
//!
//! ```text
//! STRIPE_WEBHOOK_SECRET=whsec_... cargo run --example actix_stripe --features actix-web
//! # in another shell:
//! cargo run --features cli -- send --provider stripe --secret whsec_... \
//!     --url http://127.0.0.1:8080/webhooks/stripe tests/fixtures/stripe/payment_intent.succeeded.json
//! ```
//!
//! To acknowledge at once and process later (a durable inbox instead of a handler), mount
//! `webhook_guard::inbox::actix::post(verifier, inbox)` (features `inbox-sqlite` and
//! `actix-web`); see `examples/inbox.rs` for the worker side.

use actix_web::{web, App, HttpResponse, HttpServer};
use webhook_guard::integrations::actix::{ReplayCommit, SourceAllowlist, VerifiedEvent};
use webhook_guard::providers::stripe::Stripe;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{TypedEvent, Verifier};

/// Runs once per verified, fresh delivery; 2xx commits it, anything else releases it so that
/// Stripe's retry is processed.
async fn stripe(hook: VerifiedEvent<Stripe>) -> HttpResponse {
    println!(
        "{} (delivery {})",
        hook.event.variant_name(),
        hook.delivery.replay_key().unwrap_or("?")
    );
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_else(|_| {
        eprintln!("STRIPE_WEBHOOK_SECRET not set; using `whsec_development_secret`");
        "whsec_development_secret".to_owned()
    });
    let verifier = web::Data::new(
        Verifier::builder(Stripe)
            .secret_from_display(&secret)?
            .replay_store(MemoryStore::new(100_000))
            .build()?,
    );
    // Stripe publishes the addresses it sends webhooks from (ips_webhooks.txt on stripe.com;
    // this copy is from 2026 — load the current list at start-up in production). Loopback is
    // added so that this example can be tried locally. Behind a load balancer, add
    // `.trust_proxies(...)`.
    let sources = SourceAllowlist::new([
        "127.0.0.1",
        "::1",
        "3.18.12.63",
        "3.69.109.8",
        "3.120.168.93",
        "3.130.192.231",
        "13.235.14.237",
        "13.235.122.149",
        "18.211.135.69",
        "35.154.171.200",
        "35.157.207.129",
        "52.15.183.38",
        "54.88.130.119",
        "54.88.130.237",
        "54.187.174.169",
        "54.187.205.235",
        "54.187.216.72",
    ])?;
    let addr = std::env::var("ADDR").unwrap_or_else(|_| "127.0.0.1:8080".to_owned());
    println!("listening on http://{addr}/webhooks/stripe");
    HttpServer::new(move || {
        App::new().app_data(verifier.clone()).service(
            web::resource("/webhooks/stripe")
                .wrap(ReplayCommit::new())
                .wrap(sources.clone())
                .route(web::post().to(stripe)),
        )
    })
    .bind(addr)?
    .run()
    .await?;
    Ok(())
}
