//! A term's posting list (the ids of the posts that hold it, ascending) in the smaller of
//! two encodings, so that no list is ever larger than one bit per post of the archive:
//!
//! - `0`, then the ids as LEB128 varints, the first as is and each next as its gap;
//! - `1`, then a bitmap: bit `i % 8` of byte `i / 8` is set when post `i` holds the term.

/// Appends `n` as a LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The encoding of `ids` (ascending, no repeats).
pub fn encode(ids: &[u32]) -> Vec<u8> {
    let mut gaps = Vec::with_capacity(ids.len() + 1);
    gaps.push(0);
    let mut prev = None;
    for &id in ids {
        varint(&mut gaps, u64::from(id - prev.map_or(0, |p: u32| p)));
        prev = Some(id);
    }
    let bitmap_len = ids.last().map_or(0, |&max| max as usize / 8 + 1);
    if gaps.len() <= bitmap_len + 1 {
        return gaps;
    }
    let mut bits = vec![0u8; bitmap_len + 1];
    bits[0] = 1;
    for &id in ids {
        bits[1 + id as usize / 8] |= 1 << (id % 8);
    }
    bits
}

/// The encoding of `count` distinct ids below `posts`, given in any order: a list
/// holding many of the posts is gathered in a bitmap rather than sorted.
pub fn encode_unordered(ids: impl Iterator<Item = u32>, count: usize, posts: usize) -> Vec<u8> {
    if count * 32 < posts {
        let mut sorted: Vec<u32> = ids.collect();
        sorted.sort_unstable();
        return encode(&sorted);
    }
    let mut bits = vec![0u8; posts / 8 + 2];
    bits[0] = 1;
    for id in ids {
        bits[1 + id as usize / 8] |= 1 << (id % 8);
    }
    while bits.len() > 1 && bits.last() == Some(&0) {
        bits.pop();
    }
    if count < bits.len() {
        // Few enough that their gaps may be the smaller encoding.
        let sorted: Vec<u32> = (0..(bits.len() - 1) * 8)
            .filter(|&i| bits[1 + i / 8] & (1 << (i % 8)) != 0)
            .map(|i| i as u32)
            .collect();
        return encode(&sorted);
    }
    bits
}

/// The ids `encode` wrote; `None` for bytes it cannot have written.
#[cfg(test)]
pub fn decode(bytes: &[u8]) -> Option<Vec<u32>> {
    let (&kind, rest) = bytes.split_first()?;
    let mut ids = Vec::new();
    match kind {
        0 => {
            let (mut n, mut shift, mut prev) = (0u64, 0, 0u64);
            for &b in rest {
                n |= u64::from(b & 0x7f) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    prev += n;
                    ids.push(u32::try_from(prev).ok()?);
                    (n, shift) = (0, 0);
                }
            }
            (shift == 0).then_some(ids)
        }
        1 => {
            for (i, &b) in rest.iter().enumerate() {
                for bit in 0..8 {
                    if b & (1 << bit) != 0 {
                        ids.push(u32::try_from(i * 8 + bit).ok()?);
                    }
                }
            }
            Some(ids)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_sparse_list_is_gaps_and_a_dense_one_a_bitmap() {
        assert_eq!(encode(&[3, 5, 300]), [0, 3, 2, 0xa7, 0x02]);
        let dense: Vec<u32> = (0..64).collect();
        assert_eq!(
            encode(&dense),
            [1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        );
        assert_eq!(encode(&[]), [0]);
    }

    #[test]
    fn no_list_is_larger_than_one_bit_a_post() {
        let all: Vec<u32> = (0..156_000).collect();
        assert!(encode(&all).len() <= 156_000 / 8 + 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(7), ..ProptestConfig::default() })]
        #[test]
        fn gathering_unordered_ids_encodes_as_sorting_them(ids in proptest::collection::btree_set(0u32..3000, 0..3000), posts in 3000usize..4000) {
            let sorted: Vec<u32> = ids.iter().copied().collect();
            // Any order: every other id first, then the rest.
            let shuffled = sorted.iter().step_by(2).chain(sorted.iter().skip(1).step_by(2)).copied();
            prop_assert_eq!(encode_unordered(shuffled, sorted.len(), posts), encode(&sorted));
        }

        #[test]
        fn a_list_reads_back_as_written(mut ids in proptest::collection::vec(0u32..5000, 0..400)) {
            ids.sort_unstable();
            ids.dedup();
            prop_assert_eq!(decode(&encode(&ids)), Some(ids));
        }
    }
}
