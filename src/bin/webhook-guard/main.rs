//! `webhook-guard`: sign, verify, parse, send and receive webhooks from a shell.
//!
//! Exit codes: 0 ok, 1 rejected (or a payload error in `parse`), 2 usage, 3 `parse` fell back
//! to an untyped variant; `inbox` also exits 4 when the database cannot be opened or read.
//!
//! Secrets: `--secret TEXT`, `--secret-env NAME` or `--secret-file PATH` (`-`: stdin); see
//! [`secret_source`]. `verify` and `listen` refuse a weak secret (exit 2) unless
//! `--allow-weak-secret`, as [`webhook_guard::VerifierBuilder::build`] does; `sign` and `send`
//! sign with any secret, since what they make is test traffic.

use std::io::Read as _;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use webhook_guard::registry::{self, AnyProvider};

/// `println!` that never panics: a closed stdout (`webhook-guard … | head -1`) ends the
/// process quietly with status 0, as ripgrep does, instead of a broken-pipe panic.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            $crate::stdout_failed(&e);
        }
    }};
}

/// Ends the process after a failed write to stdout: quietly on a closed pipe, else with the
/// error on stderr and status 1.
fn stdout_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: cannot write to stdout: {e}");
    std::process::exit(1);
}

mod by_name;
mod inbox;
mod listen;
mod secret_source;
mod send;
use by_name::ByName;
use secret_source::{OneSecret, SecretList};
use webhook_guard::{
    Clock as _, Delivery, Error, FixedClock, SignInput, SystemClock, Tolerance, UnixTime, Verifier,
    WebhookRequest,
};

const USAGE: u8 = 2;

/// Printed after `--help`.
const SECRETS_HELP: &str = "\
Secrets: command-line arguments are visible to other users of the machine (`ps`) and stay in \
shell history, so prefer --secret-env NAME or --secret-file PATH to --secret. verify and listen \
refuse a weak secret (shorter than the provider's secrets, or a Stripe API key) unless \
--allow-weak-secret; sign and send sign with any secret.";

/// Sign, verify, parse, send and receive webhooks the way their senders do.
#[derive(Parser)]
#[command(name = "webhook-guard", version, about, after_help = SECRETS_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the headers a real sender would send with BODY_FILE.
    Sign(SignArgs),
    /// Verify a request: exit 0 and print what was proven, or exit 1 with the reason.
    Verify(VerifyArgs),
    /// Parse a body into the provider's typed event; print the variant and the event name.
    Parse(ParseArgs),
    /// Sign BODY_FILE as the provider would and POST it to URL.
    Send(send::SendArgs),
    /// Receive webhooks on ADDR, verify them and print what was proven.
    Listen(listen::ListenArgs),
    /// List the bundled sample deliveries of a provider (for `send --fixture NAME`).
    Fixtures(FixturesArgs),
    /// Inspect and re-drive a durable inbox: stats, list, show, retry, purge.
    Inbox(inbox::InboxArgs),
}

#[derive(Args)]
struct FixturesArgs {
    /// Provider module name; every provider's when omitted.
    #[arg(long)]
    provider: Option<String>,
}

