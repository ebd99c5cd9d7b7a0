//! The import source: a group's posts read from exported files (JSON, JSON Lines, CSV or
//! Graph-shaped pages), since Meta removed the Groups API on 2024-04-22 and exports are how
//! a group's archive is fed now.
//!
//! Files are read in name order and rows in file order; a post seen twice keeps the copy read
//! last (`dedup_posts`), so exports named by date (`2026-11-23.csv`) let the newest counts
//! win. Bad rows are skipped and reported (file, line, reason); a file not in its format
//! fails the group. See docs/import.md.

mod formats;
mod mapping;
#[cfg(test)]
mod proptests;
mod time;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono_tz::Tz;

use self::formats::{FileRows, Layout, RELATIVE_HINT, TIME_HINT};
use self::mapping::{Mapping, Problem};
use super::graph_json::{read_json_file, GraphNode};
use super::snapshot::from_posts;
use super::{dedup_posts, GroupFetch, Window};
use crate::config::{Encoding, GroupConfig, ImportFields, ImportFormat, ImportPreset};
use crate::model::{GroupInfo, Post};
use crate::seal::Seal;

/// Bad rows shown in full; the rest are counted.
const SHOWN: usize = 5;

/// Reads an import group's file or folder (relative to `root`, the folder of site.toml),
/// keeping posts inside `window`. `tz` is the site's, for times without an offset.
/// `seal` opens the files `groupdigest import` sealed, and refuses any other file in the
/// folder of a private group of a public repository.
pub(crate) fn read_group(
    root: &Path,
    tz: Tz,
    group: &GroupConfig,
    window: Window,
    seal: &Seal,
) -> Result<GroupFetch> {
    read(root, tz, group, window, SHOWN, seal).map(|(fetch, _)| fetch)
}

/// What `check` reports of an import group: the files and posts a build would import.
#[derive(Debug)]
pub(crate) struct Checked {
    pub files: usize,
    pub posts: usize,
    pub warnings: Vec<String>,
}

/// Reads an import group exactly as `build` does, writing nothing: the same errors and
/// warnings, for `check`, which lists every bad row rather than the first few.
pub(crate) fn check_group(
    config: &crate::config::Config,
    group: &GroupConfig,
    seal: &Seal,
) -> Result<Checked> {
    let (fetch, files) = read(
        &config.root,
        config.clock().tz,
        group,
        Window::default(),
        usize::MAX,
        seal,
    )?;
    Ok(Checked {
        files,
        posts: fetch.posts.len(),
        warnings: fetch.warnings,
    })
}

/// The files `groupdigest import` writes into a group's import folder: only what the
/// archive needs, in the `generic` preset's names, one post per line. Read whatever the
/// group's `format` and `preset` say.
pub(crate) const OWN_SUFFIX: &str = ".posts.jsonl";
/// The same file, sealed for a private group (`seal`).
pub(crate) const SEALED_SUFFIX: &str = ".posts.jsonl.age";

/// What one file of an import is, and so how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A file `groupdigest import` wrote (`OWN_SUFFIX`).
    Own,
    /// The same, sealed (`SEALED_SUFFIX`).
    Sealed,
    /// An export in this format.
    Export(ImportFormat),
    /// A zip archive: its entries are read (Facebook's "Download your information").
    Zip,
}

/// The extensions read, for messages.
const READ: &str = ".json, .jsonl, .ndjson, .csv, .tsv, .xlsx or .zip";

/// How a file is read by its name alone: `None` for a name no export has.
pub(crate) fn kind_of(name: &str) -> Option<Kind> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(OWN_SUFFIX) {
        return Some(Kind::Own);
    }
    if lower.ends_with(SEALED_SUFFIX) {
        return Some(Kind::Sealed);
    }
    let ext = Path::new(&lower).extension()?.to_str()?;
    if ext == "zip" {
        return Some(Kind::Zip);
    }
    ImportFormat::from_extension(ext).map(Kind::Export)
}

/// How one group's files are read: its mapping and options.
pub(crate) struct Reader<'g> {
    group: &'g GroupConfig,
    mapping: Mapping,
    /// The mapping of the files `groupdigest import` writes.
    own: Mapping,
    tz: Tz,
    /// Opens sealed files.
    seal: &'g Seal,
}

impl<'g> Reader<'g> {
    /// `preset` replaces the group's own (for `groupdigest import --preset`).
    pub(crate) fn new(
        group: &'g GroupConfig,
        tz: Tz,
        preset: Option<ImportPreset>,
        seal: &'g Seal,
    ) -> Result<Self> {
        let preset = preset.or(group.preset).unwrap_or_default();
        let fields = if preset == group.preset.unwrap_or_default() {
            group.fields.as_ref()
        } else {
            None
        };
        let mut mapping = Mapping::new(preset, fields);
        if preset == ImportPreset::FacebookDyi {
            let Some(name) = group.name.as_deref().filter(|n| !n.trim().is_empty()) else {
                bail!(
                    "`preset = \"facebook-dyi\"` reads only the posts whose `title` names the group, as Facebook's archive holds your posts in every group: set the group's `name` to its name as Facebook shows it"
                );
            };
            mapping.group_name = Some(name.to_string());
        }
        Ok(Reader {
            group,
            mapping,
            own: Mapping::new(ImportPreset::Generic, None),
            tz,
            seal,
        })
    }

