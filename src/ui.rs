//! Terminal output: status lines, warnings and the end-of-run summary, all on stderr so
//! stdout stays for data a user may pipe (`groups`, `auth`). Inside GitHub Actions
//! (`GITHUB_ACTIONS=true`) warnings and errors are workflow commands (`::warning::`,
//! `::error::`), which the Actions UI shows as annotations on the run.

use std::time::Duration;

/// An error and its causes on one line: "cannot X: because Y: because Z". Redacted: no
/// token or secret reaches a message through here.
pub fn chain(err: &anyhow::Error) -> String {
    crate::secret::redact(&format!("{err:#}"))
}

pub fn info(msg: impl AsRef<str>) {
    say(format_args!("{}", crate::secret::redact(msg.as_ref())));
}

/// One line on stderr. A closed stderr (`build 2>&1 | head -1`) is not an error: the run
/// goes on and ends as it would (releasing the lock), where `eprintln!` would panic.
fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// A problem that does not stop the run (a skipped import row, a kept week).
pub fn warn(msg: impl AsRef<str>) {
    annotate("warning", msg.as_ref());
}

/// A failure: of the run, or of one group in it.
pub fn error(msg: impl AsRef<str>) {
    annotate("error", msg.as_ref());
}

/// `level: msg` on stderr, redacted; under GitHub Actions, the workflow command that
/// makes it an annotation (`level` is `warning` or `error`, as both name them).
fn annotate(level: &str, msg: &str) {
    let msg = crate::secret::redact(msg);
    if in_github_actions() {
        say(format_args!("::{level}::{}", escape_data(&msg)));
    } else {
        say(format_args!("{level}: {msg}"));
    }
}

/// True inside a GitHub Actions job.
pub fn in_github_actions() -> bool {
    std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")
}

/// A workflow command's message: `%`, CR and LF are escaped as the runner expects, so a
/// message with a line break stays one annotation instead of ending early.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// True when stderr is a terminal (progress bars) rather than a CI log (plain lines).
pub fn is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// "1 row", "2 rows": a count and its noun, plural with an `s`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

pub fn seconds(d: Duration) -> String {
    format!("{:.2}s", d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(
            escape_data("%0A"),
            "%250A",
            "an escape in the text stays text"
        );
    }
}
