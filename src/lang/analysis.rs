//! Per-sentence views shared by the attribution and subject stages: the
//! groups a sentence names, and where a figure's qualifier starts and its
//! restating parenthesis ends.

use crate::lang::groups::{Group, group_at, may_start_group, paren_with_figure, side_of};
use crate::lang::lexicon::{CORE, class};
use crate::lang::phrases::{Phrases, lexicon_pos, pos};
use crate::lang::segment::Sentence;
use crate::lang::tokens::{TokKind, Token};
use crate::span::Span;

/// Prepositions after which a group is an object, not the population
/// ("collaboration with CIOs", "a low priority for IT" is handled apart).
const OBJECT_PREPOSITIONS: &[&str] = &[
    "with", "to", "between", "than", "about", "from", "by", "toward", "towards", "into", "against",
    "like", "over", "across", "via", "versus", "vs.", "vs", "rank", "ranks", "as",
];
/// Prepositions that open a topic: "For CMOs, ...", "Among marketers, ...".
const TOPIC_PREPOSITIONS: &[&str] = &["for", "among", "on", "amongst"];

/// A group named in a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    /// The group phrase (token indices into the sentence).
    pub group: Group,
    /// Its byte span.
    pub span: Span,
    /// True when it is the object of a preposition ("with CIOs").
    pub object: bool,
    /// True when a count opens it: a sample statement ("220 marketing leaders").
    pub counted: bool,
    /// True when a topic preposition opens it ("For CMOs").
    pub topic: bool,
    /// True when it is followed by "surveyed" or follows "survey of".
    pub surveyed: bool,
    /// True when it is counted or quantified and its sentence speaks of a
    /// survey ("survey", "polled", "respondents", "study", "research"): a
    /// count there states a sample.
    pub survey_sentence: bool,
    /// True when a figure counts it: "45% of CIOs", "9 in 10 marketers".
    pub quantified: bool,
}

/// Words that make a sentence speak of a survey and its sample.
const SURVEY_WORDS: &[&str] = &[
    "survey", "surveys", "surveyed", "surveying", "poll", "polled", "polling", "study", "studies",
    "research", "respondents", "respondent", "questioned", "interviewed", "asked", "sample",
    "participants", "insights", "audit", "responses", "panel", "questionnaire", "interviews",
    "census", "canvassed", "responded", "responding",
];

/// Words that speak of a survey only as nouns, after a determiner: "the
/// report found", not "teams now report to the CEO".
const SURVEY_NOUNS: &[&str] = &["report", "reports"];

/// Verbs that say what a sample is made of: "Respondents included CMOs
/// (35%), CIOs (30%) ...".
const MADE_OF: &[&str] =
    &["included", "include", "includes", "comprised", "comprises", "consisted", "consists"];

/// Whether token `k` of `toks` makes its sentence speak of a survey.
fn survey_word(toks: &[Token], k: usize) -> bool {
    let t = &toks[k];
    t.is_word() && SURVEY_WORDS.iter().any(|w| t.is(w))
        || SURVEY_NOUNS.iter().any(|w| t.is(w))
            && k.checked_sub(1).is_some_and(|b| {
                ["the", "a", "its", "their", "this", "new", "annual", "latest"]
                    .iter()
                    .any(|d| toks[b].is(d))
            })
}

/// A sentence with its tokens, figures and group mentions.
#[derive(Debug, Clone)]
pub(crate) struct Sent<'a> {
    /// Where the sentence is, and its paragraph.
    pub sentence: Sentence,
    /// Its tokens; figures are single tokens.
    pub toks: Vec<Token<'a>>,
    /// (figure index in the article, token index in `toks`), in order.
    pub figs: Vec<(usize, usize)>,
    /// Groups named in the sentence, in order.
    pub mentions: Vec<Mention>,
    /// Its phrase structure (empty for a sentence without figures).
    pub phr: Phrases,
}

/// The token after figure `ti`, past a parenthesis that restates it
/// ("Half (51%) of ...") or, for the restating figure itself, past its
/// closing parenthesis ("(51%) of ...").
pub(crate) fn after_restating(toks: &[Token], ti: usize) -> usize {
    let k = ti + 1;
    if toks.get(k).is_some_and(|t| t.is_punct("(")) {
        if let Some(close) = paren_with_figure(toks, k)
            && close == k + 2
        {
            return close + 1;
        }
    } else if toks.get(k).is_some_and(|t| t.is_punct(")")) && ti > 0 && toks[ti - 1].is_punct("(") {
        return k + 1;
    } else if toks.get(k).is_some_and(|t| t.is_punct(","))
        && toks.get(k + 1).is_some_and(|t| t.figure().is_some())
        && toks.get(k + 2).is_some_and(|t| t.is_punct(","))
        && toks.get(k + 3).is_some_and(|t| t.is("of") || t.is("among"))
    {
        // "less than half, 47%, of job seekers".
        return k + 3;
    }
    k
}

