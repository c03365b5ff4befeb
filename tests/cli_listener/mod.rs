//! A `webhook-guard listen` child process, its stdout read line by line on a thread and its
//! address taken from its first line; killed and reaped on drop. Shared by the CLI tests.
#![allow(dead_code, unreachable_pub)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

/// A running `listen`.
pub struct Listener {
    child: Child,
    lines: Receiver<String>,
    /// Where it listens, from its first line (`listening on URL`).
    pub url: String,
}

impl Listener {
    /// Spawns `command` (a `listen … --addr 127.0.0.1:0` command line; stdout is piped,
    /// stderr dropped) and waits for its first line.
    pub fn spawn(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut listener = Listener {
            child,
            lines,
            url: String::new(),
        };
        let first = listener.next_line();
        listener.url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .to_owned();
        listener
    }

    /// The next line it prints, within 20 s.
    pub fn next_line(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(20))
            .expect("listen printed a line within 20 s")
    }

    /// The next line it prints within `wait`, if any.
    pub fn line_within(&self, wait: Duration) -> Option<String> {
        self.lines.recv_timeout(wait).ok()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