/// One line per fixture: provider, name, event header (if any), body size.
fn fixtures(args: FixturesArgs) -> Result<ExitCode, Usage> {
    use webhook_guard::testing::fixtures;
    if let Some(name) = &args.provider {
        provider(name)?;
        if fixtures::for_provider(name).next().is_none() {
            return Err(format!("no bundled fixtures for `{name}`"));
        }
    }
    for fixture in fixtures::all() {
        if args
            .provider
            .as_deref()
            .is_some_and(|p| p != fixture.provider())
        {
            continue;
        }
        out!(
            "{} {}{} ({} bytes, {})",
            fixture.provider(),
            fixture.name(),
            fixture
                .event()
                .map(|e| format!(" event={e}"))
                .unwrap_or_default(),
            fixture.body().len(),
            fixture.content_type()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
struct SignArgs {
    /// Provider module name (github, stripe, slack, shopify, standard, …).
    #[arg(long)]
    provider: String,
    /// The signing secret; any secret is accepted, even one `verify` would refuse as weak.
    #[command(flatten)]
    secret: OneSecret,
    /// Delivery id to send, for schemes that send one. When omitted it is derived from the
    /// body alone (a SHA-256 digest), so the same body always gets the same id, shaped like
    /// the provider's ids: `msg_…` for Standard Webhooks, Svix, Clerk and Resend, a UUID for
    /// GitHub, Shopify, Twitch, Linear and Bitbucket, hex otherwise.
    #[arg(long)]
    id: Option<String>,
    /// Unix timestamp to sign (default: now).
    #[arg(long)]
    timestamp: Option<i64>,
    /// Full URL, for schemes that sign it.
    #[arg(long)]
    url: Option<String>,
    /// HTTP method, for schemes that sign it.
    #[arg(long)]
    method: Option<String>,
    /// Event name, for schemes that send it in a header.
    #[arg(long)]
    event: Option<String>,
    /// The body, or `-` for stdin.
    body_file: String,
}

#[derive(Args)]
struct VerifyArgs {
    /// Provider module name.
    #[arg(long)]
    provider: String,
    /// The accepted secrets or public keys (several: rotation).
    #[command(flatten)]
    secrets: SecretList,
    /// Accept a weak secret (shorter than the provider's secrets, or a Stripe API key), which
    /// is refused otherwise. For tests and published test vectors only.
    #[arg(long)]
    allow_weak_secret: bool,
    /// A request header, `Name: value`; repeat for each.
    #[arg(long = "header")]
    headers: Vec<String>,
    /// Full URL the request was sent to, for schemes that sign it.
    #[arg(long)]
    url: Option<String>,
    /// HTTP method, for schemes that sign it.
    #[arg(long)]
    method: Option<String>,
    /// Verify as if the time were this Unix timestamp (default: now).
    #[arg(long)]
    now: Option<i64>,
    /// Timestamp tolerance in seconds, both ways (default: the provider's).
    #[arg(long)]
    tolerance: Option<u64>,
    /// The body, or `-` for stdin.
    body_file: String,
}

#[derive(Args)]
struct ParseArgs {
    /// Provider module name.
    #[arg(long)]
    provider: String,
    /// Event name, for schemes that name it outside the body (e.g. GitHub's `push`).
    #[arg(long)]
    event: Option<String>,
    /// A request header, `Name: value`; repeat for each (the event header is read from these).
    #[arg(long = "header")]
    headers: Vec<String>,
    /// Print one JSON object instead: `provider`, `event` (null when the event has no name),
    /// `variant`, `typed`, and `parsed`: the parsed event as JSON (null when its type does not
    /// serialise).
    #[arg(long)]
    json: bool,
    /// The body, or `-` for stdin.
    body_file: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sign(args) => sign(args),
        Command::Verify(args) => verify(args),
        Command::Parse(args) => parse(args),
        Command::Send(args) => return send::run(args),
        Command::Listen(args) => return listen::run(args),
        Command::Fixtures(args) => fixtures(args),
        Command::Inbox(args) => return inbox::run(args),
    };
    result.unwrap_or_else(|message| {
        eprintln!("webhook-guard: {message}");
        ExitCode::from(USAGE)
    })
}

/// A usage problem: printed, exit 2.
type Usage = String;

fn provider(name: &str) -> Result<Box<dyn AnyProvider>, Usage> {
    registry::by_name(name).ok_or_else(|| {
        format!(
            "unknown provider `{name}`; known: {}",
            registry::names().collect::<Vec<_>>().join(" ")
        )
    })
}

fn read_body(path: &str) -> Result<Vec<u8>, Usage> {
    let mut body = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut body).map(|_| ())
    } else {
        std::fs::read(path).map(|b| body = b)
    };
    read.map_err(|e| format!("cannot read {path}: {e}"))?;
    Ok(body)
}

fn parse_headers(raw: &[String]) -> Result<Vec<(String, String)>, Usage> {
    raw.iter()
        .map(|h| {
            h.split_once(':')
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .filter(|(k, _)| !k.is_empty())
                .ok_or_else(|| format!("header `{h}` is not `Name: value`"))
        })
        .collect()
}

/// The verifier refused the secrets (without `--allow-weak-secret`): say how to accept a weak
/// one anyway.
fn refused_secret(e: Error) -> Usage {
    match e {
        Error::InvalidSecret(_) => {
            format!("{e} (--allow-weak-secret accepts it anyway, for tests only)")
        }
        other => other.to_string(),
    }
}

fn sign(args: SignArgs) -> Result<ExitCode, Usage> {
    let provider = provider(&args.provider)?;
    let secret = args.secret.read(Some(&args.body_file))?;
    let body = read_body(&args.body_file)?;
    let key = provider
        .secret_from_display(secret.text())
        .map_err(|e| format!("{}: {e}", secret.origin))?;
    let timestamp = match args.timestamp {
        Some(secs) => UnixTime::from_secs(secs).ok_or("--timestamp out of range")?,
        None => SystemClock.now(),
    };
    let id = match args.id {
        Some(id) => id,
        None => id_from_body(provider.name(), &body),
    };
    let mut message = SignInput::new(&body, timestamp).with_id(&id);
    if let Some(url) = &args.url {
        message = message.with_url(url);
    }
    if let Some(method) = &args.method {
        message = message.with_method(method);
    }
    if let Some(event) = &args.event {
        message = message.with_event(event);
    }
    let signed = provider.sign(&key, &message).map_err(|e| e.to_string())?;
    for (name, value) in &signed.headers {
        out!("{name}: {value}");
    }
    if let Some(url) = &signed.url {
        eprintln!("post to: {url}");
    }
    if let Some(body) = &signed.body {
        eprintln!("body to send: {}", String::from_utf8_lossy(body));
    }
    Ok(ExitCode::SUCCESS)
}

