//! Where each byte of a page's text came from in the page's source.

use super::decode::Offsets;
use std::ops::Range;

/// A run of the text and the source bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    /// Byte range of the text.
    pub text: Range<usize>,
    /// Byte range of the decoded page it came from; `None` for what the
    /// conversion inserted (line breaks between blocks, tabs between cells).
    pub src: Option<Range<usize>>,
    /// True when the text is the source bytes themselves, so a part of the
    /// run maps to the same part of the source; false for a character
    /// reference or collapsed white space, which maps only as a whole.
    pub exact: bool,
}

/// Maps byte spans of a page's text back to the page's source bytes.
///
/// Built by [`html_to_text`](super::html_to_text). A span maps when it is
/// made of whole pieces of the source in order, with nothing between them
/// in the source but markup and white space: `<b>62</b>%` maps `62%` to the
/// seven bytes `62</b>%`. It does not map when it crosses a line break or
/// tab that the conversion inserted, starts or ends inside a character
/// reference (`&nbsp;` maps only as a whole), or when text that was left
/// out (a hidden element, a script) lies between its pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceMap {
    /// Runs covering the text, in order.
    runs: Vec<Run>,
    /// Decoded-page ranges of left-out text (sorted, disjoint).
    hidden: Vec<Range<usize>>,
    /// From the decoded page to the bytes of the source.
    offsets: Offsets,
}

impl SourceMap {
    pub(crate) fn new(runs: Vec<Run>, mut hidden: Vec<Range<usize>>, offsets: Offsets) -> Self {
        hidden.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(hidden.len());
        for r in hidden {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        SourceMap { runs, hidden: merged, offsets }
    }

    /// The byte range of the source that `span` (a byte range of the text)
    /// came from, when it came from one contiguous range; see the type's
    /// documentation for when it does not.
    pub fn source_span(&self, span: Range<usize>) -> Option<Range<usize>> {
        if span.start >= span.end {
            return None;
        }
        let mut i = self.runs.partition_point(|r| r.text.end <= span.start);
        let mut at = span.start;
        let mut start = None;
        let mut end: Option<usize> = None;
        while at < span.end {
            let run = self.runs.get(i)?;
            if run.text.start > at {
                return None;
            }
            let src = run.src.as_ref()?;
            let stop = span.end.min(run.text.end);
            let (a, b) = if run.exact {
                (src.start + (at - run.text.start), src.start + (stop - run.text.start))
            } else if at == run.text.start && stop == run.text.end {
                (src.start, src.end)
            } else {
                return None;
            };
            if let Some(prev) = end
                && (a < prev || self.hidden_between(prev, a))
            {
                return None;
            }
            start.get_or_insert(a);
            end = Some(b);
            at = stop;
            i += 1;
        }
        Some(self.offsets.source(start?)..self.offsets.source(end?))
    }

    /// True when left-out text lies in `from..to` of the decoded page.
    fn hidden_between(&self, from: usize, to: usize) -> bool {
        let i = self.hidden.partition_point(|r| r.end <= from);
        self.hidden.get(i).is_some_and(|r| r.start < to)
    }

    /// The runs, for tests.
    #[cfg(test)]
    pub(crate) fn runs(&self) -> &[Run] {
        &self.runs
    }
}
