//! Engine tests on a small fixture bundle (tests/fixtures/mini) that uses every node kind.
//!
//! They drive the pure engine through the simulator and look at states and effects: every node
//! kind, expiry, a flow edited under a conversation, a crisis interrupting every kind of node,
//! and every global command.

use std::path::Path;

use chrono::{Duration, TimeZone, Utc};
use genre::engine::flow::Node;
use genre::engine::{Bundle, CaseOrigin, Effect, Inbound};
use genre::render::Channel;
use genre::tools::sim::Simulator;

fn bundle() -> Bundle {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let loaded = genre::load::load(&root.join("flows"), &root.join("locales"));
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    loaded.bundle.expect("the fixture loads")
}

/// A teen who already consented, on a Monday at 09:00 Jakarta time (office open).
fn teen(bundle: &Bundle) -> Simulator<'_> {
    let mut sim = Simulator::new(bundle, Channel::Whatsapp);
    sim.state.consented = true;
    sim.now = Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap();
    sim
}

fn texts(effects: &[Effect]) -> String {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Reply(r) => Some(r.text.clone()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn opened(effects: &[Effect]) -> Vec<(String, bool, CaseOrigin)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::OpenCase {
                topic,
                urgent,
                origin,
                ..
            } => Some((topic.clone(), *urgent, *origin)),
            _ => None,
        })
        .collect()
}

fn at(sim: &Simulator) -> String {
    sim.position().unwrap_or_else(|| "nowhere".into())
}

// ----- node kinds -----

#[test]
fn send_set_call_and_branch_run_until_a_node_waits() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.state
        .fields
        .insert("kecamatan".into(), "pandaan".into());
    let fx = sim.say("main kuis");
    // set → call sub (send) → back → branch on kecamatan → send → ask.
    assert_eq!(
        texts(&fx),
        "Ini sub-flow.\nKamu di Pandaan.\nKode lima angka?"
    );
    assert_eq!(sim.state.fields["colour"], "hijau");
    assert_eq!(sim.state.fields["tried"], "1");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::FieldSet { field, .. } if field == "colour"))
    );
    assert_eq!(at(&sim), "kinds/code");
}

#[test]
fn a_branch_falls_through_to_else() {
    let b = bundle();
    let mut sim = teen(&b);
    let fx = sim.say("main kuis");
    assert_eq!(texts(&fx), "Ini sub-flow.\nKode lima angka?");
    let mut sim = teen(&b);
    sim.state.fields.insert("kecamatan".into(), "bangil".into());
    assert!(texts(&sim.say("main kuis")).contains("Kamu di Bangil."));
}

#[test]
fn a_menu_accepts_a_number_a_label_a_synonym_and_a_button_id() {
    let b = bundle();
    for answer in ["1", "no 1", "Semua jenis", "semua  JENIS!", "jenis"] {
        let mut sim = teen(&b);
        sim.say("menu");
        sim.say(answer);
        assert_eq!(at(&sim), "kinds/code", "answer {answer:?}");
    }
    let mut sim = teen(&b);
    sim.say("menu");
    let fx = sim.event(Inbound::Choice {
        id: "menu/main/age".into(),
        title: "Umur".into(),
    });
    assert_eq!(texts(&fx), "Umurmu?");
}

#[test]
fn a_wrong_menu_answer_is_retried_then_falls_back() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    let fx = sim.say("pizza");
    assert_eq!(texts(&fx), "Pilih nomor ya.\nMenu utama:");
    assert_eq!(at(&sim), "menu/main");
    let fx = sim.say("99");
    assert_eq!(
        texts(&fx),
        "Dadah.",
        "the second wrong answer goes to the fallback"
    );
    assert_eq!(at(&sim), "nowhere");
}

#[test]
fn an_old_button_still_routes_after_the_conversation_moved_on() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    sim.say("2"); // now at age/ask
    let fx = sim.event(Inbound::Choice {
        id: "menu/main/services".into(),
        title: "Layanan".into(),
    });
    assert_eq!(texts(&fx), "Kecamatan?");
    assert_eq!(at(&sim), "services/ask");
}

