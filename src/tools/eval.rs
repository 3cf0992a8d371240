//! `genre explain` and `genre eval`: how free text is understood, one message or a labelled set.

use std::path::Path;

use serde::Serialize;

use crate::engine::Bundle;
use crate::nlu::{Reading, Verdict};

/// What `genre explain --json` prints.
#[derive(Debug, Serialize)]
pub struct Explanation {
    pub text: String,
    pub normalised: String,
    /// The taxonomy label.
    pub topic: String,
    /// The rule that decided: a crisis rule, or the patterns of the winning topic.
    pub rule: String,
    pub score: f32,
    pub urgent: bool,
    /// The flow a new contact's message would start (after onboarding and consent).
    pub flow: Option<String>,
    /// What the bot would do: `crisis`, `topic`, `clarify`, `trigger` or `off_topic`.
    pub action: String,
    pub reading: Reading,
}

/// Explains how a new contact's free-text message would be handled.
pub fn explain(bundle: &Bundle, text: &str) -> Explanation {
    let reading = bundle.nlu.read(text);
    let trigger = bundle.routing.triggers.iter().find(|t| match &t.matcher {
        crate::engine::TriggerMatch::Words(ps) => {
            ps.iter().any(|p| p.is_match(&reading.normalised))
        }
        crate::engine::TriggerMatch::Regex(re) => re.is_match(text.trim()),
    });
    let best = reading.scores.first();
    let (rule, score, flow, action) =
        if let Some(c) = reading.crisis.as_ref().filter(|_| reading.is_urgent()) {
            (
                format!("crisis rule `{}`: {}", c.rule, c.matched),
                0.0,
                None,
                "crisis".to_string(),
            )
        } else if let Some(t) = trigger {
            (
                "trigger".to_string(),
                0.0,
                Some(t.flow.clone()),
                "trigger".to_string(),
            )
        } else {
            match &reading.verdict {
                Verdict::Topic { topic } => (
                    best.map(|b| b.matched.join(", ")).unwrap_or_default(),
                    best.map_or(0.0, |b| b.score),
                    bundle.nlu.flow_of(topic).map(str::to_string),
                    "topic".to_string(),
                ),
                Verdict::Unclear { topics } => (
                    format!("close call between {}", topics.join(" and ")),
                    best.map_or(0.0, |b| b.score),
                    None,
                    "clarify".to_string(),
                ),
                Verdict::Nothing => (
                    "no rule matched".to_string(),
                    0.0,
                    Some(bundle.routing.flows.off_topic.clone()),
                    "off_topic".to_string(),
                ),
            }
        };
    Explanation {
        text: text.to_string(),
        normalised: reading.normalised.text(),
        topic: reading.label().to_string(),
        rule,
        score,
        urgent: reading.is_urgent(),
        flow,
        action,
        reading,
    }
}

/// One labelled message of an evaluation set.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub text: String,
    pub topic: String,
    pub urgent: bool,
}

/// Reads a `text<TAB>topic<TAB>urgent` file with a header line.
pub fn read_tsv(path: &Path) -> Result<Vec<Labelled>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [text, topic, urgent] = cols.as_slice() else {
            return Err(format!(
                "{}:{}: expected 3 tab-separated columns",
                path.display(),
                n + 1
            ));
        };
        out.push(Labelled {
            text: text.to_string(),
            topic: topic.to_string(),
            urgent: match *urgent {
                "yes" => true,
                "no" => false,
                other => {
                    return Err(format!(
                        "{}:{}: urgent must be yes or no, not `{other}`",
                        path.display(),
                        n + 1
                    ));
                }
            },
        });
    }
    Ok(out)
}

