//! `/console/reports`: the programme's figures for a period, for supervisors and admins, as
//! bar charts drawn here in SVG (no script, no CDN: it works offline and on a 360-pixel phone)
//! with the numbers in a table under each chart, and as CSV or JSON downloads. Every view and
//! download is written to the audit log. The figures are computed by [`crate::reports`].

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use fluent_bundle::FluentArgs;
use maud::{Markup, display, html};
use serde::Deserialize;

use super::auth::Viewer;
use super::{Texts, page};
use crate::app::AppState;
use crate::reports::{Count, NO_NODE, Period, Report, Row, UNKNOWN, show};

/// The console texts this page uses (checked with the others by `console`'s tests).
pub const TEXTS: &[&str] = &[
    "console-reports",
    "console-reports-from",
    "console-reports-to",
    "console-reports-show",
    "console-reports-download-csv",
    "console-reports-download-json",
    "console-reports-period",
    "console-reports-bad-period",
    "console-reports-privacy",
    "console-reports-reach",
    "console-reports-reach-hint",
    "console-reports-teens",
    "console-reports-new",
    "console-reports-returning",
    "console-reports-week",
    "console-reports-by-week",
    "console-reports-by-kecamatan",
    "console-reports-by-age-band",
    "console-reports-unknown",
    "console-reports-topics",
    "console-reports-topic",
    "console-reports-asked",
    "console-reports-total",
    "console-reports-topic-trigger",
    "console-reports-flows",
    "console-reports-flows-hint",
    "console-reports-flow",
    "console-reports-started",
    "console-reports-completed",
    "console-reports-unfinished",
    "console-reports-stopped-at",
    "console-reports-no-node",
    "console-reports-cases",
    "console-reports-urgent",
    "console-reports-normal",
    "console-reports-all",
    "console-reports-sla-breaches",
    "console-reports-first-reply",
    "console-reports-replied",
    "console-reports-median",
    "console-reports-p90",
    "console-reports-seconds",
    "console-reports-feedback",
    "console-reports-answers",
    "console-reports-helped",
    "console-reports-not-helped",
    "console-reports-score",
    "console-reports-cascade",
    "console-reports-cascade-hint",
    "console-reports-generation",
    "console-reports-brought",
    "console-reports-invited",
    "console-reports-without-invite",
    "console-reports-depth",
    "console-reports-none",
];

/// The query string: the period (default: the last 28 days) and an optional download format.
#[derive(Debug, Deserialize)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
}

/// `GET /console/reports[?from=YYYY-MM-DD&to=YYYY-MM-DD][&format=csv|json]`
pub async fn reports(
    State(app): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ReportQuery>,
) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if !viewer.me.role.sees_everything() {
        return (StatusCode::FORBIDDEN, t.t("console-not-allowed")).into_response();
    }
    let now = app.clock.now_ms();
    let period = match (query.from.as_deref(), query.to.as_deref()) {
        (None | Some(""), None | Some("")) => Ok(Period::last_days(now, 28)),
        (from, to) => Period::parse(from.unwrap_or_default(), to.unwrap_or_default()),
    };
    let period = match period {
        Ok(p) => p,
        Err(why) => {
            let body = html! {
                main {
                    h1 { (t.t("console-reports")) }
                    (period_form(&t, None))
                    p.error { (t.t("console-reports-bad-period")) " (" (why) ")" }
                }
            };
            let html = page(&t, &t.t("console-reports"), Some(&viewer), 0, body);
            return (StatusCode::BAD_REQUEST, Html(html.into_string())).into_response();
        }
    };
    let format = match query.format.as_deref() {
        Some("csv") => "csv",
        Some("json") => "json",
        _ => "html",
    };
    let action = if format == "html" {
        "report.view"
    } else {
        "report.export"
    };
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            action,
            &format!("{}..{}", period.from, period.to),
            format,
        )
        .await;
    let report = match Report::build(&app.db, period).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "report failed");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "something went wrong; try again\n",
            )
                .into_response();
        }
    };
    let file = format!("genre-report-{}-{}", period.from, period.to);
    match format {
        "csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}.csv\""),
                ),
            ],
            report.to_csv(),
        )
            .into_response(),
        "json" => (
            [
                (header::CONTENT_TYPE, "application/json".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{file}.json\""),
                ),
            ],
            serde_json::to_string_pretty(&report.to_json()).unwrap_or_default(),
        )
            .into_response(),
        _ => {
            let body = report_markup(&app, &t, &report);
            Html(page(&t, &t.t("console-reports"), Some(&viewer), 0, body).into_string())
                .into_response()
        }
    }
}