/// The first token of the qualifier before figure `ti` ("more than"), or `ti`.
pub(crate) fn lead_in(toks: &[Token], ti: usize) -> usize {
    let mut j = ti;
    while j > 0
        && [
            "more", "than", "less", "fewer", "over", "under", "about", "nearly", "almost",
            "around", "roughly", "approximately", "some", "up", "to", "at", "least", "most", "as",
            "many", "much", "only", "just", "slightly", "mere", "close", "upwards", "well", "of",
            "shy", "short", "maximum", "minimum", "no", "not",
        ]
        .iter()
        .any(|w| toks[j - 1].is(w))
    {
        let w = &toks[j - 1];
        // "to" and "at" belong to a qualifier only in "up to", "close to", "at least/most".
        if w.is("to") && !(j >= 2 && (toks[j - 2].is("up") || toks[j - 2].is("close"))) {
            break;
        }
        if w.is("at") && !toks.get(j).is_some_and(|t| t.is("least") || t.is("most")) {
            break;
        }
        if w.is("up") && !toks.get(j).is_some_and(|t| t.is("to")) {
            break;
        }
        if (w.is("least") || w.is("most")) && !(j >= 2 && toks[j - 2].is("at")) {
            break;
        }
        // "of" only in "shy of", "short of", "a maximum of"; those words
        // only before it; "no" and "not" only before a comparative.
        let before_of = ["shy", "short", "maximum", "minimum"];
        if w.is("of") && !(j >= 2 && before_of.iter().any(|b| toks[j - 2].is(b))) {
            break;
        }
        if before_of.iter().any(|b| w.is(b)) && !toks.get(j).is_some_and(|t| t.is("of")) {
            break;
        }
        if (w.is("no") || w.is("not"))
            && !toks.get(j).is_some_and(|t| t.is("more") || t.is("less") || t.is("fewer"))
        {
            break;
        }
        j -= 1;
    }
    // A lone article belongs to the noun phrase: "a 16% increase".
    j
}

