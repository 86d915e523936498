//! Populations from a file: the two groups whose figures a corpus is read
//! for, and the words that name each one's people.
//!
//! The rules read language; only these words are about a domain. The
//! built-in file is `populations/marketing-it.toml` (compiled in); another
//! file ([`Populations::load`], `--populations FILE`) makes the same rules
//! tell apart employers and employees, doctors and nurses, or any two
//! groups. The format is documented in the README ("Defining your own
//! populations") and in the built-in file's comments:
//!
//! ```toml
//! both = "both"                 # the name of a population mixing the two
//! [[population]]                # exactly two
//! name = "employers"
//! heads = ["employers"]         # heads of phrases naming the group's people
//! modifiers = ["hr"]            # words naming it before a head, or alone
//! roles = ["chief people officer"]   # titles of several words
//! spellings = []                # spellings that name it only as written
//! [people]
//! third = ["customers"]         # a third group: unknown
//! generic = ["respondents"]     # people in general: context decides
//! organisations = ["companies"] # organisations: unknown
//! [[not_a_group]]               # group words that are not, near other words
//! spellings = ["CMOs"]
//! when_two_of = ["coupon", "yield"]
//! ```
//!
//! A bad file is refused with its line and what is wrong: an unknown key, a
//! word listed for two groups, a group with no word, a word longer than 16
//! bytes, not exactly two populations.

use crate::lang::lexicon::Population;
use serde::Deserialize;
use sha2::Digest;
use std::sync::LazyLock;
use toml::Spanned;

/// The built-in populations file.
pub(crate) const BUILTIN_TOML: &str = include_str!("../../populations/marketing-it.toml");

/// Two populations, the words for their people, and the words for people
/// in general, a third group and organisations.
#[derive(Debug, Clone)]
pub struct Populations {
    /// The names of the two populations, in the file's order.
    pub names: [String; 2],
    /// The name of a population that mixes the two.
    pub both: String,
    /// Where the file came from: its path, or `built-in`.
    pub origin: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    pub(crate) sides: [Side; 2],
    pub(crate) third: Vec<String>,
    pub(crate) generic: Vec<String>,
    pub(crate) organisations: Vec<String>,
    pub(crate) not_a_group: Vec<NotAGroup>,
}

/// The words of one population.
#[derive(Debug, Clone, Default)]
pub(crate) struct Side {
    pub(crate) heads: Vec<String>,
    pub(crate) modifiers: Vec<String>,
    pub(crate) roles: Vec<Vec<String>>,
    pub(crate) spellings: Vec<String>,
}

/// Spellings of group words that are no group in a sentence holding two of
/// the `when_two_of` words.
#[derive(Debug, Clone)]
pub(crate) struct NotAGroup {
    pub(crate) spellings: Vec<String>,
    pub(crate) when_two_of: Vec<String>,
}

