//! What the benchmark's teens write, and what the bot must answer.
//!
//! Every contact gets a script before it writes its first message: the messages, and for each
//! the replies the bot must send, computed by running the same engine ([`step`]) on the same
//! files the server loaded. The driver then only compares what the fake Graph API receives
//! with the script, so a reply that is wrong, missing or sent twice is counted, whatever flow
//! it came from.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rand::RngExt;
use serde_json::Value;

use crate::engine::{Bundle, ContactState, Effect, Env, Inbound, Reply, step};
use crate::settings::{BotSettings, ContactFacts, OfficeHours};

/// The survey flow set shipped for benchmarking (`bench/survey/`), built into the binary so
/// that `genre bench` runs from anywhere: written to a temporary folder at run time.
pub const SURVEY_FILES: [(&str, &str); 12] = [
    (
        "flows/survey.toml",
        include_str!("../../bench/survey/flows/survey.toml"),
    ),
    (
        "flows/menu.toml",
        include_str!("../../bench/survey/flows/menu.toml"),
    ),
    (
        "flows/help.toml",
        include_str!("../../bench/survey/flows/help.toml"),
    ),
    (
        "flows/counsellor.toml",
        include_str!("../../bench/survey/flows/counsellor.toml"),
    ),
    (
        "flows/feedback.toml",
        include_str!("../../bench/survey/flows/feedback.toml"),
    ),
    (
        "flows/off_topic.toml",
        include_str!("../../bench/survey/flows/off_topic.toml"),
    ),
    (
        "flows/routing/commands.toml",
        include_str!("../../bench/survey/flows/routing/commands.toml"),
    ),
    (
        "flows/routing/crisis.toml",
        include_str!("../../bench/survey/flows/routing/crisis.toml"),
    ),
    (
        "flows/routing/lexicon.toml",
        include_str!("../../bench/survey/flows/routing/lexicon.toml"),
    ),
    (
        "flows/routing/topics.toml",
        include_str!("../../bench/survey/flows/routing/topics.toml"),
    ),
    (
        "flows/data/services.toml",
        include_str!("../../bench/survey/flows/data/services.toml"),
    ),
    (
        "locales/id/survey.ftl",
        include_str!("../../bench/survey/locales/id/survey.ftl"),
    ),
];

