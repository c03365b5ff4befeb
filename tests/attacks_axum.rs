//! The attack scenario of `attacks_common` against the axum extractors, over real HTTP.

#[macro_use]
mod attacks_common;
mod http_common;

use std::net::SocketAddr;

use attacks_common::{behave, Calls};
use axum::extract::{FromRef, State};
use axum::http::HeaderMap;
use axum::routing::post;
use axum::Router;
use webhook_guard::integrations::axum::{ReplayCommit, Verified, VerifiedEvent};
use webhook_guard::providers::github::GitHub;
use webhook_guard::providers::pagerduty::PagerDuty;
use webhook_guard::providers::shopify::Shopify;
use webhook_guard::providers::stripe::Stripe;
use webhook_guard::providers::twitch::Twitch;
use webhook_guard::{TypedEvent, Verifier};

#[derive(Clone, FromRef)]
struct AppState {
    github: Verifier<GitHub>,
    shopify: Verifier<Shopify>,
    stripe: Verifier<Stripe>,
    twitch: Verifier<Twitch>,
    pagerduty: Verifier<PagerDuty>,
    calls: Calls,
}

fn mode(headers: &HeaderMap) -> Option<&str> {
    headers.get("x-test-mode").and_then(|v| v.to_str().ok())
}

async fn typed<P>(
    route: &'static str,
    calls: Calls,
    headers: HeaderMap,
    hook: VerifiedEvent<P>,
) -> &'static str
where
    P: webhook_guard::Parse,
{
    calls.record(
        route,
        hook.delivery.replay_key(),
        &hook.event.variant_name(),
    );
    behave(mode(&headers)).await;
    "handled"
}

async fn raw<P: webhook_guard::Provider>(
    route: &'static str,
    calls: Calls,
    hook: Verified<P>,
) -> &'static str {
    calls.record(route, hook.delivery.replay_key(), "raw");
    "handled"
}

async fn server() -> (std::net::SocketAddr, Calls) {
    let calls = Calls::default();
    let state = AppState {
        github: attacks_common::github_verifier(),
        shopify: attacks_common::shopify_verifier(),
        stripe: attacks_common::stripe_verifier(),
        twitch: attacks_common::twitch_verifier(),
        pagerduty: attacks_common::pagerduty_verifier(),
        calls: calls.clone(),
    };
    let app = Router::new()
        .route(
            "/github",
            post(
                |State(calls): State<Calls>, headers: HeaderMap, hook: VerifiedEvent<GitHub>| {
                    typed("/github", calls, headers, hook)
                },
            ),
        )
        .route(
            "/shopify",
            post(
                |State(calls): State<Calls>, headers: HeaderMap, hook: VerifiedEvent<Shopify>| {
                    typed("/shopify", calls, headers, hook)
                },
            ),
        )
        .route(
            "/twitch",
            post(
                |State(calls): State<Calls>, headers: HeaderMap, hook: VerifiedEvent<Twitch>| {
                    typed("/twitch", calls, headers, hook)
                },
            ),
        )
        .route(
            "/stripe",
            post(|State(calls): State<Calls>, hook: Verified<Stripe>| raw("/stripe", calls, hook)),
        )
        .route(
            "/pagerduty",
            post(|State(calls): State<Calls>, hook: Verified<PagerDuty>| {
                raw("/pagerduty", calls, hook)
            }),
        )
        .route_layer(ReplayCommit::new())
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, calls)
}

attack_tests!(
    #[tokio::test]
    server
);
