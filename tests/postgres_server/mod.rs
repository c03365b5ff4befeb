//! A throwaway PostgreSQL server for tests: `initdb` in a fresh temp dir, `postgres` on
//! 127.0.0.1 at a free port (its Unix socket inside that dir), stopped and removed on drop.
//!
//! The binaries are found with `pg_config --bindir`, else under `/usr/lib/postgresql/*/bin`, else
//! on `PATH`. A missing binary fails the test (no silent skip). PostgreSQL refuses to run as
//! root: when the effective user is root, `initdb`, `postgres` and `pg_ctl` run as the `postgres`
//! user through `setpriv` (which execs, so the child's PID is the postmaster's own).
#![allow(dead_code, unreachable_pub)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The superuser `initdb` creates; loopback connections are trusted (a test server only).
pub const SUPERUSER: &str = "postgres";

pub struct PostgresServer {
    dir: PathBuf,
    bindir: PathBuf,
    port: u16,
    /// Run the binaries as the `postgres` user (we are root).
    as_postgres: bool,
    child: Mutex<Option<Child>>,
}

fn bindir() -> PathBuf {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        if out.status.success() {
            let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
            if dir.join("postgres").exists() && dir.join("initdb").exists() {
                return dir;
            }
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("postgres").exists() && bin.join("initdb").exists())
        .collect();
    found.sort();
    if let Some(newest) = found.pop() {
        return newest;
    }
    for dir in std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
    {
        if dir.join("postgres").exists() && dir.join("initdb").exists() {
            return dir;
        }
    }
    panic!(
        "PostgreSQL server binaries (initdb, postgres, pg_ctl) not found: not via `pg_config \
         --bindir`, not under /usr/lib/postgresql/*/bin, not on PATH. Install them (Debian: \
         `apt-get install postgresql`)."
    );
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl PostgresServer {
    /// Creates a cluster and starts it; waits until it accepts connections.
    pub fn start() -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let bindir = bindir();
        let as_postgres = running_as_root();
        let dir = std::env::temp_dir().join(format!(
            "wg-postgres-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sock")).unwrap();
        let server = Self {
            dir,
            bindir,
            port: free_port(),
            as_postgres,
            child: Mutex::new(None),
        };
        if as_postgres {
            let status = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&server.dir)
                .status()
                .expect("chown");
            assert!(status.success(), "chown the temp dir to postgres");
        }
        let out = server
            .command("initdb")
            .arg("-D")
            .arg(server.data())
            .args([
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ])
            .output()
            .expect("run initdb");
        assert!(
            out.status.success(),
            "initdb failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        server.spawn();
        server
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bindir.join(program);
        if self.as_postgres {
            let mut command = Command::new("setpriv");
            command
                .args([
                    "--reuid=postgres",
                    "--regid=postgres",
                    "--init-groups",
                    "--",
                ])
                .arg(path)
                .env("HOME", &self.dir);
            command
        } else {
            Command::new(path)
        }
    }

    /// Starts the postmaster (again) on the same port and data dir; waits until it is ready.
    fn spawn(&self) {
        let log = std::fs::File::create(self.dir.join("postgres.log")).unwrap();
        let child = self
            .command("postgres")
            .arg("-D")
            .arg(self.data())
            .arg("-p")
            .arg(self.port.to_string())
            .arg("-k")
            .arg(self.dir.join("sock"))
            .args([
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "max_connections=200",
                "-c",
                "shared_buffers=64MB",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("spawn postgres");
        *self.child.lock().unwrap() = Some(child);
        self.wait_ready();
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = Command::new(self.bindir.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "-q"])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            if ready {
                return;
            }
            if let Some(child) = self.child.lock().unwrap().as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    panic!("postgres exited ({status}): {}", self.log());
                }
            }
            assert!(
                Instant::now() < deadline,
                "postgres not ready within 30 s: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The server's log so far (for failure messages).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("postgres.log")).unwrap_or_default()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A URL for database `db` as the superuser, over TCP on loopback.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{db}", self.port)
    }

    /// The key-value form of a connection over the Unix socket.
    pub fn socket_conninfo(&self, db: &str) -> String {
        format!(
            "host={} port={} user={SUPERUSER} dbname={db}",
            self.dir.join("sock").display(),
            self.port
        )
    }

    /// A plain client connection (for setting up and inspecting), its driver task spawned.
    pub async fn client(&self, db: &str) -> tokio_postgres::Client {
        let (client, connection) = tokio_postgres::connect(&self.url(db), tokio_postgres::NoTls)
            .await
            .expect("connect to the test server");
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client
    }

    /// Creates database `name` (a plain identifier) and answers its URL.
    pub async fn create_database(&self, name: &str) -> String {
        let admin = self.client("postgres").await;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create database");
        self.url(name)
    }

    /// `pg_ctl stop -m fast`: open connections are closed, the server exits cleanly.
    pub fn stop(&self) {
        let out = self
            .command("pg_ctl")
            .arg("stop")
            .arg("-D")
            .arg(self.data())
            .args(["-m", "fast", "-w", "-t", "30"])
            .output()
            .expect("run pg_ctl");
        assert!(
            out.status.success(),
            "pg_ctl stop failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(mut child) = self.child.lock().unwrap().take() {
            let _ = child.wait();
        }
    }

    /// Starts the stopped server again, same port, same data.
    pub fn restart(&self) {
        assert!(self.child.lock().unwrap().is_none(), "already running");
        self.spawn();
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.lock().unwrap_or_else(|e| e.into_inner()).take() {
            // SIGINT: fast shutdown by the postmaster's PID (it ends its own backends); SIGKILL
            // if it has not exited within 10 s.
            let _ = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
