//! `groupdigest render`: write the site from `data/` alone; no network.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Result;

use super::Summary;
use crate::config::Config;
use crate::Now;

pub(crate) fn run(config: &Config, now: Now) -> Result<ExitCode> {
    let summary = Summary::start();
    let stats = crate::render::render_site(config, now)?;
    summary.print("rendered", &stats);
    crate::ci::finish(
        config,
        &crate::ci::Run::rendered("render", &stats, &BTreeMap::new()),
    );
    Ok(ExitCode::SUCCESS)
}
