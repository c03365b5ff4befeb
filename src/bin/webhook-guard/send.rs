//! `webhook-guard send`: sign a body as the provider would and POST it.
//!
//! Prints the response status line, then the response body. Exit 0 on a 2xx answer, 1 on any
//! other answer or when the request could not be sent, 2 on usage errors (unknown provider,
//! unreadable body file, unusable secret).

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use webhook_guard::registry;
use webhook_guard::testing::TestDelivery;
use webhook_guard::{Clock, SystemClock, UnixTime};

use crate::secret_source::OneSecret;

/// Arguments of `webhook-guard send`.
#[derive(clap::Args, Debug)]
pub(crate) struct SendArgs {
    /// Provider name: github, stripe, slack, shopify, standard, …
    #[arg(long)]
    provider: String,
    /// The signing secret, as the provider displays it (e.g. `whsec_…`); any secret is
    /// accepted, even one `listen` would refuse as weak.
    #[command(flatten)]
    secret: OneSecret,
    /// The event name, for schemes that send it in a header (GitHub's `X-GitHub-Event`):
    /// required for them, since a receiver cannot type a delivery without it.
    #[arg(long)]
    event: Option<String>,
    /// The delivery id to send, for schemes that have one (derived from the body and the
    /// timestamp when omitted). Send twice with one id to test duplicate handling.
    #[arg(long)]
    id: Option<String>,
    /// The Unix timestamp to sign (default: now); an old one makes a stale delivery.
    #[arg(long)]
    timestamp: Option<i64>,
    /// An extra header, `Name: value`, set after signing (it replaces a signed request's
    /// header of that name): for testing what a receiver does with changed unsigned headers.
    /// Repeat for each.
    #[arg(long = "header", value_name = "NAME: VALUE")]
    headers: Vec<String>,
    /// Sends the same signed request this many times (1–1000), as a sender's retry or an
    /// attacker's replay would.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=1000))]
    repeat: u16,
    /// Changes one byte of the body after signing: the receiver must refuse it (401).
    #[arg(long)]
    tamper: bool,
    /// The URL to POST to (http only).
    #[arg(long)]
    url: String,
    /// A bundled sample delivery to send instead of BODY_FILE (`webhook-guard fixtures`
    /// lists them): its body, and for GitHub its event name unless --event is given.
    #[arg(long, conflicts_with = "body_file")]
    fixture: Option<String>,
    /// The exact body to send, or `-` for stdin.
    #[arg(value_name = "BODY_FILE", required_unless_present = "fixture")]
    body_file: Option<String>,
}

const USAGE: u8 = 2;

fn read_body(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        Ok(body)
    } else {
        std::fs::read(path)
    }
}

pub(crate) fn run(args: SendArgs) -> ExitCode {
    let Some(provider) = registry::by_name(&args.provider) else {
        eprintln!(
            "webhook-guard: unknown provider `{}` (known: {})",
            args.provider,
            registry::names().collect::<Vec<_>>().join(", ")
        );
        return ExitCode::from(USAGE);
    };
    let secret = match args.secret.read(args.body_file.as_deref()) {
        Ok(secret) => secret,
        Err(e) => {
            eprintln!("webhook-guard: {e}");
            return ExitCode::from(USAGE);
        }
    };
    let mut event = args.event.clone();
    let body = match (&args.fixture, &args.body_file) {
        (Some(name), _) => {
            let Some(fixture) = webhook_guard::testing::fixtures::find(&args.provider, name) else {
                eprintln!(
                    "webhook-guard: no fixture `{name}` for {} (see `webhook-guard fixtures --provider {}`)",
                    args.provider, args.provider
                );
                return ExitCode::from(USAGE);
            };
            event = event.or(fixture.event().map(str::to_owned));
            Vec::new()
        }
        (None, Some(path)) => match read_body(path) {
            Ok(body) => body,
            Err(e) => {
                eprintln!("webhook-guard: cannot read `{path}`: {e}");
                return ExitCode::from(USAGE);
            }
        },
        (None, None) => {
            eprintln!("webhook-guard: give BODY_FILE or --fixture NAME");
            return ExitCode::from(USAGE);
        }
    };
    let key = match provider.secret_from_display(secret.text()) {
        Ok(key) => key,
        Err(e) => {
            eprintln!("webhook-guard: {}: {e}", secret.origin);
            return ExitCode::from(USAGE);
        }
    };
    if let (Some(header), None) = (provider.event_header(), &event) {
        eprintln!(
            "webhook-guard: {} names the event in `{header}`: pass --event NAME (a delivery \
             without it reaches the receiver untyped)",
            args.provider
        );
        return ExitCode::from(USAGE);
    }
    let extra = match crate::parse_headers(&args.headers) {
        Ok(extra) => extra,
        Err(e) => {
            eprintln!("webhook-guard: {e}");
            return ExitCode::from(USAGE);
        }
    };
    let timestamp = match args.timestamp {
        Some(secs) => match UnixTime::from_secs(secs) {
            Some(at) => at,
            None => {
                eprintln!("webhook-guard: --timestamp out of range");
                return ExitCode::from(USAGE);
            }
        },
        None => SystemClock.now(),
    };
    // Signed by the test kit, as `TestDelivery` signs for handler tests: a fixture is
    // completed as its sender would (Linear's timestamp), the body otherwise sent as read.
    let mut delivery = TestDelivery::with_key(provider, key)
        .url(args.url.as_str())
        .method("POST")
        .timestamp(timestamp);
    delivery = match &args.fixture {
        Some(name) => match delivery.fixture(name) {
            Ok(delivery) => delivery,
            Err(e) => {
                eprintln!("webhook-guard: {e}");
                return ExitCode::from(USAGE);
            }
        },
        None => delivery.body(body),
    };
    if let Some(event) = &event {
        delivery = delivery.event(event.as_str());
    }
    if let Some(id) = &args.id {
        delivery = delivery.id(id.as_str());
    }
    for (name, value) in extra {
        delivery = delivery.header(name, value);
    }
    if args.tamper {
        delivery = delivery.tampered();
    }
    let request = match delivery.request() {
        Ok(request) => request,
        Err(e) => {
            eprintln!("webhook-guard: cannot sign: {e}");
            return ExitCode::from(USAGE);
        }
    };
    // Schemes that sign the URL with something added (Twilio's bodySHA256) post there.
    let url = request.uri().to_string();

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
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            eprintln!("webhook-guard: cannot build the HTTP client: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut all_succeeded = true;
    for _ in 0..args.repeat {
        let sent = runtime.block_on(async {
            let response = client
                .post(&url)
                .headers(request.headers().clone())
                .body(request.body().clone())
                .send()
                .await?;
            let status = response.status();
            let text = response.text().await?;
            Ok::<_, reqwest::Error>((status, text))
        });
        match sent {
            Ok((status, text)) => {
                out!("{status}");
                if !text.is_empty() {
                    out!("{text}");
                }
                all_succeeded &= status.is_success();
            }
            Err(e) => {
                eprintln!("webhook-guard: cannot send to {url}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if all_succeeded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
