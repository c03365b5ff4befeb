//! One `webhook` span per verification, with provider, outcome and delivery id — and neither the
//! body nor a secret anywhere in what is traced.

mod trace_capture;

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use tower::{service_fn, ServiceBuilder, ServiceExt};
use trace_capture::Sub;
use webhook_guard::integrations::tower::WebhookLayer;
use webhook_guard::providers::standard::Standard;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Provider, Sign, SignInput, UnixTime, Verifier};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY_MARKER: &str = "top-secret-customer-data";

fn request(body: &[u8], headers: &[(String, String)]) -> Request<Full<Bytes>> {
    let mut builder = Request::post("/hook");
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    builder
        .body(Full::new(Bytes::copy_from_slice(body)))
        .unwrap()
}

#[tokio::test]
async fn one_span_per_verification_without_body_or_secret() {
    let capture = Sub::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let verifier = Verifier::builder(Standard)
        .secret_from_display(SECRET)
        .unwrap()
        .replay_store(MemoryStore::new(10))
        .build()
        .unwrap();
    let service = ServiceBuilder::new()
        .layer(WebhookLayer::new(verifier))
        .service(service_fn(|_req: Request<Full<Bytes>>| async {
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"ok"))))
        }));

    let body = format!(r#"{{"note":"{BODY_MARKER}"}}"#);
    let key = Standard.secret_from_display(SECRET).unwrap();
    let now = UnixTime::from_secs(
        i64::try_from(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        )
        .unwrap(),
    )
    .unwrap();
    let headers = Standard
        .sign(
            &key,
            &SignInput::new(body.as_bytes(), now).with_id("msg_traced"),
        )
        .unwrap()
        .headers;
    let signature = headers
        .iter()
        .find(|(n, _)| n == "webhook-signature")
        .unwrap()
        .1
        .clone();

    let ok = service
        .clone()
        .oneshot(request(body.as_bytes(), &headers))
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let dup = service
        .clone()
        .oneshot(request(body.as_bytes(), &headers))
        .await
        .unwrap();
    assert_eq!(dup.status(), 200);
    let bad = service
        .clone()
        .oneshot(request(b"{}", &headers))
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);

    let (spans, events) = capture.0.mine();
    let webhook_spans: Vec<_> = spans.iter().filter(|(name, _)| name == "webhook").collect();
    assert_eq!(webhook_spans.len(), 3, "{spans:?}");
    let field = |fields: &[(String, String)], name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let outcomes: Vec<_> = webhook_spans
        .iter()
        .map(|(_, f)| {
            assert_eq!(field(f, "provider").as_deref(), Some("standard"));
            (field(f, "outcome").unwrap(), field(f, "delivery_id"))
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            ("accepted".to_owned(), Some("msg_traced".to_owned())),
            ("replayed".to_owned(), Some("msg_traced".to_owned())),
            ("signature_mismatch".to_owned(), None),
        ]
    );

    let everything = format!("{spans:?} {events:?}");
    assert!(!everything.contains(BODY_MARKER), "the body was traced");
    assert!(!everything.contains(SECRET), "the secret was traced");
    let sig_b64 = signature.trim_start_matches("v1,");
    assert!(!everything.contains(sig_b64), "a signature was traced");
}
