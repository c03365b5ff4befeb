//! `webhook-guard listen`: a local receiver that verifies every request and prints what was
//! proven, built on the crate's own axum integration (body limit, replay store, handshakes).
//!
//! Prints `listening on http://ADDR` first, then one line per request:
//! `ok provider=… event=… id=… timestamp=… variant=…`, `handshake answered`, or
//! `rejected: <kind>: <message>`; with `--forward-to URL`, each verified delivery is posted on
//! to URL unchanged and `forwarded to URL: <status>` follows. Runs until killed. Exit 2 on usage errors, 1 when the
//! address cannot be bound.
//!
//! With `--inbox DATABASE_URL`, each verified delivery is stored durably instead (see
//! [`crate::inbox::receiving_router`]): `stored id=… provider=… event=… key=…` per delivery;
//! exit 1 when the inbox cannot be opened. `--retain-done DURATION` also purges done
//! deliveries older than DURATION, at start and hourly (`purged N done deliveries …`).
//!
//! Providers that sign the URL (Twilio, Square, HubSpot) are verified as posted to the printed
//! address: `http://ADDR` followed by the request's path and query (the verifier's
//! `public_url`), never the `Host` header the client sent.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use webhook_guard::inbox::DatabaseUrl;
use webhook_guard::integrations::axum::{ReplayCommit, VerifiedEvent};
use webhook_guard::integrations::Rejection;
use webhook_guard::registry;
use webhook_guard::replay::MemoryStore;
use webhook_guard::{Secret, TypedEvent, Verifier};

use crate::by_name::ByName;
use crate::secret_source::SecretList;

/// Arguments of `webhook-guard listen`.
#[derive(clap::Args, Debug)]
pub(crate) struct ListenArgs {
    /// Provider name: github, stripe, slack, shopify, standard, …
    #[arg(long)]
    provider: String,
    /// The accepted secrets (several: rotation); prefer --secret-env or --secret-file.
    #[command(flatten)]
    secrets: SecretList,
    /// Accept a weak secret (shorter than the provider's secrets, or a Stripe API key), which
    /// is refused otherwise. For tests and published test vectors only.
    #[arg(long)]
    allow_weak_secret: bool,
    /// The address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Forward each verified delivery, headers and exact body unchanged (so the application
    /// verifies it itself), to this URL, and answer the sender with its status, like
    /// `stripe listen --forward-to`. Rejected requests are not forwarded.
    #[arg(long, value_name = "URL")]
    forward_to: Option<String>,
    /// Meta only: the verify token entered in the App Dashboard, so that Meta's subscription
    /// `GET` (`hub.verify_token`) is answered; without it that check is refused (403).
    #[arg(long, value_name = "TOKEN")]
    verify_token: Option<String>,
    /// Store each verified delivery in the durable inbox at this database URL (`sqlite:PATH`,
    /// created if missing; `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` when built with
    /// feature `inbox-postgres`, tables created if missing) and answer 200 `stored` or
    /// `duplicate` once it is committed, 503 when it cannot be; endpoint checks are answered.
    /// Prints `stored id=… provider=… event=… key=…` (or `duplicate id=…`) per delivery.
    /// `webhook-guard inbox --database URL` inspects it.
    #[arg(long, value_name = "DATABASE_URL", value_parser = InboxUrl::new, conflicts_with = "forward_to")]
    inbox: Option<InboxUrl>,
    /// With --inbox: delete done deliveries last changed more than DURATION ago (`7d`, `72h`;
    /// at least 1h), at start and then hourly, printing `purged N done deliveries …`. Purging
    /// forgets their replay keys: keep them longer than the senders' retry window. Default:
    /// kept forever (`webhook-guard inbox purge` deletes them by hand).
    #[arg(long, value_name = "DURATION", requires = "inbox", value_parser = crate::inbox::parse_retention)]
    retain_done: Option<Duration>,
}

/// `--inbox` as given. Parsed by `run`, not by clap: clap's message for a value it refuses
/// repeats the value, and a PostgreSQL URL may hold a password. `Debug` hides it.
#[derive(Clone)]
struct InboxUrl(String);

impl InboxUrl {
    fn new(text: &str) -> Result<Self, std::convert::Infallible> {
        Ok(Self(text.to_owned()))
    }
}

impl std::fmt::Debug for InboxUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match DatabaseUrl::parse(&self.0) {
            Ok(url) => write!(f, "{url:?}"),
            Err(_) => f.write_str("InboxUrl(..)"),
        }
    }
}

const USAGE: u8 = 2;

/// The keys to verify with: each secret as given and, where it differs, the verification key
/// derived from it — so `listen` accepts both a provider's public key and the signing key `send`
/// used.
fn keys(args: &ListenArgs) -> Result<Vec<Secret>, String> {
    let provider = provider(args)?;
    let mut keys = Vec::new();
    for secret in args.secrets.read(None)? {
        let key = provider
            .secret_from_display(secret.text())
            .map_err(|e| format!("{}: {e}", secret.origin))?;
        if let Ok(derived) = provider.verification_key(&key) {
            if derived.expose_secret() != key.expose_secret() {
                keys.push(derived);
            }
        }
        keys.push(key);
    }
    Ok(keys)
}

