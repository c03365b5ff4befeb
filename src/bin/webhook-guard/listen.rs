//! `webhook-guard listen`: a local receiver that verifies every request and prints what was
//! proven, built on the crate's own axum integration (body limit, replay store, handshakes).
//!
//! Prints `listening on http://ADDR` first, then one line per request:
//! `ok provider=… event=… id=… timestamp=… variant=…`, `handshake answered`, or
//! `rejected: <kind>: <message>`. Runs until killed. Exit 2 on usage errors, 1 when the
//! address cannot be bound.
//!
//! Providers that sign the URL (Twilio, Square, HubSpot) are verified as posted to the printed
//! address: `http://ADDR` followed by the request's path and query (the verifier's
//! `public_url`), never the `Host` header the client sent.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::process::ExitCode;

use axum::response::{IntoResponse, Response};
use axum::Router;
use webhook_guard::integrations::axum::{ReplayCommit, VerifiedEvent};
use webhook_guard::integrations::Rejection;
use webhook_guard::registry::{self, AnyProvider, ParsedEvent};
use webhook_guard::replay::MemoryStore;
use webhook_guard::{
    Delivery, Error, Handshake, Provider, Secret, Secrets, SignInput, Signed, Tolerance,
    TypedEvent, UnixTime, Verifier, VerifierBuilder, WebhookRequest,
};

/// Arguments of `webhook-guard listen`.
#[derive(clap::Args, Debug)]
pub(crate) struct ListenArgs {
    /// Provider name: github, stripe, slack, shopify, standard, …
    #[arg(long)]
    provider: String,
    /// The secret, as the provider displays it; repeat to accept several (rotation).
    #[arg(long, required = true)]
    secret: Vec<String>,
    /// The address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

const USAGE: u8 = 2;

/// A provider chosen by name, as a [`Provider`] so the integrations can use it.
struct ByName(Box<dyn AnyProvider>);

/// The parsed event of a provider chosen by name: its variant, described.
struct Described(ParsedEvent);

impl TypedEvent for Described {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Owned(self.0.variant.clone())
    }

    fn is_typed(&self) -> bool {
        self.0.typed
    }
}

impl Provider for ByName {
    type Event = Described;

    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        self.0.default_tolerance()
    }

    fn signs_url(&self) -> bool {
        self.0.signs_url()
    }

    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        self.0.secret_from_display(text)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        self.0.verify(req, secrets, now, tolerance)
    }

    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Described, Error> {
        self.0.parse_described(delivery, body).map(Described)
    }

    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake> {
        self.0.handshake(delivery, body, secrets)
    }

    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        self.0.sign(key, message)
    }

    fn verification_key(&self, signing_key: &Secret) -> Result<Secret, Error> {
        self.0.verification_key(signing_key)
    }
}

/// The verifier, but for its public URL: each secret as given and, where it differs, the
/// verification key derived from it — so `listen` accepts both a provider's public key and the
/// signing key `send` used.
fn verifier_builder(args: &ListenArgs) -> Result<VerifierBuilder<ByName>, String> {
    let provider = registry::by_name(&args.provider).ok_or_else(|| {
        format!(
            "unknown provider `{}` (known: {})",
            args.provider,
            registry::NAMES.join(", ")
        )
    })?;
    let mut keys = Vec::new();
    for text in &args.secret {
        let key = provider
            .secret_from_display(text)
            .map_err(|e| e.to_string())?;
        if let Ok(derived) = provider.verification_key(&key) {
            if derived.expose_secret() != key.expose_secret() {
                keys.push(derived);
            }
        }
        keys.push(key);
    }
    let mut builder = Verifier::builder(ByName(provider)).replay_store(MemoryStore::new(100_000));
    for key in keys {
        builder = builder.secret(key);
    }
    Ok(builder)
}

async fn receive(hook: Result<VerifiedEvent<ByName>, Rejection>) -> Response {
    match hook {
        Ok(hook) => {
            let d = &hook.delivery;
            println!(
                "ok provider={} event={} id={} timestamp={} variant={}",
                d.provider(),
                d.event().unwrap_or("-"),
                d.id().unwrap_or("-"),
                d.timestamp()
                    .map_or_else(|| "-".to_owned(), |t| t.as_secs().to_string()),
                hook.event.variant_name(),
            );
            "ok".into_response()
        }
        Err(rejection) => {
            match &rejection {
                Rejection::Handshake(_) => println!("handshake answered"),
                Rejection::Verification(e) => println!("rejected: {}: {e}", e.kind()),
                other => println!("rejected: {}: {other}", other.kind()),
            }
            rejection.into_response()
        }
    }
}

pub(crate) fn run(args: ListenArgs) -> ExitCode {
    let builder = match verifier_builder(&args) {
        Ok(builder) => builder,
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
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        let base = format!("http://{}", listener.local_addr()?);
        let verifier = builder
            .public_url(&base)
            .build()
            .map_err(std::io::Error::other)?;
        println!("listening on {base}");
        let app = Router::new()
            .fallback(receive)
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
