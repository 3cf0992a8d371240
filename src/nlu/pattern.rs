//! Phrase patterns that staff write in `flows/routing/*.toml`, matched against normalised words.
//!
//! The syntax is small on purpose:
//!
//! | pattern          | matches                                                        |
//! |------------------|----------------------------------------------------------------|
//! | `nikah muda`     | the words in this order, at most one other word between them   |
//! | `nikah*`         | a word that starts with `nikah` (`nikahin`, `nikahnya`)         |
//! | `*nikah*`        | a word that contains `nikah` (`dinikahkan`, `pernikahan`)       |
//! | `mau\|pengen`     | either word                                                     |
//! | `pengen ... mati`| both words in this order, anywhere in the message               |
//! | `#`              | a number (`umur # tahun`)                                        |
//!
//! Plain words forgive typos: one wrong letter in a word of seven to nine letters, two in a
//! longer one. Alternatives are single words: write `lebih baik ... mati` and `mending ...
//! mati` as two patterns, not `lebih baik|mending ... mati`. Pattern words go through the same lexicon as messages, so `ga` in a pattern also
//! matches a teen's `gk` or `nggak`.

use super::text::{Lexicon, Normalised, basic_words, typo_allowance, typo_distance};

/// How many unrelated words may sit between two consecutive pattern words.
const DEFAULT_GAP: usize = 1;

/// A compiled phrase pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern as written, for `genre explain`.
    pub source: String,
    elements: Vec<Element>,
}

#[derive(Debug, Clone)]
enum Element {
    /// One of these word sequences (most are a single word).
    Words(Vec<Vec<Word>>),
    /// Any number of words.
    Gap,
}

#[derive(Debug, Clone)]
enum Word {
    Exact(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
    Number,
}

/// Why a pattern could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PatternError(pub String);

impl Pattern {
    /// Compiles `source`, normalising its words with `lexicon`.
    pub fn compile(source: &str, lexicon: &Lexicon) -> Result<Pattern, PatternError> {
        let mut elements = Vec::new();
        for token in source.split_whitespace() {
            if token == "..." {
                if matches!(elements.last(), None | Some(Element::Gap)) {
                    return Err(PatternError(format!(
                        "`...` in \"{source}\" must stand between two words"
                    )));
                }
                elements.push(Element::Gap);
                continue;
            }
            let mut alternatives = Vec::new();
            for alt in token.split('|') {
                let seq = compile_alternative(alt, lexicon).ok_or_else(|| {
                    PatternError(format!(
                        "\"{alt}\" in \"{source}\" has no letters or digits to match"
                    ))
                })?;
                alternatives.push(seq);
            }
            elements.push(Element::Words(alternatives));
        }
        match elements.last() {
            None => Err(PatternError("the pattern is empty".into())),
            Some(Element::Gap) => Err(PatternError(format!(
                "`...` in \"{source}\" must stand between two words"
            ))),
            Some(_) => Ok(Pattern {
                source: source.to_string(),
                elements,
            }),
        }
    }

    /// Whether the pattern occurs in the message.
    pub fn is_match(&self, message: &Normalised) -> bool {
        self.matches(&message.words, false)
    }

    /// Whether the message is the pattern and nothing else (a menu synonym: "setuju" picks
    /// "Setuju", but "tidak setuju" does not).
    pub fn is_whole(&self, words: &[String]) -> bool {
        !words.is_empty() && self.matches(words, true)
    }

