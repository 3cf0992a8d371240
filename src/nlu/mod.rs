//! Understanding free text: crisis detection first, then the topic of the message.
//!
//! Everything here is rules that staff edit (`flows/routing/lexicon.toml`, `topics.toml`,
//! `crisis.toml`); this module only normalises, matches and scores. It is pure and cheap: the
//! rules are compiled once at load time and a message is read in microseconds.
//!
//! A topic scores 3 points for each `strong` pattern that occurs and 1 point for each `words`
//! pattern; a topic with an `unless` pattern in the message scores nothing. The best topic wins
//! when it reaches the threshold. When the runner-up comes close, the bot asks a short
//! clarifying question instead of guessing.

pub mod pattern;
pub mod text;

pub use pattern::{Pattern, PatternError};
pub use text::{Lexicon, Normalised};

/// How much of a long message is read: its first 3,072 and its last 1,024 characters.
///
/// 4,096 characters is the most WhatsApp and Telegram let a bot send, and far more than teens
/// write; a long story usually ends with what matters ("...aku pengen mati aja"), so the end
/// is read as well as the beginning. The whole text is still stored and shown to a counsellor.
/// The bound keeps one message from costing more than a few milliseconds, whoever sends it.
pub const READ_HEAD_CHARS: usize = 3_072;
pub const READ_TAIL_CHARS: usize = 1_024;

/// The part of `text` that is read (all of it, unless it is longer than the two bounds).
pub fn readable_part(text: &str) -> std::borrow::Cow<'_, str> {
    let count = text.chars().count();
    if count <= READ_HEAD_CHARS + READ_TAIL_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let head_end = text
        .char_indices()
        .nth(READ_HEAD_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let tail_start = text
        .char_indices()
        .nth(count - READ_TAIL_CHARS)
        .map_or(text.len(), |(i, _)| i);
    std::borrow::Cow::Owned(format!("{} {}", &text[..head_end], &text[tail_start..]))
}

/// Points for a `strong` pattern and for a `words` pattern.
pub const STRONG_POINTS: f32 = 3.0;
pub const WORD_POINTS: f32 = 1.0;

/// A topic of the taxonomy with the patterns that point to it.
#[derive(Debug, Clone)]
pub struct TopicRule {
    /// Taxonomy label (`marriage_age`, `violence/crisis`, ...).
    pub name: String,
    /// The flow a message on this topic starts, if any.
    pub flow: Option<String>,
    /// Patterns worth [`STRONG_POINTS`] each.
    pub strong: Vec<Pattern>,
    /// Patterns worth [`WORD_POINTS`] each.
    pub words: Vec<Pattern>,
    /// Patterns that rule this topic out (`kucingku hamil` is not about pregnancy).
    pub unless: Vec<Pattern>,
    /// Words that, when a message consists of nothing else, make it this topic (`min`,
    /// `kak kak`, `berhenti`): worth [`STRONG_POINTS`].
    pub only: Vec<String>,
    /// A topic that only wins when no other topic qualifies (a greeting inside a question).
    pub yields: bool,
}

/// How serious a crisis rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CrisisLevel {
    /// Danger within hours or days: emergency numbers and an urgent human at once.
    Urgent,
    /// Distress without immediate danger: a gentle check-in and the way to a counsellor.
    CheckIn,
}

/// A crisis rule from `flows/routing/crisis.toml`.
#[derive(Debug, Clone)]
pub struct CrisisRule {
    /// Short name shown in `genre explain` and on the counsellor's case.
    pub name: String,
    /// The taxonomy topic a message caught by this rule belongs to.
    pub topic: String,
    pub level: CrisisLevel,
    /// Any one of these patterns is enough.
    pub any: Vec<Pattern>,
    /// Or: every group has at least one pattern in the message.
    pub all: Vec<Vec<Pattern>>,
    /// Unless one of these is in the message (jokes, idioms, schoolwork).
    pub unless: Vec<Pattern>,
    /// Fluent ids of the reply, in order.
    pub say: Vec<String>,
}

impl CrisisRule {
    /// The pattern that fired, if the rule applies to the message.
    fn fires(&self, message: &Normalised) -> Option<String> {
        if self.unless.iter().any(|p| p.is_match(message)) {
            return None;
        }
        if let Some(p) = self.any.iter().find(|p| p.is_match(message)) {
            return Some(p.source.clone());
        }
        if self.all.is_empty() {
            return None;
        }
        let mut hits = Vec::new();
        for group in &self.all {
            hits.push(group.iter().find(|p| p.is_match(message))?.source.clone());
        }
        Some(hits.join(" + "))
    }
}

