//! Where a secret comes from: `--secret TEXT`, `--secret-env NAME` or `--secret-file PATH`.
//!
//! A command-line argument is visible to every user of the machine (`ps`, `/proc/PID/cmdline`)
//! and often lands in shell history, so the environment or a file is the better place for a real
//! secret. A file's trailing line break is dropped (`echo secret > file` writes one); `-` reads
//! stdin, unless the body is read from stdin too.
//!
//! Messages name the flag and the variable or path, never the secret.

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

/// Exactly one secret: for `sign` and `send`.
#[derive(clap::Args)]
#[group(id = "one-secret", required = true, multiple = false)]
pub(crate) struct OneSecret {
    /// The secret (or private key) as the provider displays it. Visible to other users of the
    /// machine (`ps`) and kept in shell history: prefer --secret-env or --secret-file.
    #[arg(long, value_name = "SECRET")]
    secret: Option<String>,
    /// Read the secret from the environment variable NAME.
    #[arg(long, value_name = "NAME")]
    secret_env: Option<String>,
    /// Read the secret from the file PATH (one trailing line break dropped; `-`: stdin, when
    /// the body is not read from stdin).
    #[arg(long, value_name = "PATH")]
    secret_file: Option<PathBuf>,
}

/// One or more secrets (rotation): for `verify` and `listen`. Each flag may be repeated and
/// the flags mixed; every secret given is accepted.
#[derive(clap::Args)]
#[group(id = "secret-sources", required = true, multiple = true)]
pub(crate) struct SecretList {
    /// An accepted secret or public key as the provider displays it; repeat for rotation.
    /// Visible to other users of the machine (`ps`) and kept in shell history: prefer
    /// --secret-env or --secret-file.
    #[arg(long = "secret", value_name = "SECRET")]
    secrets: Vec<String>,
    /// Read an accepted secret from the environment variable NAME; repeatable.
    #[arg(long = "secret-env", value_name = "NAME")]
    envs: Vec<String>,
    /// Read an accepted secret from the file PATH (one trailing line break dropped; `-`: stdin,
    /// when the body is not read from stdin); repeatable.
    #[arg(long = "secret-file", value_name = "PATH")]
    files: Vec<PathBuf>,
}

/// A secret as read, zeroized when dropped, with the flag it came from (for messages).
pub(crate) struct SecretText {
    /// `--secret`, `--secret-env NAME` or `--secret-file PATH`: never the secret.
    pub(crate) origin: String,
    text: Zeroizing<String>,
}

