//! `genre test`: conversation tests that staff write.
//!
//! ```toml
//! [[test]]
//! name = "a teen asks the legal age"
//! consented = true                  # skip onboarding (default: a brand-new contact)
//! lang = "id"                       # the teen's language (default id)
//! channel = "whatsapp"              # whatsapp, sms or telegram (default whatsapp)
//! fields = { kecamatan = "bangil" } # fields the teen already has
//! steps = [
//!   { say = "umur brp boleh nikah?", expect = ["19 tahun"], at = "marriage_age/menu" },
//!   { tap = 2, expect = ["dispensasi"], expect_not = ["pasti boleh"] },
//!   { wait = "5h" },
//!   { say = "aku pengen mati", escalation = "urgent" },
//! ]
//! ```
//!
//! A step does one thing (`say`, `tap`, `wait` or `event = "case_closed"`) and then checks:
//! `expect` (texts that must appear in the bot's replies to this step, ignoring case),
//! `expect_not`, `at` (where the teen is parked, `flow/node`, or `"nowhere"`), `escalation`
//! (`urgent`, `normal` or `none`: the case opened by this step), `fields` (field values after
//! the step), `silent` (the bot says nothing), `opted_out`, `consented` and `buttons` (the
//! titles of the buttons shown). A failure prints the transcript so far.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::sim::{Simulator, parse_duration};
use crate::engine::{Bundle, Effect, Inbound};
use crate::render::Channel;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TestFile {
    test: Vec<Test>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Test {
    name: String,
    #[serde(default)]
    consented: bool,
    lang: Option<String>,
    channel: Option<Channel>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    office_open: Option<bool>,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    say: Option<String>,
    tap: Option<usize>,
    wait: Option<String>,
    event: Option<String>,
    #[serde(default)]
    expect: Vec<String>,
    #[serde(default)]
    expect_not: Vec<String>,
    at: Option<String>,
    escalation: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
    silent: Option<bool>,
    opted_out: Option<bool>,
    consented: Option<bool>,
    buttons: Option<Vec<String>>,
}

/// The outcome of one test.
pub struct Outcome {
    pub file: PathBuf,
    pub name: String,
    /// `None` when it passed; otherwise what failed and the transcript.
    pub failure: Option<String>,
    /// The flows the test entered.
    pub visited: std::collections::BTreeSet<String>,
}

/// Finds `.toml` test files under the given paths (files or folders).
pub fn test_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(path) {
                let mut found: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                    .collect();
                found.sort();
                files.extend(found);
            }
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Runs every test in a file.
pub fn run_file(bundle: &Bundle, path: &Path) -> Vec<Outcome> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return vec![broken(path, format!("cannot read the file: {e}"))],
    };
    let file: TestFile = match toml::from_str(&text) {
        Ok(f) => f,
        Err(e) => {
            let at = e
                .span()
                .map(|s| crate::diagnostic::line_col(&text, s.start))
                .map_or(String::new(), |(l, c)| format!(":{l}:{c}"));
            return vec![broken(
                path,
                format!("{}{at}: {}", path.display(), e.message()),
            )];
        }
    };
    file.test
        .into_iter()
        .map(|t| run_test(bundle, path, t))
        .collect()
}

fn broken(path: &Path, message: String) -> Outcome {
    Outcome {
        file: path.to_path_buf(),
        name: "(file)".into(),
        failure: Some(message),
        visited: Default::default(),
    }
}

fn run_test(bundle: &Bundle, path: &Path, test: Test) -> Outcome {
    let mut sim = Simulator::new(bundle, test.channel.unwrap_or(Channel::Whatsapp));
    sim.office_open = test.office_open;
    sim.state.consented = test.consented;
    if let Some(lang) = &test.lang {
        sim.state.fields.insert("lang".into(), lang.clone());
    }
    sim.state.fields.extend(test.fields.clone());
    let failure = test
        .steps
        .iter()
        .enumerate()
        .find_map(|(i, step)| run_step(&mut sim, step).err().map(|e| (i, e)))
        .map(|(i, e)| {
            format!(
                "step {}: {e}\n--- transcript ---\n{}",
                i + 1,
                sim.transcript.join("\n")
            )
        });
    Outcome {
        file: path.to_path_buf(),
        name: test.name,
        failure,
        visited: sim.visited,
    }
}

