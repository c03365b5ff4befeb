//! The `webhook-guard` command-line tool (work in progress).

fn main() {
    eprintln!("webhook-guard: see --help");
    std::process::exit(2);
}