/// `sign`'s delivery id when none is given: a SHA-256 digest of the body alone (the same body
/// always gets the same id), written the way `provider`'s own ids look.
fn id_from_body(provider: &str, body: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(body);
    let hex = |n: usize| {
        digest
            .iter()
            .take(n)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    match provider {
        // Svix's message ids: `msg_` and a unique suffix.
        "standard" | "svix" | "clerk" | "resend" => format!("msg_{}", hex(16)),
        // A version 8 (RFC 9562 "custom") UUID of the digest's first 16 bytes.
        "github" | "shopify" | "twitch" | "linear" | "bitbucket" => {
            let mut uuid = String::with_capacity(36);
            for (i, byte) in digest.iter().take(16).enumerate() {
                if matches!(i, 4 | 6 | 8 | 10) {
                    uuid.push('-');
                }
                let byte = match i {
                    6 => (byte & 0x0f) | 0x80,
                    8 => (byte & 0x3f) | 0x80,
                    _ => *byte,
                };
                uuid.push_str(&format!("{byte:02x}"));
            }
            uuid
        }
        // Mailgun's tokens are 50 hex digits.
        "mailgun" => hex(25),
        _ => hex(16),
    }
}

fn verify(args: VerifyArgs) -> Result<ExitCode, Usage> {
    let provider = provider(&args.provider)?;
    let texts = args.secrets.read(Some(&args.body_file))?;
    let body = read_body(&args.body_file)?;
    let headers = parse_headers(&args.headers)?;
    let now = match args.now {
        Some(secs) => UnixTime::from_secs(secs).ok_or("--now out of range")?,
        None => SystemClock.now(),
    };
    let tolerance = match args.tolerance {
        Some(secs) => Tolerance::symmetric(Duration::from_secs(secs)),
        None => provider.default_tolerance().unwrap_or_default(),
    };
    let keys = texts
        .iter()
        .map(|secret| {
            provider
                .secret_from_display(secret.text())
                .map_err(|e| format!("{}: {e}", secret.origin))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // Through a `Verifier`, as a receiver would: its secret checks apply. No body limit here.
    let mut builder = Verifier::builder(ByName(provider))
        .clock(FixedClock(now))
        .tolerance(tolerance)
        .max_body_size(usize::MAX);
    for key in keys {
        builder = builder.secret(key);
    }
    let verifier = if args.allow_weak_secret {
        builder
            .dangerous_allow_weak_secrets()
            .build()
            .map_err(|e| e.to_string())
    } else {
        builder.build().map_err(refused_secret)
    }?;
    let mut req = WebhookRequest::new(&headers, &body);
    if let Some(url) = &args.url {
        req = req.with_url(url);
    }
    if let Some(method) = &args.method {
        req = req.with_method(method);
    }
    match verifier.verify(&req) {
        Ok(delivery) => {
            out!("ok");
            print_delivery(&delivery);
            out!("replay key: {}", verifier.replay_key(&delivery, &req));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            out!("rejected: {}: {e}", e.kind());
            Ok(ExitCode::from(1))
        }
    }
}

fn print_delivery(delivery: &Delivery) {
    out!("provider: {}", delivery.provider());
    if let Some(event) = delivery.event() {
        let signed = if delivery.event_is_signed() {
            ""
        } else {
            " (unsigned)"
        };
        out!("event: {event}{signed}");
    }
    if let Some(id) = delivery.signed_id() {
        out!("id: {id}");
    } else if let Some(id) = delivery.unsigned_id() {
        out!("id: {id} (unsigned)");
    }
    if let Some(ts) = delivery.timestamp() {
        out!("timestamp: {}", ts.as_secs());
    }
}

fn parse(args: ParseArgs) -> Result<ExitCode, Usage> {
    let provider = provider(&args.provider)?;
    let body = read_body(&args.body_file)?;
    let headers = parse_headers(&args.headers)?;
    let mut delivery = Delivery::new(provider.name());
    let from_header = provider.event_header().and_then(|name| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    });
    if let Some(event) = args.event.as_deref().or(from_header) {
        delivery = delivery.with_event(event);
    }
    match provider.parse_described(&delivery, &body) {
        Ok(parsed) => {
            if args.json {
                let described = serde_json::json!({
                    "provider": provider.name(),
                    "event": parsed.event,
                    "variant": parsed.variant,
                    "typed": parsed.typed,
                    "parsed": parsed.json,
                });
                out!("{described}");
            } else {
                out!("{}", parsed.variant);
                if let Some(event) = &parsed.event {
                    out!("event: {event}");
                }
            }
            Ok(ExitCode::from(if parsed.typed { 0 } else { 3 }))
        }
        Err(e) => {
            out!("rejected: {}: {e}", e.kind());
            Ok(ExitCode::from(1))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