fn period_form(t: &Texts, period: Option<&Period>) -> Markup {
    html! {
        form.card.row method="get" action="/console/reports" {
            label { (t.t("console-reports-from")) input type="date" name="from" required value=[period.map(|p| p.from.to_string())]; }
            label { (t.t("console-reports-to")) input type="date" name="to" required value=[period.map(|p| p.to.to_string())]; }
            div { button type="submit" { (t.t("console-reports-show")) } }
        }
    }
}

/// Names for the page: kecamatan from the services directory, topics as staff know them.
struct Names<'a> {
    app: &'a AppState,
    t: &'a Texts<'a>,
}

impl Names<'_> {
    fn kecamatan(&self, id: &str) -> String {
        if id == UNKNOWN {
            return self.t.t("console-reports-unknown");
        }
        self.app
            .bundle
            .directory
            .kecamatan
            .iter()
            .find(|k| k.id == id)
            .map_or_else(|| id.to_string(), |k| k.name.clone())
    }

    fn age_band(&self, band: &str) -> String {
        if band == UNKNOWN {
            self.t.t("console-reports-unknown")
        } else {
            band.to_string()
        }
    }

    fn topic(&self, topic: &str) -> String {
        if topic == "trigger" {
            return self.t.t("console-reports-topic-trigger");
        }
        let teen = crate::engine::runner::topic_title_id(topic);
        let staff = teen.replacen("topic-", "console-topic-", 1);
        let texts = &self.app.bundle.texts;
        if texts.has_in(&self.t.lang, &staff) || texts.has_in(&self.t.lang, &teen) {
            self.t.topic(topic)
        } else {
            topic.to_string()
        }
    }

    fn node(&self, node: &str) -> String {
        if node == NO_NODE {
            self.t.t("console-reports-no-node")
        } else {
            node.to_string()
        }
    }

    /// Seconds as `45 dtk`, `12 mnt` or `1 jam 5 mnt`.
    fn seconds(&self, value: Option<i64>) -> String {
        match value {
            None => show::<i64>(None),
            Some(s) if s < 60 => {
                let mut args = FluentArgs::new();
                args.set("seconds", s);
                self.t.t_with("console-reports-seconds", &args)
            }
            Some(s) => self.t.duration(s * 1000),
        }
    }
}

