//! Terminal output: status lines, warnings and the end-of-run summary, all on stderr so
//! stdout stays for data a user may pipe (`groups`, `auth`).

use std::time::Duration;

/// An error and its causes on one line: "cannot X: because Y: because Z". Redacted: no
/// token or secret reaches a message through here.
pub fn chain(err: &anyhow::Error) -> String {
    crate::secret::redact(&format!("{err:#}"))
}

pub fn info(msg: impl AsRef<str>) {
    eprintln!("{}", crate::secret::redact(msg.as_ref()));
}

/// A failure the run goes on after (a group that could not be updated).
pub fn error(msg: impl AsRef<str>) {
    eprintln!("error: {}", crate::secret::redact(msg.as_ref()));
}

pub fn warn(msg: impl AsRef<str>) {
    eprintln!("warning: {}", crate::secret::redact(msg.as_ref()));
}

/// True when stderr is a terminal (progress bars) rather than a CI log (plain lines).
pub fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

pub fn seconds(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}