/// The compiled rules.
#[derive(Debug, Clone)]
pub struct Understanding {
    pub lexicon: Lexicon,
    pub topics: Vec<TopicRule>,
    pub crisis: Vec<CrisisRule>,
    /// The score a topic needs to win.
    pub threshold: f32,
    /// When the runner-up scores at least this share of the best, ask rather than guess.
    pub ambiguity: f32,
}

/// A crisis rule that fired.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CrisisMatch {
    pub rule: String,
    pub topic: String,
    pub level: CrisisLevel,
    /// The pattern (or patterns, joined by `+`) that matched.
    pub matched: String,
}

/// One topic's score for a message.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TopicScore {
    pub topic: String,
    pub score: f32,
    /// The patterns that matched.
    pub matched: Vec<String>,
}

/// What the rules make of a message.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Verdict {
    /// A clear topic.
    Topic { topic: String },
    /// Two topics came close: ask which one.
    Unclear { topics: Vec<String> },
    /// No topic reached the threshold.
    Nothing,
}

/// The reading of one message.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Reading {
    pub normalised: Normalised,
    pub crisis: Option<CrisisMatch>,
    /// Every topic with a non-zero score, best first.
    pub scores: Vec<TopicScore>,
    pub verdict: Verdict,
}

impl serde::Serialize for Normalised {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

impl Reading {
    /// The single taxonomy label for this message: the crisis rule's topic, else the best
    /// topic, else `off_topic`. This is what the dev-set accuracy is measured on.
    pub fn label(&self) -> &str {
        if let Some(c) = &self.crisis
            && c.level == CrisisLevel::Urgent
        {
            return &c.topic;
        }
        match &self.verdict {
            Verdict::Topic { topic } => topic,
            Verdict::Unclear { topics } => topics.first().map_or("off_topic", String::as_str),
            Verdict::Nothing => "off_topic",
        }
    }

    /// Whether the message needs the emergency response.
    pub fn is_urgent(&self) -> bool {
        self.crisis
            .as_ref()
            .is_some_and(|c| c.level == CrisisLevel::Urgent)
    }
}

impl Understanding {
    /// Reads a message: normalise, check the crisis rules, score the topics.
    pub fn read(&self, text: &str) -> Reading {
        let normalised = self.lexicon.normalise(&readable_part(text));
        let crisis = self.crisis_of(&normalised);
        let scores = self.score(&normalised);
        let verdict = self.verdict(&scores);
        Reading {
            normalised,
            crisis,
            scores,
            verdict,
        }
    }

    /// The first urgent rule that fires, else the first check-in rule that fires.
    fn crisis_of(&self, message: &Normalised) -> Option<CrisisMatch> {
        let mut check_in = None;
        for rule in &self.crisis {
            let Some(matched) = rule.fires(message) else {
                continue;
            };
            let found = CrisisMatch {
                rule: rule.name.clone(),
                topic: rule.topic.clone(),
                level: rule.level,
                matched,
            };
            match rule.level {
                CrisisLevel::Urgent => return Some(found),
                CrisisLevel::CheckIn => {
                    check_in.get_or_insert(found);
                }
            }
        }
        check_in
    }

    fn score(&self, message: &Normalised) -> Vec<TopicScore> {
        let mut scores: Vec<TopicScore> = self
            .topics
            .iter()
            .filter(|t| !t.unless.iter().any(|p| p.is_match(message)))
            .filter_map(|t| {
                let mut score = 0.0;
                let mut matched = Vec::new();
                if !t.only.is_empty()
                    && !message.words.is_empty()
                    && message.words.iter().all(|w| t.only.contains(w))
                {
                    score += STRONG_POINTS;
                    matched.push(format!("only: {}", message.text()));
                }
                for (patterns, points) in [(&t.strong, STRONG_POINTS), (&t.words, WORD_POINTS)] {
                    for p in patterns.iter().filter(|p| p.is_match(message)) {
                        score += points;
                        matched.push(p.source.clone());
                    }
                }
                (score > 0.0).then(|| TopicScore {
                    topic: t.name.clone(),
                    score,
                    matched,
                })
            })
            .collect();
        // Best first; on a tie the topic listed first in topics.toml wins.
        scores.sort_by(|a, b| b.score.total_cmp(&a.score));
        scores
    }

    fn verdict(&self, scores: &[TopicScore]) -> Verdict {
        let yields = |name: &str| self.topics.iter().any(|t| t.name == name && t.yields);
        let qualified: Vec<&TopicScore> = scores
            .iter()
            .filter(|s| s.score >= self.threshold)
            .collect();
        let firm: Vec<&TopicScore> = qualified
            .iter()
            .copied()
            .filter(|s| !yields(&s.topic))
            .collect();
        let ranked = if firm.is_empty() { qualified } else { firm };
        match ranked.as_slice() {
            [] => Verdict::Nothing,
            [best] => Verdict::Topic {
                topic: best.topic.clone(),
            },
            [best, second, ..] => {
                if second.score >= best.score * self.ambiguity {
                    Verdict::Unclear {
                        topics: vec![best.topic.clone(), second.topic.clone()],
                    }
                } else {
                    Verdict::Topic {
                        topic: best.topic.clone(),
                    }
                }
            }
        }
    }

