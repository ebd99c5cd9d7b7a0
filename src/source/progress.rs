//! Fetch progress of the live sources (Graph, Apify): one bar per group on a terminal,
//! plain lines in a CI log (`cdmx: page 3, 250 posts`), so both a person and a log reader
//! see what is going on.

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};

/// The progress display of one fetch.
pub(crate) struct Progress {
    bars: Option<MultiProgress>,
}

impl Progress {
    pub(crate) fn new() -> Progress {
        Progress {
            bars: crate::ui::is_terminal().then(MultiProgress::new),
        }
    }

    /// Ends the display; the finished bars stay on screen, and what follows starts on a
    /// line of its own.
    pub(crate) fn finish(&self) {
        if self.bars.is_some() {
            eprintln!();
        }
    }

    pub(crate) fn group(&self, slug: &str) -> GroupProgress {
        let bar = self.bars.as_ref().map(|m| {
            let bar = m.add(ProgressBar::new_spinner());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix:.bold} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_prefix(slug.to_string());
            bar.set_message("waiting");
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        GroupProgress {
            slug: slug.to_string(),
            bar,
        }
    }
}

/// One group's line.
pub(crate) struct GroupProgress {
    slug: String,
    bar: Option<ProgressBar>,
}

impl GroupProgress {
    pub(crate) fn page(&self, page: usize, posts: usize) {
        let msg = format!("page {page}, {posts} posts");
        match &self.bar {
            Some(bar) => bar.set_message(msg),
            None => crate::ui::info(format!("{}: {msg}", self.slug)),
        }
    }

    /// Any other step (`run RUNNING for 2m`).
    pub(crate) fn step(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.set_message(msg.to_string()),
            None => crate::ui::info(format!("{}: {msg}", self.slug)),
        }
    }

    pub(crate) fn done(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.finish_with_message(msg.to_string()),
            None => crate::ui::info(format!("{}: {msg}", self.slug)),
        }
    }
}
