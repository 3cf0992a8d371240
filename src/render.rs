//! Shaping a channel-neutral [`Reply`] for each channel.
//!
//! * WhatsApp: up to 3 choices whose titles fit in 20 characters become reply buttons; up to
//!   10 become a list (row titles up to 24 characters); the text alone is a plain message.
//! * SMS: the choices are numbered lines under the text, and the whole message is kept in the
//!   GSM-7 alphabet where possible (curly quotes, dashes and ellipses replaced), because one
//!   character outside it halves the length of every segment.
//! * Telegram: the choices become an inline keyboard, one button per row.
//! * The terminal simulator shows buttons as `[1] Title`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::engine::Reply;

/// WhatsApp's limits (Cloud API).
pub const WA_MAX_BUTTONS: usize = 3;
pub const WA_BUTTON_TITLE: usize = 20;
pub const WA_MAX_ROWS: usize = 10;
pub const WA_ROW_TITLE: usize = 24;
pub const WA_LIST_BUTTON: usize = 20;
pub const WA_INTERACTIVE_BODY: usize = 1024;
pub const WA_TEXT: usize = 4096;
pub const WA_ROW_ID: usize = 200;
/// Telegram's limit on `callback_data`, in bytes.
pub const TELEGRAM_CALLBACK_DATA: usize = 64;

/// The channels a reply can be shaped for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Whatsapp,
    Sms,
    Telegram,
}

impl Channel {
    pub fn name(self) -> &'static str {
        match self {
            Channel::Whatsapp => "whatsapp",
            Channel::Sms => "sms",
            Channel::Telegram => "telegram",
        }
    }
}

/// How a WhatsApp message with choices will look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatsappShape {
    Text,
    Buttons,
    List,
}

/// Which WhatsApp shape a set of choice titles gets.
pub fn whatsapp_shape(titles: &[&str]) -> WhatsappShape {
    if titles.is_empty() {
        WhatsappShape::Text
    } else if titles.len() <= WA_MAX_BUTTONS
        && titles.iter().all(|t| t.chars().count() <= WA_BUTTON_TITLE)
    {
        WhatsappShape::Buttons
    } else {
        WhatsappShape::List
    }
}

/// The `interactive`/`text` part of a WhatsApp Cloud API message (without `to`).
pub fn whatsapp_message(reply: &Reply, default_list_button: &str) -> Value {
    let titles: Vec<&str> = reply.choices.iter().map(|c| c.title.as_str()).collect();
    match whatsapp_shape(&titles) {
        WhatsappShape::Text => json!({
            "type": "text",
            "text": { "body": truncate(&reply.text, WA_TEXT), "preview_url": reply.text.contains("https://") },
        }),
        WhatsappShape::Buttons => json!({
            "type": "interactive",
            "interactive": {
                "type": "button",
                "body": { "text": truncate(&reply.text, WA_INTERACTIVE_BODY) },
                "action": { "buttons": reply.choices.iter().map(|c| json!({
                    "type": "reply",
                    "reply": { "id": c.id, "title": truncate(&c.title, WA_BUTTON_TITLE) },
                })).collect::<Vec<_>>() },
            },
        }),
        WhatsappShape::List => {
            let button = reply.list_button.as_deref().unwrap_or(default_list_button);
            json!({
                "type": "interactive",
                "interactive": {
                    "type": "list",
                    "body": { "text": truncate(&reply.text, WA_INTERACTIVE_BODY) },
                    "action": {
                        "button": truncate(button, WA_LIST_BUTTON),
                        "sections": [{ "rows": reply.choices.iter().take(WA_MAX_ROWS).map(|c| json!({
                            "id": c.id,
                            "title": truncate(&c.title, WA_ROW_TITLE),
                        })).collect::<Vec<_>>() }],
                    },
                },
            })
        }
    }
}

/// The text of an SMS: the message, then numbered choices, in GSM-7 where possible.
pub fn sms_text(reply: &Reply) -> String {
    let mut text = reply.text.clone();
    for (i, choice) in reply.choices.iter().enumerate() {
        text.push_str(&format!("\n{}. {}", i + 1, choice.title));
    }
    gsm7_friendly(&text)
}

/// A Telegram `sendMessage` body (without `chat_id`).
pub fn telegram_message(reply: &Reply) -> Value {
    let mut body = json!({ "text": reply.text });
    if !reply.choices.is_empty() {
        body["reply_markup"] = json!({
            "inline_keyboard": reply.choices.iter().map(|c| vec![json!({
                "text": c.title,
                "callback_data": c.id,
            })]).collect::<Vec<_>>(),
        });
    }
    body
}