    /// The flow that a topic starts.
    pub fn flow_of(&self, topic: &str) -> Option<&str> {
        self.topics
            .iter()
            .find(|t| t.name == topic)
            .and_then(|t| t.flow.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(lex: &Lexicon, list: &[&str]) -> Vec<Pattern> {
        list.iter()
            .map(|p| Pattern::compile(p, lex).unwrap())
            .collect()
    }

    fn rules() -> Understanding {
        let lexicon = Lexicon::new([("ga", "tidak"), ("pengen", "ingin")]);
        let topic =
            |name: &str, strong: &[&str], words: &[&str], unless: &[&str], yields| TopicRule {
                name: name.into(),
                flow: Some(name.into()),
                strong: patterns(&lexicon, strong),
                words: patterns(&lexicon, words),
                unless: patterns(&lexicon, unless),
                only: vec![],
                yields,
            };
        let topics = vec![
            topic("greeting", &["halo"], &[], &[], true),
            topic(
                "marriage_age",
                &["umur ... nikah"],
                &["*nikah*"],
                &[],
                false,
            ),
            topic("menstruation", &["haid"], &["telat"], &[], false),
            topic(
                "reproductive_health",
                &["hamil"],
                &["telat"],
                &["kucing"],
                false,
            ),
        ];
        let crisis = vec![CrisisRule {
            name: "self-harm".into(),
            topic: "violence/crisis".into(),
            level: CrisisLevel::Urgent,
            any: patterns(&lexicon, &["bunuh diri"]),
            all: vec![
                patterns(&lexicon, &["ingin|mau"]),
                patterns(&lexicon, &["mati"]),
            ],
            unless: patterns(&lexicon, &["haha", "mati gaya"]),
            say: vec!["crisis-self-harm".into()],
        }];
        Understanding {
            lexicon: lexicon.clone(),
            topics,
            crisis,
            threshold: 2.0,
            ambiguity: 0.75,
        }
    }

    #[test]
    fn a_long_message_is_read_at_its_start_and_its_end() {
        let u = rules();
        let story = format!(
            "halo kak {} aku mau bunuh diri",
            "cerita panjang ".repeat(10_000)
        );
        assert!(
            u.read(&story).is_urgent(),
            "the end of a long story is read"
        );
        let part = readable_part(&story);
        assert_eq!(part.chars().count(), READ_HEAD_CHARS + READ_TAIL_CHARS + 1);
        assert!(part.starts_with("halo kak") && part.ends_with("bunuh diri"));
        let short = "umur brp boleh nikah?";
        assert!(matches!(
            readable_part(short),
            std::borrow::Cow::Borrowed(_)
        ));
        // Cut on character boundaries, whatever the script.
        let wide = "é".repeat(50_000);
        assert_eq!(
            readable_part(&wide).chars().count(),
            READ_HEAD_CHARS + READ_TAIL_CHARS + 1
        );
    }

    #[test]
    fn a_clear_topic_wins() {
        let r = rules().read("umur brp boleh nikah?");
        assert_eq!(
            r.verdict,
            Verdict::Topic {
                topic: "marriage_age".into()
            }
        );
        assert_eq!(r.label(), "marriage_age");
    }

    #[test]
    fn a_greeting_yields_to_a_real_question() {
        let r = rules().read("halo kak, umur brp boleh nikah?");
        assert_eq!(r.label(), "marriage_age");
        assert_eq!(rules().read("haloo").label(), "greeting");
    }

    #[test]
    fn close_scores_ask_instead_of_guessing() {
        let r = rules().read("haid telat, hamil?");
        assert!(matches!(r.verdict, Verdict::Unclear { .. }), "{r:?}");
    }

    #[test]
    fn unless_rules_a_topic_out() {
        let r = rules().read("kucingku hamil");
        assert_eq!(r.label(), "off_topic");
    }

    #[test]
    fn crisis_fires_on_any_or_on_all_groups_unless_joking() {
        let u = rules();
        assert!(u.read("aku mau bunuh diri").is_urgent());
        assert!(u.read("pengen mati aja").is_urgent());
        assert!(!u.read("wkwk pengen mati").is_urgent());
        assert!(!u.read("mati gaya, pengen jalan2").is_urgent());
        assert!(!u.read("mati lampu").is_urgent());
        assert_eq!(u.read("pengen mati").label(), "violence/crisis");
    }
}