    fn layout(&self, kind: Kind) -> Layout<'_> {
        let (format, mapping) = match kind {
            Kind::Own | Kind::Sealed => (ImportFormat::Jsonl, &self.own),
            Kind::Export(f) => (f, &self.mapping),
            Kind::Zip => (ImportFormat::Json, &self.mapping),
        };
        let own = matches!(kind, Kind::Own | Kind::Sealed);
        Layout {
            format,
            mapping,
            tz: self.tz,
            delimiter: self.group.delimiter.filter(|_| !own).map(|d| d.0),
            rows: self.group.rows.as_deref().filter(|_| !own),
            encoding: if own {
                Encoding::Utf8
            } else {
                self.group.encoding.unwrap_or_default()
            },
        }
    }

    /// Reads one file (a zip: its entries) into `out`, its rows into `report`.
    pub(crate) fn read_file(
        &self,
        path: &Path,
        name: &str,
        kind: Kind,
        report: &mut Report,
        out: &mut Read,
    ) -> Result<()> {
        if kind == Kind::Sealed {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read `{name}`"))?;
            let plain = self.seal.decrypt(Path::new(name), &bytes)?;
            let layout = self.layout(kind);
            let rows = formats::read_from(&layout, &mut plain.as_slice())
                .with_context(|| format!("`{name}` (format = \"jsonl\", sealed)"))?;
            report.add(name, &rows, &layout);
            out.add(name, rows.posts);
            return Ok(());
        }
        let file = std::fs::File::open(path).with_context(|| format!("cannot read `{name}`"))?;
        if kind == Kind::Zip {
            return self.read_zip(file, name, report, out);
        }
        let layout = self.layout(kind);
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let rows = formats::read_from(&layout, &mut reader)
            .with_context(|| format!("`{name}` (format = \"{}\")", layout.format.as_str()))?;
        report.add(name, &rows, &layout);
        out.add(name, rows.posts);
        Ok(())
    }

    /// The entries of a zip archive that hold posts: for Facebook's archive, its
    /// `your_posts_in_groups.json`; otherwise every entry with an export's extension.
    fn read_zip(
        &self,
        file: std::fs::File,
        name: &str,
        report: &mut Report,
        out: &mut Read,
    ) -> Result<()> {
        /// An entry is read whole; one larger than this is refused (a zip bomb).
        const MAX_ENTRY: u64 = 2 << 30;
        let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
            anyhow::anyhow!(
                "`{name}` is not a zip archive: {e}{}",
                formats::cut_short_zip(&e)
            )
        })?;
        let dyi = self.mapping.preset == ImportPreset::FacebookDyi;
        let mut wanted = Vec::new();
        let mut others = 0usize;
        let mut html = false;
        for i in 0..zip.len() {
            let entry = zip.by_index(i)?;
            if entry.is_dir() {
                continue;
            }
            let inner = entry.name().map(|n| n.to_string()).unwrap_or_default();
            let base = inner.rsplit('/').next().unwrap_or(&inner).to_string();
            html |= base == "your_posts_in_groups.html";
            let kind = match kind_of(&base) {
                Some(Kind::Export(f)) if !dyi => Some(Kind::Export(f)),
                Some(Kind::Own) if !dyi => Some(Kind::Own),
                _ if dyi && base == "your_posts_in_groups.json" => {
                    Some(Kind::Export(ImportFormat::Json))
                }
                _ => None,
            };
            match kind {
                Some(kind) if !base.starts_with('.') => wanted.push((i, inner, kind)),
                _ => others += 1,
            }
        }
        if wanted.is_empty() {
            if dyi && html {
                bail!(
                    "`{name}` is Facebook's archive in HTML; download your information again choosing the JSON format"
                );
            }
            if dyi {
                bail!(
                    "`{name}` holds no `your_posts_in_groups.json`; in Facebook's \"Download your information\", choose the JSON format and include \"Groups\""
                );
            }
            bail!(
                "`{name}` holds no export ({READ} files); for Facebook's own archive set `preset = \"facebook-dyi\"`"
            );
        }
        if others > 0 {
            let what = if dyi {
                "not posts in groups"
            } else {
                "not exports"
            };
            report.notes.push(format!(
                "`{name}`: read {}; its {} are {what}",
                name_list(&wanted.iter().map(|(_, n, _)| n.clone()).collect::<Vec<_>>()),
                crate::ui::count(others, "other file")
            ));
        }
        for (i, inner, kind) in wanted {
            let entry = zip.by_index(i)?;
            let shown = format!("{name}/{inner}");
            if entry.size() > MAX_ENTRY {
                bail!("`{shown}` is larger than 2 GB unpacked; it is not read");
            }
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::Read::take(entry, MAX_ENTRY + 1), &mut bytes)
                .with_context(|| format!("cannot unpack `{shown}`"))?;
            let layout = self.layout(kind);
            let rows = formats::read_from(&layout, &mut bytes.as_slice())
                .with_context(|| format!("`{shown}` (format = \"{}\")", layout.format.as_str()))?;
            report.add(&shown, &rows, &layout);
            out.add(&shown, rows.posts);
        }
        Ok(())
    }
}