#[test]
fn ask_number_extracts_the_number_and_checks_the_range() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    sim.say("2");
    let fx = sim.say("umurku 45");
    assert_eq!(texts(&fx), "Tulis angka 10 sampai 30.\nUmurmu?");
    let fx = sim.say("umurku 16 thn");
    assert_eq!(texts(&fx), "Masih muda: 16.");
    assert_eq!(sim.state.fields["age"], "16");
    assert_eq!(at(&sim), "nowhere", "an end node finishes the flow");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::FlowFinished { flow, .. } if flow == "age"))
    );
}

#[test]
fn ask_falls_back_after_its_tries() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    sim.say("2");
    sim.say("x");
    sim.say("y");
    let fx = sim.say("z");
    assert_eq!(
        texts(&fx),
        "Menu utama:",
        "three wrong answers go to the fallback flow"
    );
}

#[test]
fn ask_regex_and_one_of_with_typos_and_skipping() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("main kuis");
    assert_eq!(texts(&sim.say("12ab")), "Lima angka ya.\nKode lima angka?");
    assert_eq!(texts(&sim.say("12345")), "Buah apa?");
    assert_eq!(sim.state.fields["code"], "12345");
    sim.say("pelem");
    assert_eq!(
        sim.state.fields["fruit"], "mangga",
        "a listed spelling saves the canonical value"
    );

    let mut sim = teen(&b);
    sim.say("main kuis");
    sim.say("12345");
    sim.say("manga");
    assert_eq!(sim.state.fields["fruit"], "mangga", "a typo is forgiven");

    let mut sim = teen(&b);
    sim.say("main kuis");
    sim.say("12345");
    let fx = sim.say("lewati");
    assert!(
        !sim.state.fields.contains_key("fruit"),
        "an optional question can be skipped"
    );
    assert!(texts(&fx).starts_with("Info acara aktif."));
}

#[test]
fn kecamatan_answers_come_from_the_directory() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    sim.say("3");
    let fx = sim.say("kec. bangel");
    assert_eq!(sim.state.fields["kecamatan"], "bangil");
    let text = texts(&fx);
    assert!(
        text.contains("Di Bangil:\n- Puskesmas Bangil\nkesehatan remaja\nalamat Jl. Contoh 1"),
        "{text}"
    );
    assert!(
        !text.contains("0343"),
        "an unverified phone number is never shown: {text}"
    );
    assert!(
        text.contains("Nasional:\n- 112\nlangsung\ntelp 112"),
        "{text}"
    );
}

#[test]
fn actions_and_escalation() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("main kuis");
    sim.say("12345");
    let fx = sim.say("apel");
    assert_eq!(
        sim.state.fields["events"], "yes",
        "events_on sets the events field"
    );
    assert_eq!(
        opened(&fx),
        [("forced_marriage_report".to_string(), true, CaseOrigin::Flow)]
    );
    assert!(sim.state.hold.is_some());
    assert_eq!(at(&sim), "nowhere");
}

// ----- consent and onboarding -----

#[test]
fn nothing_happens_before_consent_and_the_first_question_is_answered_after_it() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    let fx = sim.say("umur brp boleh nikah?");
    assert_eq!(
        texts(&fx),
        "Halo dari DP3AP2KB Kabupaten Pasuruan!\nSetuju?"
    );
    assert!(!sim.state.consented);
    let fx = sim.say("setuju");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Consent { notice_version } if notice_version == "test-1"))
    );
    assert_eq!(
        texts(&fx),
        "Makasih.\nUmurmu?",
        "the remembered question is answered right after consent"
    );
    assert!(sim.state.pending.is_none());
}

#[test]
fn a_greeting_before_consent_is_not_remembered_as_a_question() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.say("halo");
    let fx = sim.say("1");
    assert_eq!(texts(&fx), "Makasih.\nSiap.\nMenu utama:");
}

#[test]
fn a_question_in_the_middle_of_onboarding_is_kept_and_the_step_repeated() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.say("halo");
    let fx = sim.say("haid ku telat kak");
    assert_eq!(texts(&fx), "Setuju?");
    let fx = sim.say("1");
    assert_eq!(texts(&fx), "Makasih.\nSoal haid.");
}

