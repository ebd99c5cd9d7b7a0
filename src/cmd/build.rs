//! `groupdigest build`: fetch, then render. Groups that failed to fetch are still rendered
//! from the archive (marked as not updated) and the run exits 1 naming them.

use std::process::ExitCode;

use anyhow::Result;

use super::Summary;
use crate::cli::FetchArgs;
use crate::config::Config;
use crate::Now;

pub(crate) fn run(config: &Config, now: Now, args: &FetchArgs) -> Result<ExitCode> {
    let summary = Summary::start();
    let report = super::fetch::fetch(config, now, args)?;
    let stats = crate::render::render_site(config, now, &report.failed)?;
    summary.print("built", &stats);
    Ok(report.exit_code())
}
