//! Unsigned endpoint checks (`Provider::endpoint_check`) over real HTTP on 127.0.0.1, through
//! axum, actix-web and the tower layer: the `GET` and `POST` of one endpoint go through one
//! verifier; a check is answered (200, `nosniff`) or refused (403) and never reaches the
//! handler; a `GET` that is no check is verified as a delivery and refused.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tower::{service_fn, ServiceBuilder, ServiceExt};
use webhook_guard::integrations::tower::WebhookLayer;
use webhook_guard::providers::dropbox::{self, Dropbox};
use webhook_guard::providers::msgraph::MsGraph;
use webhook_guard::providers::okta::{self, Okta};
use webhook_guard::{Provider, Secret, Verifier};

const DROPBOX_SECRET: &str = "dropbox-app-secret-0123456789";
const OKTA_SECRET: &str = "okta-shared-secret-0123456789";
const GRAPH_STATE: &str = "graph-client-state-0123456789";

fn verifier<P: Provider>(provider: P, secret: &str) -> Verifier<P> {
    Verifier::builder(provider)
        .secret(Secret::from_text(secret))
        .build()
        .unwrap()
}

/// Handler runs, counted.
#[derive(Clone, Default)]
struct Runs(Arc<AtomicUsize>);

impl Runs {
    fn hit(&self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// The same scenario against a server with `/dropbox`, `/okta` and `/graph` routes, each
/// answering `GET` and `POST` through one verifier.
async fn scenario(base: &str, runs: &Runs) {
    let client = reqwest::Client::new();

    // Dropbox: the challenge is echoed as plain text that no browser will sniff.
    let r = client
        .get(format!("{base}/dropbox?challenge=a%3Cb%3E+c"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(r.text().await.unwrap(), "a<b> c");
    // A GET that is no check is a delivery without a signature.
    let r = client.get(format!("{base}/dropbox")).send().await.unwrap();
    assert_eq!(r.status(), 400);
    // A challenge on a POST is not Dropbox's check: verified as a delivery, refused.
    let r = client
        .post(format!("{base}/dropbox?challenge=x"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(runs.count(), 0);
    let body = r#"{"list_folder":{"accounts":["dbid:AAH4f99"]}}"#;
    let r = client
        .post(format!("{base}/dropbox"))
        .header(
            dropbox::SIGNATURE_HEADER,
            dropbox::sign(DROPBOX_SECRET.as_bytes(), body.as_bytes()),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(runs.count(), 1);

    // Okta: answered only with the configured secret; 403 otherwise, handler never run.
    let r = client
        .get(format!("{base}/okta"))
        .header(okta::AUTH_HEADER, OKTA_SECRET)
        .header(okta::CHALLENGE_HEADER, "Me_rShK8JHsTnbyYrWXCEoMGbM")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"verification":"Me_rShK8JHsTnbyYrWXCEoMGbM"}"#
    );
    for auth in [Some("okta-shared-secret-012345678"), None] {
        let mut req = client
            .get(format!("{base}/okta"))
            .header(okta::CHALLENGE_HEADER, "Me_rShK8JHsTnbyYrWXCEoMGbM");
        if let Some(auth) = auth {
            req = req.header(okta::AUTH_HEADER, auth);
        }
        let r = req.send().await.unwrap();
        assert_eq!(r.status(), 403, "{auth:?}");
        let text = r.text().await.unwrap();
        assert!(text.starts_with("endpoint_check_refused: "), "{text}");
        assert!(!text.contains(OKTA_SECRET), "{text}");
    }
    assert_eq!(runs.count(), 1);
    let r = client
        .post(format!("{base}/okta"))
        .header(okta::AUTH_HEADER, OKTA_SECRET)
        .body(r#"{"eventType":"com.okta.event_hook","data":{"events":[]}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(runs.count(), 2);

    // Microsoft Graph: the validation token is echoed; notifications need the clientState.
    let r = client
        .post(format!(
            "{base}/graph?validationToken=Validation%3A+Testing+client+application+reachability"
        ))
        .header("content-type", "text/plain")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.text().await.unwrap(),
        "Validation: Testing client application reachability"
    );
    assert_eq!(runs.count(), 2);
    for (state, status) in [(GRAPH_STATE, 200), ("graph-client-state-0123456780", 401)] {
        let body = format!(
            r#"{{"value":[{{"subscriptionId":"s1","clientState":"{state}","changeType":"created"}}]}}"#
        );
        let r = client
            .post(format!("{base}/graph"))
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "{state}");
    }
    assert_eq!(runs.count(), 3);
}

#[tokio::test]
async fn axum_answers_endpoint_checks_on_the_receiving_route() {
    use axum::extract::State;
    use axum::routing::get;
    use axum::Router;
    use webhook_guard::integrations::axum::Verified;

    async fn handle<P: Provider>(
        State(state): State<AxumState>,
        _hook: Verified<P>,
    ) -> &'static str {
        let runs = &state.runs;
        runs.hit();
        "handled"
    }

    let runs = Runs::default();
    // One state holds a verifier per provider (`FromRef`); `get(h).post(h)` routes both
    // methods of an endpoint to one handler, hence one verifier.
    let app = Router::new()
        .route("/dropbox", get(handle::<Dropbox>).post(handle::<Dropbox>))
        .route("/okta", get(handle::<Okta>).post(handle::<Okta>))
        .route("/graph", get(handle::<MsGraph>).post(handle::<MsGraph>))
        .with_state(AxumState {
            runs: runs.clone(),
            dropbox: verifier(Dropbox, DROPBOX_SECRET),
            okta: verifier(Okta::new(), OKTA_SECRET),
            graph: verifier(MsGraph, GRAPH_STATE),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    scenario(&format!("http://{addr}"), &runs).await;
    server.abort();
}

/// axum state: the handler's counter and one verifier per provider.
#[derive(Clone)]
struct AxumState {
    runs: Runs,
    dropbox: Verifier<Dropbox>,
    okta: Verifier<Okta>,
    graph: Verifier<MsGraph>,
}

impl axum::extract::FromRef<AxumState> for Runs {
    fn from_ref(state: &AxumState) -> Self {
        state.runs.clone()
    }
}

impl axum::extract::FromRef<AxumState> for Verifier<Dropbox> {
    fn from_ref(state: &AxumState) -> Self {
        state.dropbox.clone()
    }
}

impl axum::extract::FromRef<AxumState> for Verifier<Okta> {
    fn from_ref(state: &AxumState) -> Self {
        state.okta.clone()
    }
}

impl axum::extract::FromRef<AxumState> for Verifier<MsGraph> {
    fn from_ref(state: &AxumState) -> Self {
        state.graph.clone()
    }
}

#[actix_web::test]
async fn actix_answers_endpoint_checks_on_the_receiving_route() {
    use actix_web::{web, App, HttpServer};
    use webhook_guard::integrations::actix::Verified;

    async fn handle<P: Provider>(runs: web::Data<Runs>, _hook: Verified<P>) -> &'static str {
        runs.hit();
        "handled"
    }

    let runs = Runs::default();
    let data = web::Data::new(runs.clone());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .service(
                web::resource("/dropbox")
                    .app_data(web::Data::new(verifier(Dropbox, DROPBOX_SECRET)))
                    .route(web::route().to(handle::<Dropbox>)),
            )
            .service(
                web::resource("/okta")
                    .app_data(web::Data::new(verifier(Okta::new(), OKTA_SECRET)))
                    .route(web::route().to(handle::<Okta>)),
            )
            .service(
                web::resource("/graph")
                    .app_data(web::Data::new(verifier(MsGraph, GRAPH_STATE)))
                    .route(web::route().to(handle::<MsGraph>)),
            )
    })
    .workers(1)
    .listen(listener)
    .unwrap()
    .run();
    let handle = server.handle();
    let running = actix_web::rt::spawn(server);
    scenario(&format!("http://{addr}"), &runs).await;
    handle.stop(false).await;
    let _ = running.await;
}

#[tokio::test]
async fn tower_layer_answers_endpoint_checks() {
    type Routed =
        tower::util::BoxCloneService<Request<Incoming>, Response<Full<Bytes>>, Infallible>;

    fn routed<P: Provider>(v: Verifier<P>, runs: &Runs) -> Routed {
        let runs = runs.clone();
        let service = ServiceBuilder::new()
            .layer(WebhookLayer::new(v))
            .service(service_fn(move |_req: Request<Full<Bytes>>| {
                runs.hit();
                async { Ok::<_, Infallible>(Response::new(Full::new(Bytes::from("handled")))) }
            }));
        tower::util::BoxCloneService::new(service)
    }

    let runs = Runs::default();
    let routes: Vec<(&str, Routed)> = vec![
        ("/dropbox", routed(verifier(Dropbox, DROPBOX_SECRET), &runs)),
        ("/okta", routed(verifier(Okta::new(), OKTA_SECRET), &runs)),
        ("/graph", routed(verifier(MsGraph, GRAPH_STATE), &runs)),
    ];
    let router = service_fn(move |req: Request<Incoming>| {
        let route = routes
            .iter()
            .find(|(path, _)| *path == req.uri().path())
            .map(|(_, service)| service.clone());
        async move {
            match route {
                Some(service) => service.oneshot(req).await,
                None => Ok(Response::new(Full::new(Bytes::from_static(b"no route")))),
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let service = TowerToHyperService::new(router.clone());
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    scenario(&format!("http://{addr}"), &runs).await;
    server.abort();
}
