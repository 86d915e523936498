//! Population attribution: whose figure each claim is.
//!
//! Rules are tried in a fixed order for each figure; the first that decides
//! wins, and its name becomes the claim's `evidence`:
//!
//! 1. a label inside the parenthesis: "(marketing: 62%; IT: 75%)";
//! 2. a group right after the figure: "45% of CIOs", "9 in 10 senior
//!    marketing and technology executives", "(81% in marketing, ...)";
//! 3. a group right before the figure's parenthesis: "CMOs (52%) and CIOs
//!    (53%)", "220 Marketing (42% share) and IT (58%) leaders";
//! 4. pairs, "(58% vs. 35% respectively)", "54% and 50%, respectively",
//!    whose order comes from the sides named earlier in the sentence, or
//!    from the previous sentence's figures;
//! 5. the nearest group named earlier in the sentence (not as an object);
//! 6. the figure before it in the same sentence;
//! 7. the last group or figure of the previous sentences of the paragraph;
//! 8. the survey's population, read from the article's sample statement.
//!
//! Generic groups ("respondents") take the sentence's topic ("For CMOs,
//! ...") or else the survey's population.

use crate::lang::analysis::{Mention, Sent, after_restating, lead_in};
use crate::lang::groups::{GroupPop, group_at, paren_with_figure, side_of};
use crate::lang::lexicon::Population;
use crate::lang::tokens::{TokKind, Token};
use crate::span::Span;

/// The population of a claim and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    /// The population.
    pub population: Population,
    /// The words that decided it, if any.
    pub phrase: Option<Span>,
    /// The rule that decided it, for auditors.
    pub evidence: String,
}

/// The survey's population as stated in the article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SurveyDefault {
    /// The population of survey takers.
    pub population: Population,
    /// The sample statement it was read from.
    pub phrase: Option<Span>,
    /// How it was found.
    pub how: &'static str,
}

/// Reads the survey's population from sample statements ("a survey of 220
/// marketing and IT leaders", "the executives surveyed"), else from the
/// groups the article names.
///
/// `mentions[i]` holds the groups named in sentence `i`.
pub(crate) fn survey_default(mentions: &[Vec<Mention>]) -> SurveyDefault {
    let mut marketing = None;
    let mut it = None;
    let mut unknown = None;
    for m in mentions.iter().flatten() {
        if !m.counted && (!m.surveyed || m.object) {
            continue;
        }
        match m.group.pop {
            GroupPop::Specific(Population::Marketing) => {
                marketing.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::It) => {
                it.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Both) => {
                marketing.get_or_insert(m.span);
                it.get_or_insert(m.span);
            }
            GroupPop::Specific(Population::Unknown) if !m.group.organisation => {
                unknown.get_or_insert(m.span);
            }
            _ => {}
        }
    }
    let how = "survey sample";
    match (marketing, it, unknown) {
        (Some(a), Some(b), _) => SurveyDefault {
            population: Population::Both,
            phrase: Some(if a == b {
                a
            } else {
                Span::new(a.start.min(b.start), a.end.max(b.end))
            }),
            how,
        },
        (Some(a), None, _) => {
            SurveyDefault { population: Population::Marketing, phrase: Some(a), how }
        }
        (None, Some(b), _) => SurveyDefault { population: Population::It, phrase: Some(b), how },
        (None, None, Some(u)) => {
            SurveyDefault { population: Population::Unknown, phrase: Some(u), how }
        }
        (None, None, None) => {
            // No sample statement: an article that keeps naming both sides (or
            // one side) reports on them; a passing mention is not enough.
            let (mut m, mut i) = (Vec::new(), Vec::new());
            for men in
                mentions.iter().flatten().filter(|m| m.group.explicit && !m.object && !m.group.bare)
            {
                match men.group.pop {
                    GroupPop::Specific(Population::Marketing) => m.push(men.span),
                    GroupPop::Specific(Population::It) => i.push(men.span),
                    GroupPop::Specific(Population::Both) => {
                        m.push(men.span);
                        i.push(men.span);
                    }
                    _ => {}
                }
            }
            let how = "no sample stated; groups the article names";
            let found =
                |population, phrase: Span| SurveyDefault { population, phrase: Some(phrase), how };
            if !m.is_empty() && !i.is_empty() && m.len() + i.len() >= 3 {
                found(Population::Both, m[0])
            } else if m.len() >= 2 && i.is_empty() {
                found(Population::Marketing, m[0])
            } else if i.len() >= 2 && m.is_empty() {
                found(Population::It, i[0])
            } else {
                SurveyDefault {
                    population: Population::Unknown,
                    phrase: None,
                    how: "no sample stated and no group the article keeps naming",
                }
            }
        }
    }
}