/// The posts read from a group's files, in read order, and the file each came from.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub posts: Vec<Post>,
    /// For each post, an index into `names`.
    pub origins: Vec<usize>,
    pub names: Vec<String>,
}

impl Read {
    fn add(&mut self, name: &str, posts: Vec<Post>) {
        self.origins
            .extend(std::iter::repeat_n(self.names.len(), posts.len()));
        self.names.push(name.to_string());
        self.posts.extend(posts);
    }
}

/// Items of one source (an Apify dataset, an export) converted row by row through a preset:
/// the live sources use the same mapping and the same reporting as an import.
pub(crate) struct Items {
    mapping: Mapping,
    tz: Tz,
    rows: FileRows,
}

impl Items {
    pub(crate) fn new(preset: ImportPreset, fields: Option<&ImportFields>, tz: Tz) -> Items {
        Items {
            mapping: Mapping::new(preset, fields),
            tz,
            rows: FileRows::default(),
        }
    }

    /// Converts item number `n` (1-based, for messages); a bad item is reported, not fatal.
    pub(crate) fn push(&mut self, n: usize, item: &serde_json::Value) {
        formats::json_value_row(&mut self.rows, &self.mapping, self.tz, n, item);
    }

    /// The posts and the warnings, worded as an import's, `what` naming the source in them
    /// (e.g. "dataset `abc123`"). `Err` when items came and none could be read: the
    /// mapping does not fit them.
    pub(crate) fn finish(mut self, what: &str) -> Result<(Vec<Post>, Vec<String>)> {
        let layout = Layout {
            format: ImportFormat::Jsonl,
            mapping: &self.mapping,
            tz: self.tz,
            delimiter: None,
            rows: None,
            encoding: Encoding::Utf8,
        };
        formats::finish(&mut self.rows, &layout).with_context(|| what.to_string())?;
        let mut report = Report::new(SHOWN, self.tz);
        report.add(what, &self.rows, &layout);
        let posts = std::mem::take(&mut self.rows.posts);
        Ok((dedup_posts(posts), report.warnings(1)))
    }
}

/// What `groupdigest import` read of the exports it was given.
#[derive(Debug)]
pub(crate) struct Exports {
    /// De-duplicated by id, the copy read last kept.
    pub posts: Vec<Post>,
    /// Rows read, kept or not.
    pub rows: usize,
    pub warnings: Vec<String>,
}

/// Reads export files named on the command line as `build` reads an import folder's (the
/// same readers, mapping and report), with `preset` over the group's.
pub(crate) fn read_exports(
    group: &GroupConfig,
    tz: Tz,
    files: &[PathBuf],
    preset: Option<ImportPreset>,
    seal: &Seal,
) -> Result<Exports> {
    let reader = Reader::new(group, tz, preset, seal)?;
    let mut report = Report::new(SHOWN, tz);
    let mut read = Read::default();
    for file in files {
        let name = file.display().to_string();
        let Some(kind) = kind_of(&name) else {
            bail!("`{name}` is not an export file groupdigest reads ({READ})");
        };
        match std::fs::metadata(file) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("`{name}` does not exist (a path relative to the folder you run in)")
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read `{name}`")),
            Ok(m) if !m.is_file() => bail!("`{name}` is not a file"),
            Ok(_) => {}
        }
        reader.read_file(file, &name, kind, &mut report, &mut read)?;
    }
    let rows = report.rows;
    let mut warnings = report.warnings(files.len());
    warnings.extend(older_copy_read_last(
        &read.posts,
        &read.origins,
        &read.names,
    ));
    Ok(Exports {
        posts: dedup_posts(read.posts),
        rows,
        warnings,
    })
}

