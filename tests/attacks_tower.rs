//! The attack scenario of `attacks_common` against the tower `WebhookLayer` in front of plain
//! hyper services, over real HTTP.

#[macro_use]
mod attacks_common;
mod http_common;

use std::convert::Infallible;

use attacks_common::{behave, Calls};
use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tower::util::BoxCloneService;
use tower::{service_fn, ServiceBuilder, ServiceExt};
use webhook_guard::integrations::tower::WebhookLayer;
use webhook_guard::{Delivery, Parse, TypedEvent, Verifier};

type Route = BoxCloneService<Request<Incoming>, Response<Full<Bytes>>, Infallible>;

/// `WebhookLayer` in front of a handler that records, parses (when `typed`) and behaves as the
/// test mode says.
fn route<P: Parse + Clone>(
    name: &'static str,
    verifier: Verifier<P>,
    calls: Calls,
    typed: bool,
) -> Route
where
    P::Event: Send,
{
    let parser = verifier.clone();
    let service = ServiceBuilder::new()
        .layer(WebhookLayer::new(verifier))
        .service(service_fn(move |req: Request<Full<Bytes>>| {
            let (calls, parser) = (calls.clone(), parser.clone());
            async move {
                let delivery = req.extensions().get::<Delivery>().cloned().unwrap();
                let mode = req
                    .headers()
                    .get("x-test-mode")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let body = req.into_body().collect().await.unwrap().to_bytes();
                let variant = if typed {
                    match parser.parse(&delivery, &body) {
                        Ok(event) => event.variant_name().into_owned(),
                        Err(e) => {
                            let mut response = Response::new(Full::new(Bytes::from(e.kind())));
                            *response.status_mut() = e.status();
                            return Ok::<_, Infallible>(response);
                        }
                    }
                } else {
                    "raw".to_owned()
                };
                calls.record(name, delivery.replay_key(), &variant);
                behave(mode.as_deref()).await;
                Ok(Response::new(Full::new(Bytes::from_static(b"handled"))))
            }
        }));
    BoxCloneService::new(service)
}

async fn server() -> (std::net::SocketAddr, Calls) {
    let calls = Calls::default();
    let routes: Vec<(&str, Route)> = vec![
        (
            "/github",
            route(
                "/github",
                attacks_common::github_verifier(),
                calls.clone(),
                true,
            ),
        ),
        (
            "/shopify",
            route(
                "/shopify",
                attacks_common::shopify_verifier(),
                calls.clone(),
                true,
            ),
        ),
        (
            "/twitch",
            route(
                "/twitch",
                attacks_common::twitch_verifier(),
                calls.clone(),
                true,
            ),
        ),
        (
            "/stripe",
            route(
                "/stripe",
                attacks_common::stripe_verifier(),
                calls.clone(),
                false,
            ),
        ),
        (
            "/pagerduty",
            route(
                "/pagerduty",
                attacks_common::pagerduty_verifier(),
                calls.clone(),
                false,
            ),
        ),
    ];
    let router = service_fn(move |req: Request<Incoming>| {
        let found = routes
            .iter()
            .find(|(path, _)| *path == req.uri().path())
            .map(|(_, service)| service.clone());
        async move {
            match found {
                Some(service) => service.oneshot(req).await,
                None => {
                    let mut response = Response::new(Full::new(Bytes::new()));
                    *response.status_mut() = StatusCode::NOT_FOUND;
                    Ok(response)
                }
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (addr, calls)
}

attack_tests!(
    #[tokio::test]
    server
);
