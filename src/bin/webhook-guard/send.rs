//! `webhook-guard send`: sign a body as the provider would and POST it.
//!
//! Prints the response status line, then the response body. Exit 0 on a 2xx answer, 1 on any
//! other answer or when the request could not be sent, 2 on usage errors (unknown provider,
//! unreadable body file, unusable secret).

use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use webhook_guard::registry;
use webhook_guard::{Clock, SignInput, SystemClock};

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
    /// The event name, for schemes that send it in a header (GitHub's `X-GitHub-Event`).
    #[arg(long)]
    event: Option<String>,
    /// The URL to POST to (http only).
    #[arg(long)]
    url: String,
    /// The exact body to send, or `-` for stdin.
    #[arg(value_name = "BODY_FILE")]
    body_file: String,
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

/// The content type to send when the signer set none: JSON for bodies that look like it,
/// form encoding otherwise (Slack commands, Twilio).
fn guess_content_type(body: &[u8]) -> &'static str {
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => "application/json",
        _ => "application/x-www-form-urlencoded",
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
    let secret = match args.secret.read(Some(&args.body_file)) {
        Ok(secret) => secret,
        Err(e) => {
            eprintln!("webhook-guard: {e}");
            return ExitCode::from(USAGE);
        }
    };
    let body = match read_body(&args.body_file) {
        Ok(body) => body,
        Err(e) => {
            eprintln!("webhook-guard: cannot read `{}`: {e}", args.body_file);
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
    let mut message = SignInput::new(&body, SystemClock.now())
        .with_url(&args.url)
        .with_method("POST");
    if let Some(event) = &args.event {
        message = message.with_event(event);
    }
    let signed = match provider.sign(&key, &message) {
        Ok(signed) => signed,
        Err(e) => {
            eprintln!("webhook-guard: cannot sign: {e}");
            return ExitCode::from(USAGE);
        }
    };
    let url = signed.url.clone().unwrap_or_else(|| args.url.clone());
    // Schemes that sign inside the body (Mailgun) hand back the body to send.
    let body = signed.body.clone().unwrap_or(body);
    let has_content_type = signed
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-type"));

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
    let sent = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()?;
        let mut request = client.post(&url).body(body.clone());
        for (name, value) in &signed.headers {
            request = request.header(name, value);
        }
        if !has_content_type {
            request = request.header("Content-Type", guess_content_type(&body));
        }
        let response = request.send().await?;
        let status = response.status();
        let text = response.text().await?;
        Ok::<_, reqwest::Error>((status, text))
    });
    match sent {
        Ok((status, text)) => {
            println!("{status}");
            if !text.is_empty() {
                println!("{text}");
            }
            if status.is_success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("webhook-guard: cannot send to {url}: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn content_type_guess() {
        assert_eq!(super::guess_content_type(b" {\"a\":1}"), "application/json");
        assert_eq!(
            super::guess_content_type(b"token=x&command=/hi"),
            "application/x-www-form-urlencoded"
        );
    }
}
