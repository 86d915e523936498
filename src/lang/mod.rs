//! The language layer: pure stages over one article's `&str` that return
//! spans. [`segment`] (sentences), [`detect`] (proportion expressions),
//! [`tokens`] and [`groups`] (words and group phrases), [`phrases`] (the
//! phrase layer: parts of speech, noun phrases, verb groups), [`attribute`]
//! (whose figure it is), [`subject`] (what it is about), [`role`] (what
//! the claim is for: a finding, a share of the sample, a change),
//! [`pairs`] (which claims compare the two sides); [`extract`] chains
//! them. Nothing here reads files or spawns threads; the byte-level fast
//! paths it calls live in [`crate::scan`].

pub(crate) mod analysis;
pub(crate) mod attribute;
pub(crate) mod detect;
pub(crate) mod extract;
pub(crate) mod groups;
pub(crate) mod lexicon;
pub(crate) mod pairs;
pub(crate) mod phrases;
pub(crate) mod populations;
pub(crate) mod role;
#[cfg(test)]
pub(crate) mod rule_lists;
pub(crate) mod segment;
pub(crate) mod subject;
pub(crate) mod tokens;
