//! Byte-level fast paths under the language rules: each finds, faster, what
//! a plain reference finds (a regex, an automaton, `unicode-segmentation`),
//! and its tests compare the two.

pub(crate) mod sentences;
pub(crate) mod starts;
pub(crate) mod swar;
pub(crate) mod words;

/// ASCII white space as the regex `\s` reads it.
#[inline]
pub(crate) fn space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}
