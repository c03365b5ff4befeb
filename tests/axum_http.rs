//! The axum extractors over real HTTP on 127.0.0.1.

mod http_common;

use std::net::SocketAddr;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use http_common::{Calls, Server};
use webhook_guard::integrations::axum::{ReplayCommit, SourceAllowlist, Verified, VerifiedEvent};
use webhook_guard::integrations::StaticTenants;
use webhook_guard::providers::slack::Slack;
use webhook_guard::providers::standard::Standard;
use webhook_guard::providers::twilio::Twilio;
use webhook_guard::{Provider, TypedEvent, Verifier};

#[derive(Clone)]
struct AppState {
    standard: Verifier<Standard>,
    slack: Verifier<Slack>,
    tenants: StaticTenants<Standard>,
    calls: Calls,
}

impl FromRef<AppState> for Verifier<Standard> {
    fn from_ref(state: &AppState) -> Self {
        state.standard.clone()
    }
}

impl FromRef<AppState> for Verifier<Slack> {
    fn from_ref(state: &AppState) -> Self {
        state.slack.clone()
    }
}

impl FromRef<AppState> for StaticTenants<Standard> {
    fn from_ref(state: &AppState) -> Self {
        state.tenants.clone()
    }
}

fn answer(ok: bool) -> (StatusCode, &'static str) {
    if ok {
        (StatusCode::OK, "handled")
    } else {
        (StatusCode::INTERNAL_SERVER_ERROR, "failed")
    }
}

async fn standard(
    State(state): State<AppState>,
    hook: VerifiedEvent<Standard>,
) -> (StatusCode, &'static str) {
    answer(
        state
            .calls
            .record(hook.delivery.replay_key(), &hook.event.variant_name()),
    )
}

async fn slack(
    State(state): State<AppState>,
    Verified { delivery, .. }: Verified<Slack>,
) -> (StatusCode, &'static str) {
    answer(state.calls.record(delivery.replay_key(), "raw"))
}

async fn tenant(
    State(state): State<AppState>,
    hook: VerifiedEvent<Standard, StaticTenants<Standard>>,
) -> (StatusCode, &'static str) {
    answer(
        state
            .calls
            .record(hook.delivery.replay_key(), &hook.event.variant_name()),
    )
}

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    addr
}

