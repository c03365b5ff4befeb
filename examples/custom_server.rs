//! A receiver without a framework integration: plain hyper and the core API — the same calls
//! the extractors make, step by step.
//!
//! ```text
//! export GITHUB_WEBHOOK_SECRET='development secret, not for production'
//! cargo run --example custom_server
//! # in another shell, with the same variable:
//! cargo run --features cli -- send --provider github --secret-env GITHUB_WEBHOOK_SECRET --event push \
//!     --url http://127.0.0.1:3001/ tests/fixtures/github/push/payload.json
//! ```

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use webhook_guard::providers::github::GitHub;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Delivery, Secret, Verifier, WebhookRequest};

fn text(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response
}

/// Your business logic. Returns `false` when the delivery could not be handled.
fn process(delivery: &Delivery, body: &[u8]) -> bool {
    println!(
        "{} delivery {}: {} bytes",
        delivery.event().unwrap_or("?"),
        delivery.replay_key().unwrap_or("?"),
        body.len()
    );
    true
}

async fn handle(
    verifier: Verifier<GitHub>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let (parts, body) = req.into_parts();

    // 1. Read the body with the verifier's limit, enforced while reading.
    let Ok(body) = Limited::new(body, verifier.max_body_size()).collect().await else {
        return Ok(text(StatusCode::PAYLOAD_TOO_LARGE, "body_too_large"));
    };
    let body = body.to_bytes();

    // 2. Verify the signature against the exact bytes (synchronous, no allocation).
    let request = WebhookRequest::new(&parts.headers, &body);
    let checked = match verifier.check_signature(&request) {
        Ok(checked) => checked,
        Err(e) => return Ok(text(e.status(), e.kind())),
    };

    // 3. Answer a provider's endpoint check, if this is one (not for GitHub, but harmless).
    if let Some(answer) = verifier.handshake(checked.delivery(), &body) {
        return Ok(Response::new(Full::new(Bytes::from(answer.body))));
    }

    // 4. Claim the delivery's replay key (derived from signed material only): a duplicate is
    //    answered 200 (409 while the first copy is still being handled) without handling it.
    let (delivery, reservation) = match verifier.reserve(checked, &request).await {
        Ok(accepted) => (accepted.delivery, accepted.reservation),
        Err(e) => return Ok(text(e.status(), e.kind())),
    };

    // 5. Handle it, then 6. commit on success or release so that the retry is processed.
    let ok = process(&delivery, &body);
    if let Some(reservation) = reservation {
        let decided = if ok {
            reservation.commit().await
        } else {
            reservation.release().await
        };
        if let Err(e) = decided {
            eprintln!("replay store: {e}");
        }
    }
    Ok(if ok {
        text(StatusCode::OK, "ok")
    } else {
        text(StatusCode::INTERNAL_SERVER_ERROR, "failed")
    })
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("GITHUB_WEBHOOK_SECRET")
        .unwrap_or_else(|_| "development secret, not for production".to_owned());
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(&secret))
        .replay_store(MemoryStore::new(100_000))
        .build()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3001").await?;
    println!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let verifier = verifier.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |req| handle(verifier.clone(), req));
            if let Err(e) = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection: {e}");
            }
        });
    }
}