fn report_markup(app: &AppState, t: &Texts, report: &Report) -> Markup {
    let names = Names { app, t };
    let r = &report.reach;
    let mut args = FluentArgs::new();
    args.set("from", report.period.from.to_string());
    args.set("to", report.period.to.to_string());
    let query = format!("from={}&to={}", report.period.from, report.period.to);
    let (teens, new, returning) = (
        t.t("console-reports-teens"),
        t.t("console-reports-new"),
        t.t("console-reports-returning"),
    );
    let weeks: Vec<(String, Vec<Count>)> = r
        .weeks
        .iter()
        .map(|w| {
            (
                format!(
                    "{} ({} – {})",
                    w.week.label(),
                    w.week.from.format("%d/%m"),
                    w.week.to.format("%d/%m")
                ),
                vec![w.new, w.returning, w.teens],
            )
        })
        .collect();
    let kecamatan = labelled(&r.by_kecamatan, |k| names.kecamatan(k));
    let ages = labelled(&r.by_age_band, |b| names.age_band(b));
    let topics = labelled(&report.topics, |x| names.topic(x));
    let flows: Vec<(String, Vec<Count>)> = report
        .flows
        .iter()
        .map(|f| (f.flow.clone(), vec![f.started, f.completed, f.unfinished]))
        .collect();
    let c = &report.cases;
    let case_topics: Vec<(String, Vec<Count>)> = c
        .by_topic
        .iter()
        .map(|x| (names.topic(&x.topic), vec![x.urgent, x.normal, x.total]))
        .collect();
    let group = |g: &str| match g {
        "urgent" => t.t("console-reports-urgent"),
        "normal" => t.t("console-reports-normal"),
        _ => t.t("console-reports-all"),
    };
    let f = &report.feedback;
    let k = &report.cascade;
    let generations: Vec<(String, Vec<Count>)> = k
        .generations
        .iter()
        .map(|g| (g.generation.to_string(), vec![g.teens, g.brought]))
        .collect();
    let cascade_k: Vec<(String, Vec<Count>)> = k
        .by_kecamatan
        .iter()
        .map(|row| {
            (
                names.kecamatan(&row.kecamatan),
                vec![row.teens, row.without_invite, row.invited],
            )
        })
        .collect();
    html! {
        main {
            h1 { (t.t("console-reports")) }
            (period_form(t, Some(&report.period)))
            p {
                (t.t_with("console-reports-period", &args)) " · "
                a href=(format!("/console/reports?{query}&format=csv")) { (t.t("console-reports-download-csv")) } " · "
                a href=(format!("/console/reports?{query}&format=json")) { (t.t("console-reports-download-json")) }
            }
            p.meta { small { (t.t("console-reports-privacy")) } }

            h2 { (t.t("console-reports-reach")) }
            div.card {
                p {
                    (teens) ": " strong { (display(r.teens)) } " · " (new) ": " strong { (display(r.new)) } " · " (returning) ": " strong { (display(r.returning)) }
                }
                p.meta { small { (t.t("console-reports-reach-hint")) } }
                h2 { (t.t("console-reports-by-week")) }
                (figure(t, &t.t("console-reports-by-week"), &t.t("console-reports-week"), &[&new, &returning, &teens], &weeks, 2))
                h2 { (t.t("console-reports-by-kecamatan")) }
                (figure(t, &t.t("console-reports-by-kecamatan"), &t.t("console-kecamatan"), &[&teens], &kecamatan, 1))
                h2 { (t.t("console-reports-by-age-band")) }
                (figure(t, &t.t("console-reports-by-age-band"), &t.t("console-age-band"), &[&teens], &ages, 1))
            }

            h2 { (t.t("console-reports-topics")) }
            div.card {
                p { (t.t("console-reports-asked")) ": " strong { (display(report.topics_total)) } }
                (figure(t, &t.t("console-reports-topics"), &t.t("console-reports-topic"), &[&t.t("console-reports-asked")], &topics, 1))
            }

            h2 { (t.t("console-reports-flows")) }
            div.card {
                p.meta { small { (t.t("console-reports-flows-hint")) } }
                (figure(
                    t,
                    &t.t("console-reports-flows"),
                    &t.t("console-reports-flow"),
                    &[&t.t("console-reports-started"), &t.t("console-reports-completed"), &t.t("console-reports-unfinished")],
                    &flows,
                    3,
                ))
                @for fl in report.flows.iter().filter(|fl| !fl.stopped_at.is_empty()) {
                    h2 { (t.t("console-reports-stopped-at")) ": " (fl.flow) }
                    (figure(
                        t,
                        &format!("{}: {}", t.t("console-reports-stopped-at"), fl.flow),
                        &t.t("console-reports-stopped-at"),
                        &[&t.t("console-reports-unfinished")],
                        &labelled(&fl.stopped_at, |n| names.node(n)),
                        1,
                    ))
                }
            }

            h2 { (t.t("console-reports-cases")) }
            div.card {
                p {
                    (t.t("console-reports-total")) ": " strong { (display(c.total)) } " · "
                    (t.t("console-reports-urgent")) ": " strong { (display(c.urgent)) } " · "
                    (t.t("console-reports-normal")) ": " strong { (display(c.normal)) }
                }
                p { (t.t("console-reports-sla-breaches")) ": " strong { (display(c.sla_breaches)) } }
                (figure(
                    t,
                    &t.t("console-reports-cases"),
                    &t.t("console-reports-topic"),
                    &[&t.t("console-reports-urgent"), &t.t("console-reports-normal"), &t.t("console-reports-total")],
                    &case_topics,
                    2,
                ))
                h2 { (t.t("console-reports-first-reply")) }
                table {
                    tr { th {} th { (t.t("console-reports-replied")) } th { (t.t("console-reports-median")) } th { (t.t("console-reports-p90")) } }
                    @for x in &c.reply_times {
                        tr { td { (group(&x.group)) } td { (display(x.replied)) } td { (names.seconds(x.median_s)) } td { (names.seconds(x.p90_s)) } }
                    }
                }
            }

            h2 { (t.t("console-reports-feedback")) }
            div.card {
                p { (t.t("console-reports-score")) ": " strong { (show(f.score.map(|s| format!("{s}%")))) } }
                (figure(
                    t,
                    &t.t("console-reports-feedback"),
                    &t.t("console-reports-answers"),
                    &[&t.t("console-reports-answers")],
                    &[
                        (t.t("console-reports-helped"), vec![f.helped]),
                        (t.t("console-reports-not-helped"), vec![f.not_helped]),
                        (t.t("console-reports-total"), vec![f.answers]),
                    ],
                    1,
                ))
            }

            h2 { (t.t("console-reports-cascade")) }
            div.card {
                p.meta { small { (t.t("console-reports-cascade-hint")) } }
                p {
                    (t.t("console-reports-teens")) ": " strong { (display(k.teens)) } " · "
                    (t.t("console-reports-invited")) ": " strong { (display(k.invited)) } " · "
                    (t.t("console-reports-depth")) ": " strong { (show(k.depth)) }
                }
                (figure(
                    t,
                    &t.t("console-reports-cascade"),
                    &t.t("console-reports-generation"),
                    &[&t.t("console-reports-teens"), &t.t("console-reports-brought")],
                    &generations,
                    1,
                ))
                h2 { (t.t("console-reports-by-kecamatan")) }
                (figure(
                    t,
                    &format!("{}: {}", t.t("console-reports-cascade"), t.t("console-reports-by-kecamatan")),
                    &t.t("console-kecamatan"),
                    &[&t.t("console-reports-teens"), &t.t("console-reports-without-invite"), &t.t("console-reports-invited")],
                    &cascade_k,
                    3,
                ))
                table {
                    tr { th { (t.t("console-kecamatan")) } th { (t.t("console-reports-depth")) } }
                    @for row in &k.by_kecamatan {
                        tr { td { (names.kecamatan(&row.kecamatan)) } td { (show(row.depth)) } }
                    }
                }
            }
        }
    }
}