/// `read_group`, and the number of files read; the first `listed` bad rows are shown.
fn read(
    root: &Path,
    tz: Tz,
    group: &GroupConfig,
    window: Window,
    listed: usize,
    seal: &Seal,
) -> Result<(GroupFetch, usize)> {
    let Some(rel) = &group.path else {
        bail!("an import group needs `path` (checked when site.toml is read)");
    };
    let path = root.join(rel);
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let reader = Reader::new(group, tz, None, seal)?;
    let mut info = GroupInfo {
        id: group.id.clone(),
        ..Default::default()
    };
    let mut report = Report::new(listed, tz);
    let files = match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A path with an extension names a file, which must be there; a folder may not
            // be yet, whatever `format` says.
            if rel.extension().is_some() {
                bail!(
                    "import path `{}` does not exist (`path` is relative to site.toml)",
                    shown(&path)
                );
            }
            // git keeps no empty folder: before the first export, the folder is not there.
            report.notes.push(format!(
                "import folder `{}` does not exist yet; nothing was imported. Add the group's posts with `groupdigest import EXPORT --group {}`",
                shown(&path),
                group.slug
            ));
            Vec::new()
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", shown(&path))),
        Ok(m) if m.file_type().is_symlink() => bail!(
            "import path `{}` is a symbolic link; imports read only plain files and folders inside the site",
            shown(&path)
        ),
        Ok(m) if m.is_dir() => {
            let format = group.import_format();
            let node = path.join("node.json");
            // `symlink_metadata`: a link named `node.json` is refused, not followed.
            let node_meta = std::fs::symlink_metadata(&node).ok();
            if format == Some(ImportFormat::Graph)
                && node_meta.as_ref().is_some_and(|m| m.is_symlink())
            {
                report.notes.push(format!(
                    "`{}/node.json`: not read: a symbolic link",
                    shown(&path)
                ));
            } else if format == Some(ImportFormat::Graph)
                && node_meta.is_some_and(|m| m.is_file())
            {
                let node: GraphNode = read_json_file(&node)?;
                info = node.into_info(false);
                // The config's id names the group in data/, whatever the export says.
                info.id = group.id.clone();
            }
            let (files, skipped) = list(&path, format)?;
            let dir = shown(&path);
            let readable_elsewhere: Vec<&String> = skipped
                .iter()
                .filter(|(_, why)| matches!(why, Skip::OtherFormat(..)))
                .map(|(n, _)| n)
                .collect();
            if files.is_empty() && !readable_elsewhere.is_empty() {
                let format = format.unwrap_or(ImportFormat::Json);
                let names = name_list(&readable_elsewhere.iter().map(|n| n.to_string()).collect::<Vec<_>>());
                let hint = readable_elsewhere
                    .iter()
                    .find_map(|name| match kind_of(name) {
                        Some(Kind::Export(f)) if f != format => Some(f),
                        _ => None,
                    })
                    .map(|f| format!("; set `format = \"{}\"` to read them", f.as_str()))
                    .unwrap_or_default();
                bail!(
                    "`{dir}` has no {} files for `format = \"{}\"`, only {names}{hint}",
                    extensions(format).join(" or "),
                    format.as_str()
                );
            }
            for (name, why) in &skipped {
                report.notes.push(format!("`{dir}/{name}`: not read: {why}"));
            }
            if files.is_empty() {
                report.notes.push(format!(
                    "`{dir}` has no export files yet; nothing was imported. Add the group's posts with `groupdigest import EXPORT --group {}`",
                    group.slug
                ));
            }
            files
        }
        Ok(m) if m.is_file() => {
            let name = rel.to_string_lossy();
            let kind = match group.format {
                Some(f) => Kind::Export(f),
                None => kind_of(&name).unwrap_or(Kind::Export(ImportFormat::Json)),
            };
            vec![(path.clone(), kind)]
        }
        Ok(_) => bail!(
            "import path `{}` is not a regular file or folder; it is not read",
            shown(&path)
        ),
    };
    if seal.exposed(&group.slug, &info) {
        refuse_clear_files(&files, &shown, &group.slug)?;
    }
    let mut read = Read::default();
    for (file, kind) in &files {
        reader.read_file(file, &shown(file), *kind, &mut report, &mut read)?;
    }
    let older = older_copy_read_last(&read.posts, &read.origins, &read.names);
    let mut fetch = from_posts(info, read.posts, window);
    fetch.warnings = report.warnings(files.len());
    fetch.warnings.extend(older);
    Ok((fetch, files.len()))
}

/// In the import folder of a private group of a public repository, only sealed files may
/// be: any other file's posts are public already. The error names the first such file,
/// and the way out.
fn refuse_clear_files(
    files: &[(PathBuf, Kind)],
    shown: &dyn Fn(&Path) -> String,
    slug: &str,
) -> Result<()> {
    let Some((file, kind)) = files.iter().find(|(_, k)| *k != Kind::Sealed) else {
        return Ok(());
    };
    let what = match kind {
        Kind::Own => "holds its posts in the clear (written before the group was sealed)",
        _ => "is a raw export (authors and all)",
    };
    bail!(
        "`{}` {what}, and group `{slug}` is private in a public repository, where everything \
         committed is public: delete it from the folder (and from the repository's history, \
         see {}), keep exports outside the repository and add them with `groupdigest import \
         EXPORT --group {slug}`, which writes them encrypted (`*{SEALED_SUFFIX}`)",
        shown(file),
        crate::seal::DOCS
    )
}

/// A warning when a post's copy read last (the one kept) has lower counts than a copy in
/// a file read before. Counts only grow, so the files are likely named so that an older
/// export sorts last (a browser's `posts (1).csv` sorts before `posts.csv`).
fn older_copy_read_last(posts: &[Post], origins: &[usize], names: &[String]) -> Option<String> {
    let total = |p: &Post| {
        p.comments
            .saturating_add(p.shares)
            .saturating_add(p.reactions)
    };
    let last: HashMap<&str, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    // Per kept copy: the earlier copy, in another file, with the highest counts.
    let mut higher: HashMap<usize, (usize, u64)> = HashMap::new();
    for (i, post) in posts.iter().enumerate() {
        let kept = last[post.id.as_str()];
        let (n, then) = (origins[i], total(post));
        if i != kept && n != origins[kept] && then > total(&posts[kept]) {
            let best = higher.entry(kept).or_insert((n, then));
            if then > best.1 {
                *best = (n, then);
            }
        }
    }
    let (&kept, &(before, then)) = higher.iter().min_by_key(|(&kept, _)| kept)?;
    let more = match higher.len() - 1 {
        0 => String::new(),
        n => format!(" and {}", crate::ui::count(n, "more post")),
    };
    Some(format!(
        "import: post `{}`{more} read last from `{}` with lower counts than from `{}` \
         (comments + shares + reactions: {}, against {then}); the copy read last is kept and \
         files are read in name order: name exports so that the newest sorts last (by date: \
         `2026-11-23.csv`)",
        posts[kept].id,
        names[origins[kept]],
        names[before],
        total(&posts[kept])
    ))
}