/// Writes the survey flow set under `dir`; returns its flows and locales folders.
pub fn write_survey(dir: &Path) -> std::io::Result<(PathBuf, PathBuf)> {
    for (path, text) in SURVEY_FILES {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok((dir.join("flows"), dir.join("locales")))
}

/// The office hours the benchmark's servers and scripts share: always open (but for one
/// minute a day), so that the counsellor flows answer the same whenever the benchmark runs.
pub const OFFICE_HOURS: &str = "mon-sun 00:00-23:59";
/// The time zone of [`OFFICE_HOURS`].
pub const TIMEZONE: &str = "Asia/Jakarta";
/// The button that opens a WhatsApp list when a menu names none (what the server sends).
const LIST_BUTTON: &str = "Pilih";
/// The invite code the scripts assume; the server gives each contact a random one, so a step
/// whose reply would show it is never put in a script.
const INVITE_CODE: &str = "BENCHCODE";

/// One message of a script and the replies it must get.
#[derive(Debug, Clone)]
pub struct Turn {
    pub event: Inbound,
    /// What each reply must look like ([`signature`]), in order.
    pub expected: Vec<String>,
}

/// A contact's messages, written before the first is sent.
#[derive(Debug, Clone, Default)]
pub struct Script {
    pub turns: Vec<Turn>,
    /// Whether one of its messages is a crisis (it is then the last).
    pub crisis: bool,
}

impl Script {
    /// Replies expected in all.
    pub fn replies(&self) -> usize {
        self.turns.iter().map(|t| t.expected.len()).sum()
    }
}

/// What a WhatsApp message says, reduced to what must match: its text and its buttons' ids.
pub fn signature(message: &Value) -> String {
    let text = message["text"]["body"]
        .as_str()
        .or(message["interactive"]["body"]["text"].as_str())
        .unwrap_or("");
    let action = &message["interactive"]["action"];
    let mut ids: Vec<&str> = Vec::new();
    if let Some(buttons) = action["buttons"].as_array() {
        ids.extend(buttons.iter().filter_map(|b| b["reply"]["id"].as_str()));
    }
    if let Some(sections) = action["sections"].as_array() {
        for s in sections {
            if let Some(rows) = s["rows"].as_array() {
                ids.extend(rows.iter().filter_map(|r| r["id"].as_str()));
            }
        }
    }
    format!("{text}\u{1f}{}", ids.join("|"))
}

/// The engine as the server runs it, for writing scripts.
pub struct Expect {
    pub bundle: Bundle,
    pub settings: BotSettings,
    facts: ContactFacts,
}

/// What one step of the engine did, as far as a script cares.
struct Outcome {
    state: ContactState,
    replies: Vec<Reply>,
    /// A case opened or the message went to one: the bot is quiet from now on.
    quiet: bool,
    urgent: bool,
}

impl Expect {
    pub fn new(bundle: Bundle) -> Result<Self, String> {
        Ok(Expect {
            bundle,
            settings: BotSettings {
                office: OfficeHours::parse(OFFICE_HOURS, TIMEZONE)?,
                ..BotSettings::default()
            },
            facts: ContactFacts {
                invite_code: Some(INVITE_CODE.into()),
                invites_joined: 0,
            },
        })
    }

    fn step(&self, state: &ContactState, event: &Inbound) -> Outcome {
        let now = chrono::Utc::now();
        let lang = state.lang(self.bundle.texts.default_lang());
        let vars = self.settings.vars(&self.facts, lang);
        let env = Env {
            bundle: &self.bundle,
            now_ms: now.timestamp_millis(),
            vars: &vars,
            office_open: self.settings.office.is_open(now),
        };
        let result = step(state, event, &env);
        let mut outcome = Outcome {
            state: result.state,
            replies: Vec::new(),
            quiet: false,
            urgent: false,
        };
        for effect in result.effects {
            match effect {
                Effect::Reply(r) => outcome.replies.push(r),
                Effect::OpenCase { urgent, .. } => {
                    outcome.quiet = true;
                    outcome.urgent |= urgent;
                }
                Effect::ToCase { .. } => outcome.quiet = true,
                _ => {}
            }
        }
        outcome
    }

    fn expected(replies: &[Reply]) -> Vec<String> {
        replies
            .iter()
            .map(|r| signature(&crate::render::whatsapp_message(r, LIST_BUTTON)))
            .collect()
    }

    /// The survey: hi, a name, an age, a kecamatan; four replies.
    pub fn survey(&self) -> Script {
        const NAMES: [&str; 12] = [
            "Siti",
            "Budi",
            "Ayu Lestari",
            "Rizky",
            "Dewi",
            "Agus",
            "Putri",
            "Bayu",
            "Nur",
            "Eko",
            "Fitri",
            "Dimas",
        ];
        let mut rng = rand::rng();
        let kecamatan = &self.bundle.directory.kecamatan;
        let place = if kecamatan.is_empty() {
            "Bangil".to_string()
        } else {
            kecamatan[rng.random_range(0..kecamatan.len())].name.clone()
        };
        let messages = [
            "hi".to_string(),
            NAMES[rng.random_range(0..NAMES.len())].to_string(),
            rng.random_range(13..25).to_string(),
            place,
        ];
        let mut state = ContactState::new();
        let mut script = Script::default();
        for text in messages {
            let event = Inbound::text(text);
            let outcome = self.step(&state, &event);
            script.turns.push(Turn {
                event,
                expected: Self::expected(&outcome.replies),
            });
            state = outcome.state;
        }
        script
    }

    /// A teen on the bundled flows: a greeting, then menu picks, free text and MENU in random
    /// order, and one message in 200 (counted over all scripts) a crisis, after which the bot
    /// hands over to a counsellor and goes quiet.
    pub fn mix(&self, messages: &AtomicU64) -> Script {
        let mut rng = rand::rng();
        let mut state = ContactState::new();
        let mut script = Script::default();
        let mut last_choices: Vec<(String, String)> = Vec::new();
        let length = rng.random_range(4..14);
        for n in 0..length {
            let crisis = messages.fetch_add(1, Ordering::Relaxed) % 200 == 199;
            let mut chosen = None;
            for attempt in 0..8 {
                let event = if crisis && attempt == 0 {
                    Inbound::text(CRISIS[rng.random_range(0..CRISIS.len())])
                } else if n == 0 {
                    Inbound::text(GREETINGS[rng.random_range(0..GREETINGS.len())])
                } else {
                    let roll = rng.random_range(0..100);
                    if roll < 65 && !last_choices.is_empty() {
                        let (id, title) = &last_choices[rng.random_range(0..last_choices.len())];
                        Inbound::Choice {
                            id: id.clone(),
                            title: title.clone(),
                        }
                    } else if roll < 92 {
                        Inbound::text(QUESTIONS[rng.random_range(0..QUESTIONS.len())])
                    } else {
                        Inbound::text("menu")
                    }
                };
                let outcome = self.step(&state, &event);
                // The server gives every contact its own invite code: a reply showing it cannot
                // be predicted, so that step is replaced by another.
                if outcome.replies.iter().any(|r| r.text.contains(INVITE_CODE)) {
                    continue;
                }
                // Only the planned crisis message may hand the teen over.
                if outcome.quiet && !(crisis && attempt == 0) {
                    continue;
                }
                chosen = Some((event, outcome));
                break;
            }
            let Some((event, outcome)) = chosen else {
                break;
            };
            if let Some(last) = outcome.replies.iter().rev().find(|r| !r.choices.is_empty()) {
                last_choices = last
                    .choices
                    .iter()
                    .map(|c| (c.id.clone(), c.title.clone()))
                    .collect();
            } else if !outcome.replies.is_empty() {
                last_choices.clear();
            }
            script.turns.push(Turn {
                event,
                expected: Self::expected(&outcome.replies),
            });
            state = outcome.state;
            if outcome.quiet {
                script.crisis |= outcome.urgent;
                break;
            }
        }
        script
    }

    /// The state of a contact who finished the survey (what the million seeded contacts hold).
    pub fn finished_survey_state(&self) -> ContactState {
        let mut state = ContactState::new();
        for text in ["hi", "Siti", "17", "Bangil"] {
            state = self.step(&state, &Inbound::text(text)).state;
        }
        state
    }
}

/// First messages of new contacts.
const GREETINGS: [&str; 6] = [
    "halo kak",
    "hai",
    "assalamualaikum kak",
    "permisi kak mau tanya",
    "halo",
    "p",
];

/// Questions teens ask (in the words of the development sets), none of them a crisis.
const QUESTIONS: [&str; 16] = [
    "kak kalo cewe 17 thn udh boleh nikah blm?",
    "umur berapa boleh nikah",
    "aku telat haid 2 minggu normal ga",
    "haid ku sakit banget kak",
    "apa itu hiv",
    "kb itu apa aja",
    "puskesmas terdekat dimana",
    "mimpi basah itu normal?",
    "gimana cara jaga kebersihan pas haid",
    "pacaran sehat itu gimana",
    "apa itu dispensasi kawin",
    "kak aku mau tanya soal kesehatan reproduksi",
    "terima kasih kak",
    "ok",
    "iya",
    "1",
];

/// Crisis messages (each fires a crisis rule of the bundled flows).
const CRISIS: [&str; 4] = [
    "aku mau bunuh diri",
    "aku pengen mati aja kak gak kuat",
    "aku dipukuli bapak sampai berdarah",
    "aku mau dinikahkan paksa minggu depan tolong",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn survey_bundle() -> Bundle {
        let dir = std::env::temp_dir().join(format!(
            "genre-bench-script-{}",
            crate::store::random_code(8)
        ));
        let (flows, locales) = write_survey(&dir).unwrap();
        let loaded = crate::load::load(&flows, &locales);
        let _ = std::fs::remove_dir_all(&dir);
        loaded.bundle.expect("the survey flow set loads")
    }

    #[test]
    fn the_survey_asks_three_questions_then_thanks_by_name() {
        let expect = Expect::new(survey_bundle()).unwrap();
        let script = expect.survey();
        assert_eq!(script.turns.len(), 4);
        let texts: Vec<&str> = script
            .turns
            .iter()
            .map(|t| {
                assert_eq!(t.expected.len(), 1, "{t:?}");
                t.expected[0].split('\u{1f}').next().unwrap_or("")
            })
            .collect();
        let Inbound::Text { text: name } = &script.turns[1].event else {
            panic!("the name is typed")
        };
        assert_eq!(texts[0], "Halo! Siapa namamu?");
        assert!(texts[1].ends_with("Umurmu berapa?"), "{texts:?}");
        assert_eq!(texts[2], "Kamu tinggal di kecamatan mana?");
        assert_eq!(texts[3], format!("Terima kasih, {name}!"));
    }

    #[test]
    fn mix_scripts_on_the_bundled_flows_answer_every_message_and_end_at_a_crisis() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let loaded = crate::load::load(&root.join("flows"), &root.join("locales"));
        let expect = Expect::new(loaded.bundle.expect("the bundled flows load")).unwrap();
        let counter = AtomicU64::new(0);
        let mut crises = 0;
        let mut messages = 0;
        for _ in 0..300 {
            let script = expect.mix(&counter);
            assert!(!script.turns.is_empty());
            assert!(
                !script.turns[0].expected.is_empty(),
                "a greeting is answered"
            );
            messages += script.turns.len();
            crises += usize::from(script.crisis);
        }
        assert!(crises >= 1, "{crises} crises in {messages} messages");
        assert!(
            crises <= messages / 100,
            "{crises} crises in {messages} messages"
        );
    }
}