#[test]
fn declining_consent_ends_politely_and_the_next_message_asks_again() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.say("halo");
    assert_eq!(texts(&sim.say("2")), "Oke, tidak apa-apa.");
    assert!(!sim.state.consented);
    assert!(texts(&sim.say("halo lagi")).contains("Setuju?"));
}

#[test]
fn konselor_before_consent_waits_for_consent() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.office_open = Some(true);
    sim.say("KONSELOR");
    let fx = sim.say("1");
    assert_eq!(
        opened(&fx),
        [("counsellor_request".to_string(), false, CaseOrigin::Command)]
    );
}

// ----- crisis first -----

fn assert_crisis(sim: &mut Simulator, text: &str) {
    let fx = sim.say(text);
    assert!(
        texts(&fx).contains("Telepon 112 sekarang."),
        "{text}: {}",
        texts(&fx)
    );
    assert_eq!(
        opened(&fx),
        [("violence/crisis".to_string(), true, CaseOrigin::Crisis)],
        "{text}"
    );
    let reply = fx.iter().find_map(|e| match e {
        Effect::Reply(r) => Some(r),
        _ => None,
    });
    assert!(
        reply.is_some_and(|r| r.even_if_stopped),
        "crisis help reaches even a teen who opted out"
    );
}

#[test]
fn a_crisis_interrupts_every_kind_of_waiting_node_and_every_state() {
    let b = bundle();
    // Before consent, at the very first message.
    assert_crisis(
        &mut Simulator::new(&b, Channel::Whatsapp),
        "aku mau bunuh diri",
    );
    // In the middle of onboarding.
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.say("halo");
    assert_crisis(&mut sim, "mau mati");
    // At a menu.
    let mut sim = teen(&b);
    sim.say("menu");
    assert_crisis(&mut sim, "aku mau mati");
    // At a number question, a regex question and a one_of question.
    let mut sim = teen(&b);
    sim.say("menu");
    sim.say("2");
    assert_crisis(&mut sim, "mau mati aja");
    let mut sim = teen(&b);
    sim.say("main kuis");
    assert_crisis(&mut sim, "aku mau bunuh diri");
    sim.say("bukan itu maksudku");
    sim.say("12345");
    assert_crisis(&mut sim, "aku mau bunuh diri");
    // While a case is open (the bot is otherwise silent).
    let mut sim = teen(&b);
    sim.say("konselor");
    assert!(sim.state.hold.is_some());
    assert_crisis(&mut sim, "aku mau mati");
    // After STOP.
    let mut sim = teen(&b);
    sim.say("stop");
    assert_crisis(&mut sim, "aku mau mati");
}

#[test]
fn jokes_do_not_trip_the_crisis_rule() {
    let b = bundle();
    let mut sim = teen(&b);
    let fx = sim.say("haha mau mati ketawa");
    assert!(opened(&fx).is_empty());
}

#[test]
fn bukan_itu_maksudku_undoes_a_crisis_and_returns_to_the_question() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    sim.say("2");
    sim.say("aku mau bunuh diri");
    assert!(sim.state.hold.as_ref().is_some_and(|h| h.urgent));
    let fx = sim.tap(1).expect("the crisis message has the button");
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::CrisisCorrected { .. }))
    );
    assert_eq!(texts(&fx), "Maaf, salah paham.\nUmurmu?");
    assert!(sim.state.hold.is_none());
    assert_eq!(at(&sim), "age/ask");
}

#[test]
fn bukan_itu_maksudku_is_ordinary_text_long_after_a_crisis() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("aku mau bunuh diri");
    sim.wait(Duration::minutes(45));
    let fx = sim.say("bukan itu maksudku");
    assert!(
        !fx.iter()
            .any(|e| matches!(e, Effect::CrisisCorrected { .. }))
    );
    assert!(
        matches!(fx.as_slice(), [Effect::ToCase { .. }]),
        "the case is still open: {fx:?}"
    );
}

#[test]
fn a_check_in_rule_adds_a_gentle_question_without_a_case() {
    let b = bundle();
    let mut sim = teen(&b);
    let fx = sim.say("sedih banget soal haid");
    assert_eq!(texts(&fx), "Lagi berat ya?\nSoal haid.");
    assert!(opened(&fx).is_empty());
}