/// Attributes the figures of the last sentence of `window`, which holds it
/// and up to three sentences before it (what the carrying rules read).
/// `done[i]` receives figure `i`'s attribution; `subjects[i]` is figure
/// `i`'s subject: groups named inside an earlier figure's subject do not
/// decide a later figure's population.
pub(crate) fn attribute_sentence(
    text: &str,
    window: &[Sent],
    default: &SurveyDefault,
    done: &mut [Option<Attribution>],
    subjects: &[Option<Span>],
) {
    let Some(si) = window.len().checked_sub(1) else { return };
    for (k, &(fi, ti)) in window[si].figs.iter().enumerate() {
        let ctx = Ctx { text, sents: window, done, default, subjects };
        let a = decide(&ctx, si, k, ti);
        done[fi] = Some(a);
    }
}

fn phrase_of(s: &Sent, first: usize, end: usize) -> Span {
    Span::new(s.toks[first].span.start, s.toks[end - 1].span.end)
}

fn quote(text: &str, span: Span) -> String {
    let q = span.slice(text);
    if q.chars().count() > 60 {
        let cut: String = q.chars().take(57).collect();
        format!("{cut}...")
    } else {
        q.to_string()
    }
}

/// What every decision in an article reads.
struct Ctx<'a, 'b> {
    text: &'a str,
    sents: &'b [Sent<'a>],
    done: &'b [Option<Attribution>],
    default: &'b SurveyDefault,
    subjects: &'b [Option<Span>],
}

