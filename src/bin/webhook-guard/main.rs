//! The `webhook-guard` command-line tool: sign, send, receive and check webhooks by hand.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod listen;
mod send;

/// Verify, sign, send and receive webhooks from the command line.
#[derive(Parser)]
#[command(name = "webhook-guard", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Signs BODY_FILE as the provider would and POSTs it to URL.
    Send(send::SendArgs),
    /// Receives webhooks on ADDR, verifies them and prints what was proven.
    Listen(listen::ListenArgs),
}

fn main() -> ExitCode {
    // Usage errors exit with 2 (clap's default).
    let cli = Cli::parse();
    match cli.command {
        Command::Send(args) => send::run(args),
        Command::Listen(args) => listen::run(args),
    }
}