    /// One pass over the elements, keeping the set of positions where the next element may
    /// start. The cost is linear in the length of the message (elements × words ×
    /// alternatives): a message of any length cannot make a pattern slow. (Trying every start
    /// and backtracking over every gap, as a naive matcher does, grows with the square.)
    ///
    /// With `whole`, the first element starts at the first word, consecutive words are
    /// adjacent, and the last element ends at the last word.
    fn matches(&self, words: &[String], whole: bool) -> bool {
        let n = words.len();
        // starts[p]: the current element may start at word p.
        let mut starts = vec![!whole; n];
        if whole && n > 0 {
            starts[0] = true;
        }
        let mut index = 0;
        while let Some(Element::Words(alternatives)) = self.elements.get(index) {
            // ends[e]: the element matched the words before position e.
            let mut ends = vec![false; n + 1];
            let mut any = false;
            for (pos, _) in starts.iter().enumerate().filter(|(_, s)| **s) {
                for alt in alternatives {
                    if let Some(len) = match_sequence(alt, &words[pos..]) {
                        ends[pos + len] = true;
                        any = true;
                    }
                }
            }
            if !any {
                return false;
            }
            let next = match self.elements.get(index + 1) {
                None => return !whole || ends[n],
                Some(Element::Gap) => {
                    // Any distance: every position from the earliest end on.
                    let first = ends.iter().position(|e| *e).unwrap_or(n);
                    index += 2;
                    (0..n).map(|p| p >= first).collect()
                }
                Some(Element::Words(_)) => {
                    let gap = if whole { 0 } else { DEFAULT_GAP };
                    index += 1;
                    let mut next = vec![false; n];
                    for (e, _) in ends.iter().enumerate().filter(|(_, e)| **e) {
                        for slot in next.iter_mut().take(e + gap + 1).skip(e) {
                            *slot = true;
                        }
                    }
                    next
                }
            };
            starts = next;
        }
        false
    }
}

fn compile_alternative(alt: &str, lexicon: &Lexicon) -> Option<Vec<Word>> {
    if alt == "#" {
        return Some(vec![Word::Number]);
    }
    let starts = alt.starts_with('*');
    let ends = alt.ends_with('*') && alt.len() > 1;
    let core = alt.trim_matches('*');
    if starts || ends {
        let core = basic_words(core).join("");
        if core.is_empty() {
            return None;
        }
        return Some(vec![match (starts, ends) {
            (true, true) => Word::Contains(core),
            (true, false) => Word::Suffix(core),
            _ => Word::Prefix(core),
        }]);
    }
    let words = lexicon.normalise(core).words;
    if words.is_empty() {
        return None;
    }
    Some(words.into_iter().map(Word::Exact).collect())
}

/// Matches a word sequence at the start of `words`, returning how many words it used.
fn match_sequence(seq: &[Word], words: &[String]) -> Option<usize> {
    if seq.len() > words.len() {
        return None;
    }
    seq.iter()
        .zip(words)
        .all(|(pattern, word)| word_matches(pattern, word))
        .then_some(seq.len())
}

fn word_matches(pattern: &Word, word: &str) -> bool {
    match pattern {
        Word::Exact(p) => {
            // "haloo" is "halo", "kakk" is "kak": doubled letters count once on both sides.
            if p == word || undouble(p) == undouble(word) {
                return true;
            }
            let (pl, wl) = (p.chars().count(), word.chars().count());
            let allowance = typo_allowance(pl.min(wl));
            allowance > 0
                && !word.chars().any(|c| c.is_ascii_digit())
                && pl.abs_diff(wl) <= allowance
                && typo_distance(p, word) <= allowance
        }
        Word::Prefix(p) => word.starts_with(p.as_str()),
        Word::Suffix(s) => word.ends_with(s.as_str()),
        Word::Contains(c) => word.contains(c.as_str()),
        Word::Number => !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()),
    }
}