/// A populations file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PopulationsError {
    /// The file.
    pub origin: String,
    /// The line (1-based) the problem is on, when there is one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PopulationsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for PopulationsError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileBody {
    both: Spanned<String>,
    population: Vec<Spanned<FilePopulation>>,
    people: FilePeople,
    #[serde(default)]
    not_a_group: Vec<FileNotAGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePopulation {
    name: Spanned<String>,
    #[serde(default)]
    heads: Vec<Spanned<String>>,
    #[serde(default)]
    modifiers: Vec<Spanned<String>>,
    #[serde(default)]
    roles: Vec<Spanned<String>>,
    #[serde(default)]
    spellings: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePeople {
    #[serde(default)]
    third: Vec<Spanned<String>>,
    #[serde(default)]
    generic: Vec<Spanned<String>>,
    #[serde(default)]
    organisations: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileNotAGroup {
    spellings: Vec<Spanned<String>>,
    when_two_of: Vec<String>,
}

/// The names no population may take: the dataset's other two.
const RESERVED: [&str; 1] = ["unknown"];

/// Whether `name` can name a population or the mix: an ASCII letter, then
/// letters, digits, `_` or `-`. Names are labels downstream (Label Studio,
/// brat entity types, CSV columns, CSS classes of the report), where other
/// characters would need escaping or are not allowed.
fn is_label(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Populations {
    /// The built-in marketing/IT populations (parsed once).
    pub fn builtin() -> &'static Populations {
        static BUILTIN: LazyLock<Populations> = LazyLock::new(|| {
            Populations::parse(BUILTIN_TOML, "built-in").expect("the built-in populations file")
        });
        &BUILTIN
    }

    /// Reads and checks a populations file.
    pub fn load(path: &std::path::Path) -> Result<Populations, PopulationsError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| PopulationsError {
            origin: origin.clone(),
            line: None,
            message: format!("cannot be read: {e}"),
        })?;
        Populations::parse(&text, &origin)
    }

    /// Checks a populations file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Populations, PopulationsError> {
        let error = |span: Option<std::ops::Range<usize>>, message: String| PopulationsError {
            origin: origin.to_string(),
            line: span.map(|s| line_of(text, s.start)),
            message,
        };
        let body: FileBody = toml::from_str(text).map_err(|e| {
            let message = e.message().trim_end().to_string();
            error(e.span(), message)
        })?;
        if body.population.len() != 2 {
            let span = body.population.get(2).map(|p| p.span());
            return Err(error(
                span,
                format!("needs exactly two [[population]] tables, found {}", body.population.len()),
            ));
        }
        // Every word, lowercase, with where it is and which list holds it:
        // a word may be listed for one group only.
        let mut seen: std::collections::HashMap<String, (String, usize)> = Default::default();
        let mut check =
            |word: &Spanned<String>, list: &str, exact: bool| -> Result<String, PopulationsError> {
                let w = word.get_ref().trim();
                if w.is_empty() {
                    return Err(error(Some(word.span()), format!("an empty word in {list}")));
                }
                if w.split_whitespace().any(|part| part.len() > 16) {
                    return Err(error(
                        Some(word.span()),
                        format!("{w:?} in {list}: words are at most 16 bytes"),
                    ));
                }
                let key = if exact { w.to_string() } else { w.to_ascii_lowercase() };
                let line = line_of(text, word.span().start);
                if let Some((other, other_line)) = seen.get(&key)
                    && other != list
                {
                    return Err(error(
                        Some(word.span()),
                        format!("{w:?} is listed for {list} and for {other} (line {other_line})"),
                    ));
                }
                seen.insert(key.clone(), (list.to_string(), line));
                Ok(key)
            };
        let mut sides: [Side; 2] = Default::default();
        let mut names: [String; 2] = Default::default();
        for (i, p) in body.population.iter().enumerate() {
            let pop = p.get_ref();
            let name = pop.name.get_ref().trim().to_string();
            if !is_label(&name)
                || RESERVED.contains(&name.as_str())
                || name == *body.both.get_ref()
                || i == 1 && name == names[0]
            {
                return Err(error(
                    Some(pop.name.span()),
                    format!(
                        "{name:?} cannot name a population (a name is a letter, then letters, digits, '_' or '-', and differs from the other, from both = {:?} and from \"unknown\")",
                        body.both.get_ref()
                    ),
                ));
            }
            let list = format!("population {name:?}");
            let side = &mut sides[i];
            for w in &pop.heads {
                side.heads.push(check(w, &list, false)?);
            }
            for w in &pop.modifiers {
                side.modifiers.push(check(w, &list, false)?);
            }
            for w in &pop.spellings {
                side.spellings.push(check(w, &list, true)?);
            }
            for r in &pop.roles {
                let words: Vec<String> =
                    r.get_ref().split_whitespace().map(|w| w.to_ascii_lowercase()).collect();
                if words.len() < 2 {
                    return Err(error(
                        Some(r.span()),
                        format!(
                            "role {:?} of {list}: a role has several words; list one word in heads",
                            r.get_ref()
                        ),
                    ));
                }
                if words.iter().any(|w| w.len() > 16) {
                    return Err(error(
                        Some(r.span()),
                        format!("role {:?}: words are at most 16 bytes", r.get_ref()),
                    ));
                }
                side.roles.push(words);
            }
            if side.heads.is_empty() && side.modifiers.is_empty() && side.spellings.is_empty() {
                return Err(error(
                    Some(p.span()),
                    format!("{list} names no people: give it heads, modifiers or spellings"),
                ));
            }
            names[i] = name;
        }
        let both = body.both.get_ref().trim().to_string();
        if !is_label(&both) || RESERVED.contains(&both.as_str()) {
            return Err(error(
                Some(body.both.span()),
                format!(
                    "{both:?} cannot name the mix of both (a letter, then letters, digits, '_' or '-')"
                ),
            ));
        }
        let mut people = |list: &[Spanned<String>], name: &str| {
            list.iter().map(|w| check(w, name, false)).collect::<Result<Vec<_>, _>>()
        };
        let third = people(&body.people.third, "people.third")?;
        let generic = people(&body.people.generic, "people.generic")?;
        let organisations = people(&body.people.organisations, "people.organisations")?;
        let not_a_group = body
            .not_a_group
            .iter()
            .map(|n| NotAGroup {
                spellings: n.spellings.iter().map(|s| s.get_ref().trim().to_string()).collect(),
                when_two_of: n.when_two_of.iter().map(|w| w.trim().to_ascii_lowercase()).collect(),
            })
            .collect();
        let sha256 = crate::record::hex(&sha2::Sha256::digest(text.as_bytes()));
        Ok(Populations {
            names,
            both,
            origin: origin.to_string(),
            sha256,
            sides,
            third,
            generic,
            organisations,
            not_a_group,
        })
    }

    /// The name of a population in the dataset.
    pub fn name(&self, p: Population) -> &str {
        match p {
            Population::First => &self.names[0],
            Population::Second => &self.names[1],
            Population::Both => &self.both,
            Population::Unknown => "unknown",
        }
    }

    /// The population a name in the dataset stands for.
    pub fn population(&self, name: &str) -> Option<Population> {
        Population::ALL.into_iter().find(|&p| self.name(p) == name)
    }

    /// Every word that names one of the two populations (lowercase, and the
    /// words of their roles): what no Rust source outside tests may hold.
    pub fn side_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        for side in &self.sides {
            out.extend(side.heads.iter().cloned());
            out.extend(side.modifiers.iter().cloned());
            out.extend(side.spellings.iter().map(|s| s.to_ascii_lowercase()));
        }
        out
    }
}

