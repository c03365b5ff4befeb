//! The actix-web extractors and middleware over real HTTP on 127.0.0.1.

mod http_common;

use actix_web::{web, App, HttpResponse, HttpServer};
use http_common::{Calls, Server};
use webhook_guard::integrations::actix::{ReplayCommit, SourceAllowlist, Verified, VerifiedEvent};
use webhook_guard::integrations::StaticTenants;
use webhook_guard::providers::slack::Slack;
use webhook_guard::providers::square::Square;
use webhook_guard::providers::standard::Standard;
use webhook_guard::providers::twilio::Twilio;
use webhook_guard::{Provider, TypedEvent, Verifier};

fn answer(ok: bool) -> HttpResponse {
    if ok {
        HttpResponse::Ok().body("handled")
    } else {
        HttpResponse::InternalServerError().body("failed")
    }
}

async fn standard(calls: web::Data<Calls>, hook: VerifiedEvent<Standard>) -> HttpResponse {
    answer(calls.record(hook.delivery.replay_key(), &hook.event.variant_name()))
}

async fn slack(calls: web::Data<Calls>, hook: Verified<Slack>) -> HttpResponse {
    answer(calls.record(hook.delivery.replay_key(), "raw"))
}

async fn tenant(
    calls: web::Data<Calls>,
    hook: VerifiedEvent<Standard, StaticTenants<Standard>>,
) -> HttpResponse {
    answer(calls.record(hook.delivery.replay_key(), &hook.event.variant_name()))
}

#[actix_web::test]
async fn actix_extractors_over_http() {
    let calls = Calls::default();
    let data_calls = web::Data::new(calls.clone());
    let standard_verifier = web::Data::new(http_common::standard_verifier());
    let slack_verifier = web::Data::new(http_common::slack_verifier());
    let tenants = web::Data::new(http_common::tenants());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data_calls.clone())
            .app_data(standard_verifier.clone())
            .app_data(slack_verifier.clone())
            .app_data(tenants.clone())
            .service(
                web::resource("/standard")
                    .wrap(ReplayCommit::new())
                    .route(web::post().to(standard)),
            )
            .service(
                web::resource("/tenants/{tenant}/hook")
                    .wrap(ReplayCommit::new())
                    .route(web::post().to(tenant)),
            )
            .route("/slack", web::post().to(slack))
            .route("/no-commit", web::post().to(standard))
            .service(
                web::resource("/outside")
                    .wrap(SourceAllowlist::new(["10.0.0.0/8"]).unwrap())
                    .route(web::post().to(slack)),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);

    let server = Server {
        addr,
        calls: calls.clone(),
        has_no_commit_route: true,
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        http_common::run_suite(&server),
    )
    .await
    .unwrap();

    let base = format!("http://{addr}");
    let body = br#"{"type":"event_callback"}"#;
    let headers = http_common::sign(
        &Slack,
        http_common::SLACK_SECRET,
        body,
        http_common::now(),
        "",
    );
    let before = calls.count();
    let reply = http_common::post(&base, "/outside", &headers, body).await;
    assert_eq!(reply.status, 403);
    assert!(
        reply.body.starts_with("source_not_allowed"),
        "{}",
        reply.body
    );
    assert_eq!(calls.count(), before);

    handle.stop(false).await;
}

async fn raw<P: Provider>(calls: web::Data<Calls>, _hook: Verified<P>) -> HttpResponse {
    answer(calls.record(None, "raw"))
}

/// `POST path` with its own verifier (resource-level `app_data`).
fn route<P: Provider>(path: &str, verifier: &web::Data<Verifier<P>>) -> actix_web::Resource {
    web::resource(path)
        .app_data(verifier.clone())
        .route(web::post().to(raw::<P>))
}

/// Starts a server with `routes`; returns its address and handle.
fn start(
    calls: &Calls,
    routes: impl Fn() -> Vec<actix_web::Resource> + Send + Clone + 'static,
) -> (std::net::SocketAddr, actix_web::dev::ServerHandle) {
    let data_calls = web::Data::new(calls.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        let mut app = App::new().app_data(data_calls.clone());
        for resource in routes() {
            app = app.service(resource);
        }
        app
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (addr, handle)
}

#[actix_web::test]
async fn actix_signed_url_comes_from_configuration() {
    let calls = Calls::default();
    let fixed = web::Data::new(http_common::twilio_fixed());
    let proxied = web::Data::new(http_common::twilio_proxied());
    let unset = web::Data::new(http_common::twilio_unset());
    let square = web::Data::new(http_common::square_fixed());
    let (addr, handle) = start(&calls, move || {
        vec![
            route::<Twilio>("/twilio", &fixed),
            route::<Twilio>("/twilio-proxied", &proxied),
            route::<Twilio>("/twilio-unset", &unset),
            route::<Square>("/square", &square),
        ]
    });
    let server = Server {
        addr,
        calls,
        has_no_commit_route: false,
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        http_common::run_url_suite(&server),
    )
    .await
    .unwrap();
    handle.stop(false).await;
}

#[actix_web::test]
async fn actix_body_read_deadline() {
    let calls = Calls::default();
    let slow = web::Data::new(http_common::slow_verifier());
    let (addr, handle) = start(&calls, move || vec![route::<Standard>("/slow", &slow)]);
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
    handle.stop(false).await;
}