/// The extensions a folder's files must have to be read as `format`.
fn extensions(format: ImportFormat) -> &'static [&'static str] {
    match format {
        ImportFormat::Json | ImportFormat::Graph => &[".json"],
        ImportFormat::Jsonl => &[".jsonl", ".ndjson"],
        ImportFormat::Csv => &[".csv", ".tsv"],
        ImportFormat::Xlsx => &[".xlsx"],
    }
}

/// Why a file of an import folder is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Skip {
    /// An export in another format (first) than the group's `format` (second).
    OtherFormat(ImportFormat, ImportFormat),
    /// Not an export's name.
    NotAnExport,
    /// A symbolic link, a socket, a device: refused, never followed or read.
    NotAFile(&'static str),
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::OtherFormat(found, wanted) => write!(
                f,
                "a {} file, and the group reads only `format = \"{}\"`; remove `format` to read each file by its extension",
                found.as_str(),
                wanted.as_str()
            ),
            Skip::NotAnExport => write!(f, "not an export (read are {READ} files)"),
            Skip::NotAFile(what) => write!(f, "{what}, which imports never follow or read"),
        }
    }
}

/// A folder's files to read, and the others with why they are not read.
type Listing = (Vec<(PathBuf, Kind)>, Vec<(String, Skip)>);

/// The files of `dir` to read, in name order, with how each is read: by the group's
/// `format` when it has one (files of another export format are skipped), else by its
/// extension; the files `groupdigest import` wrote, Excel workbooks and zip archives
/// whatever the `format`. Second, every other file with why it is not read. Hidden files
/// (`.gitkeep`, an editor's lock file) are left out silently, and so is Graph pages'
/// `node.json`, which `read` reads apart.
fn list(dir: &Path, format: Option<ImportFormat>) -> Result<Listing> {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list `{}`", dir.display()))?;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let lower = name.to_ascii_lowercase();
        if lower.starts_with('.') || (format == Some(ImportFormat::Graph) && lower == "node.json") {
            continue;
        }
        // `file_type` does not follow a symbolic link: a link is refused, not read.
        let kind = entry.file_type().ok();
        if kind.is_some_and(|k| k.is_symlink()) {
            skipped.push((name, Skip::NotAFile("a symbolic link")));
            continue;
        }
        if kind.is_some_and(|k| k.is_dir()) {
            continue;
        }
        if !kind.is_some_and(|k| k.is_file()) {
            skipped.push((name, Skip::NotAFile("not a regular file")));
            continue;
        }
        match (kind_of(&name), format) {
            (Some(Kind::Export(f)), Some(wanted)) if f != wanted && f != ImportFormat::Xlsx => {
                // Graph pages are `.json` files.
                if wanted == ImportFormat::Graph && f == ImportFormat::Json {
                    files.push((path, Kind::Export(ImportFormat::Graph)));
                } else {
                    skipped.push((name, Skip::OtherFormat(f, wanted)));
                }
            }
            // Its format, or a workbook, read whatever `format` says.
            (Some(kind), _) => files.push((path, kind)),
            (None, _) => skipped.push((name, Skip::NotAnExport)),
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((files, skipped))
}

/// "`a.jsonl`, `b.jsonl` and 3 more files", for messages.
fn name_list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    match names.len() - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// Bad rows and notes over every file of a group, turned into warnings.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// The site's timezone, named where times were read in it.
    tz: Option<Tz>,
    /// The first `limit` problems in full.
    shown: Vec<String>,
    /// How many problems are shown in full.
    limit: usize,
    /// Whole-file notes, always shown.
    notes: Vec<String>,
    /// What the site needs and files lack (`FileRows::missing`), each said once for all
    /// the files that lack it: a folder of weekly exports.
    missing: Vec<Missing>,
    rows: usize,
    skipped: usize,
    dropped: usize,
    /// Rows skipped for a relative time, so the hint on exporting dates is given once.
    relative: usize,
    /// Rows skipped for a time in no form we read, so the forms we read are listed once.
    bad_times: usize,
    /// Facebook's archive: rows that are posts in other groups, and the group's name.
    other_groups: usize,
    group_name: Option<String>,
}

/// One thing files lack, the files (in read order) and the first one's names.
#[derive(Debug)]
struct Missing {
    note: String,
    files: Vec<String>,
    names: String,
}