/// One series of labelled counts, named for the page.
fn labelled(rows: &[Row], name: impl Fn(&str) -> String) -> Vec<(String, Vec<Count>)> {
    rows.iter()
        .map(|row| (name(&row.label), vec![row.count]))
        .collect()
}

/// A chart of the first `bars` series and a table of every series, or a line saying there is
/// nothing to show.
fn figure(
    t: &Texts,
    title: &str,
    label: &str,
    series: &[&str],
    rows: &[(String, Vec<Count>)],
    bars: usize,
) -> Markup {
    if rows.is_empty() {
        return html! { p.meta { (t.t("console-reports-none")) } };
    }
    html! {
        (bar_chart(title, &series[..bars.min(series.len())], rows))
        table {
            tr { th { (label) } @for s in series { th { (s) } } }
            @for (name, counts) in rows {
                tr { td { (name) } @for c in counts { td { (display(c)) } } }
            }
        }
    }
}

const COLOURS: [&str; 3] = ["#075e54", "#8cc5b9", "#d98c1f"];
/// The drawing's own units: scaled to the page's width (at most 640 pixels).
const WIDTH: f64 = 320.0;
const VALUE_ROOM: f64 = 34.0;
const BAR: f64 = 10.0;
const LABEL: f64 = 15.0;

/// Horizontal bars, one group per row, each row's name above its bars and each bar's value at
/// its end; a suppressed value gets no bar, only `<5`.
fn bar_chart(title: &str, series: &[&str], rows: &[(String, Vec<Count>)]) -> Markup {
    let max = rows
        .iter()
        .flat_map(|(_, counts)| counts.iter().take(series.len()))
        .filter_map(|c| c.value())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    // The legend: one line per series (names are long in Indonesian), none for a single one.
    let legend = if series.len() > 1 {
        series.len() as f64 * 14.0 + 4.0
    } else {
        0.0
    };
    let row_height = LABEL + series.len() as f64 * (BAR + 2.0) + 6.0;
    let height = legend + rows.len() as f64 * row_height;
    let scale = (WIDTH - VALUE_ROOM) / max;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}")) width="100%"
            style="max-width:640px;display:block;margin:6px 0" role="img" aria-label=(title)
            font-family="system-ui,sans-serif" font-size="11" {
            title { (title) }
            @if series.len() > 1 {
                @for (i, name) in series.iter().enumerate() {
                    rect x="0" y=(i as f64 * 14.0 + 2.0) width="9" height="9" fill=(COLOURS[i % 3]) {}
                    text x="13" y=(i as f64 * 14.0 + 10.0) { (truncate(name, 48)) }
                }
            }
            @for (n, (name, counts)) in rows.iter().enumerate() {
                @let top = legend + n as f64 * row_height;
                text x="0" y=(top + 11.0) fill="#1d2125" { (truncate(name, 52)) }
                @for (i, count) in counts.iter().take(series.len()).enumerate() {
                    @let y = top + LABEL + i as f64 * (BAR + 2.0);
                    @let length = count.value().map_or(0.0, |v| v as f64 * scale);
                    @if length > 0.0 {
                        rect x="0" y=(y) width=(format!("{length:.1}")) height=(BAR) fill=(COLOURS[i % 3]) {}
                    }
                    text x=(format!("{:.1}", length + 3.0)) y=(y + BAR - 1.0) fill="#33414c" { (display(count)) }
                }
            }
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut cut: String = s.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}
