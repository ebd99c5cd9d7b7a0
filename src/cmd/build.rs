//! `groupdigest build`: fetch, then render. Groups that failed to fetch are still rendered
//! from the archive (marked as not updated) and the run exits 1 naming them.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use super::Summary;
use crate::cli::FetchArgs;
use crate::config::Config;
use crate::{ui, Now};

pub(crate) fn run(config: &Config, now: Now, args: &FetchArgs) -> Result<ExitCode> {
    let summary = Summary::start();
    let phase = Instant::now();
    let report = super::fetch::fetch(config, now, args)?;
    ui::info(format!(
        "fetch: {} posts, {} periods changed in {}",
        report.posts,
        report.periods_changed,
        ui::seconds(phase.elapsed())
    ));
    let phase = Instant::now();
    let stats = crate::render::render_site(config, now)?;
    ui::info(format!("render: {}", ui::seconds(phase.elapsed())));
    summary.print("built", &stats);
    crate::ci::finish(
        config,
        &crate::ci::Run::rendered("build", &stats, &report.failed),
    );
    Ok(report.exit_code())
}