fn decide(ctx: &Ctx, si: usize, k: usize, ti: usize) -> Attribution {
    let Ctx { text, sents, done, default, subjects } = *ctx;
    let s = &sents[si];
    let toks = &s.toks;
    let found = |p: Population, span: Span, evidence: String| Attribution {
        population: p,
        phrase: Some(span),
        evidence,
    };
    let paren = enclosing_paren(toks, ti);

    // 1. Label inside the parenthesis: "(marketing: 62%; IT: 75%)".
    if paren.is_some()
        && ti >= 2
        && toks[ti - 1].is_punct(":")
        && let Some(p) = side_of(&toks[ti - 2])
    {
        return found(
            p,
            toks[ti - 2].span,
            format!("label before figure: '{}:'", toks[ti - 2].text),
        );
    }

    // 2. A group right after the figure.
    if let Some(a) = group_after(text, s, ti, default) {
        return a;
    }

    // 3. Pairs and "respectively".
    if let Some(a) = pair(text, sents, si, ti, done) {
        return a;
    }

    // "CMOs lead ... at 34% of companies, followed by CEOs (27%)": the list
    // goes on with the first figure's population; the names in it are its items.
    let continues_list = k > 0
        && paren.is_some_and(|(open, _)| {
            s.figs[0].1 < open && toks[s.figs[0].1..open].iter().any(|t| t.is("followed"))
        });

    // 4. A group right before the figure's parenthesis.
    if let Some((open, _)) = paren {
        let first_in_paren = toks[open + 1..ti].iter().all(|t| t.figure().is_none());
        let before = &toks[..open];
        if first_in_paren
            && !continues_list
            && let Some(g) = (open.saturating_sub(8)..open)
                .filter_map(|st| group_at(before, st, true))
                .find(|g| {
                    g.end == open
                        && g.explicit
                        && (!g.bare || bare_sample_word(toks, g.first))
                        && toks[g.first..g.end].iter().all(|t| t.figure().is_none())
                })
            && let GroupPop::Specific(p) = g.pop
        {
            let span = phrase_of(s, g.first, g.end);
            return found(
                p,
                span,
                format!("group named before parenthesis: '{}'", quote(text, span)),
            );
        }
    }

    // 5. A magnitude, not a share of people: "profit growth of over 5%".
    let li = lead_in(toks, ti);
    if li >= 2
        && toks[li - 1].is("of")
        && toks[li - 2].is_word()
        && group_at(toks, li - 2, false).is_none()
        && side_of(&toks[li - 2]).is_none()
    {
        let span = Span::new(toks[li - 2].span.start, toks[li - 1].span.end);
        return found(
            Population::Unknown,
            span,
            format!("magnitude of a quantity: '{}'", quote(text, span)),
        );
    }

    // 6. The nearest group named earlier in the sentence, after the previous
    // figure and outside the subjects of earlier figures.
    let from = if k > 0 { s.toks[s.figs[k - 1].1].span.end } else { s.sentence.span.start };
    let here = toks[ti].span.start;
    if let Some(m) = s.mentions.iter().rev().filter(|_| !continues_list).find(|m| {
        m.span.start >= from
            && m.span.end <= here
            && !m.object
            && !m.counted
            && (m.group.explicit || m.group.pop == GroupPop::Generic)
            && !s.figs[..k].iter().any(|&(f, _)| {
                subjects[f].is_some_and(|sub| sub.contains(m.span))
                    || done[f]
                        .as_ref()
                        .is_some_and(|a| a.phrase.is_some_and(|p| p.contains(m.span)))
            })
    }) {
        match m.group.pop {
            GroupPop::Specific(p) => {
                return found(
                    p,
                    m.span,
                    format!("group named earlier in sentence: '{}'", quote(text, m.span)),
                );
            }
            GroupPop::Generic => return generic(text, s, ti, m.span, default),
        }
    }

    // 7. The figure before it in the same sentence.
    if k > 0 {
        let (pf, pti) = s.figs[k - 1];
        if let Some(prev) = &done[pf] {
            return Attribution {
                population: prev.population,
                phrase: prev.phrase,
                evidence: format!("same group as previous figure in sentence '{}'", toks[pti].text),
            };
        }
    }

    // 8. Carried from the previous sentences of the paragraph.
    let para = s.sentence.paragraph;
    for back in 1..=3 {
        let Some(prev) = si.checked_sub(back).map(|i| &sents[i]) else {
            break;
        };
        if prev.sentence.paragraph != para {
            break;
        }
        let last_fig = prev
            .figs
            .last()
            .and_then(|&(f, ti)| done[f].as_ref().map(|a| (prev.toks[ti].span.end, a)));
        let last_mention =
            prev.mentions.iter().rev().find(|m| !m.object && !m.counted && m.group.explicit);
        let pick_mention = match (last_fig, last_mention) {
            (Some((fe, _)), Some(m)) => m.span.start > fe,
            (None, Some(_)) => true,
            _ => false,
        };
        if pick_mention {
            let m = last_mention.unwrap();
            if let GroupPop::Specific(p) = m.group.pop {
                return found(
                    p,
                    m.span,
                    format!("carried from previous sentence: '{}'", quote(text, m.span)),
                );
            }
        } else if let Some((_, a)) = last_fig {
            return Attribution {
                population: a.population,
                phrase: a.phrase,
                evidence: format!("carried from previous sentence's figure ({})", a.evidence),
            };
        }
    }

    // 9. The survey's population.
    Attribution {
        population: default.population,
        phrase: default.phrase,
        evidence: format!("no group stated; {}", default.how),
    }
}

