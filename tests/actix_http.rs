//! The actix-web extractors and middleware over real HTTP on 127.0.0.1.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod http_common;

use actix_web::{web, App, HttpResponse, HttpServer};
use http_common::{Calls, Server};
use webhook_guard::integrations::actix::{ReplayCommit, SourceAllowlist, Verified, VerifiedEvent};
use webhook_guard::integrations::StaticTenants;
use webhook_guard::providers::slack::Slack;
use webhook_guard::providers::standard::Standard;
use webhook_guard::TypedEvent;

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