/// The 1-based line of byte `at` of `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal file with `extra` appended, or with its parts replaced.
    fn file(pops: &str, people: &str) -> String {
        format!("both = \"both\"\n{pops}\n[people]\n{people}\n")
    }

    const TWO: &str = "[[population]]\nname = \"a\"\nheads = [\"alphas\"]\n\n[[population]]\nname = \"b\"\nheads = [\"betas\"]\n";

    /// (case, file text, the error's line, words the message holds)
    fn bad_cases() -> Vec<(&'static str, String, Option<usize>, &'static str)> {
        vec![
            (
                "unknown key",
                file(TWO, "generic = [\"people\"]\ncolour = \"red\""),
                Some(12),
                "unknown field `colour`",
            ),
            (
                "a word listed for two groups",
                file(TWO, "generic = [\"alphas\"]"),
                Some(11),
                "\"alphas\" is listed for people.generic and for population \"a\" (line 4)",
            ),
            (
                "a population with no word",
                file(
                    "[[population]]\nname = \"a\"\nheads = [\"alphas\"]\n\n[[population]]\nname = \"b\"\n",
                    "",
                ),
                Some(6),
                "population \"b\" names no people",
            ),
            (
                "one population",
                file("[[population]]\nname = \"a\"\nheads = [\"alphas\"]\n", ""),
                None,
                "needs exactly two [[population]] tables, found 1",
            ),
            (
                "a name taken",
                file(&TWO.replace("name = \"b\"", "name = \"unknown\""), ""),
                Some(7),
                "\"unknown\" cannot name a population",
            ),
            (
                "a long word",
                file(TWO, "generic = [\"abcdefghijklmnopq\"]"),
                Some(11),
                "words are at most 16 bytes",
            ),
            ("not TOML", "both = \n".to_string(), Some(1), "string"),
            (
                "a name that is no label",
                file(&TWO.replace("name = \"b\"", "name = \"Team B\""), ""),
                Some(7),
                "\"Team B\" cannot name a population (a name is a letter",
            ),
            (
                "a mix that is no label",
                format!("both = \"<both>\"\n{TWO}\n[people]\n"),
                Some(1),
                "\"<both>\" cannot name the mix of both",
            ),
        ]
    }

    #[test]
    fn bad_files_say_where_and_what() {
        for (name, text, line, words) in bad_cases() {
            let err = Populations::parse(&text, "f.toml").expect_err(name);
            assert_eq!(err.line, line, "case {name:?}: {err}");
            assert!(err.to_string().contains(words), "case {name:?}: {err}");
        }
    }

    #[test]
    fn the_builtin_file_and_the_employers_file_are_good() {
        let builtin = Populations::builtin();
        assert_eq!(builtin.names, ["marketing", "it"]);
        assert_eq!(builtin.name(Population::Both), "both");
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("populations/employers-employees.toml");
        let ee = Populations::load(&path).unwrap();
        assert_eq!(ee.names, ["employers", "employees"]);
        assert_eq!(ee.population("employees"), Some(Population::Second));
        assert_ne!(ee.sha256, builtin.sha256);
    }
}