/// The parenthesis holding token `ti`: (open, close) token indices.
fn enclosing_paren(toks: &[Token], ti: usize) -> Option<(usize, usize)> {
    let mut open = None;
    for k in (ti.saturating_sub(16)..ti).rev() {
        if toks[k].is_punct(")") {
            return None;
        }
        if toks[k].is_punct("(") {
            open = Some(k);
            break;
        }
    }
    let open = open?;
    let close = (ti + 1..toks.len().min(ti + 16)).find(|&k| toks[k].is_punct(")"))?;
    if toks[ti + 1..close].iter().any(|t| t.is_punct("(")) {
        return None;
    }
    Some((open, close))
}

/// Rule 2: "45% of CIOs", "half (51%) of IT respondents", "9 in 10 marketing executives".
fn group_after(text: &str, s: &Sent, ti: usize, default: &SurveyDefault) -> Option<Attribution> {
    let toks = &s.toks;
    let right_after = ti + 1;
    let k = after_restating(toks, ti);
    let t = toks.get(k)?;
    let prep = ["of", "among", "amongst", "from", "in"].iter().find(|p| t.is(p)).copied();
    let (start, via) = match prep {
        Some(p) => (k + 1, p),
        None => (k, ""),
    };
    let g = group_at(toks, start, via == "in");
    let Some(g) = g else {
        if via == "of" {
            let next = toks.get(start)?;
            if ["them", "those", "these", "us", "you", "which", "whom", "it", "all", "each"]
                .iter()
                .any(|w| next.is(w))
            {
                if next.is("those")
                    && toks
                        .get(start + 1)
                        .is_some_and(|t| t.is("surveyed") || t.is("polled") || t.is("questioned"))
                {
                    let span = phrase_of(s, start, start + 2);
                    return Some(generic(text, s, ti, span, default));
                }
                return None;
            }
            if !next.is_word() {
                return None;
            }
            let end =
                (start..toks.len().min(start + 4)).take_while(|&j| toks[j].is_word()).last()? + 1;
            let span = phrase_of(s, start, end);
            return Some(Attribution {
                population: Population::Unknown,
                phrase: Some(span),
                evidence: format!("of-phrase names no group: '{}'", quote(text, span)),
            });
        }
        return None;
    };
    if via.is_empty() && (!(g.explicit || g.pop == GroupPop::Generic) || g.bare || k != right_after)
    {
        return None;
    }
    if via == "in" && !(g.explicit) {
        return None;
    }
    let span = phrase_of(s, g.first, g.end);
    let rule = if via.is_empty() {
        "group after figure".to_string()
    } else {
        format!("{via}-phrase after figure")
    };
    Some(match g.pop {
        GroupPop::Specific(p) => Attribution {
            population: p,
            phrase: Some(span),
            evidence: format!("{rule}: '{}'", quote(text, span)),
        },
        GroupPop::Generic => generic(text, s, ti, span, default),
    })
}

/// A generic group ("respondents"): the sentence's topic, else the survey's population.
fn generic(text: &str, s: &Sent, ti: usize, span: Span, default: &SurveyDefault) -> Attribution {
    let here = s.toks[ti].span.start;
    let topic: Option<&Mention> = s.mentions.iter().rev().find(|m| {
        m.span.end <= here
            && m.topic
            && m.group.explicit
            && !m.counted
            && fronted(&s.toks, m.group.first, m.group.end)
    });
    if let Some(m) = topic
        && let GroupPop::Specific(p) = m.group.pop
    {
        return Attribution {
            population: p,
            phrase: Some(m.span),
            evidence: format!(
                "'{}' read as the sentence's topic '{}'",
                quote(text, span),
                quote(text, m.span)
            ),
        };
    }
    Attribution {
        population: default.population,
        phrase: default.phrase.or(Some(span)),
        evidence: format!("'{}' of the survey ({})", quote(text, span), default.how),
    }
}

