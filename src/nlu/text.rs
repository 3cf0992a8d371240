//! Normalisation: from what a teenager types to a list of canonical words.
//!
//! Teenagers write "haloooo kak", "gmn", "obat2", "17thn", "endâ'". Before any rule looks at a
//! message it goes through the same pipeline, and so do the rules' own patterns, so that a
//! staff member who writes `ga boleh` in a rule matches a teen who typed `gk boleh`:
//!
//! 1. Unicode compatibility decomposition, accents dropped, lower case.
//! 2. Punctuation becomes a space; apostrophes vanish (`endâ'` → `enda`).
//! 3. Reduplication with a `2` is spelled out (`obat2` → `obat obat`), digits are split from
//!    letters (`17thn` → `17 thn`).
//! 4. Runs of three or more identical letters shrink to one (`haloooo` → `halo`).
//! 5. Laughter (`wkwk`, `hahaha`, `lol`) becomes the single word `haha`.
//! 6. The staff-edited lexicon replaces slang, abbreviations and Javanese or Madurese words
//!    with standard Indonesian (`gmn` → `bagaimana`, `wong tuwek` → `orang tua`).
//! 7. Clitics that only mark possession or emphasis are dropped from long words
//!    (`pacarku` → `pacar`, `haidnya` → `haid`).

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Slang, abbreviations and regional words mapped to standard Indonesian.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// One word to one or more words (`gmn` → `bagaimana`, `ortu` → `orang tua`).
    single: HashMap<String, Vec<String>>,
    /// Several words to one or more words, longest first (`wong tuwek` → `orang tua`).
    multi: Vec<(Vec<String>, Vec<String>)>,
}

impl Lexicon {
    /// Builds a lexicon from `(from, to)` pairs. Both sides go through the early, lexicon-free
    /// steps of the pipeline, so entries may be written the way people type them.
    pub fn new<I, S>(entries: I) -> Self
    where
        I: IntoIterator<Item = (S, S)>,
        S: AsRef<str>,
    {
        let mut single = HashMap::new();
        let mut multi = Vec::new();
        for (from, to) in entries {
            let from = basic_words(from.as_ref());
            let to = basic_words(to.as_ref());
            if from.is_empty() {
                continue;
            }
            if from.len() == 1 {
                single.insert(from.into_iter().next().unwrap_or_default(), to);
            } else {
                multi.push((from, to));
            }
        }
        multi.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        Lexicon { single, multi }
    }

    /// Runs the whole pipeline over `text`.
    pub fn normalise(&self, text: &str) -> Normalised {
        let basic = basic_words(text);
        let mut words = Vec::with_capacity(basic.len());
        let mut i = 0;
        'outer: while i < basic.len() {
            for (from, to) in &self.multi {
                if basic[i..].starts_with(from) {
                    words.extend(to.iter().cloned());
                    i += from.len();
                    continue 'outer;
                }
            }
            match self.single.get(&basic[i]) {
                Some(to) => words.extend(to.iter().cloned()),
                None => {
                    // `mensku` is `mens` + `ku`: look the bare word up too.
                    let bare = drop_clitic(&basic[i]);
                    match self.single.get(&bare) {
                        Some(to) => words.extend(to.iter().cloned()),
                        None => words.push(bare),
                    }
                }
            }
            i += 1;
        }
        Normalised { words }
    }
}

/// A message after normalisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalised {
    /// Canonical words in the order they were written.
    pub words: Vec<String>,
}