fn run_step(sim: &mut Simulator, step: &Step) -> Result<(), String> {
    let actions = [
        step.say.is_some(),
        step.tap.is_some(),
        step.wait.is_some(),
        step.event.is_some(),
    ];
    if actions.iter().filter(|a| **a).count() != 1 {
        return Err("a step needs exactly one of say, tap, wait or event".into());
    }
    let effects = if let Some(text) = &step.say {
        sim.say(text)
    } else if let Some(n) = step.tap {
        sim.tap(n)?
    } else if let Some(d) = &step.wait {
        sim.wait(parse_duration(d)?);
        vec![]
    } else {
        match step.event.as_deref() {
            Some("case_closed") => sim.event(Inbound::CaseClosed),
            Some(other) => return Err(format!("unknown event `{other}` (use case_closed)")),
            None => vec![],
        }
    };
    let replies: Vec<&crate::engine::Reply> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Reply(r) => Some(r),
            _ => None,
        })
        .collect();
    let said = replies
        .iter()
        .flat_map(|r| {
            std::iter::once(r.text.clone()).chain(r.choices.iter().map(|c| c.title.clone()))
        })
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    for want in &step.expect {
        if !said.contains(&want.to_lowercase()) {
            return Err(format!("expected the bot to say \"{want}\""));
        }
    }
    for unwanted in &step.expect_not {
        if said.contains(&unwanted.to_lowercase()) {
            return Err(format!("the bot said \"{unwanted}\", which it must not"));
        }
    }
    if let Some(silent) = step.silent
        && silent != replies.is_empty()
    {
        return Err(if silent {
            "expected the bot to stay silent"
        } else {
            "expected a reply, got silence"
        }
        .into());
    }
    if let Some(at) = &step.at {
        let actual = sim.position().unwrap_or_else(|| "nowhere".into());
        if &actual != at {
            return Err(format!(
                "expected the teen at {at}, but they are at {actual}"
            ));
        }
    }
    if let Some(want) = &step.escalation {
        let opened: Vec<bool> = effects
            .iter()
            .filter_map(|e| match e {
                Effect::OpenCase { urgent, .. } => Some(*urgent),
                _ => None,
            })
            .collect();
        let ok = match want.as_str() {
            "urgent" => opened.contains(&true),
            "normal" => opened.contains(&false) && !opened.contains(&true),
            "none" => opened.is_empty(),
            other => {
                return Err(format!(
                    "escalation must be urgent, normal or none, not `{other}`"
                ));
            }
        };
        if !ok {
            return Err(format!(
                "expected escalation `{want}`, got {opened:?} (true = urgent)"
            ));
        }
    }
    for (field, value) in &step.fields {
        let actual = sim
            .state
            .fields
            .get(field)
            .map_or("(not set)", String::as_str);
        if actual != value {
            return Err(format!(
                "expected field {field} = \"{value}\", got {actual}"
            ));
        }
    }
    if let Some(want) = step.opted_out
        && sim.state.opted_out != want
    {
        return Err(format!("expected opted_out = {want}"));
    }
    if let Some(want) = step.consented
        && sim.state.consented != want
    {
        return Err(format!("expected consented = {want}"));
    }
    if let Some(want) = &step.buttons {
        let shown: Vec<String> = replies
            .iter()
            .flat_map(|r| r.choices.iter().map(|c| c.title.clone()))
            .collect();
        if &shown != want {
            return Err(format!("expected buttons {want:?}, got {shown:?}"));
        }
    }
    Ok(())
}