/// The terminal simulator's rendering: buttons as `[1] Title`, shaped as `channel` would.
pub fn terminal_text(reply: &Reply, channel: Channel) -> String {
    match channel {
        Channel::Sms => sms_text(reply),
        Channel::Whatsapp | Channel::Telegram => {
            let mut text = reply.text.clone();
            if !reply.choices.is_empty() {
                let titles: Vec<&str> = reply.choices.iter().map(|c| c.title.as_str()).collect();
                if channel == Channel::Whatsapp && whatsapp_shape(&titles) == WhatsappShape::List {
                    let button = reply.list_button.as_deref().unwrap_or("Pilih");
                    text.push_str(&format!("\n  ({button} ▾)"));
                }
                for (i, title) in titles.iter().enumerate() {
                    let limit = match (channel, whatsapp_shape(&titles)) {
                        (Channel::Whatsapp, WhatsappShape::Buttons) => WA_BUTTON_TITLE,
                        (Channel::Whatsapp, _) => WA_ROW_TITLE,
                        _ => usize::MAX,
                    };
                    text.push_str(&format!("\n  [{}] {}", i + 1, truncate(title, limit)));
                }
            }
            text
        }
    }
}

/// Cuts a text to `max` characters, ending with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Replaces characters that force UCS-2 with GSM-7 look-alikes (curly quotes, dashes,
/// ellipsis, bullets, unusual spaces) and removes invisible ones (isolation marks, zero-width).
/// Emoji stay: there is no honest replacement for them.
pub fn gsm7_friendly(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '`' | '´' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '«' | '»' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2212}' | '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{2022}' | '\u{25CF}' | '\u{00B7}' => out.push('-'),
            '\u{00A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202F}' => out.push(' '),
            '\u{2068}' | '\u{2069}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'
            | '\u{FE0F}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The SMS encoding a text needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{000C}";

/// The encoding and number of segments an SMS text takes.
pub fn sms_segments(text: &str) -> (Encoding, usize) {
    let gsm_units: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXTENDED.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    match gsm_units {
        Some(units) => (Encoding::Gsm7, segments(units, 160, 153)),
        None => {
            let units: usize = text.chars().map(char::len_utf16).sum();
            (Encoding::Ucs2, segments(units, 70, 67))
        }
    }
}

fn segments(units: usize, single: usize, part: usize) -> usize {
    if units <= single {
        1
    } else {
        units.div_ceil(part)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ReplyChoice;

    fn reply(titles: &[&str]) -> Reply {
        Reply {
            text: "Mau bahas apa?".into(),
            choices: titles
                .iter()
                .enumerate()
                .map(|(i, t)| ReplyChoice {
                    id: format!("menu/start/{}", i + 1),
                    title: t.to_string(),
                })
                .collect(),
            list_button: None,
            even_if_stopped: false,
        }
    }

    #[test]
    fn three_short_choices_are_buttons_and_more_are_a_list() {
        let m = whatsapp_message(&reply(&["Ya", "Tidak", "Nanti"]), "Pilih");
        assert_eq!(m["interactive"]["type"], "button");
        assert_eq!(
            m["interactive"]["action"]["buttons"][2]["reply"]["id"],
            "menu/start/3"
        );
        let m = whatsapp_message(&reply(&["a", "b", "c", "d"]), "Pilih");
        assert_eq!(m["interactive"]["type"], "list");
        assert_eq!(m["interactive"]["action"]["button"], "Pilih");
        assert_eq!(
            m["interactive"]["action"]["sections"][0]["rows"][3]["id"],
            "menu/start/4"
        );
    }

    #[test]
    fn a_long_title_turns_buttons_into_a_list() {
        let m = whatsapp_message(&reply(&["Ya", "Tanya soal usia menikah"]), "Pilih");
        assert_eq!(m["interactive"]["type"], "list");
    }

    #[test]
    fn plain_text_has_no_interactive_part() {
        let m = whatsapp_message(&reply(&[]), "Pilih");
        assert_eq!(m["type"], "text");
        assert_eq!(m["text"]["body"], "Mau bahas apa?");
    }

    #[test]
    fn sms_numbers_choices_and_stays_gsm7() {
        let mut r = reply(&["Ya", "Tidak"]);
        r.text = "“Halo” – kamu…".into();
        let text = sms_text(&r);
        assert_eq!(text, "\"Halo\" - kamu...\n1. Ya\n2. Tidak");
        assert_eq!(sms_segments(&text), (Encoding::Gsm7, 1));
    }

    #[test]
    fn segments_are_counted_per_encoding() {
        assert_eq!(sms_segments(&"a".repeat(160)), (Encoding::Gsm7, 1));
        assert_eq!(sms_segments(&"a".repeat(161)), (Encoding::Gsm7, 2));
        assert_eq!(sms_segments(&"{".repeat(80)), (Encoding::Gsm7, 1));
        assert_eq!(
            sms_segments(&format!("{}😊", "a".repeat(68))),
            (Encoding::Ucs2, 1)
        );
        assert_eq!(
            sms_segments(&format!("{}😊", "a".repeat(69))),
            (Encoding::Ucs2, 2)
        );
    }

    #[test]
    fn telegram_gets_an_inline_keyboard() {
        let m = telegram_message(&reply(&["Ya", "Tidak"]));
        assert_eq!(
            m["reply_markup"]["inline_keyboard"][1][0]["callback_data"],
            "menu/start/2"
        );
    }

    #[test]
    fn the_terminal_shows_numbered_buttons() {
        let t = terminal_text(&reply(&["Ya", "Tidak"]), Channel::Whatsapp);
        assert_eq!(t, "Mau bahas apa?\n  [1] Ya\n  [2] Tidak");
    }
}