/// Rule 4: figures in a "vs." or "respectively" pair take their order from
/// the sides named before them.
fn pair(
    text: &str,
    sents: &[Sent],
    si: usize,
    ti: usize,
    done: &[Option<Attribution>],
) -> Option<Attribution> {
    let s = &sents[si];
    let toks = &s.toks;
    let connector = |t: &Token| {
        t.is("vs.")
            || t.is("vs")
            || t.is("versus")
            || t.is("and")
            || t.is("an")
            || t.is("a")
            || t.is_punct(",")
            || t.is_punct(";")
            || t.is("to")
    };
    // The run of figures joined by connectors that holds ti.
    let mut first = ti;
    while let Some(prev_fig) = (0..first).rev().find(|&j| toks[j].figure().is_some()) {
        if prev_fig + 1 < first
            && toks[prev_fig + 1..first].iter().all(connector)
            && first - prev_fig <= 3
        {
            first = prev_fig;
        } else {
            break;
        }
    }
    let mut last = ti;
    while let Some(next_fig) = (last + 1..toks.len()).find(|&j| toks[j].figure().is_some()) {
        if next_fig > last + 1
            && toks[last + 1..next_fig].iter().all(connector)
            && next_fig - last <= 3
        {
            last = next_fig;
        } else {
            break;
        }
    }
    let run: Vec<usize> = (first..=last).filter(|&j| toks[j].figure().is_some()).collect();
    if run.len() < 2 {
        return None;
    }
    let idx = run.iter().position(|&j| j == ti)?;
    let n = run.len();
    let respectively =
        toks[last + 1..toks.len().min(last + 5)].iter().any(|t| t.is("respectively"));
    let versus = toks[first..last].iter().any(|t| t.is("vs.") || t.is("vs") || t.is("versus"));
    let in_paren = enclosing_paren(toks, first).is_some_and(|(_, c)| c > last);
    if !(respectively || versus || in_paren) {
        return None;
    }
    // Sides named before the run, in order of first mention, skipping earlier figure parentheses.
    let mut order: Vec<(Population, Span)> = Vec::new();
    let mut j = 0;
    while j < first {
        if toks[j].is_punct("(")
            && let Some(c) = paren_with_figure(toks, j)
        {
            j = c + 1;
            continue;
        }
        if let Some(p) = side_of(&toks[j])
            && !order.iter().any(|(q, _)| *q == p)
        {
            order.push((p, toks[j].span));
        }
        j += 1;
    }
    let kind = if respectively { "respectively" } else { "vs." };
    let pos = |i: usize| match i {
        0 => "1st".to_string(),
        1 => "2nd".to_string(),
        2 => "3rd".to_string(),
        i => format!("{}th", i + 1),
    };
    if order.len() >= n {
        let (p, span) = order[idx];
        let names: Vec<&str> = order.iter().map(|(_, s)| s.slice(text)).collect();
        return Some(Attribution {
            population: p,
            phrase: Some(span),
            evidence: format!(
                "{kind} pair, {} of {n}: order from '{}'",
                pos(idx),
                names.join(" ... ")
            ),
        });
    }
    if order.len() == 1 && n == 2 {
        let (p, span) = order[0];
        let p = if idx == 0 { p } else { p.other()? };
        return Some(Attribution {
            population: p,
            phrase: Some(span),
            evidence: format!(
                "{kind} pair, {} of 2: first is '{}', second the other group",
                pos(idx),
                span.slice(text)
            ),
        });
    }
    if respectively && order.is_empty() {
        // "These numbers represent a 16% and an 8% increase, respectively": the previous sentence's figures.
        let prev = si.checked_sub(1).map(|i| &sents[i])?;
        let pops: Vec<&Attribution> =
            prev.figs.iter().filter_map(|&(f, _)| done[f].as_ref()).collect();
        if pops.len() == n && (1..n).all(|i| pops[i].population != pops[i - 1].population) {
            let a = pops[idx];
            return Some(Attribution {
                population: a.population,
                phrase: a.phrase,
                evidence: format!(
                    "respectively pair, {} of {n}: order of the previous sentence's figures",
                    pos(idx)
                ),
            });
        }
    }
    None
}