/// Finds the group phrases of a sentence.
pub(crate) fn mentions(toks: &[Token]) -> Vec<Mention> {
    let mut out = Vec::new();
    // Read only when a mention needs them: most sentences have none.
    let securities = std::cell::OnceCell::new();
    let survey_sentence = std::cell::OnceCell::new();
    // Every group phrase holds a core word (a head, a population's word or
    // spelling, the first word of a role) or "those": none starts after the
    // last one.
    let core = CORE | class::FIRST_SPELLING | class::SECOND_SPELLING | class::PHRASE_WORD;
    let Some(last_core) = toks.iter().rposition(|t| t.lex & core != 0) else {
        return out;
    };
    let mut j = 0;
    while j <= last_core {
        // Most words cannot open a group phrase: one hashed look-up skips them.
        if !may_start_group(toks, j) {
            j += 1;
            continue;
        }
        let group = group_at(toks, j, false)
            .or_else(|| bare_subject(toks, j))
            .or_else(|| bare_topic(toks, j));
        let Some(g) = group else {
            j += 1;
            continue;
        };
        // A word of the populations file's `not_a_group`, in a sentence with
        // two of its words: "84 mln dlrs of CMOs priced to yield 6.88 pct"
        // speaks of securities, not officers.
        let not_a_group = toks[g.first..g.end].iter().any(|t| t.lex & class::NOT_A_GROUP != 0)
            && *securities.get_or_init(|| sense_context(toks));
        // "the Marketing AI Institute", "the CMO Council": a name, not a group.
        let capital = |t: &Token| t.text.starts_with(|c: char| c.is_uppercase());
        let name = capital(&toks[g.first])
            && toks.get(g.end).is_some_and(|n| n.is_word() && capital(n) && n.lex == 0);
        if not_a_group || name {
            j = g.end.max(j + 1);
            continue;
        }
        let prev = g.first.checked_sub(1).map(|k| &toks[k]);
        let before_prev = g.first.checked_sub(2).map(|k| &toks[k]);
        let is_in =
            |t: Option<&Token>, list: &[&str]| t.is_some_and(|t| list.iter().any(|w| t.is(w)));
        let counted = toks[g.first].kind == TokKind::Number || toks[j].kind == TokKind::Number;
        let object = is_in(prev, OBJECT_PREPOSITIONS)
            || prev.is_some_and(|p| p.is("the") || p.is("their") || p.is("its"))
                && is_in(before_prev, OBJECT_PREPOSITIONS);
        // "Among IT, ...", "In marketing, ...": a bare department as the topic.
        let bare_topic = g.bare
            && prev.is_some_and(|p| p.is("in"))
            && toks.get(g.end).is_some_and(|t| t.is_punct(","));
        let topic = is_in(prev, TOPIC_PREPOSITIONS)
            || bare_topic
            || prev.is_some_and(|p| p.is("the")) && is_in(before_prev, TOPIC_PREPOSITIONS);
        // "Respondents included CMOs (35%), CIOs (30%) and CEOs (20%)": a
        // breakdown of the sample by group.
        let breakdown = toks.get(g.end).is_some_and(|t| t.is_punct("("))
            && toks.get(g.end + 1).is_some_and(|t| t.figure().is_some())
            && toks[..g.first].iter().any(|t| MADE_OF.iter().any(|w| t.is(w)))
            && toks[..g.first].iter().any(|t| {
                ["respondents", "sample", "participants", "panel"].iter().any(|w| t.is(w))
            });
        let surveyed = breakdown
            || toks[g.first..g.end].iter().any(|t| t.is("surveyed"))
            || toks.get(g.end).is_some_and(|t| t.is("surveyed") || t.is("polled"))
            || toks[..g.first]
                .iter()
                .rev()
                .take(8)
                .take_while(|t| !t.is_punct(",") && !t.is_punct(";") && !t.is_punct("."))
                .any(|t| t.text.to_ascii_lowercase().starts_with("survey"));
        let quantified = prev.is_some_and(|p| p.figure().is_some())
            || prev.is_some_and(|p| p.is("of") || p.is("among"))
                && before_prev.is_some_and(|p| p.figure().is_some() || p.is_punct(")"));
        let span = Span::new(toks[g.first].span.start, toks[g.end - 1].span.end);
        let survey_sentence = (counted || quantified)
            && *survey_sentence.get_or_init(|| (0..toks.len()).any(|k| survey_word(toks, k)));
        out.push(Mention {
            group: g,
            span,
            object,
            counted,
            topic,
            surveyed,
            survey_sentence,
            quantified,
        });
        j = g.end.max(j + 1);
    }
    out
}

/// True when a sentence holds two different words of the populations
/// file's `not_a_group` contexts ([`class::SENSE_CONTEXT`]).
fn sense_context(toks: &[Token]) -> bool {
    let mut found: Vec<String> = Vec::new();
    for t in toks.iter().filter(|t| t.lex & class::SENSE_CONTEXT != 0) {
        let w = t.text.to_ascii_lowercase();
        if !found.contains(&w) {
            found.push(w);
        }
    }
    found.len() >= 2
}

/// A department word as a fronted topic: "Among IT, 55% say ...", "In
/// marketing, ...".
fn bare_topic(toks: &[Token], j: usize) -> Option<Group> {
    side_of(&toks[j])?;
    let prep = toks.get(j.checked_sub(1)?)?;
    if !(TOPIC_PREPOSITIONS.iter().any(|w| prep.is(w)) || prep.is("in")) {
        return None;
    }
    if !toks.get(j + 1).is_some_and(|t| t.is_punct(",")) {
        return None;
    }
    group_at(toks, j, true).filter(|g| g.end == j + 1)
}

