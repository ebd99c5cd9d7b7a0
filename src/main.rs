//! The `groupdigest` binary: parse the command line, run, report errors with their causes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = groupdigest::cli::Cli::parse();
    match groupdigest::run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {}", groupdigest::ui::chain(&err));
            groupdigest::exit_code(&err)
        }
    }
}