/// A topic phrase that opens its clause and is closed by a comma: "For CMOs,
/// ...", "On the CIO side, ...".
fn fronted(toks: &[Token], first: usize, end: usize) -> bool {
    let mut start = first;
    while start > 0
        && (toks[start - 1].is("the")
            || toks[start - 1].is("for")
            || toks[start - 1].is("among")
            || toks[start - 1].is("on")
            || toks[start - 1].is("amongst"))
    {
        start -= 1;
    }
    let opens = start == 0
        || toks[start - 1].is_punct(",")
        || toks[start - 1].is_punct(";")
        || toks[start - 1].is_punct(":")
        || toks[start - 1].is("and")
        || toks[start - 1].is("but")
        || toks[start - 1].is("while");
    opens && toks.get(end).is_some_and(|t| t.is_punct(","))
}

/// A department word standing for a sample share: "220 Marketing (42% share)
/// and IT (58%) leaders", not "use of technology (28%)".
fn bare_sample_word(toks: &[Token], at: usize) -> bool {
    let word = &toks[at];
    let department = word.text == "IT" || word.is("marketing");
    let prev_ok = at == 0
        || toks[at - 1].kind == TokKind::Number
        || toks[at - 1].is("and")
        || toks[at - 1].is_punct(",")
        || toks[at - 1].is_punct("(");
    department && prev_ok
}

#[cfg(test)]
mod tests {
    use crate::lang::extract::extract_article;
    use crate::lang::lexicon::Population::{self, *};

    /// (rule, article text, figure, expected population, evidence starts with)
    type Case = (&'static str, &'static str, &'static str, Population, &'static str);