// ----- global commands -----

#[test]
fn stop_and_berhenti_opt_out_and_mulai_opts_back_in() {
    let b = bundle();
    for word in ["STOP", "berhenti", "stop kak"] {
        let mut sim = teen(&b);
        sim.say("menu");
        let fx = sim.say(word);
        assert_eq!(texts(&fx), "Berhenti.", "{word}");
        assert!(fx.contains(&Effect::OptOut));
        assert!(sim.state.opted_out);
        assert!(sim.say("halo").is_empty(), "nothing is sent after STOP");
        let fx = sim.say("mulai");
        assert!(fx.contains(&Effect::OptIn));
        assert_eq!(texts(&fx), "Selamat datang kembali.");
    }
}

#[test]
fn hapus_erases_at_once_and_confirms_in_one_message() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.state.fields.insert("kecamatan".into(), "bangil".into());
    sim.say("menu");
    let fx = sim.say("HAPUS");
    assert_eq!(texts(&fx), "Data dihapus.");
    assert!(fx.contains(&Effect::Erase));
    assert!(sim.state.fields.is_empty() && !sim.state.consented && sim.state.convo.is_none());
}

#[test]
fn tolong_resends_the_numbers_discreetly_anywhere_even_during_a_case() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("konselor");
    let fx = sim.say("tolong");
    assert_eq!(texts(&fx), "Nomor: 112.");
    assert!(
        opened(&fx).is_empty(),
        "the safe word does not alarm anyone"
    );
}

#[test]
fn menu_help_and_konselor_work_from_anywhere() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("main kuis");
    assert_eq!(texts(&sim.say("MENU")), "Menu utama:");
    sim.say("2");
    assert_eq!(texts(&sim.say("bantuan")), "Bantuan.");
    sim.office_open = Some(false);
    let fx = sim.say("konselor");
    assert_eq!(
        texts(&fx),
        "Di luar jam kerja (Senin–Jumat, 08.00–15.00 WIB)."
    );
    assert_eq!(
        opened(&fx),
        [("counsellor_request".to_string(), false, CaseOrigin::Command)]
    );
}

#[test]
fn an_open_case_silences_the_bot_until_it_closes_then_asks_for_feedback() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("konselor");
    let fx = sim.say("aku mau cerita");
    assert_eq!(
        fx,
        [Effect::ToCase {
            text: "aku mau cerita".into()
        }]
    );
    assert_eq!(sim.say("menu").len(), 1, "even MENU goes to the counsellor");
    let fx = sim.event(Inbound::CaseClosed);
    assert_eq!(texts(&fx), "Membantu?");
    sim.say("1");
    assert_eq!(sim.state.fields["feedback"], "helped");
}

// ----- free text -----

#[test]
fn free_text_starts_the_topic_flow_or_asks_when_unsure() {
    let b = bundle();
    let mut sim = teen(&b);
    assert_eq!(texts(&sim.say("haidku telat")), "Soal haid.");
    let fx = sim.say("telat hamil haid");
    assert_eq!(texts(&fx), "Maksudmu?");
    let reply = fx.iter().find_map(|e| match e {
        Effect::Reply(r) => Some(r.clone()),
        _ => None,
    });
    let titles: Vec<String> = reply
        .unwrap()
        .choices
        .into_iter()
        .map(|c| c.title)
        .collect();
    assert_eq!(titles, ["Haid", "Kespro", "Lainnya"]);
    assert_eq!(
        texts(&sim.say("2")),
        "Soal haid.",
        "a typed number picks a clarifying choice"
    );
    assert_eq!(
        texts(&sim.say("game apa yang seru")),
        "Belum paham.\nMenu utama:"
    );
}

#[test]
fn a_clear_new_topic_leaves_a_menu() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    assert_eq!(texts(&sim.say("haid aku telat")), "Soal haid.");
}

#[test]
fn an_invite_code_links_the_new_teen_after_consent() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.say("GENRE-ABC123");
    let fx = sim.say("1");
    assert!(fx.contains(&Effect::Referral {
        code: "ABC123".into()
    }));
    assert!(texts(&fx).contains("Diundang teman."));
}

