//! A multi-tenant receiver: each customer has their own webhook secret, picked from the request
//! by a resolver before the body is read. Starts on a free loopback port, sends itself a few
//! deliveries and prints what happened.
//!
//! ```text
//! cargo run --example multi_tenant
//! ```
//!
//! Two resolvers are shown: [`StaticTenants`] (a map built at start-up, tenant in the path) and
//! [`TenantLookup`] (an async lookup, tenant in a header) — for tenants kept in a database —
//! behind a [`BoxResolver`] so that the state can name its type.

use std::collections::HashMap;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::FromRef;
use axum::routing::post;
use axum::Router;
use webhook_guard::integrations::axum::{ReplayCommit, Verified};
use webhook_guard::integrations::{
    BoxResolver, ResolveError, StaticTenants, TenantKey, TenantLookup,
};
use webhook_guard::providers::standard::Standard;
use webhook_guard::replay::{MemoryStore, ReplayStore};
use webhook_guard::{Provider, Sign, SignInput, UnixTime, Verifier};

/// Tenant secrets, as your database would hold them.
const SECRETS: [(&str, &str); 2] = [
    ("acme", "whsec_YWNtZS1zZWNyZXQtYWNtZS1zZWNyZXQt"),
    ("globex", "whsec_Z2xvYmV4LXNlY3JldC1nbG9iZXgtc2VjcmV0"),
];

/// One verifier per tenant, sharing one replay store with a namespace each.
fn tenant_verifier(
    tenant: &str,
    secret: &str,
    store: &Arc<dyn ReplayStore>,
) -> Result<Verifier<Standard>, webhook_guard::Error> {
    Verifier::builder(Standard)
        .secret_from_display(secret)?
        .shared_replay_store(Arc::clone(store))
        .namespace(tenant)
        .build()
}

#[derive(Clone)]
struct AppState {
    by_path: StaticTenants<Standard>,
    by_header: BoxResolver<Standard>,
}

impl FromRef<AppState> for StaticTenants<Standard> {
    fn from_ref(state: &AppState) -> Self {
        state.by_path.clone()
    }
}

impl FromRef<AppState> for BoxResolver<Standard> {
    fn from_ref(state: &AppState) -> Self {
        state.by_header.clone()
    }
}

/// `POST /hooks/{tenant}`: the tenant's verifier was picked from the path.
async fn by_path(hook: Verified<Standard, StaticTenants<Standard>>) -> String {
    format!("handled {}", hook.delivery.replay_key().unwrap_or("-"))
}

/// `POST /hooks` with `X-Tenant`: the verifier was looked up asynchronously.
async fn by_header(hook: Verified<Standard, BoxResolver<Standard>>) -> String {
    format!("handled {}", hook.delivery.replay_key().unwrap_or("-"))
}

fn build_state() -> Result<AppState, webhook_guard::Error> {
    let store: Arc<dyn ReplayStore> = Arc::new(MemoryStore::new(100_000));
    let mut by_path = StaticTenants::new(TenantKey::PathSegment(1));
    let mut table = HashMap::new();
    for (tenant, secret) in SECRETS {
        let verifier = tenant_verifier(tenant, secret, &store)?;
        by_path = by_path.with(tenant, verifier.clone());
        table.insert(tenant.to_owned(), verifier);
    }
    // Stands in for a database query; a real one would also cache the verifiers it builds.
    let table = Arc::new(table);
    let by_header = BoxResolver::new(TenantLookup::new(
        TenantKey::Header("X-Tenant"),
        move |tenant: String| {
            let table = Arc::clone(&table);
            async move {
                table
                    .get(&tenant)
                    .cloned()
                    .ok_or(ResolveError::UnknownTenant)
            }
        },
    ));
    Ok(AppState { by_path, by_header })
}

fn sign(
    secret: &str,
    body: &[u8],
    id: &str,
) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let now = i64::try_from(SystemTime::now().duration_since(UNIX_EPOCH)?.as_secs())?;
    let key = Standard.secret_from_display(secret)?;
    let at = UnixTime::from_secs(now).ok_or("time")?;
    Ok(Standard
        .sign(&key, &SignInput::new(body, at).with_id(id))?
        .headers)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("multi_tenant failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A delivery to send: name, path, headers and the status the receiver should answer.
type Case = (&'static str, String, Vec<(String, String)>, u16);

async fn run() -> Result<bool, Box<dyn std::error::Error>> {
    let app = Router::new()
        .route("/hooks/{tenant}", post(by_path))
        .route("/hooks", post(by_header))
        .route_layer(ReplayCommit::new())
        .with_state(build_state()?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });

    let body = br#"{"type":"user.created","data":{"id":"u_1"}}"#;
    let acme = sign(SECRETS[0].1, body, "msg_acme_1")?;
    let globex = sign(SECRETS[1].1, body, "msg_globex_1")?;
    let cases: Vec<Case> = vec![
        (
            "acme, signed by acme",
            "/hooks/acme".into(),
            acme.clone(),
            200,
        ),
        (
            "globex, signed by acme",
            "/hooks/globex".into(),
            acme.clone(),
            401,
        ),
        ("unknown tenant", "/hooks/initech".into(), acme.clone(), 404),
        (
            "acme again (replay)",
            "/hooks/acme".into(),
            acme.clone(),
            200,
        ),
        (
            "globex via X-Tenant",
            "/hooks".into(),
            {
                let mut h = globex.clone();
                h.push(("X-Tenant".into(), "globex".into()));
                h
            },
            200,
        ),
        ("no X-Tenant", "/hooks".into(), globex, 404),
    ];
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    println!("{:<24} {:<16} {:>6}  answer", "delivery", "path", "status");
    println!("{}", "-".repeat(80));
    let mut all_expected = true;
    for (name, path, headers, expected) in cases {
        let mut request = client.post(format!("{base}{path}")).body(body.to_vec());
        for (header, value) in &headers {
            request = request.header(header, value);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let answer = response.text().await?;
        all_expected &= status == expected;
        let mark = if status == expected {
            ""
        } else {
            "  <-- unexpected"
        };
        println!("{name:<24} {path:<16} {status:>6}  {answer}{mark}");
    }
    Ok(all_expected)
}