impl Report {
    pub(crate) fn new(limit: usize, tz: Tz) -> Report {
        Report {
            limit,
            tz: Some(tz),
            ..Report::default()
        }
    }

    pub(crate) fn add(&mut self, file: &str, rows: &FileRows, layout: &Layout) {
        let format = layout.format;
        for note in &rows.notes {
            self.notes.push(format!("`{file}` {note}"));
        }
        if let (n @ 1.., line) = rows.mojibake {
            let fix = if layout.mapping.preset == ImportPreset::FacebookDyi {
                String::new()
            } else {
                " If it is Facebook's own archive, set `preset = \"facebook-dyi\"`, which repairs it; otherwise export it again as UTF-8".into()
            };
            self.notes.push(format!(
                "`{file}` line {line}: the text of {} looks like UTF-8 read as Latin-1 (`sÃ¡bado` for `sábado`); imported as it is.{fix}",
                crate::ui::count(n, "row")
            ));
        }
        // facebook-scraper writes `timestamp` (exact) and `time` (the scraping machine's
        // clock, no offset); a row with only `time` in a file whose others have both was
        // read in the site's timezone and may be hours off.
        let count_of = |k: &str| {
            rows.time_keys
                .iter()
                .find(|(key, _)| key == k)
                .map_or(0, |(_, n)| *n)
        };
        let (exact, local) = (count_of("timestamp"), count_of("time"));
        if layout.mapping.preset == ImportPreset::FacebookScraper && exact > 0 && local > 0 {
            let tz = self.tz.map_or("UTC".to_string(), |t| t.name().to_string());
            let has = if local == 1 { "row has" } else { "rows have" };
            self.notes.push(format!(
                "`{file}`: {local} {has} only `time`, the clock of the machine that scraped (no offset), while {exact} have `timestamp`, the exact instant; those rows were read in the site's timezone (`{tz}`) and are off by the difference between it and the scraping machine's. Scrape them again with a facebook-scraper that writes `timestamp`, or run it with `TZ={tz}`"
            ));
        }
        if layout.mapping.group_name.is_some() {
            self.group_name.clone_from(&layout.mapping.group_name);
        }
        for note in &rows.missing {
            match self.missing.iter_mut().find(|m| &m.note == note) {
                Some(m) => m.files.push(file.to_string()),
                None => self.missing.push(Missing {
                    note: note.clone(),
                    files: vec![file.to_string()],
                    names: rows.names_line(format),
                }),
            }
        }
        let mut skipped = 0;
        for (line, problem) in &rows.problems {
            if matches!(problem, Problem::OtherGroup(_)) {
                self.other_groups += 1;
                continue;
            }
            let what = if matches!(problem, Problem::Dropped(_)) {
                self.dropped += 1;
                "kept without it"
            } else {
                match problem {
                    Problem::Relative(_) => self.relative += 1,
                    Problem::BadTime(_) => self.bad_times += 1,
                    _ => {}
                }
                skipped += 1;
                "skipped"
            };
            if self.shown.len() < self.limit {
                self.shown
                    .push(format!("`{file}` line {line}: {problem}; {what}"));
            }
        }
        self.skipped += skipped;
        self.rows += rows.posts.len() + skipped;
    }