/// The figures the project is measured on.
#[derive(Debug, Clone, Serialize)]
pub struct Scores {
    pub messages: usize,
    pub topic_correct: usize,
    pub urgent_total: usize,
    pub urgent_caught: usize,
    /// Non-urgent messages flagged urgent.
    pub false_alarms: usize,
    pub non_urgent_total: usize,
    /// Non-urgent messages that contain an alarming word (the tricky ones).
    pub tricky_total: usize,
    pub tricky_false_alarms: usize,
    /// Messages the bot would answer with a clarifying question.
    pub clarify: usize,
    pub mistakes: Vec<Mistake>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mistake {
    pub text: String,
    pub expected: String,
    pub got: String,
    pub expected_urgent: bool,
    pub got_urgent: bool,
}

impl Scores {
    pub fn topic_accuracy(&self) -> f64 {
        ratio(self.topic_correct, self.messages)
    }
    pub fn urgent_recall(&self) -> f64 {
        ratio(self.urgent_caught, self.urgent_total)
    }
    pub fn false_alarm_rate(&self) -> f64 {
        ratio(self.false_alarms, self.non_urgent_total)
    }
    pub fn tricky_false_alarm_rate(&self) -> f64 {
        ratio(self.tricky_false_alarms, self.tricky_total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Words that make a non-urgent message look alarming (for the false-alarm figure on the
/// tricky messages): the definition of "tricky" in the dev set's rubric.
const ALARMING: [&str; 20] = [
    "mati",
    "bunuh",
    "perkosa",
    "kabur",
    "hamil",
    "overdosis",
    "dipaksa",
    "ngilang",
    "darah",
    "racun",
    "lompat",
    "gantung",
    "silet",
    "pukul",
    "kill",
    "die",
    "dead",
    "paksa",
    "minggat",
    "sekarat",
];

/// Scores the rules on a labelled set.
pub fn evaluate(bundle: &Bundle, set: &[Labelled]) -> Scores {
    let mut s = Scores {
        messages: set.len(),
        topic_correct: 0,
        urgent_total: 0,
        urgent_caught: 0,
        false_alarms: 0,
        non_urgent_total: 0,
        tricky_total: 0,
        tricky_false_alarms: 0,
        clarify: 0,
        mistakes: Vec::new(),
    };
    for m in set {
        let reading = bundle.nlu.read(&m.text);
        let got = reading.label().to_string();
        let urgent = reading.is_urgent();
        if got == m.topic {
            s.topic_correct += 1;
        }
        if matches!(reading.verdict, Verdict::Unclear { .. }) && !urgent {
            s.clarify += 1;
        }
        if m.urgent {
            s.urgent_total += 1;
            s.urgent_caught += usize::from(urgent);
        } else {
            s.non_urgent_total += 1;
            s.false_alarms += usize::from(urgent);
            let lower = m.text.to_lowercase();
            if ALARMING.iter().any(|w| lower.contains(w)) {
                s.tricky_total += 1;
                s.tricky_false_alarms += usize::from(urgent);
            }
        }
        if got != m.topic || urgent != m.urgent {
            s.mistakes.push(Mistake {
                text: m.text.clone(),
                expected: m.topic.clone(),
                got,
                expected_urgent: m.urgent,
                got_urgent: urgent,
            });
        }
    }
    s
}

/// The human-readable report of `genre eval`.
pub fn report(name: &str, s: &Scores) -> String {
    let mut out = format!(
        "{name}: {} messages\n  topic accuracy      {:.1}% ({}/{})\n  urgent caught       {:.1}% ({}/{})\n  false alarms        {:.1}% of non-urgent ({}/{}), {:.1}% of those with alarming words ({}/{})\n  clarifying question {} messages\n",
        s.messages,
        100.0 * s.topic_accuracy(),
        s.topic_correct,
        s.messages,
        100.0 * s.urgent_recall(),
        s.urgent_caught,
        s.urgent_total,
        100.0 * s.false_alarm_rate(),
        s.false_alarms,
        s.non_urgent_total,
        100.0 * s.tricky_false_alarm_rate(),
        s.tricky_false_alarms,
        s.tricky_total,
        s.clarify,
    );
    if !s.mistakes.is_empty() {
        out.push_str("  mistakes:\n");
        for m in &s.mistakes {
            let flag = |u: bool| if u { " URGENT" } else { "" };
            out.push_str(&format!(
                "    {}{} → {}{}   \"{}\"\n",
                m.expected,
                flag(m.expected_urgent),
                m.got,
                flag(m.got_urgent),
                m.text
            ));
        }
    }
    out
}