#[test]
fn media_and_unsupported_messages_get_a_kind_answer() {
    let b = bundle();
    let mut sim = teen(&b);
    assert_eq!(
        texts(&sim.event(Inbound::Media {
            media: "image".into()
        })),
        "Aku baca teks saja."
    );
    assert_eq!(
        texts(&sim.event(Inbound::Unsupported)),
        "Tidak bisa dibaca."
    );
    assert!(sim.event(Inbound::Reaction).is_empty());
}

// ----- time and edits -----

#[test]
fn an_idle_conversation_expires_and_the_next_message_starts_fresh() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    sim.wait(Duration::minutes(59));
    assert_eq!(
        texts(&sim.say("2")),
        "Umurmu?",
        "within the expiry the answer counts"
    );
    sim.wait(Duration::minutes(61));
    let fx = sim.say("16");
    assert_eq!(
        texts(&fx),
        "Belum paham.\nMenu utama:",
        "after it, `16` is a new message"
    );
}

#[test]
fn a_flow_edited_under_a_conversation_continues_or_returns_to_the_menu() {
    let mut b = bundle();
    {
        let mut sim = teen(&b);
        sim.say("menu");
        sim.say("2");
        let state = sim.state.clone();
        // The node still exists after an unrelated edit: the conversation continues.
        b.flows.get_mut("age").unwrap().nodes.shift_remove("adult");
        let mut sim = teen(&b);
        sim.state = state.clone();
        assert_eq!(texts(&sim.say("16")), "Masih muda: 16.");
        // The node the teen is parked on is gone: back to the menu, politely.
        b.flows.get_mut("age").unwrap().nodes.shift_remove("ask");
        let mut sim = teen(&b);
        sim.state = state;
        assert_eq!(texts(&sim.say("16")), "Menu berubah.\nMenu utama:");
    }
}

#[test]
fn a_loop_that_never_waits_is_stopped_not_spun() {
    let mut b = bundle();
    let flow = b.flows.get_mut("sub").unwrap();
    flow.nodes.insert(
        "start".into(),
        Node::Send {
            say: vec!["sub-text".into()],
            next: genre::engine::Target::Node("start".into()),
        },
    );
    let mut sim = teen(&b);
    let fx = sim.say("main kuis");
    assert!(fx.iter().any(|e| matches!(e, Effect::Problem { .. })));
    assert!(texts(&fx).matches("Ini sub-flow.").count() <= 64);
}

#[test]
fn the_state_survives_a_json_round_trip_and_old_states_load() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.say("menu");
    let json = serde_json::to_string(&sim.state).unwrap();
    let back: genre::engine::ContactState = serde_json::from_str(&json).unwrap();
    assert_eq!(back, sim.state);
    let old: genre::engine::ContactState =
        serde_json::from_str(r#"{"fields":{"lang":"jv"}}"#).unwrap();
    assert_eq!(old.fields["lang"], "jv");
}

#[test]
fn texts_follow_the_teens_language_with_a_fallback() {
    let b = bundle();
    let mut sim = teen(&b);
    sim.state.fields.insert("lang".into(), "en".into());
    let fx = sim.say("menu");
    assert_eq!(texts(&fx), "Main menu:");
    let titles: Vec<String> = fx
        .iter()
        .find_map(|e| match e {
            Effect::Reply(r) => Some(r.choices.iter().map(|c| c.title.clone()).collect()),
            _ => None,
        })
        .unwrap();
    assert_eq!(titles, ["All kinds", "Age", "Services", "Done"]);
    assert_eq!(
        texts(&sim.say("Age")),
        "Umurmu?",
        "a missing translation falls back to Indonesian"
    );
}

#[test]
fn a_wrong_answer_during_onboarding_is_retried_then_falls_back() {
    let b = bundle();
    let mut sim = Simulator::new(&b, Channel::Whatsapp);
    sim.say("halo");
    assert_eq!(texts(&sim.say("xyz")), "Pilih nomor.\nSetuju?");
    assert_eq!(
        texts(&sim.say("abc")),
        "Oke, tidak apa-apa.",
        "the second wrong answer takes the fallback"
    );
    assert!(!sim.state.consented);
}
