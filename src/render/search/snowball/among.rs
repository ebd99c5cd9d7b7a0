//! Snowball's Rust runtime: the table of suffixes a generated stemmer matches against (vendored from Snowball 3.1.1, BSD: COPYING).
use super::SnowballEnv;

pub struct Among<T: 'static>(pub &'static str,
                             pub i32,
                             pub i32,
                             pub Option<&'static (dyn Fn(&mut SnowballEnv, &mut T) -> bool + Sync)>);
