//! Process-wide settings made once at start, before any work: how memory is obtained.

/// Turns transparent huge pages off for this process (Linux; elsewhere nothing to do).
///
/// mimalloc asks the kernel for huge pages (`MADV_HUGEPAGE`) on its arenas, and each first
/// touch of one then zeroes 2 MiB where a 4 KiB page would do: on a render of 10,400 weeks
/// that was a fifth of the system CPU and a quarter of the peak memory, for no gain in user
/// time (`examples/bench_render.rs`, `MIMALLOC_ALLOW_THP=0` against the default). The flag is
/// checked when a page is faulted in, so it holds for arenas reserved before `main` too.
pub fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: `prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)` reads no memory and changes only this
    // process's paging policy; its result needs no handling (an old kernel says EINVAL, and
    // the process runs as before).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