impl SecretText {
    /// The secret as the provider displays it.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

/// One place a secret comes from.
enum Source<'a> {
    Text(&'a str),
    Env(&'a str),
    File(&'a Path),
}

/// Who reads stdin: the body (`BODY_FILE` is `-`), and at most one `--secret-file -`.
struct Stdin<'a> {
    body: Option<&'a str>,
    taken_by_secret: bool,
}

impl OneSecret {
    /// Reads the secret. `body_file` is the command's `BODY_FILE`, if it has one.
    pub(crate) fn read(&self, body_file: Option<&str>) -> Result<SecretText, String> {
        let source = match (&self.secret, &self.secret_env, &self.secret_file) {
            (Some(text), None, None) => Source::Text(text),
            (None, Some(name), None) => Source::Env(name),
            (None, None, Some(path)) => Source::File(path),
            // clap's group already refuses these.
            _ => {
                return Err(
                    "give the secret exactly once: --secret, --secret-env or --secret-file".into(),
                )
            }
        };
        read(source, &mut Stdin::new(body_file))
    }
}

impl SecretList {
    /// Reads every secret: the `--secret`s, then the `--secret-env`s, then the `--secret-file`s.
    /// `body_file` is the command's `BODY_FILE`, if it has one.
    pub(crate) fn read(&self, body_file: Option<&str>) -> Result<Vec<SecretText>, String> {
        let mut stdin = Stdin::new(body_file);
        let sources = (self.secrets.iter().map(|t| Source::Text(t)))
            .chain(self.envs.iter().map(|n| Source::Env(n)))
            .chain(self.files.iter().map(|p| Source::File(p)));
        let texts = sources
            .map(|source| read(source, &mut stdin))
            .collect::<Result<Vec<_>, _>>()?;
        if texts.is_empty() {
            return Err("give a secret: --secret-env NAME, --secret-file PATH or --secret".into());
        }
        Ok(texts)
    }
}

impl<'a> Stdin<'a> {
    fn new(body: Option<&'a str>) -> Self {
        Self {
            body,
            taken_by_secret: false,
        }
    }

    /// Claims stdin for a `--secret-file -`.
    fn claim(&mut self) -> Result<(), String> {
        if self.body == Some("-") {
            return Err(
                "--secret-file -: stdin is already the body (BODY_FILE is `-`); read the secret \
                 from a file or --secret-env instead"
                    .into(),
            );
        }
        if self.taken_by_secret {
            return Err("--secret-file -: stdin can give only one secret".into());
        }
        self.taken_by_secret = true;
        Ok(())
    }
}

fn read(source: Source<'_>, stdin: &mut Stdin<'_>) -> Result<SecretText, String> {
    let (origin, text) = match source {
        Source::Text(text) => ("--secret".to_owned(), Zeroizing::new(text.to_owned())),
        Source::Env(name) => {
            let origin = format!("--secret-env {name}");
            let text = match std::env::var(name) {
                Ok(text) => Zeroizing::new(text),
                Err(std::env::VarError::NotPresent) => {
                    return Err(format!("{origin}: the variable is not set"))
                }
                Err(std::env::VarError::NotUnicode(_)) => {
                    return Err(format!("{origin}: the value is not UTF-8 text"))
                }
            };
            (origin, text)
        }
        Source::File(path) => {
            let origin = format!("--secret-file {}", path.display());
            let mut bytes = Zeroizing::new(Vec::new());
            let read = if path.as_os_str() == "-" {
                stdin.claim()?;
                std::io::stdin().read_to_end(&mut bytes).map(drop)
            } else {
                std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(drop))
            };
            read.map_err(|e| format!("{origin}: cannot read it: {e}"))?;
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| format!("{origin}: the file is not UTF-8 text"))?;
            let text = Zeroizing::new(text.trim_end_matches(['\n', '\r']).to_owned());
            (origin, text)
        }
    };
    if text.is_empty() {
        return Err(format!("{origin}: the secret is empty"));
    }
    Ok(SecretText { origin, text })
}

impl fmt::Debug for OneSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OneSecret")
            .field("secret", &self.secret.as_ref().map(|_| "REDACTED"))
            .field("secret_env", &self.secret_env)
            .field("secret_file", &self.secret_file)
            .finish()
    }
}

impl fmt::Debug for SecretList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretList")
            .field("secrets", &vec!["REDACTED"; self.secrets.len()])
            .field("envs", &self.envs)
            .field("files", &self.files)
            .finish()
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretText({}: REDACTED)", self.origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_gives_one_secret_and_never_when_it_is_the_body() {
        let mut stdin = Stdin::new(Some("-"));
        assert!(stdin.claim().is_err());
        let mut stdin = Stdin::new(Some("body.json"));
        assert!(stdin.claim().is_ok());
        assert!(stdin.claim().is_err());
        assert!(Stdin::new(None).claim().is_ok());
    }

    #[test]
    fn debug_redacts() {
        let one = OneSecret {
            secret: Some("hunter2-hunter2-hunter2".into()),
            secret_env: None,
            secret_file: None,
        };
        let list = SecretList {
            secrets: vec!["hunter2-hunter2-hunter2".into()],
            envs: vec!["NAME".into()],
            files: vec![],
        };
        let shown = format!("{one:?} {list:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("NAME"), "{shown}");
    }
}