/// No word that names one of the built-in populations (a head, modifier or
/// spelling of `populations/marketing-it.toml`) is in a string literal of
/// any Rust source under `src/` outside its tests, nor in the code of the
/// report's script and style sheet: the rules read language and everything
/// downstream (stats, report, exports) takes the names from the dataset's
/// manifest; only the populations file knows the domain. A word counts when a literal holds
/// it as a whole word, ignoring ASCII case ("IT" and "it" alike are checked
/// case-sensitively for spellings, so the pronoun "it" is allowed).
#[cfg(test)]
mod no_domain_words {
    use super::*;

    /// The string literals of `source` outside `#[cfg(test)]` modules and
    /// comments, with their line numbers.
    fn literals(source: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut in_tests = false;
        for (n, line) in source.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests || trimmed.starts_with("//") {
                continue;
            }
            let code = line.split(" // ").next().unwrap_or(line);
            let mut rest = code;
            while let Some(open) = rest.find('"') {
                let after = &rest[open + 1..];
                let mut end = None;
                let mut escaped = false;
                for (i, c) in after.char_indices() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => {
                            end = Some(i);
                            break;
                        }
                        _ => escaped = false,
                    }
                }
                let Some(end) = end else { break };
                out.push((n + 1, after[..end].to_string()));
                rest = &after[end + 1..];
            }
        }
        out
    }

    fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs")
                // A module's tests in a file of their own (`#[cfg(test)] mod tests;`).
                && p.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(p);
            }
        }
    }

    #[test]
    fn no_population_word_in_rust_source() {
        let pops = Populations::builtin();
        let folded: Vec<String> =
            pops.sides.iter().flat_map(|s| s.heads.iter().chain(&s.modifiers)).cloned().collect();
        let exact: Vec<String> = pops.sides.iter().flat_map(|s| s.spellings.clone()).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        let mut found = Vec::new();
        let is_domain_word = |word: &str| {
            folded.iter().any(|w| w.eq_ignore_ascii_case(word)) || exact.iter().any(|w| w == word)
        };
        for f in &files {
            let source = std::fs::read_to_string(f).unwrap();
            // Paths of files ("../../populations/marketing-it.toml") are no rule.
            for (line, lit) in literals(&source).into_iter().filter(|(_, l)| !l.ends_with(".toml"))
            {
                for word in lit.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.')) {
                    let word = word.trim_matches('.');
                    if is_domain_word(word) {
                        found.push(format!("{}:{line}: {word:?} in {lit:?}", f.display()));
                    }
                }
            }
        }
        // The report's script and style sheet, outside their comments: what
        // the page says and draws follows the dataset's populations too.
        for name in ["dataset/report.js", "dataset/report.css"] {
            let f = root.join(name);
            let source = std::fs::read_to_string(&f).unwrap();
            for (n, line) in source.lines().enumerate() {
                let code = line.trim_start();
                if code.starts_with("//") || code.starts_with("/*") || code.starts_with('*') {
                    continue;
                }
                let code = code.split(" // ").next().unwrap_or(code);
                for word in code.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
                    if is_domain_word(word) {
                        found.push(format!("{}:{}: {word:?}", f.display(), n + 1));
                    }
                }
            }
        }
        assert!(found.is_empty(), "population words in source:\n{}", found.join("\n"));
        assert!(files.len() > 15, "read only {} files", files.len());
    }

    /// The check sees a literal in code and not one in a test.
    #[test]
    fn literals_are_read_from_code_only() {
        let source = "let a = \"the marketing team\"; // \"tech\"\n#[cfg(test)]\nlet b = \"IT\";";
        assert_eq!(literals(source), vec![(1, "the marketing team".to_string())]);
    }
}