fn provider(args: &ListenArgs) -> Result<Box<dyn registry::AnyProvider>, String> {
    if let Some(token) = &args.verify_token {
        if args.provider != "meta" {
            return Err("--verify-token is for `--provider meta` only".to_owned());
        }
        let meta = webhook_guard::providers::meta::Meta::new()
            .verify_token(Secret::from_text(token.as_str()));
        return Ok(Box::new(meta));
    }
    registry::by_name(&args.provider).ok_or_else(|| {
        format!(
            "unknown provider `{}` (known: {})",
            args.provider,
            registry::names().collect::<Vec<_>>().join(", ")
        )
    })
}

/// The verifier for requests addressed to `base` (the public URL of URL-signing schemes).
fn build_verifier(
    args: &ListenArgs,
    keys: &[Secret],
    base: &str,
) -> Result<Verifier<ByName>, String> {
    let mut builder = Verifier::builder(ByName(provider(args)?))
        .replay_store(MemoryStore::new(100_000))
        .public_url(base);
    for key in keys {
        builder = builder.secret(key.clone());
    }
    if args.allow_weak_secret {
        builder
            .dangerous_allow_weak_secrets()
            .build()
            .map_err(|e| e.to_string())
    } else {
        builder.build().map_err(crate::refused_secret)
    }
}

/// Where verified deliveries go with `--forward-to`.
#[derive(Clone)]
struct Forward {
    url: String,
    client: reqwest::Client,
}

impl Forward {
    /// Posts `body` with the sender's `headers` (hop-by-hop ones dropped) and answers with the
    /// application's status and body; 502 when it cannot be reached.
    async fn send(&self, headers: &HeaderMap, body: bytes::Bytes) -> Response {
        let mut request = self.client.post(&self.url).body(body);
        for (name, value) in headers {
            if !matches!(
                name.as_str(),
                "host" | "content-length" | "connection" | "transfer-encoding"
            ) {
                request = request.header(name.as_str(), value.as_bytes());
            }
        }
        match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let text = response.text().await.unwrap_or_default();
                out!("forwarded to {}: {status}", self.url);
                let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
                (status, text).into_response()
            }
            Err(e) => {
                out!("forward to {} failed: {e}", self.url);
                (StatusCode::BAD_GATEWAY, "forward_failed").into_response()
            }
        }
    }
}

async fn receive(
    forward: Option<Forward>,
    headers: HeaderMap,
    hook: Result<VerifiedEvent<ByName>, Rejection>,
) -> Response {
    match hook {
        Ok(hook) => {
            let d = &hook.delivery;
            out!(
                "ok provider={} event={} id={} key={} timestamp={} variant={}",
                d.provider(),
                d.event().unwrap_or("-"),
                d.signed_id().or(d.unsigned_id()).unwrap_or("-"),
                d.replay_key().unwrap_or("-"),
                d.timestamp()
                    .map_or_else(|| "-".to_owned(), |t| t.as_secs().to_string()),
                hook.event.variant_name(),
            );
            match forward {
                Some(forward) => forward.send(&headers, hook.body).await,
                None => "ok".into_response(),
            }
        }
        Err(rejection) => {
            match &rejection {
                Rejection::Handshake(_) => out!("handshake answered"),
                Rejection::Verification(e) => out!("rejected: {}: {e}", e.kind()),
                other => out!("rejected: {}: {other}", other.kind()),
            }
            rejection.into_response()
        }
    }
}

pub(crate) fn run(args: ListenArgs) -> ExitCode {
    // Secrets are read (and checked) once, before binding: a usage error exits 2 at once.
    let checked =
        keys(&args).and_then(|keys| build_verifier(&args, &keys, "http://127.0.0.1").map(|_| keys));
    let inbox_url = args
        .inbox
        .as_ref()
        .map(|url| DatabaseUrl::parse(&url.0).map_err(|e| format!("--inbox: {e}")))
        .transpose();
    let (keys, inbox_url) = match checked.and_then(|keys| Ok((keys, inbox_url?))) {
        Ok(checked) => checked,
        Err(e) => {
            eprintln!("webhook-guard: {e}");
            return ExitCode::from(USAGE);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("webhook-guard: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let inbox = match &inbox_url {
        None => None,
        Some(url) => match runtime.block_on(url.open()) {
            Ok(store) => Some(store),
            Err(e) => {
                eprintln!("webhook-guard: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        let base = format!("http://{}", listener.local_addr()?);
        let verifier = build_verifier(&args, &keys, &base).map_err(std::io::Error::other)?;
        out!("listening on {base}");
        let forward = match &args.forward_to {
            Some(url) => Some(Forward {
                url: url.clone(),
                client: reqwest::Client::builder()
                    .timeout(Duration::from_secs(30))
                    .build()
                    .map_err(std::io::Error::other)?,
            }),
            None => None,
        };
        if let Some(store) = inbox {
            if let Some(retention) = args.retain_done {
                let store = std::sync::Arc::clone(&store);
                tokio::spawn(crate::inbox::purge_done_periodically(store, retention));
            }
            let app = crate::inbox::receiving_router(verifier, store);
            return axum::serve(listener, app).await;
        }
        let app = Router::new()
            .fallback(
                move |headers: HeaderMap, hook: Result<VerifiedEvent<ByName>, Rejection>| {
                    receive(forward.clone(), headers, hook)
                },
            )
            .layer(ReplayCommit::new())
            .with_state(verifier);
        axum::serve(listener, app).await
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("webhook-guard: cannot listen on {}: {e}", args.addr);
            ExitCode::FAILURE
        }
    }
}
