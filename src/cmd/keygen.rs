//! `groupdigest keygen`: makes the age key pair a private group's posts are encrypted with
//! in a public repository (`seal`), as `age-keygen` does: the identity file on stdout (or
//! in a new file only its owner reads), the public key and what to do with both on stderr.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cli::KeygenArgs;
use crate::seal::IDENTITY_ENV;
use crate::{ui, Now};

pub(crate) fn run(now: Now, args: &KeygenArgs) -> Result<ExitCode> {
    let (identity, public) = crate::seal::keygen(now);
    match &args.output {
        Some(path) => {
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path).with_context(|| {
                format!(
                    "cannot create `{}` (an existing key is never overwritten)",
                    path.display()
                )
            })?;
            file.write_all(identity.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("cannot write `{}`", path.display()))?;
            ui::info(format!(
                "wrote the identity (secret key) to `{}`",
                path.display()
            ));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(identity.as_bytes())?;
            out.flush()?;
        }
    }
    ui::info(format!(
        "public key: {public}\n\
         1. add it to site.toml: [privacy] age_recipients = [\"{public}\"]\n\
         2. store the `AGE-SECRET-KEY-1...` line as the repository secret `{IDENTITY_ENV}` \
            (Settings → Secrets and variables → Actions), and locally in `.env` \
            (`{IDENTITY_ENV}=AGE-SECRET-KEY-1...`, never committed)\n\
         3. keep a copy somewhere safe: without it no one can read the encrypted archive"
    ));
    Ok(ExitCode::SUCCESS)
}