#[tokio::test]
async fn axum_extractors_over_http() {
    let calls = Calls::default();
    let state = AppState {
        standard: http_common::standard_verifier(),
        slack: http_common::slack_verifier(),
        tenants: http_common::tenants(),
        calls: calls.clone(),
    };
    let app = Router::new()
        .route("/standard", post(standard))
        .route("/tenants/{tenant}/hook", post(tenant))
        .route_layer(ReplayCommit::new())
        .route("/slack", post(slack))
        .route("/no-commit", post(standard))
        .with_state(state);
    let addr = serve(app).await;
    let server = Server {
        addr,
        calls,
        has_no_commit_route: true,
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        http_common::run_suite(&server),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn source_allowlist_refuses_other_addresses() {
    let calls = Calls::default();
    let state = AppState {
        standard: http_common::standard_verifier(),
        slack: http_common::slack_verifier(),
        tenants: http_common::tenants(),
        calls: calls.clone(),
    };
    let app = Router::new()
        .route(
            "/outside",
            post(slack).layer(SourceAllowlist::new(["10.0.0.0/8"]).unwrap()),
        )
        .route(
            "/inside",
            post(slack).layer(SourceAllowlist::new(["127.0.0.1/32"]).unwrap()),
        )
        .with_state(state);
    let addr = serve(app).await;
    let base = format!("http://{addr}");
    let body = br#"{"type":"event_callback"}"#;
    let headers = http_common::sign(
        &Slack,
        http_common::SLACK_SECRET,
        body,
        http_common::now(),
        "",
    );
    let reply = http_common::post(&base, "/outside", &headers, body).await;
    assert_eq!(reply.status, 403);
    assert!(
        reply.body.starts_with("source_not_allowed"),
        "{}",
        reply.body
    );
    assert_eq!(calls.count(), 0);
    let reply = http_common::post(&base, "/inside", &headers, body).await;
    assert_eq!(reply.status, 200);
    assert_eq!(calls.count(), 1);
}

/// The state of a one-verifier route.
struct One<P> {
    verifier: Verifier<P>,
    calls: Calls,
}

impl<P> Clone for One<P> {
    fn clone(&self) -> Self {
        Self {
            verifier: self.verifier.clone(),
            calls: self.calls.clone(),
        }
    }
}

impl<P> FromRef<One<P>> for Verifier<P> {
    fn from_ref(state: &One<P>) -> Self {
        state.verifier.clone()
    }
}

async fn raw<P: Provider>(
    State(state): State<One<P>>,
    Verified { .. }: Verified<P>,
) -> (StatusCode, &'static str) {
    answer(state.calls.record(None, "raw"))
}

fn route<P: Provider>(path: &str, verifier: Verifier<P>, calls: &Calls) -> Router {
    Router::new().route(path, post(raw::<P>)).with_state(One {
        verifier,
        calls: calls.clone(),
    })
}

#[tokio::test]
async fn axum_signed_url_comes_from_configuration() {
    let calls = Calls::default();
    let app = Router::new()
        .merge(route("/twilio", http_common::twilio_fixed(), &calls))
        .merge(route(
            "/twilio-proxied",
            http_common::twilio_proxied(),
            &calls,
        ))
        .merge(route("/twilio-unset", http_common::twilio_unset(), &calls))
        .merge(route("/square", http_common::square_fixed(), &calls))
        .nest(
            "/nested",
            route::<Twilio>("/twilio", http_common::twilio_fixed(), &calls),
        );
    let addr = serve(app).await;
    let server = Server {
        addr,
        calls: calls.clone(),
        has_no_commit_route: false,
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        http_common::run_url_suite(&server),
    )
    .await
    .unwrap();

    // A nested router strips `/nested` from the URI it routes on; the signed URL keeps it.
    let base = format!("http://{addr}");
    let before = calls.count();
    let headers = http_common::twilio_headers("https://hooks.example.com/nested/twilio", &[]);
    let reply =
        http_common::post(&base, "/nested/twilio", &headers, http_common::TWILIO_FORM).await;
    assert_eq!((reply.status, reply.body.as_str()), (200, "handled"));
    let headers = http_common::twilio_headers("https://hooks.example.com/twilio", &[]);
    let reply =
        http_common::post(&base, "/nested/twilio", &headers, http_common::TWILIO_FORM).await;
    assert_eq!(reply.status, 401);
    assert_eq!(calls.count(), before + 1);
}

#[tokio::test]
async fn axum_body_read_deadline() {
    let calls = Calls::default();
    let app = route("/slow", http_common::slow_verifier(), &calls);
    let addr = serve(app).await;
    let server = Server {
        addr,
        calls,
        has_no_commit_route: false,
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        http_common::run_slow_body_suite(&server),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn axum_stripe_api_version_pin() {
    use webhook_guard::providers::stripe::{self, Stripe};
    use webhook_guard::{Clock, Secret, SystemClock};

    const SECRET: &str = "whsec_axum_pin_0123456789abcdef";
    let calls = Calls::default();
    let verifier = Verifier::builder(Stripe.expect_api_version("2024-06-20"))
        .secret(Secret::from_text(SECRET))
        .build()
        .unwrap();
    let app = route("/stripe", verifier, &calls);
    let base = format!("http://{}", serve(app).await);
    let send = |body: &'static [u8]| {
        let base = base.clone();
        async move {
            let signature = stripe::sign(SECRET.as_bytes(), SystemClock.now().as_secs(), body);
            let headers = vec![(stripe::SIGNATURE_HEADER.to_owned(), signature)];
            http_common::post(&base, "/stripe", &headers, body).await
        }
    };
    let pinned = send(br#"{"id":"evt_a","object":"event","api_version":"2024-06-20"}"#).await;
    assert_eq!((pinned.status, pinned.body.as_str()), (200, "handled"));
    let other = send(br#"{"id":"evt_b","object":"event","api_version":"2023-10-16"}"#).await;
    assert_eq!(other.status, 422, "{}", other.body);
    // The answer names the field and what was expected; the body's own text stays out.
    assert!(
        other.body.starts_with(
            "invalid_payload: at `api_version`: the event is in API version; expected `2024-06-20`"
        ),
        "{}",
        other.body
    );
    assert!(!other.body.contains("2023-10-16"), "{}", other.body);
    // Refused before the handler: only the pinned delivery reached it.
    assert_eq!(calls.count(), 1);
}