/// The word with each doubled letter written once (`maaf` → `maf`, `haloo` → `halo`).
fn undouble(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new([("ga", "tidak"), ("gk", "tidak"), ("ortu", "orang tua")])
    }

    fn matches(pattern: &str, message: &str) -> bool {
        let lex = lexicon();
        Pattern::compile(pattern, &lex)
            .unwrap()
            .is_match(&lex.normalise(message))
    }

    #[test]
    fn phrases_allow_one_word_between() {
        assert!(matches("nikah muda", "nikah muda itu"));
        assert!(matches("nikah muda", "nikah terlalu muda"));
        assert!(!matches("nikah muda", "nikah di usia muda"));
    }

    #[test]
    fn an_explicit_gap_allows_any_distance_but_keeps_order() {
        assert!(matches(
            "pengen ... mati",
            "aku pengen banget rasanya mati aja"
        ));
        assert!(!matches("pengen ... mati", "mati lampu, pengen tidur"));
    }

    #[test]
    fn wildcards_match_inside_words() {
        assert!(matches("*nikah*", "mau dinikahkan"));
        assert!(matches("nikah*", "nikahin"));
        assert!(matches("*nikah", "menikah"));
        assert!(!matches("nikah*", "menikah"));
    }

    #[test]
    fn alternatives_and_numbers() {
        assert!(matches("mau|pengen mati", "pengen mati"));
        assert!(matches("umur #", "umur 17"));
        assert!(!matches("umur #", "umur brp"));
    }

    #[test]
    fn pattern_words_go_through_the_lexicon() {
        assert!(matches("ga boleh", "gk boleh"));
        assert!(matches("ortu maksa", "orang tua maksa"));
    }

    #[test]
    fn plain_words_forgive_typos_by_length() {
        assert!(matches("dispensasi", "dispensai"));
        assert!(matches("menstruasi", "mentsruasi"));
        assert!(!matches("mati", "mata"));
    }

    #[test]
    fn a_whole_match_leaves_no_word_over() {
        let lex = lexicon();
        let p = Pattern::compile("setuju", &lex).unwrap();
        assert!(p.is_whole(&lex.normalise("Setuju!").words));
        assert!(!p.is_whole(&lex.normalise("tidak setuju").words));
        let p = Pattern::compile("orang ... tua", &lex).unwrap();
        assert!(p.is_whole(&lex.normalise("orang yang tua").words));
    }

    /// The matcher as first written: try every start, backtrack over every gap. Slow (it grows
    /// with the square of the message), but obviously right; the linear one must agree.
    fn naive(p: &Pattern, words: &[String], whole: bool) -> bool {
        fn from(p: &Pattern, index: usize, pos: usize, words: &[String], whole: bool) -> bool {
            let Some(Element::Words(alternatives)) = p.elements.get(index) else {
                return false;
            };
            for alt in alternatives {
                let Some(len) = match_sequence(alt, &words[pos..]) else {
                    continue;
                };
                let end = pos + len;
                let (next, max_gap) = match p.elements.get(index + 1) {
                    None if whole => return end == words.len(),
                    None => return true,
                    Some(Element::Gap) => (index + 2, usize::MAX),
                    Some(Element::Words(_)) => (index + 1, if whole { 0 } else { DEFAULT_GAP }),
                };
                let last = end
                    .saturating_add(max_gap)
                    .min(words.len().saturating_sub(1));
                if (end..=last).any(|q| q < words.len() && from(p, next, q, words, whole)) {
                    return true;
                }
            }
            false
        }
        if whole {
            !words.is_empty() && from(p, 0, 0, words, true)
        } else {
            (0..words.len()).any(|start| from(p, 0, start, words, false))
        }
    }

    #[test]
    fn the_linear_matcher_agrees_with_the_backtracking_one() {
        // Small alphabets make many near-misses: every shape of gap, repeat and overlap.
        let lex = Lexicon::default();
        let vocab = ["a", "b", "c", "aa", "ab"];
        let pattern_parts = ["a", "b", "c", "a|b", "a*", "...", "#", "a b", "b|c"];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        };
        let mut compared = 0;
        for _ in 0..4000 {
            let len = 1 + next(4);
            let source: Vec<&str> = (0..len)
                .map(|_| pattern_parts[next(pattern_parts.len())])
                .collect();
            let Ok(p) = Pattern::compile(&source.join(" "), &lex) else {
                continue;
            };
            let words: Vec<String> = (0..next(9))
                .map(|_| {
                    if next(6) == 0 {
                        "7".to_string()
                    } else {
                        vocab[next(vocab.len())].to_string()
                    }
                })
                .collect();
            for whole in [false, true] {
                assert_eq!(
                    naive(&p, &words, whole),
                    if whole {
                        p.is_whole(&words)
                    } else {
                        p.is_match(&Normalised {
                            words: words.clone(),
                        })
                    },
                    "pattern {:?} on {words:?} (whole: {whole})",
                    p.source
                );
                compared += 1;
            }
        }
        assert!(compared > 4000, "most random patterns compile");
    }

    #[test]
    fn a_long_message_is_matched_in_one_pass() {
        // 100,000 words that nearly match at every position: the backtracking matcher would
        // take minutes here.
        let lex = Lexicon::default();
        let p = Pattern::compile("a ... a ... a ... a ... z", &lex).unwrap();
        let mut words = vec!["a".to_string(); 100_000];
        assert!(!p.is_match(&Normalised {
            words: words.clone()
        }));
        words.push("z".into());
        assert!(p.is_match(&Normalised { words }));
    }

    #[test]
    fn broken_patterns_are_refused_with_a_reason() {
        let lex = lexicon();
        assert!(Pattern::compile("... mati", &lex).is_err());
        assert!(Pattern::compile("mati ...", &lex).is_err());
        assert!(Pattern::compile("  ", &lex).is_err());
        assert!(Pattern::compile("!!", &lex).is_err());
    }
}