impl Normalised {
    /// The canonical words joined by spaces, as `genre explain` shows them.
    pub fn text(&self) -> String {
        self.words.join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Steps 1 to 5 of the pipeline: everything except the lexicon and the clitics.
pub fn basic_words(text: &str) -> Vec<String> {
    let folded: String = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut words = Vec::new();
    for raw in folded.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let raw: String = raw.chars().filter(|c| *c != '\'' && *c != '’').collect();
        if raw.is_empty() {
            continue;
        }
        for piece in spell_out(&raw) {
            let piece = squeeze(&piece);
            if is_laughter(&piece) {
                words.push("haha".to_string());
            } else if !piece.is_empty() {
                words.push(piece);
            }
        }
    }
    words
}

/// Spells out reduplication (`obat2` → `obat obat`, `ngapa2in` → `ngapa ngapain`) and splits
/// digits from letters (`17thn` → `17 thn`).
fn spell_out(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if let Some(pos) = chars.iter().position(|c| *c == '2')
        && pos >= 2
        && chars[..pos].iter().all(|c| c.is_alphabetic())
        && chars[pos + 1..].iter().all(|c| c.is_alphabetic())
    {
        let base: String = chars[..pos].iter().collect();
        let rest: String = chars[pos + 1..].iter().collect();
        return vec![base.clone(), format!("{base}{rest}")];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut digit_run = None;
    for c in chars {
        let is_digit = c.is_ascii_digit();
        if digit_run.is_some_and(|d| d != is_digit) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        digit_run = Some(is_digit);
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Shrinks runs of three or more identical letters to one (`haloooo` → `halo`); doubled letters
/// stay, because Indonesian has them (`maaf`, `saat`).
fn squeeze(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && chars[j] == chars[i] {
            j += 1;
        }
        let run = j - i;
        let keep = if run >= 3 && chars[i].is_alphabetic() {
            1
        } else {
            run
        };
        for _ in 0..keep {
            out.push(chars[i]);
        }
        i = j;
    }
    out
}

fn is_laughter(word: &str) -> bool {
    const EXACT: &[&str] = &["lol", "lmao", "wkwk", "awokawok", "xixi", "hihi", "kwkw"];
    if EXACT.contains(&word) {
        return true;
    }
    let repeats = |unit: &str| {
        word.len() >= unit.len() * 2
            && word
                .as_bytes()
                .chunks(unit.len())
                .all(|c| unit.as_bytes().starts_with(c))
    };
    repeats("wk") || repeats("ha") || repeats("he") || repeats("kw")
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// Drops a possessive or emphatic clitic from a long word (`pacarku` → `pacar`,
/// `haidnya` → `haid`). Short words are left alone so that `aku` and `kamu` survive.
fn drop_clitic(word: &str) -> String {
    // (clitic, shortest stem it may leave): `ibunya` → `ibu`, but `ketemu` keeps its `mu`.
    // `-lah` and `-kah` are not here: `sekolah` and `masalah` end that way.
    const CLITICS: &[(&str, usize)] = &[("nya", 3), ("ku", 4), ("mu", 5)];
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    for (clitic, shortest) in CLITICS {
        if let Some(stem) = word.strip_suffix(clitic)
            && stem.chars().count() >= *shortest
        {
            return stem.to_string();
        }
    }
    word.to_string()
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), the
/// measure of a typo: `nkah` and `nikha` are one edit from `nikah`.
pub fn typo_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[n][m]
}

/// How many typos a word of this length may carry and still count as a pattern word.
///
/// Strict, because a message is matched against an open vocabulary: Indonesian is full of
/// short words one letter apart (`harus`/`hapus`, `masuk`/`masak`, `kesana`/`kemana`), so
/// only words of seven letters or more forgive a typo.
pub fn typo_allowance(len: usize) -> usize {
    match len {
        0..=6 => 0,
        7..=9 => 1,
        _ => 2,
    }
}

/// How many typos an answer may carry when it is matched against a few known values (a
/// kecamatan, a listed answer): the choice is small, so `bangel` can safely mean Bangil.
pub fn typo_allowance_among_few(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new([
            ("gmn", "bagaimana"),
            ("ga", "tidak"),
            ("ortu", "orang tua"),
            ("wong tuwek", "orang tua"),
            ("thn", "tahun"),
        ])
    }

    #[test]
    fn repeated_letters_and_punctuation_are_squeezed_away() {
        assert_eq!(lexicon().normalise("Haloooo KAK!!!").text(), "halo kak");
    }

    #[test]
    fn slang_and_multi_word_entries_are_replaced() {
        let n = lexicon().normalise("gmn kalo ortu ga mau, wong tuwek iku");
        assert_eq!(n.text(), "bagaimana kalo orang tua tidak mau orang tua iku");
    }

    #[test]
    fn reduplication_and_numbers_are_spelled_out() {
        assert_eq!(
            lexicon().normalise("obat2 17thn").text(),
            "obat obat 17 tahun"
        );
        assert_eq!(lexicon().normalise("ngapa2in").text(), "ngapa ngapain");
    }

    #[test]
    fn accents_and_apostrophes_vanish() {
        assert_eq!(lexicon().normalise("tak endâ' kak").text(), "tak enda kak");
    }

    #[test]
    fn laughter_becomes_one_word() {
        assert_eq!(
            lexicon().normalise("wkwkwk lol HAHAHA").text(),
            "haha haha haha"
        );
    }

    #[test]
    fn a_word_with_a_clitic_still_goes_through_the_lexicon() {
        let lex = Lexicon::new([("mens", "haid")]);
        assert_eq!(lex.normalise("mensku telat").text(), "haid telat");
    }

    #[test]
    fn clitics_are_dropped_from_long_words_only() {
        assert_eq!(
            lexicon().normalise("pacarku haidnya aku").text(),
            "pacar haid aku"
        );
    }

    #[test]
    fn typo_distance_counts_transpositions_as_one() {
        assert_eq!(typo_distance("nikah", "nikha"), 1);
        assert_eq!(typo_distance("nikah", "nkah"), 1);
        assert_eq!(typo_distance("bangil", "bangil"), 0);
        assert_eq!(typo_distance("pandaan", "pandan"), 1);
    }
}
