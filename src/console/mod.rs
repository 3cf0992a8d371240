//! The counsellor console at `/console`: server-rendered HTML (maud escapes every value, so a
//! teen's `<script>` is shown, never run), a little JavaScript for live updates over
//! server-sent events, no external CDN. Usable on a 360-pixel phone and on a laptop, in
//! Indonesian with an English switch (texts in `locales/*/console.ftl`).

pub mod auth;
pub mod broadcasts;
pub mod pages;
pub mod privacy;
pub mod reports;
pub mod team;

use axum::Router;
use axum::http::{HeaderMap, header};
use axum::routing::{get, post};
use fluent_bundle::FluentArgs;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::app::{App, AppState};

/// Every console route.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console", get(pages::queue))
        .route("/console/login", get(auth::login_page).post(auth::login))
        .route("/console/logout", post(auth::logout))
        .route("/console/queue", get(pages::queue_fragment))
        .route("/console/events", get(pages::events))
        .route("/console/cases/{id}", get(pages::case_page))
        .route("/console/cases/{id}/lines", get(pages::case_lines))
        .route("/console/cases/{id}/reply", post(pages::reply))
        .route("/console/cases/{id}/note", post(pages::note))
        .route("/console/cases/{id}/take", post(pages::take))
        .route("/console/cases/{id}/transfer", post(pages::transfer))
        .route("/console/cases/{id}/close", post(pages::close))
        .route("/console/cases/{id}/reveal", post(pages::reveal))
        .route("/console/availability", post(pages::availability))
        .route("/console/lang", post(pages::set_lang))
        .route("/console/admin", get(pages::admin))
        .route("/console/admin/counsellors", post(pages::admin_add))
        .route(
            "/console/admin/counsellors/{id}/disable",
            post(pages::admin_disable),
        )
        .route(
            "/console/admin/counsellors/{id}/password",
            post(pages::admin_password),
        )
        .route("/console/audit", get(pages::audit))
        .route("/console/reports", get(reports::reports))
        .route("/console/privacy", get(privacy::privacy_page))
        .route("/console/privacy/export", post(privacy::export))
        .route(
            "/console/broadcasts",
            get(broadcasts::list).post(broadcasts::send),
        )
        .route("/console/broadcasts/preview", post(broadcasts::preview))
        .route("/console/broadcasts/{id}/cancel", post(broadcasts::cancel))
}

/// Console texts in one language.
pub struct Texts<'a> {
    app: &'a App,
    pub lang: String,
}

impl<'a> Texts<'a> {
    pub fn new(app: &'a App, lang: &str) -> Self {
        let lang = if lang == "en" { "en" } else { "id" };
        Texts {
            app,
            lang: lang.to_string(),
        }
    }

    /// A text; its id if it is missing (console ids are checked by a test).
    pub fn t(&self, id: &str) -> String {
        self.t_with(id, &FluentArgs::new())
    }

    pub fn t_with(&self, id: &str, args: &FluentArgs) -> String {
        self.app
            .bundle
            .texts
            .format(&self.lang, id, Some(args))
            .unwrap_or_else(|_| id.to_string())
    }

    /// A time in the office's time zone.
    pub fn time(&self, ms: i64) -> String {
        let tz = self.app.settings.office.tz;
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| t.with_timezone(&tz).format("%d/%m %H:%M").to_string())
            .unwrap_or_default()
    }

    /// A duration such as `12 mnt` or `3 jam 5 mnt`.
    pub fn duration(&self, ms: i64) -> String {
        let minutes = (ms / 60_000).max(0);
        let mut args = FluentArgs::new();
        args.set("hours", minutes / 60);
        args.set("minutes", minutes % 60);
        if minutes >= 60 {
            self.t_with("console-duration-hours", &args)
        } else {
            self.t_with("console-duration-minutes", &args)
        }
    }

    /// A topic's title: the console's own when it has one (`console-topic-…`, more precise
    /// for staff), else the teen-facing clarify title.
    pub fn topic(&self, topic: &str) -> String {
        let teen = crate::engine::runner::topic_title_id(topic);
        let staff = teen.replacen("topic-", "console-topic-", 1);
        if self.app.bundle.texts.has_in(&self.lang, &staff) {
            self.t(&staff)
        } else {
            self.t(&teen)
        }
    }

    /// Why a case was opened, in words.
    pub fn reason(&self, origin: &str, reason: &str) -> String {
        let mut args = FluentArgs::new();
        args.set("what", reason.to_string());
        match origin {
            "crisis" => self.t_with("console-reason-crisis", &args),
            "command" => self.t("console-reason-command"),
            _ => self.t_with("console-reason-flow", &args),
        }
    }

    /// A sent message's delivery state, in words.
    pub fn delivery(&self, state: &str) -> String {
        match state {
            "pending" | "sending" | "in_doubt" => self.t("console-delivery-pending"),
            "sent" => self.t("console-delivery-sent"),
            "delivered" => self.t("console-delivery-delivered"),
            "read" => self.t("console-delivery-read"),
            "failed" => self.t("console-delivery-failed"),
            "held" => self.t("console-delivery-held"),
            "cancelled" => self.t("console-delivery-cancelled"),
            other => other.to_string(),
        }
    }
}

