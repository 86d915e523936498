//! Byte-level fast paths under the language rules: each finds, faster, what
//! a plain reference finds (a regex, an automaton, `unicode-segmentation`),
//! and its tests compare the two.

pub(crate) mod starts;
pub(crate) mod swar;