    pub(crate) fn warnings(self, files: usize) -> Vec<String> {
        let mut out = self.notes;
        if let (n @ 1.., Some(name)) = (self.other_groups, &self.group_name) {
            let posts = if n == 1 { "post" } else { "posts" };
            out.push(format!(
                "import: {n} {posts} in other groups not imported: Facebook's archive holds your posts in every group, and their `title` does not name `{name}` (the group's `name`)"
            ));
        }
        for Missing { note, files, names } in self.missing {
            out.push(match files.as_slice() {
                [one] => format!("`{one}` has {note}. Its {names}"),
                _ => format!("{} have {note}. The first one's {names}", name_list(&files)),
            });
        }
        let problems = self.skipped + self.dropped;
        if problems == 0 {
            return out;
        }
        let listed = self.shown.len();
        let hidden = problems - listed;
        out.extend(self.shown);
        let mut summary = format!(
            "import: skipped {} of {} rows in {}",
            self.skipped,
            self.rows,
            crate::ui::count(files, "file")
        );
        if self.dropped > 0 {
            summary.push_str(&format!(
                "; kept {} without a picture or shared link that was not an http(s) URL",
                crate::ui::count(self.dropped, "row")
            ));
        }
        if hidden > 0 {
            summary.push_str(&format!(
                " (the first {listed} problems are listed above; {hidden} more not shown: `groupdigest check` lists them all)"
            ));
        }
        out.push(summary);
        if self.relative > 0 {
            out.push(format!(
                "import: {} had a relative time. {RELATIVE_HINT}",
                crate::ui::count(self.relative, "row")
            ));
        }
        if self.bad_times > 0 {
            out.push(format!(
                "import: {} had a time in a form not read; {TIME_HINT}",
                crate::ui::count(self.bad_times, "row")
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn group(toml: &str) -> GroupConfig {
        let c = Config::parse(
            &format!("[[groups]]\nid = \"9\"\nslug = \"g\"\nkind = \"import\"\n{toml}"),
            Path::new("site.toml"),
        )
        .unwrap();
        c.groups.into_iter().next().unwrap()
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
        std::fs::write(dir.join(name), text).unwrap();
    }

    const UTC: Tz = chrono_tz::UTC;

    #[test]
    fn a_folder_is_read_in_name_order_and_the_copy_read_last_wins() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "in/2026-11-23.csv",
            "id,text,created_time,comments\na,A,2026-11-19,9\n",
        );
        write(
            dir.path(),
            "in/2026-11-16.csv",
            "id,text,created_time,comments\na,A,2026-11-19,1\nb,B,2026-11-18,2\n",
        );
        write(dir.path(), "in/notes.txt", "not an export");
        write(dir.path(), "in/.~lock.csv", "garbage");
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        let mut got: Vec<(String, u64)> =
            f.posts.iter().map(|p| (p.id.clone(), p.comments)).collect();
        got.sort();
        assert_eq!(got, [("a".into(), 9), ("b".into(), 2)]);
        assert_eq!(
            f.warnings,
            ["`in/notes.txt`: not read: not an export (read are .json, .jsonl, .ndjson, .csv, .tsv, .xlsx or .zip files)"],
            "a file that is not read is named; a hidden one is not"
        );
        let covered = f.covered.unwrap();
        assert_eq!(covered.start.to_rfc3339(), "2026-11-18T00:00:00+00:00");
        assert_eq!(
            covered.end.to_rfc3339(),
            "2026-11-19T00:00:00.000000001+00:00",
            "just after the last post"
        );
    }

    #[test]
    fn a_kept_copy_with_lower_counts_than_one_read_before_is_named() {
        let dir = tempfile::tempdir().unwrap();
        // A browser's second download sorts first, so the older file is read last.
        write(
            dir.path(),
            "in/posts (1).csv",
            "id,text,created_time,comments\nb1,B,2026-11-19,50\nb2,C,2026-11-19,4\n",
        );
        write(
            dir.path(),
            "in/posts.csv",
            "id,text,created_time,comments\nb1,B,2026-11-19,2\nb2,C,2026-11-19,4\n",
        );
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        let b1 = f.posts.iter().find(|p| p.id == "b1").unwrap();
        assert_eq!(b1.comments, 2, "the copy read last is kept");
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(
            f.warnings[0].starts_with(
                "import: post `b1` read last from `in/posts.csv` with lower counts than from `in/posts (1).csv` (comments + shares + reactions: 2, against 50)"
            ),
            "{:?}",
            f.warnings
        );
    }

    #[test]
    fn times_in_a_spreadsheets_local_form_get_the_forms_that_are_read_once() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "some.csv",
            "id,text,created_time\na,A,11/24/2026 18:30\nb,B,24/11/2026\nc,C,2026-11-24 18:30\n",
        );
        let g = group("path = \"some.csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert_eq!(f.posts.len(), 1);
        let hints: Vec<_> = f
            .warnings
            .iter()
            .filter(|w| w.contains("yyyy-mm-dd hh:mm"))
            .collect();
        assert_eq!(hints.len(), 1, "{:?}", f.warnings);
        assert!(
            hints[0].starts_with(
                "import: 2 rows had a time in a form not read; times are read as ISO 8601"
            ),
            "{hints:?}"
        );

        write(
            dir.path(),
            "all.csv",
            "id,text,created_time\na,A,11/24/2026 18:30\n",
        );
        let g = group("path = \"all.csv\"\n");
        let e = format!(
            "{:#}",
            read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap_err()
        );
        assert!(
            e.contains("no row could be imported (line 2: `created_time` = `11/24/2026 18:30` is not a time we can read). Times are read as ISO 8601")
                && e.contains("format the column as `yyyy-mm-dd hh:mm`"),
            "{e}"
        );
    }

    #[test]
    fn a_kept_copy_with_the_highest_counts_or_a_repeat_in_one_file_says_nothing() {
        let dir = tempfile::tempdir().unwrap();
        for (name, comments) in [("a", 10), ("b", 5), ("c", 12)] {
            write(
                dir.path(),
                &format!("in/{name}.csv"),
                &format!("id,text,created_time,comments\np,P,2026-11-19,{comments}\n"),
            );
        }
        // The same post twice in one file: its last row wins, as documented.
        write(
            dir.path(),
            "in/d.csv",
            "id,text,created_time,comments\nq,Q,2026-11-19,9\nq,Q,2026-11-19,1\n",
        );
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert!(f.warnings.is_empty(), "{:?}", f.warnings);
        let p = f.posts.iter().find(|p| p.id == "p").unwrap();
        assert_eq!(p.comments, 12);
    }

    #[test]
    fn what_every_file_of_a_folder_lacks_is_said_once() {
        let dir = tempfile::tempdir().unwrap();
        for week in ["2026-11-09", "2026-11-16", "2026-11-23"] {
            write(
                dir.path(),
                &format!("in/{week}.csv"),
                &format!("id,text,created_time,num_comments\n{week},Hola,{week},4\n"),
            );
        }
        let g = group("path = \"in\"\nformat = \"csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
        assert!(
            f.warnings[0].starts_with(
                "`in/2026-11-09.csv`, `in/2026-11-16.csv`, `in/2026-11-23.csv` have no comments, shares or reactions in any row"
            ) && f.warnings[0].ends_with(
                "The first one's columns: `id`, `text`, `created_time`, `num_comments`"
            ),
            "{:?}",
            f.warnings
        );
    }

    #[test]
    fn bad_rows_are_listed_then_counted() {
        let dir = tempfile::tempdir().unwrap();
        let mut csv = String::from("id,text,created_time,comments\n");
        for i in 0..8 {
            csv.push_str(&format!("p{i},Post {i},2026-11-19,lots\n"));
        }
        csv.push_str("ok,Fine,2026-11-19,1\n");
        write(dir.path(), "posts.csv", &csv);
        let g = group("path = \"posts.csv\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert_eq!(f.posts.len(), 1);
        assert_eq!(f.warnings.len(), SHOWN + 1, "{:?}", f.warnings);
        assert_eq!(
            f.warnings[0],
            "`posts.csv` line 2: `comments` = `lots` is not a count; skipped"
        );
        assert_eq!(
            f.warnings[SHOWN],
            "import: skipped 8 of 9 rows in 1 file (the first 5 problems are listed above; 3 more not shown: `groupdigest check` lists them all)"
        );
    }

    #[test]
    fn graph_format_reads_a_snapshot_like_folder_with_its_node() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "g/node.json",
            r#"{"id": "777", "name": "Exported group", "member_count": 40}"#,
        );
        write(
            dir.path(),
            "g/feed-001.json",
            r#"{"data": [{"id": "1", "created_time": "2026-11-19T18:04:11+0000", "shares": {"count": 2}}]}"#,
        );
        let g = group("path = \"g\"\nformat = \"graph\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert_eq!(f.info.name.as_deref(), Some("Exported group"));
        assert_eq!(f.info.id, "9");
        assert_eq!(f.posts.len(), 1);
        assert_eq!(f.posts[0].shares, 2);
    }

    #[test]
    fn a_missing_path_or_a_file_in_another_format_fails_the_group_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let g = group("path = \"nope.csv\"\n");
        let e = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap_err();
        assert!(
            format!("{e:#}").contains("`nope.csv` does not exist"),
            "{e:#}"
        );
        write(dir.path(), "posts.json", "id,created_time\n1,2026-11-19\n");
        let g = group("path = \"posts.json\"\n");
        let e = format!(
            "{:#}",
            read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap_err()
        );
        assert!(
            e.starts_with("`posts.json` (format = \"json\"): is not a JSON array"),
            "{e}"
        );
        std::fs::write(
            dir.path().join("latin1.csv"),
            b"id,created_time\n\xe9,2026-11-19\n",
        )
        .unwrap();
        let g = group("path = \"latin1.csv\"\n");
        let e = format!(
            "{:#}",
            read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap_err()
        );
        assert!(
            e.contains(
                "`latin1.csv` (format = \"csv\"): is not UTF-8 text: line 2 has the byte 0xE9"
            ) && e.contains("looks like Windows-1252")
                && e.contains("`encoding = \"windows-1252\"`"),
            "{e}"
        );
        let g = group("path = \"latin1.csv\"\nencoding = \"windows-1252\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert_eq!(f.posts[0].id, "é", "read as Windows-1252");
    }

    #[test]
    fn an_empty_folder_is_a_warning_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("imports")).unwrap();
        let g = group("path = \"imports\"\nformat = \"jsonl\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert!(f.posts.is_empty() && f.covered.is_none());
        assert_eq!(
            f.warnings,
            ["`imports` has no export files yet; nothing was imported. Add the group's posts with `groupdigest import EXPORT --group g`"]
        );
        // git keeps no empty folder: before the first export there is none, and every
        // scheduled run until then is a warning, not a failure.
        let g = group("path = \"imports/g\"\n");
        let f = read_group(dir.path(), UTC, &g, Window::default(), &Seal::default()).unwrap();
        assert!(f.posts.is_empty() && f.covered.is_none());
        assert_eq!(
            f.warnings,
            ["import folder `imports/g` does not exist yet; nothing was imported. Add the group's posts with `groupdigest import EXPORT --group g`"]
        );
    }

    #[test]
    fn the_window_limits_posts_and_covers_its_whole_span() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "p.csv",
            "id,created_time\na,2026-11-02\nb,2026-11-12\nc,2026-11-20\n",
        );
        let g = group("path = \"p.csv\"\n");
        let w = Window {
            since: Some("2026-11-09T00:00:00Z".parse().unwrap()),
            until: Some("2026-11-16T00:00:00Z".parse().unwrap()),
        };
        let f = read_group(dir.path(), UTC, &g, w, &Seal::default()).unwrap();
        assert_eq!(f.posts.len(), 1);
        let covered = f.covered.unwrap();
        assert_eq!(covered.start, w.since.unwrap());
        assert_eq!(covered.end, w.until.unwrap(), "`until` is exclusive");
    }
}