/// The language of a visitor who is not signed in (`Accept-Language`).
pub fn lang_from(headers: &HeaderMap) -> String {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.trim_start().starts_with("en") {
        "en"
    } else {
        "id"
    }
    .to_string()
}

const STYLE: &str = r#"
*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1d2125;background:#f4f6f8}
a{color:#075e54}header.top{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;background:#075e54;color:#fff;padding:8px 12px}
header.top a,header.top button{color:#fff}header.top button.secondary{background:transparent;border:1px solid rgba(255,255,255,.75)}
header.top .state{font-size:.85rem}header.top nav{display:flex;flex-wrap:wrap;gap:10px;align-items:center}
main{max-width:960px;margin:0 auto;padding:12px}h1{font-size:1.3rem;margin:.4rem 0}h2{font-size:1.05rem;margin:1rem 0 .4rem}
.card{background:#fff;border-radius:8px;padding:10px 12px;margin:8px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.case{display:block;text-decoration:none;color:inherit}.case .meta{color:#5b6770;font-size:.9rem}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.8rem;font-weight:600;background:#e3e8ec;color:#33414c}
.urgent{background:#b3261e;color:#fff}.ok{background:#d7f0db;color:#1e5a2a}.warn{background:#fff2cc;color:#6a4b00}
.lines{display:flex;flex-direction:column;gap:6px}.line{max-width:88%;padding:6px 10px;border-radius:8px;white-space:pre-wrap;word-wrap:break-word}
.teen{align-self:flex-start;background:#fff;border:1px solid #dfe5ea}.bot{align-self:flex-end;background:#eef3f7}.counsellor{align-self:flex-end;background:#dcf8c6}
.line small{display:block;color:#6b7780;font-size:.75rem}form{margin:0}
label{display:block;margin:6px 0}input,select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #c5ced6;border-radius:6px;background:#fff}
textarea{min-height:5rem}button{font:inherit;padding:8px 14px;border:0;border-radius:6px;background:#075e54;color:#fff;cursor:pointer}
button.secondary{background:#e3e8ec;color:#1d2125}.row{display:flex;flex-wrap:wrap;gap:8px;align-items:end}.row>*{flex:1 1 160px}
.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:0 8px}.checks label{margin:2px 0}.checks input{width:auto;margin-right:4px}
.inline{display:inline}.error{color:#b3261e;font-weight:600}.login{max-width:360px}table{width:100%;border-collapse:collapse;font-size:.9rem}
td,th{text-align:left;padding:4px;border-bottom:1px solid #e3e8ec;vertical-align:top}
@media (max-width:480px){main{padding:8px}.line{max-width:96%}}
"#;

/// The page around every console view.
pub fn page(
    t: &Texts,
    title: &str,
    viewer: Option<&auth::Viewer>,
    waiting: usize,
    body: Markup,
) -> Markup {
    let full_title = if waiting > 0 {
        format!("({waiting}) {title}")
    } else {
        title.to_string()
    };
    html! {
        (DOCTYPE)
        html lang=(t.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                @if let Some(v) = viewer {
                    header.top {
                        strong { a href="/console" { "Genre" } }
                        nav {
                            a href="/console" { (t.t("console-queue")) }
                            @if v.me.role == crate::store::counsellors::Role::Admin {
                                a href="/console/admin" { (t.t("console-admin")) }
                                a href="/console/audit" { (t.t("console-audit")) }
                                a href="/console/privacy" { (t.t("console-privacy")) }
                            }
                            @if v.me.role.sees_everything() {
                                a href="/console/reports" { (t.t("console-reports")) }
                            }
                            @if v.me.role.sees_everything() {
                                a href="/console/broadcasts" { (t.t("console-broadcasts")) }
                            }
                            form.inline method="post" action="/console/availability" {
                                input type="hidden" name="csrf" value=(v.csrf);
                                input type="hidden" name="available" value=(if v.me.available { "no" } else { "yes" });
                                span.state {
                                    @if v.me.available { span.badge.ok { (t.t("console-available")) } } @else { span.badge { (t.t("console-away")) } }
                                }
                                " "
                                button.secondary type="submit" title=(t.t("console-availability-hint")) {
                                    @if v.me.available { (t.t("console-go-away")) } @else { (t.t("console-go-available")) }
                                }
                            }
                            form.inline method="post" action="/console/lang" {
                                input type="hidden" name="csrf" value=(v.csrf);
                                input type="hidden" name="lang" value=(if t.lang == "en" { "id" } else { "en" });
                                button.secondary type="submit" { (if t.lang == "en" { "Bahasa Indonesia" } else { "English" }) }
                            }
                            form.inline method="post" action="/console/logout" {
                                input type="hidden" name="csrf" value=(v.csrf);
                                button.secondary type="submit" { (t.t("console-sign-out")) }
                            }
                        }
                    }
                }
                (body)
            }
        }
    }
}

/// The console texts the code uses: all must exist in Indonesian and English.
pub const TEXTS: &[&str] = &[
    "console-title",
    "console-login-name",
    "console-password",
    "console-sign-in",
    "console-sign-out",
    "console-login-wrong",
    "console-login-locked",
    "console-login-slow-down",
    "console-queue",
    "console-admin",
    "console-audit",
    "console-privacy",
    "console-export-explain",
    "console-export-address",
    "console-export",
    "console-export-none",
    "console-broadcasts",
    "console-broadcast-who",
    "console-broadcast-body",
    "console-broadcast-footer-note",
    "console-broadcast-template",
    "console-broadcast-template-note",
    "console-broadcast-none-is-all",
    "console-broadcast-preview",
    "console-broadcast-audience",
    "console-broadcast-send",
    "console-broadcast-sent",
    "console-broadcast-cancelled",
    "console-broadcast-audience-size",
    "console-broadcast-waiting",
    "console-broadcast-skipped",
    "console-broadcast-cancel",
    "console-available",
    "console-away",
    "console-availability-hint",
    "console-mine",
    "console-waiting",
    "console-others",
    "console-closed",
    "console-none",
    "console-urgent",
    "console-normal",
    "console-waited",
    "console-assigned-to",
    "console-unknown-kecamatan",
    "console-alerts",
    "console-alert-sla",
    "console-case",
    "console-topic",
    "console-kecamatan",
    "console-age-band",
    "console-status",
    "console-status-waiting",
    "console-status-assigned",
    "console-status-closed",
    "console-opened",
    "console-reason",
    "console-conversation",
    "console-reply",
    "console-send",
    "console-canned",
    "console-canned-choose",
    "console-take",
    "console-transfer",
    "console-transfer-to",
    "console-close",
    "console-outcome",
    "console-outcome-answered",
    "console-outcome-referred_puskesmas",
    "console-outcome-referred_uptd_ppa",
    "console-outcome-referred_kua",
    "console-outcome-referred_police",
    "console-outcome-no_response",
    "console-outcome-erased",
    "console-notes",
    "console-add-note",
    "console-reveal",
    "console-reveal-reason",
    "console-revealed",
    "console-window-open",
    "console-window-closed-template",
    "console-window-closed-none",
    "console-window-sms",
    "console-corrected",
    "console-erased",
    "console-back",
    "console-counsellors",
    "console-name",
    "console-role",
    "console-topics",
    "console-kecamatan-list",
    "console-capacity",
    "console-phone",
    "console-add",
    "console-disable",
    "console-disabled",
    "console-set-password",
    "console-all",
    "console-duration-minutes",
    "console-duration-hours",
    "console-alert-whatsapp",
    "console-audit-when",
    "console-audit-who",
    "console-audit-what",
    "console-not-allowed",
    "console-speaker-teen",
    "console-speaker-bot",
    "console-speaker-counsellor",
    "console-pseudonym",
    "console-channel",
    "console-canned-greeting",
    "console-canned-listening",
    "console-canned-puskesmas",
    "console-canned-sapa",
    "console-canned-closing",
    "console-go-away",
    "console-go-available",
    "console-reason-crisis",
    "console-reason-command",
    "console-reason-flow",
    "console-delivery-pending",
    "console-delivery-sent",
    "console-delivery-delivered",
    "console-delivery-read",
    "console-delivery-failed",
    "console-delivery-held",
    "console-delivery-cancelled",
    "console-topic-violence-crisis",
    "console-topic-forced-marriage-report",
    "console-topic-counsellor-request",
];

#[cfg(test)]
mod tests {
    use super::TEXTS;

    #[test]
    fn every_console_text_exists_in_indonesian_and_english() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let bundle = crate::load::load(&root.join("flows"), &root.join("locales"))
            .bundle
            .expect("bundled flows load");
        for lang in ["id", "en"] {
            let missing: Vec<_> = TEXTS
                .iter()
                .chain(super::reports::TEXTS)
                .filter(|id| !bundle.texts.has_in(lang, id))
                .collect();
            assert!(
                missing.is_empty(),
                "missing in locales/{lang}/console.ftl: {missing:?}"
            );
        }
    }

    #[test]
    fn every_console_text_the_code_names_is_listed() {
        // The list above is what the test checks, so a text used in code but forgotten there
        // would go unchecked: look for `"console-…"` literals in the console's sources.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/console");
        let literal = regex::Regex::new(r#""(console-[a-z0-9_-]*[a-z0-9])""#).unwrap();
        for entry in std::fs::read_dir(dir).unwrap() {
            let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for m in literal.captures_iter(&source) {
                let id = &m[1];
                assert!(
                    TEXTS.contains(&id) || super::reports::TEXTS.contains(&id),
                    "`{id}` is used in src/console but not listed in console::TEXTS"
                );
            }
        }
    }
}
