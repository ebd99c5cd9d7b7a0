//! The `groupdigest` binary: parse the command line, run, report errors with their causes.

use std::process::ExitCode;

use clap::Parser;

// A render allocates many short-lived strings; mimalloc made it markedly faster than glibc's
// malloc (see examples/bench_render.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    groupdigest::process::no_transparent_huge_pages();
    let cli = groupdigest::cli::Cli::parse();
    match groupdigest::run(cli) {
        Ok(code) => code,
        Err(err) => {
            groupdigest::ui::error(groupdigest::ui::chain(&err));
            groupdigest::exit_code(&err)
        }
    }
}
