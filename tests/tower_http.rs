//! The tower `WebhookLayer` in front of plain hyper services, over real HTTP on 127.0.0.1.

mod http_common;

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use http_common::{Calls, Server};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tower::{service_fn, ServiceBuilder, ServiceExt};
use webhook_guard::integrations::tower::WebhookLayer;
use webhook_guard::providers::square::Square;
use webhook_guard::providers::twilio::Twilio;
use webhook_guard::{Delivery, Parse, TypedEvent, Verifier};

fn answer(ok: bool) -> Response<Full<Bytes>> {
    let (status, text) = if ok {
        (StatusCode::OK, "handled")
    } else {
        (StatusCode::INTERNAL_SERVER_ERROR, "failed")
    };
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    response
}

/// A handler behind `WebhookLayer`: the delivery is in the extensions, the body is buffered.
/// `typed` parses the event with `verifier`, as a tower user would.
async fn handle<P: Parse>(
    req: Request<Full<Bytes>>,
    calls: Calls,
    verifier: Option<Verifier<P>>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    use http_body_util::BodyExt;
    let delivery = req.extensions().get::<Delivery>().cloned().unwrap();
    let body = req.into_body().collect().await.unwrap().to_bytes();
    let variant = match &verifier {
        Some(v) => match v.parse(&delivery, &body) {
            Ok(event) => event.variant_name().into_owned(),
            Err(e) => {
                let mut response = Response::new(Full::new(Bytes::from(e.kind())));
                *response.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                return Ok(response);
            }
        },
        None => "raw".to_owned(),
    };
    Ok(answer(calls.record(delivery.replay_key(), &variant)))
}

#[tokio::test]
async fn tower_layer_over_http() {
    let calls = Calls::default();
    let standard_verifier = http_common::standard_verifier();
    let (c, v) = (calls.clone(), standard_verifier.clone());
    let standard = ServiceBuilder::new()
        .layer(WebhookLayer::new(standard_verifier))
        .service(service_fn(move |req| {
            handle(req, c.clone(), Some(v.clone()))
        }));
    let c = calls.clone();
    let slack = ServiceBuilder::new()
        .layer(WebhookLayer::new(http_common::slack_verifier()))
        .service(service_fn(move |req| {
            handle::<webhook_guard::providers::slack::Slack>(req, c.clone(), None)
        }));
    let (c, v) = (calls.clone(), http_common::standard_verifier());
    let tenants = ServiceBuilder::new()
        .layer(WebhookLayer::with_resolver(http_common::tenants()))
        .service(service_fn(move |req| {
            handle(req, c.clone(), Some(v.clone()))
        }));

    let router = service_fn(move |req: Request<Incoming>| {
        let (standard, slack, tenants) = (standard.clone(), slack.clone(), tenants.clone());
        async move {
            let path = req.uri().path().to_owned();
            if path == "/standard" {
                standard.oneshot(req).await
            } else if path == "/slack" {
                slack.oneshot(req).await
            } else if path.starts_with("/tenants/") {
                tenants.oneshot(req).await
            } else {
                let mut response = Response::new(Full::new(Bytes::new()));
                *response.status_mut() = StatusCode::NOT_FOUND;
                Ok(response)
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

    let server = Server {
        addr,
        calls,
        has_no_commit_route: false,
    };
    tokio::time::timeout(
        std::time::Duration::from_secs(60),
        http_common::run_suite(&server),
    )
    .await
    .unwrap();
}

type Routed = tower::util::BoxCloneService<Request<Incoming>, Response<Full<Bytes>>, Infallible>;

/// `WebhookLayer::new(verifier)` in front of a handler that records `raw`.
fn layered<P: Parse + Clone>(verifier: Verifier<P>, calls: &Calls) -> Routed {
    let calls = calls.clone();
    let service = ServiceBuilder::new()
        .layer(WebhookLayer::new(verifier))
        .service(service_fn(move |req: Request<Full<Bytes>>| {
            let calls = calls.clone();
            async move {
                assert!(req.extensions().get::<Delivery>().is_some());
                Ok::<_, Infallible>(answer(calls.record(None, "raw")))
            }
        }));
    tower::util::BoxCloneService::new(service)
}

/// Serves `routes` (exact paths) with plain hyper; returns the address.
async fn serve_routes(routes: Vec<(&'static str, Routed)>) -> std::net::SocketAddr {
    let router = service_fn(move |req: Request<Incoming>| {
        let route = routes
            .iter()
            .find(|(path, _)| *path == req.uri().path())
            .map(|(_, service)| service.clone());
        async move {
            match route {
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
    addr
}

#[tokio::test]
async fn tower_signed_url_comes_from_configuration() {
    let calls = Calls::default();
    let addr = serve_routes(vec![
        (
            "/twilio",
            layered::<Twilio>(http_common::twilio_fixed(), &calls),
        ),
        (
            "/twilio-proxied",
            layered::<Twilio>(http_common::twilio_proxied(), &calls),
        ),
        (
            "/twilio-unset",
            layered::<Twilio>(http_common::twilio_unset(), &calls),
        ),
        (
            "/square",
            layered::<Square>(http_common::square_fixed(), &calls),
        ),
    ])
    .await;
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
}

#[tokio::test]
async fn tower_body_read_deadline() {
    let calls = Calls::default();
    let addr = serve_routes(vec![(
        "/slow",
        layered(http_common::slow_verifier(), &calls),
    )])
    .await;
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
