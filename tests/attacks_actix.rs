//! The attack scenario of `attacks_common` against the actix-web extractors, over real HTTP.

#[macro_use]
mod attacks_common;
mod http_common;

use actix_web::{web, App, HttpRequest, HttpServer};
use attacks_common::{behave, Calls};
use webhook_guard::integrations::actix::{ReplayCommit, Verified, VerifiedEvent};
use webhook_guard::providers::github::GitHub;
use webhook_guard::providers::pagerduty::PagerDuty;
use webhook_guard::providers::shopify::Shopify;
use webhook_guard::providers::stripe::Stripe;
use webhook_guard::providers::twitch::Twitch;
use webhook_guard::{Parse, Provider, TypedEvent};

async fn typed<P: Parse>(
    calls: web::Data<Calls>,
    req: HttpRequest,
    hook: VerifiedEvent<P>,
) -> &'static str {
    let route = req.path().to_owned();
    calls.record(
        &route,
        hook.delivery.replay_key(),
        &hook.event.variant_name(),
    );
    let mode = req
        .headers()
        .get("x-test-mode")
        .and_then(|v| v.to_str().ok());
    behave(mode).await;
    "handled"
}

async fn raw<P: Provider>(
    calls: web::Data<Calls>,
    req: HttpRequest,
    hook: Verified<P>,
) -> &'static str {
    calls.record(req.path(), hook.delivery.replay_key(), "raw");
    "handled"
}

async fn server() -> (std::net::SocketAddr, Calls) {
    let calls = Calls::default();
    let data = web::Data::new(calls.clone());
    let github = web::Data::new(attacks_common::github_verifier());
    let shopify = web::Data::new(attacks_common::shopify_verifier());
    let stripe = web::Data::new(attacks_common::stripe_verifier());
    let twitch = web::Data::new(attacks_common::twitch_verifier());
    let pagerduty = web::Data::new(attacks_common::pagerduty_verifier());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(github.clone())
            .app_data(shopify.clone())
            .app_data(stripe.clone())
            .app_data(twitch.clone())
            .app_data(pagerduty.clone())
            .service(
                web::scope("")
                    .wrap(ReplayCommit::new())
                    .route("/github", web::post().to(typed::<GitHub>))
                    .route("/shopify", web::post().to(typed::<Shopify>))
                    .route("/twitch", web::post().to(typed::<Twitch>))
                    .route("/stripe", web::post().to(raw::<Stripe>))
                    .route("/pagerduty", web::post().to(raw::<PagerDuty>)),
            )
    })
    .workers(2)
    .listen(listener)
    .unwrap()
    .run();
    actix_web::rt::spawn(server);
    (addr, calls)
}

attack_tests!(
    #[actix_web::test]
    server
);
