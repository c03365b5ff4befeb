//! One `webhook` span per verification, with provider, outcome and delivery id — and neither the
//! body nor a secret anywhere in what is traced.

use std::convert::Infallible;
use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use tower::{service_fn, ServiceBuilder, ServiceExt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use webhook_guard::integrations::tower::WebhookLayer;
use webhook_guard::providers::standard::Standard;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Provider, Sign, SignInput, UnixTime, Verifier};

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const BODY_MARKER: &str = "top-secret-customer-data";

/// Field names and values, as text.
type FieldList = Vec<(String, String)>;

/// Everything traced: span names with their fields, and event fields, as text.
#[derive(Default)]
struct Capture {
    next: AtomicU64,
    spans: Mutex<Vec<(String, FieldList)>>,
    events: Mutex<Vec<FieldList>>,
}

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

#[derive(Clone, Default)]
struct Sub(Arc<Capture>);

impl Subscriber for Sub {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = Vec::new();
        attrs.record(&mut Fields(&mut fields));
        let mut spans = self.0.spans.lock().unwrap();
        spans.push((attrs.metadata().name().to_owned(), fields));
        self.0.next.fetch_add(1, Ordering::SeqCst);
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.0.spans.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[index].1));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.0.events.lock().unwrap().push(fields);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

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

    let spans = capture.0.spans.lock().unwrap().clone();
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

    let everything = format!("{spans:?} {:?}", capture.0.events.lock().unwrap());
    assert!(!everything.contains(BODY_MARKER), "the body was traced");
    assert!(!everything.contains(SECRET), "the secret was traced");
    let sig_b64 = signature.trim_start_matches("v1,");
    assert!(!everything.contains(sig_b64), "a signature was traced");
}