/// A department word that opens a clause and is followed by its verb:
/// "Once again, IT came off as the more eager group".
fn bare_subject(toks: &[Token], j: usize) -> Option<Group> {
    let t = &toks[j];
    side_of(t)?;
    let clause_start = j == 0
        || toks[j - 1].is_punct(",")
        || toks[j - 1].is_punct(";")
        || toks[j - 1].is_punct(":");
    let next = toks.get(j + 1)?;
    let verb_like = next.is_word()
        && next.text.chars().next().is_some_and(char::is_lowercase)
        && lexicon_pos(next.text) & (pos::VERB | pos::BASE | pos::EN | pos::ADV | pos::MODAL) != 0
        && side_of(next).is_none()
        && next.lex & (class::GENERIC_HEAD | class::THIRD_HEAD | class::ORGANISATION_HEAD) == 0
        && !["and", "or", "budget", "budgets"].iter().any(|w| next.is(w));
    if !(clause_start && verb_like) {
        return None;
    }
    group_at(toks, j, true).filter(|g| g.end == j + 1)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lexicon::Lexicon;
    use crate::lang::tokens::tokenize;

    /// What a mention is read as: its words and flags.
    #[derive(Debug, PartialEq)]
    struct Read<'t> {
        words: &'t str,
        object: bool,
        counted: bool,
        topic: bool,
        surveyed: bool,
    }

    const NONE: Read<'static> =
        Read { words: "", object: false, counted: false, topic: false, surveyed: false };

    /// (case, sentence, the groups it names)
    fn cases() -> Vec<(&'static str, &'static str, Vec<Read<'static>>)> {
        vec![
            ("no group", "It is raining.", vec![]),
            ("topic", "For CMOs, budgets rose.", vec![Read { words: "CMOs", topic: true, ..NONE }]),
            (
                "object of a preposition",
                "Collaboration with CIOs matters.",
                vec![Read { words: "CIOs", object: true, ..NONE }],
            ),
            (
                "object after a determiner, then a subject",
                "Compared with their CIOs, marketers spend more.",
                vec![
                    Read { words: "their CIOs", object: true, ..NONE },
                    Read { words: "marketers", ..NONE },
                ],
            ),
            (
                "counted sample after survey",
                "A survey of 220 marketing leaders found it.",
                vec![Read {
                    words: "220 marketing leaders",
                    counted: true,
                    surveyed: true,
                    ..NONE
                }],
            ),
            (
                "counts coordinated",
                "We asked 300 CMOs and 300 CIOs.",
                vec![Read { words: "300 CMOs and 300 CIOs", counted: true, ..NONE }],
            ),
            (
                "surveyed inside the phrase",
                "The executives surveyed said so.",
                vec![Read { words: "executives surveyed", surveyed: true, ..NONE }],
            ),
            (
                "a department opening its clause",
                "Once again, IT came off as eager.",
                vec![Read { words: "IT", ..NONE }],
            ),
            (
                "two groups, one after a topic preposition",
                "Budgets for IT and marketing teams rose, say CEOs.",
                vec![
                    Read { words: "IT and marketing teams", topic: true, ..NONE },
                    Read { words: "CEOs", ..NONE },
                ],
            ),
        ]
    }

    /// (case, text, the figure, its qualifier: the text from the lead in)
    const LEADS: &[(&str, &str, &str, &str)] = &[
        ("no qualifier", "Sales rose 5%.", "5%", "5%"),
        ("a comparative", "It is more than 40%.", "40%", "more than 40%"),
        ("up to", "It rose up to 40%.", "40%", "up to 40%"),
        ("to alone is not one", "It rose to 40%.", "40%", "40%"),
        (
            "just shy of",
            "It was just shy of 30 per cent.",
            "30 per cent",
            "just shy of 30 per cent",
        ),
        ("short of", "It fell short of 30 per cent.", "30 per cent", "short of 30 per cent"),
        ("no more than", "It is no more than 5%.", "5%", "no more than 5%"),
        ("a maximum of", "It is a maximum of 5%.", "5%", "maximum of 5%"),
        ("of a share is not one", "It is a share of 5%.", "5%", "5%"),
    ];

    #[test]
    fn qualifiers_before_a_figure() {
        for &(name, text, figure, want) in LEADS {
            let toks = crate::lang::tokens::tokens_of(text);
            let ti = toks.iter().position(|t| t.text == figure).expect(name);
            let lead = lead_in(&toks, ti);
            let got = &text[toks[lead].span.start..toks[ti].span.end];
            assert_eq!(got, want, "case {name:?}");
        }
    }

    #[test]
    fn mentions_and_how_they_are_read() {
        for (name, text, want) in cases() {
            let toks = tokenize(text, Span::new(0, text.len()), &[], Lexicon::builtin());
            let got: Vec<Read> = mentions(&toks)
                .iter()
                .map(|m| Read {
                    words: m.span.slice(text),
                    object: m.object,
                    counted: m.counted,
                    topic: m.topic,
                    surveyed: m.surveyed,
                })
                .collect();
            assert_eq!(got, want, "case {name:?}");
        }
    }
}