    const CASES: &[Case] = &[
        (
            "label in parenthesis",
            "Both sides value speed (marketing: 61%; IT: 48%).",
            "48%",
            It,
            "label before figure",
        ),
        ("of-phrase", "Some 44% of CIOs expect cuts.", "44%", It, "of-phrase after figure"),
        ("of-phrase, marketing", "Only 17% of marketers agree.", "17%", Marketing, "of-phrase"),
        (
            "of-phrase, coordinated roles",
            "About 12% of CMOs and CIOs meet weekly.",
            "12%",
            Both,
            "of-phrase",
        ),
        (
            "of-phrase, organisation",
            "Just 40% of firms have a budget.",
            "40%",
            Unknown,
            "of-phrase",
        ),
        ("of-phrase, third group", "Roughly 30% of CEOs sign off.", "30%", Unknown, "of-phrase"),
        (
            "of-phrase names a thing",
            "They spend 25% of their budget on ads.",
            "25%",
            Unknown,
            "of-phrase names no group",
        ),
        (
            "group right after a ratio",
            "Four in 10 technology executives disagree.",
            "Four in 10",
            It,
            "group after figure",
        ),
        ("restating parenthesis", "Half (52%) of IT managers say so.", "52%", It, "of-phrase"),
        (
            "in-phrase breakdown",
            "We asked 90 executives (70% in marketing, 30% in IT).",
            "30%",
            It,
            "in-phrase",
        ),
        (
            "vs. pair ordered by sides",
            "For IT staff, cost matters more than for marketing staff (61% vs. 42%).",
            "42%",
            Marketing,
            "vs. pair, 2nd",
        ),
        (
            "respectively pair",
            "Marketing and IT chiefs want speed (71% and 55%, respectively).",
            "55%",
            It,
            "respectively pair, 2nd",
        ),
        (
            "vs. pair with one side named",
            "IT teams worry more about risk (48% vs. 30%).",
            "30%",
            Marketing,
            "vs. pair, 2nd",
        ),
        (
            "respectively from previous sentence",
            "Most CMOs (60%) and CIOs (45%) plan hires. That is a 10% and a 5% rise, respectively.",
            "5%",
            It,
            "respectively pair",
        ),
        (
            "group before parenthesis",
            "Budgets rose for CMOs (58%) and CIOs (41%).",
            "41%",
            It,
            "group named before parenthesis",
        ),
        (
            "sample share",
            "We polled 200 Marketing (40% share) and IT (60%) leaders.",
            "40%",
            Marketing,
            "group named before parenthesis",
        ),
        (
            "list after followed by keeps the first figure's group",
            "Owners lead at 30% of firms, followed by CIOs (20%).",
            "20%",
            Unknown,
            "same group as previous",
        ),
        ("magnitude", "CIOs reported margin growth of over 6%.", "6%", Unknown, "magnitude"),
        (
            "group named earlier in sentence",
            "On the CMO side, 33% plan to hire.",
            "33%",
            Marketing,
            "group named earlier",
        ),
        (
            "object group does not decide",
            "A survey of 100 CMOs and 100 CIOs. They told us that, compared with CIOs, 20% wanted more.",
            "20%",
            Both,
            "no group stated",
        ),
        (
            "previous figure in sentence",
            "Some 41% of CMOs want data, and 22% want speed.",
            "22%",
            Marketing,
            "same group as previous figure",
        ),
        (
            "carried from previous sentence",
            "Marketers are upbeat. Fully 64% expect growth.",
            "64%",
            Marketing,
            "carried from previous sentence",
        ),
        (
            "not carried across paragraphs",
            "Marketers are upbeat.\n\nA survey of 80 CIOs and 90 CMOs found 64% expect growth.",
            "64%",
            Both,
            "no group stated",
        ),
        (
            "generic group takes the fronted topic",
            "For CIOs, the top worry is cost, according to 52% of respondents.",
            "52%",
            It,
            "'respondents' read as the sentence's topic",
        ),
        (
            "generic group takes the survey sample",
            "We surveyed 120 marketing and IT leaders. Of them, 38% of respondents want change.",
            "38%",
            Both,
            "'respondents' of the survey",
        ),
        (
            "survey of one side",
            "A poll of 300 CMOs was run. Overall, 47% of respondents plan cuts.",
            "47%",
            Marketing,
            "'respondents' of the survey",
        ),
        (
            "topic must be fronted",
            "It is a priority for CMOs to hire, yet only 15% of surveyed execs do. The study polled 50 CMOs and 50 CIOs.",
            "15%",
            Both,
            "'surveyed execs' of the survey",
        ),
        (
            "mention inside an earlier subject",
            "In 2021, 30% of marketers say that CMOs and CIOs are partners, and the share dropped to 12% in 2022.",
            "12%",
            Marketing,
            "same group as previous figure",
        ),
        (
            "shared unit borrows its partner",
            "Between 15 and 20 percent of CIOs agree.",
            "15",
            It,
            "shares its unit",
        ),
        (
            "no sample: a passing mention is not enough",
            "The CIO of Acme spoke.\n\nPrices rose 5% this year.",
            "5%",
            Unknown,
            "no group stated",
        ),
        (
            "no sample: an article that keeps naming both sides",
            "CMOs want speed. CIOs want control. Marketing leaders agree.\n\nOverall, 40% see progress.",
            "40%",
            Both,
            "no group stated; no sample stated",
        ),
        (
            "second sample share does not reach over the first",
            "We polled 200 Marketing (40% share) and IT (60%) leaders.",
            "60%",
            It,
            "group named before parenthesis: 'IT'",
        ),
        (
            "list items after followed by are not groups",
            "Owners lead at 30% of firms, followed by CEOs (20%), CIOs or CTOs (15%).",
            "15%",
            Unknown,
            "same group as previous",
        ),
    ];

    #[test]
    fn attribution_rules() {
        for (name, text, figure, want, evidence) in CASES {
            let claims = extract_article(text);
            let claim = claims
                .iter()
                .find(|c| c.figure.span.slice(text) == *figure)
                .unwrap_or_else(|| panic!("case {name:?}: figure {figure:?} not found"));
            let a = &claim.attribution;
            assert_eq!(a.population, *want, "case {name:?}: evidence {:?}", a.evidence);
            assert!(a.evidence.starts_with(evidence), "case {name:?}: evidence {:?}", a.evidence);
            if let Some(p) = a.phrase {
                assert!(
                    p.end <= text.len() && text.is_char_boundary(p.start),
                    "case {name:?}: phrase span"
                );
            }
        }
    }
}
