//! Terminal output: status lines, warnings and the end-of-run summary, all on stderr so
//! stdout stays for data a user may pipe (`groups`, `auth`). Inside GitHub Actions
//! (`GITHUB_ACTIONS=true`) warnings and errors are workflow commands (`::warning::`,
//! `::error::`), which the Actions UI shows as annotations on the run, and every other line
//! is defused (`defuse`) so no text from a file or an API becomes a workflow command.

use std::borrow::Cow;
use std::time::Duration;

/// An error and its causes on one line: "cannot X: because Y: because Z". Redacted: no
/// token or secret reaches a message through here.
pub fn chain(err: &anyhow::Error) -> String {
    crate::secret::redact(&format!("{err:#}"))
}

pub fn info(msg: impl AsRef<str>) {
    eprintln!("{}", defuse(&crate::secret::redact(msg.as_ref())));
}

/// A line of data on stdout (`check`'s report, `groups`' entries), defused as `info` is.
pub fn out(msg: impl AsRef<str>) {
    println!("{}", defuse(msg.as_ref()));
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
        // One line that is our command; the legacy `##[` form is defused inside it too.
        eprintln!("::{level}::{}", escape_data(&msg).replace("##[", "## ["));
    } else {
        eprintln!("{level}: {msg}");
    }
}

/// Under GitHub Actions, text written as log lines with nothing in it the runner would run
/// as a workflow command: a line (the runner ends one at LF, CR or CRLF) that starts with
/// `::` after blanks gets a leading `> `, and the legacy `##[` (read anywhere in a line)
/// becomes `## [`. Outside GitHub Actions the text is unchanged.
pub fn defuse(s: &str) -> Cow<'_, str> {
    if in_github_actions() {
        defuse_commands(s)
    } else {
        Cow::Borrowed(s)
    }
}

/// `defuse`, whatever the environment.
pub fn defuse_commands(s: &str) -> Cow<'_, str> {
    let starts_command = |line: &str| line.trim_start().starts_with("::");
    if !s.contains("##[") && !s.split(['\r', '\n']).any(starts_command) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s;
    loop {
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let line = &rest[..end];
        if starts_command(line) {
            out.push_str("> ");
        }
        out.push_str(&line.replace("##[", "## ["));
        let Some(sep) = rest[end..].chars().next() else {
            break;
        };
        out.push(sep);
        rest = &rest[end + sep.len_utf8()..];
    }
    Cow::Owned(out)
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
    fn no_line_of_defused_text_is_a_workflow_command() {
        let hostile = "group failed: key `a\n::add-mask::x\r::error title=t::y\r\n  ::stop-commands::z` and ##[set-output name=a]b";
        let defused = defuse_commands(hostile);
        for line in defused.split(['\r', '\n']) {
            assert!(!line.trim_start().starts_with("::"), "{line:?}");
            assert!(!line.contains("##["), "{line:?}");
        }
        assert_eq!(
            defused,
            "group failed: key `a\n> ::add-mask::x\r> ::error title=t::y\r\n>   ::stop-commands::z` and ## [set-output name=a]b"
        );
        assert_eq!(defuse_commands("a: b::c\nd"), "a: b::c\nd");
    }

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
