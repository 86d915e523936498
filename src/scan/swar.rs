//! Byte tests on eight bytes at once (SWAR: SIMD within a register), for the
//! scans over whole texts (digits in [`crate::scan::starts`], word starts in
//! [`crate::scan::words`]).

/// 0x80 in each byte of `w` (eight bytes, little-endian) that lies in
/// `lo..=hi`, for bytes below 0x80: adding `0x80 - lo` sets the high bit
/// of a byte at least `lo`, adding `0x80 - (hi + 1)` that of one above
/// `hi`, and neither carries into the next byte.
#[inline]
pub(crate) fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let each = |c: u8| u64::from_le_bytes([c; 8]);
    w.wrapping_add(each(0x80 - lo)) & !w.wrapping_add(each(0x80 - (hi + 1))) & each(0x80)
}

/// `N` bytes of `b` from `at`, with zeros past its end.
#[inline]
pub(crate) fn padded<const N: usize>(b: &[u8], at: usize) -> [u8; N] {
    match b.get(at..at + N) {
        Some(s) => s.try_into().expect("N bytes"),
        None => {
            let mut last = [0u8; N];
            let rest = &b[at.min(b.len())..];
            last[..rest.len()].copy_from_slice(rest);
            last
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_range_marks_exactly_the_bytes_in_range() {
        for (lo, hi) in [(b'0', b'9'), (b'a', b'z'), (0, 0x7f), (0x20, 0x20)] {
            for c in 0u8..0x80 {
                let w = u64::from_le_bytes([b'x', c, 0x7f, c, 0, c, b'5', c]);
                let marked = in_range(w, lo, hi).to_le_bytes();
                for (i, &m) in marked.iter().enumerate() {
                    let byte = w.to_le_bytes()[i];
                    assert_eq!(
                        m == 0x80,
                        (lo..=hi).contains(&byte),
                        "{byte:#x} in {lo:#x}..={hi:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn padded_fills_past_the_end_with_zeros() {
        assert_eq!(padded::<4>(b"abcdef", 1), *b"bcde");
        assert_eq!(padded::<4>(b"abcdef", 4), *b"ef\0\0");
        assert_eq!(padded::<4>(b"abc", 3), [0; 4]);
    }
}
