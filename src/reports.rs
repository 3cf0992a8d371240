//! Reports for programme staff: what the programme reached in a period, as aggregate figures
//! only (`/console/reports` and `genre report`).
//!
//! A period is a range of whole days in Asia/Jakarta time (`--from 2026-11-01 --to 2026-11-30`
//! covers 1 November 00:00 WIB up to 1 December 00:00 WIB). Every figure is computed here, in
//! Rust, from a few plain queries that read the same on SQLite and PostgreSQL: percentiles are
//! not left to either database, so both backends give the same answers.
//!
//! # Small counts
//!
//! A count from 1 to 4 is never shown ("<5"; `null` in JSON): with so few teens, someone who
//! knows the district could tell who they are. Zero is shown: it names nobody. A median, a
//! percentile, a score or a depth drawn from fewer than 5 cases or teens is suppressed the same
//! way. Totals are shown, so a single suppressed cell in a row that adds up to a shown total could
//! be worked out by subtraction: whenever a sum that is published (or that can be derived from
//! published figures, such as "returning teens in a kecamatan" = "teens reached there" minus "new
//! teens there") has exactly one suppressed term, another non-zero term is suppressed too (one
//! that also protects another sum if there is one, else the smallest), until no published sum
//! has a single unknown (`Protect`). Suppressed cells are all shown alike, so the reader
//! cannot tell a small one from one hidden to protect it.
//!
//! # What is counted
//!
//! Staff phones (supervisor alerts) are never counted. Contacts who erased their data (HAPUS)
//! are left out of the teen figures (reach and the invite cascade), since nothing is left to
//! describe them; their anonymous traces (topics asked, cases, feedback) are still counted, and
//! their flow runs are not (the link between a run's events is cut at erasure).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Asia::Jakarta;
use serde_json::{Map, Value, json};

use crate::store::{Db, Result, on_db};

/// Counts below this (and figures drawn from fewer teens or cases) are suppressed.
pub const MIN_COUNT: u64 = 5;
/// The longest period one report covers.
pub const MAX_DAYS: u64 = 366;

const DAY_MS: i64 = 86_400_000;
const WEEK_MS: i64 = 7 * DAY_MS;
/// The label of a kecamatan or an age band the teen did not give.
pub const UNKNOWN: &str = "unknown";
/// The "node" of an unfinished run that never reached a question.
pub const NO_NODE: &str = "(start)";

// ----- the period -----

/// Whole days, Asia/Jakarta time, `from` and `to` included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// A period, if `to` is not before `from` and it spans at most [`MAX_DAYS`].
    pub fn new(from: NaiveDate, to: NaiveDate) -> std::result::Result<Period, String> {
        if to < from {
            return Err(format!("the period ends ({to}) before it starts ({from})"));
        }
        if (to - from).num_days() as u64 >= MAX_DAYS {
            return Err(format!("a report covers at most {MAX_DAYS} days"));
        }
        Ok(Period { from, to })
    }

    /// Reads `YYYY-MM-DD` dates.
    pub fn parse(from: &str, to: &str) -> std::result::Result<Period, String> {
        let date = |s: &str| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| format!("`{s}` is not a date like 2026-11-30"))
        };
        Period::new(date(from)?, date(to)?)
    }

    /// The `days` days that end with the day of `now_ms` (Jakarta time).
    pub fn last_days(now_ms: i64, days: u64) -> Period {
        let to = jakarta_date(now_ms);
        let from = to
            .checked_sub_days(Days::new(days.clamp(1, MAX_DAYS) - 1))
            .unwrap_or(to);
        Period { from, to }
    }

    /// The `weeks` complete ISO weeks (Monday to Sunday, Jakarta time) before the week of
    /// `now_ms`: the default report, so that no week in it is half over.
    pub fn last_complete_weeks(now_ms: i64, weeks: u64) -> Period {
        let today = jakarta_date(now_ms);
        let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
        let to = monday - Days::new(1);
        let from = monday - Days::new(7 * weeks.clamp(1, MAX_DAYS / 7));
        Period { from, to }
    }

    /// The first millisecond of the period.
    pub fn start_ms(&self) -> i64 {
        jakarta_midnight(self.from)
    }

    /// The first millisecond after the period.
    pub fn end_ms(&self) -> i64 {
        jakarta_midnight(self.to) + DAY_MS
    }

    /// The ISO weeks (Monday to Sunday) the period touches, each cut to the period.
    pub fn weeks(&self) -> Vec<Week> {
        let mut weeks = Vec::new();
        let mut day = self.from;
        while day <= self.to {
            let sunday = day + Days::new(6 - u64::from(day.weekday().num_days_from_monday()));
            let last = sunday.min(self.to);
            let iso = day.iso_week();
            weeks.push(Week {
                year: iso.year(),
                week: iso.week(),
                from: day,
                to: last,
            });
            day = last + Days::new(1);
        }
        weeks
    }

    /// The Monday the first week starts on (weeks are counted from it).
    fn first_monday_ms(&self) -> i64 {
        let monday = self.from - Days::new(u64::from(self.from.weekday().num_days_from_monday()));
        jakarta_midnight(monday)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} – {}", self.from, self.to)
    }
}

/// One ISO week of a period (cut to the period at either end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Week {
    pub year: i32,
    pub week: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Week {
    /// `2026-W48`.
    pub fn label(&self) -> String {
        format!("{}-W{:02}", self.year, self.week)
    }

    fn start_ms(&self) -> i64 {
        jakarta_midnight(self.from)
    }

    fn end_ms(&self) -> i64 {
        jakarta_midnight(self.to) + DAY_MS
    }
}

/// Midnight at the start of `day` in Jakarta, in milliseconds since the epoch.
fn jakarta_midnight(day: NaiveDate) -> i64 {
    let local = day.and_time(NaiveTime::MIN);
    Jakarta
        .from_local_datetime(&local)
        .earliest()
        // Jakarta has had no clock change since 1964; UTC+7 is the answer anyway.
        .map_or(local.and_utc().timestamp_millis() - 7 * 3_600_000, |t| {
            t.timestamp_millis()
        })
}

/// The Jakarta date of a moment.
pub fn jakarta_date(ms: i64) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&Jakarta)
        .date_naive()
}

// ----- counts, suppressed or not -----

/// A count as published: its value, or suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(Slot);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Shown(u64),
    Suppressed,
    /// While the report is built: a cell of [`Protect`], not yet decided.
    Pending(usize),
}

impl Count {
    /// The value, or `None` when it is suppressed.
    pub fn value(self) -> Option<u64> {
        match self.0 {
            Slot::Shown(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_suppressed(self) -> bool {
        self.value().is_none()
    }

    fn json(self) -> Value {
        self.value().map_or(Value::Null, Value::from)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value() {
            Some(n) => write!(f, "{n}"),
            None => f.write_str("<5"),
        }
    }
}

/// A figure that is not a count (a median, a score, a depth): `None` when drawn from fewer
/// than [`MIN_COUNT`] teens or cases.
pub fn show<T: fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "<5".to_string(), |v| v.to_string())
}

/// The cells of a report and the sums readers can check, to decide which cells to suppress.
#[derive(Default)]
struct Protect {
    values: Vec<u64>,
    /// Each sum: the total first, then its parts.
    sums: Vec<Vec<usize>>,
}

impl Protect {
    fn cell(&mut self, value: u64) -> Count {
        self.values.push(value);
        Count(Slot::Pending(self.values.len() - 1))
    }

    fn id(count: Count) -> usize {
        match count.0 {
            Slot::Pending(i) => i,
            _ => unreachable!("only cells of this report are summed"),
        }
    }

    /// `total` = the sum of `parts`, and a reader can see (or work out) all of them.
    fn sum(&mut self, total: Count, parts: &[Count]) {
        let mut line = vec![Self::id(total)];
        line.extend(parts.iter().map(|c| Self::id(*c)));
        self.sums.push(line);
    }

    /// Which cells are suppressed: the small ones, then, while some sum has exactly one
    /// suppressed term, one more of its non-zero parts (or its total, when no part is left):
    /// preferably one that also protects another sum with a single suppressed term, else the
    /// smallest. This is a greedy rule, not the least suppression possible, but it never
    /// leaves a sum with a single unknown.
    fn solve(&self) -> Vec<bool> {
        let mut hidden: Vec<bool> = self
            .values
            .iter()
            .map(|v| (1..MIN_COUNT).contains(v))
            .collect();
        let unknowns =
            |line: &[usize], hidden: &[bool]| line.iter().filter(|i| hidden[**i]).count();
        loop {
            let mut changed = false;
            for (n, line) in self.sums.iter().enumerate() {
                if unknowns(line, &hidden) != 1 {
                    continue;
                }
                let visible = |i: &usize| !hidden[*i] && self.values[*i] > 0;
                let helps = |i: usize| {
                    self.sums.iter().enumerate().any(|(m, other)| {
                        m != n && other.contains(&i) && unknowns(other, &hidden) == 1
                    })
                };
                let next = line[1..]
                    .iter()
                    .copied()
                    .filter(visible)
                    .min_by_key(|i| (!helps(*i), self.values[*i], *i))
                    .or_else(|| Some(line[0]).filter(visible));
                if let Some(i) = next {
                    hidden[i] = true;
                    changed = true;
                }
            }
            if !changed {
                return hidden;
            }
        }
    }
}

/// The `q` quantile (0 to 1) of sorted values, interpolated between the closest ranks (the
/// method of numpy's default and of spreadsheets' PERCENTILE.INC): the median of 1, 2, 3, 4 is
/// 2.5, their 90th percentile 3.7.
pub fn quantile(sorted: &[i64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * q.clamp(0.0, 1.0);
    let low = h.floor() as usize;
    let high = (low + 1).min(last);
    let (a, b) = (sorted[low] as f64, sorted[high] as f64);
    Some(a + (h - low as f64) * (b - a))
}

// ----- the report -----

/// One labelled count (a kecamatan, an age band, a topic, a node).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub count: Count,
}

/// Every figure of a period, suppression applied.
#[derive(Debug, Clone)]
pub struct Report {
    pub period: Period,
    pub reach: Reach,
    /// Questions asked, by topic (an event per question the bot understood or routed).
    pub topics: Vec<Row>,
    pub topics_total: Count,
    pub flows: Vec<FlowFigure>,
    pub cases: Cases,
    pub feedback: Feedback,
    pub cascade: Cascade,
}

/// Teens who wrote to the bot.
#[derive(Debug, Clone)]
pub struct Reach {
    /// Teens who wrote in the period.
    pub teens: Count,
    /// Of them, those whose first message was in the period.
    pub new: Count,
    /// Of them, those who first wrote before.
    pub returning: Count,
    pub weeks: Vec<WeekReach>,
    /// The teens of the period by their kecamatan ([`UNKNOWN`] when not given).
    pub by_kecamatan: Vec<Row>,
    /// The teens of the period by age band ([`UNKNOWN`] when not given).
    pub by_age_band: Vec<Row>,
}

/// Teens who wrote in one week (new: first message that week).
#[derive(Debug, Clone)]
pub struct WeekReach {
    pub week: Week,
    pub teens: Count,
    pub new: Count,
    pub returning: Count,
}

/// Runs of one flow that started in the period.
#[derive(Debug, Clone)]
pub struct FlowFigure {
    pub flow: String,
    pub started: Count,
    /// Runs that reached an end (or handed over to another flow or a counsellor).
    pub completed: Count,
    pub unfinished: Count,
    /// Where the unfinished runs stopped: the last question the teen was asked.
    pub stopped_at: Vec<Row>,
}

/// Cases for human counsellors opened in the period.
#[derive(Debug, Clone)]
pub struct Cases {
    pub total: Count,
    pub urgent: Count,
    pub normal: Count,
    pub by_topic: Vec<CaseTopic>,
    /// Time to the first human reply: urgent cases, normal cases, all.
    pub reply_times: Vec<ReplyTime>,
    /// Urgent cases nobody answered within the SLA (the dispatcher alerted supervisors).
    pub sla_breaches: Count,
}

#[derive(Debug, Clone)]
pub struct CaseTopic {
    pub topic: String,
    pub urgent: Count,
    pub normal: Count,
    pub total: Count,
}

/// How long cases waited for a counsellor's first message.
#[derive(Debug, Clone)]
pub struct ReplyTime {
    /// `urgent`, `normal` or `all`.
    pub group: String,
    /// Cases of the group that got a human reply.
    pub replied: Count,
    /// Seconds; `None` with fewer than [`MIN_COUNT`] replied cases.
    pub median_s: Option<i64>,
    pub p90_s: Option<i64>,
}

/// The answers to "did this help?" after a case closed.
#[derive(Debug, Clone)]
pub struct Feedback {
    pub answers: Count,
    pub helped: Count,
    pub not_helped: Count,
    /// Percent of answers that said it helped (rounded); `None` when any part is suppressed.
    pub score: Option<u32>,
}

/// Who brought whom: teens who joined in the period, by generation of the invite tree.
#[derive(Debug, Clone)]
pub struct Cascade {
    /// Teens who joined in the period (the same teens as `reach.new`).
    pub teens: Count,
    /// Of them, those who came with a friend's invite.
    pub invited: Count,
    /// Generation 0 came without an invite; generation n+1 was invited by generation n (the
    /// inviter may have joined before the period).
    pub generations: Vec<Generation>,
    /// The highest generation among them; `None` with fewer than 5 teens.
    pub depth: Option<u32>,
    pub by_kecamatan: Vec<CascadeKecamatan>,
}

#[derive(Debug, Clone)]
pub struct Generation {
    pub generation: u32,
    pub teens: Count,
    /// Teens of the next generation (joined in the period): those this generation brought.
    pub brought: Count,
}

#[derive(Debug, Clone)]
pub struct CascadeKecamatan {
    pub kecamatan: String,
    pub teens: Count,
    pub without_invite: Count,
    pub invited: Count,
    pub depth: Option<u32>,
}

// ----- what is read from the database -----

/// A contact (never a staff phone) created before the end of the period.
#[derive(Debug, Clone)]
struct Contact {
    created_at: i64,
    kecamatan: Option<String>,
    age_band: Option<String>,
    invited_by: Option<i64>,
    erased: bool,
}

#[derive(Debug, Clone)]
struct Case {
    topic: String,
    urgent: bool,
    opened_at: i64,
    first_reply_at: Option<i64>,
    sla_alerted: bool,
}

/// The rows a report is computed from.
#[derive(Debug, Default)]
struct Raw {
    contacts: HashMap<i64, Contact>,
    /// (contact, week number counted from the first Monday) for each week the contact wrote.
    activity: Vec<(i64, i64)>,
    topics: Vec<(String, i64)>,
    /// Runs started in the period: (contact, run, flow).
    runs: Vec<(i64, i64, String)>,
    /// Later events of runs: (contact, run, kind, node), in order.
    run_events: Vec<(i64, i64, String, Option<String>)>,
    cases: Vec<Case>,
    feedback: Vec<(String, i64)>,
}

type ContactRow = (i64, i64, Option<String>, Option<String>, Option<i64>, bool);
type CaseRowRaw = (String, bool, i64, Option<i64>, Option<i64>);

impl Raw {
    async fn load(db: &Db, period: &Period) -> Result<Raw> {
        let (start, end) = (period.start_ms(), period.end_ms());
        let monday = period.first_monday_ms();
        on_db!(db, pool => {
            let contacts: Vec<ContactRow> = sqlx::query_as(
                "select id, created_at, kecamatan, age_band, invited_by,
                        (erased_at is not null or erasing) as erased
                 from contacts where not staff and created_at < $1")
                .bind(end)
                .fetch_all(pool)
                .await?;
            // Messages from teens (not the system's own rows: case closed, counsellor joined).
            let activity: Vec<(i64, i64)> = sqlx::query_as(
                "select contact_id, (received_at - $1) / $2 as week from inbound
                 where received_at >= $3 and received_at < $4 and channel <> 'system'
                 group by contact_id, (received_at - $1) / $2")
                .bind(monday)
                .bind(WEEK_MS)
                .bind(start)
                .bind(end)
                .fetch_all(pool)
                .await?;
            let topics: Vec<(String, i64)> = sqlx::query_as(
                "select coalesce(topic, ''), count(*) from events
                 where kind = 'topic' and at >= $1 and at < $2 group by coalesce(topic, '')")
                .bind(start)
                .bind(end)
                .fetch_all(pool)
                .await?;
            let runs: Vec<(i64, i64, String)> = sqlx::query_as(
                "select contact_ref, run, coalesce(flow, '') from events
                 where kind = 'flow_started' and at >= $1 and at < $2
                   and contact_ref is not null and run is not null")
                .bind(start)
                .bind(end)
                .fetch_all(pool)
                .await?;
            // A run that started in the period may finish after it.
            let run_events: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
                "select contact_ref, run, kind, node from events
                 where kind in ('flow_finished', 'node_reached') and at >= $1
                   and contact_ref is not null and run is not null
                 order by at, id")
                .bind(start)
                .fetch_all(pool)
                .await?;
            let cases: Vec<CaseRowRaw> = sqlx::query_as(
                "select k.topic, k.urgent, k.opened_at, k.first_reply_at, k.sla_alerted_at
                 from cases k join contacts c on c.id = k.contact_id
                 where not c.staff and k.opened_at >= $1 and k.opened_at < $2")
                .bind(start)
                .bind(end)
                .fetch_all(pool)
                .await?;
            let feedback: Vec<(String, i64)> = sqlx::query_as(
                "select coalesce(value, ''), count(*) from events
                 where kind = 'feedback' and at >= $1 and at < $2 group by coalesce(value, '')")
                .bind(start)
                .bind(end)
                .fetch_all(pool)
                .await?;
            Ok(Raw {
                contacts: contacts
                    .into_iter()
                    .map(|(id, created_at, kecamatan, age_band, invited_by, erased)| {
                        (id, Contact { created_at, kecamatan, age_band, invited_by, erased })
                    })
                    .collect(),
                activity,
                topics,
                runs,
                run_events,
                cases: cases
                    .into_iter()
                    .map(|(topic, urgent, opened_at, first_reply_at, sla)| Case {
                        topic,
                        urgent,
                        opened_at,
                        first_reply_at,
                        sla_alerted: sla.is_some(),
                    })
                    .collect(),
                feedback,
            })
        })
    }
}

impl Report {
    /// Reads the period's rows and computes every figure.
    pub async fn build(db: &Db, period: Period) -> Result<Report> {
        let raw = Raw::load(db, &period).await?;
        Ok(Report::compute(period, &raw))
    }

    fn compute(period: Period, raw: &Raw) -> Report {
        let mut p = Protect::default();
        let (start, end) = (period.start_ms(), period.end_ms());
        let weeks = period.weeks();

        // --- reach ---
        let counted = |id: &i64| raw.contacts.get(id).is_some_and(|c| !c.erased);
        let mut active: BTreeSet<i64> = BTreeSet::new();
        let mut active_by_week: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); weeks.len()];
        // Week numbers count from the Monday of the first week, which may start before the
        // period: the first week of the list is number `offset`.
        let offset = (period.start_ms() - period.first_monday_ms()) / WEEK_MS;
        for (id, week) in &raw.activity {
            if !counted(id) {
                continue;
            }
            active.insert(*id);
            if let Some(set) = usize::try_from(week - offset)
                .ok()
                .and_then(|i| active_by_week.get_mut(i))
            {
                set.insert(*id);
            }
        }
        // A contact is created by its first message, even if that row is gone since.
        for (id, c) in &raw.contacts {
            if c.erased || c.created_at < start || c.created_at >= end {
                continue;
            }
            active.insert(*id);
            if let Some(i) = weeks
                .iter()
                .position(|w| c.created_at >= w.start_ms() && c.created_at < w.end_ms())
            {
                active_by_week[i].insert(*id);
            }
        }
        let is_new = |id: &i64, from: i64, to: i64| {
            raw.contacts
                .get(id)
                .is_some_and(|c| c.created_at >= from && c.created_at < to)
        };
        let new_ids: BTreeSet<i64> = active
            .iter()
            .copied()
            .filter(|id| is_new(id, start, end))
            .collect();
        let teens = p.cell(active.len() as u64);
        let new = p.cell(new_ids.len() as u64);
        let returning = p.cell((active.len() - new_ids.len()) as u64);
        p.sum(teens, &[new, returning]);
        let mut week_rows = Vec::new();
        for (week, ids) in weeks.iter().zip(&active_by_week) {
            let fresh = ids
                .iter()
                .filter(|id| is_new(id, week.start_ms(), week.end_ms()))
                .count();
            let all = p.cell(ids.len() as u64);
            let n = p.cell(fresh as u64);
            let r = p.cell((ids.len() - fresh) as u64);
            p.sum(all, &[n, r]);
            week_rows.push(WeekReach {
                week: *week,
                teens: all,
                new: n,
                returning: r,
            });
        }
        let new_by_week: Vec<Count> = week_rows.iter().map(|w| w.new).collect();
        p.sum(new, &new_by_week);

        let label = |v: &Option<String>| v.clone().unwrap_or_else(|| UNKNOWN.to_string());
        let mut by_kecamatan: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        let mut by_age: BTreeMap<String, u64> = BTreeMap::new();
        for id in &active {
            let c = &raw.contacts[id];
            let entry = by_kecamatan.entry(label(&c.kecamatan)).or_default();
            entry.0 += 1;
            if new_ids.contains(id) {
                entry.1 += 1;
            }
            *by_age.entry(label(&c.age_band)).or_default() += 1;
        }
        // The kecamatan cells, and the new teens of each kecamatan (the cascade shows them):
        // returning = reached − new is a sum readers can work out.
        let mut kecamatan_cells: Vec<(String, Count, Count)> = Vec::new();
        for (k, (all, fresh)) in &by_kecamatan {
            let all_cell = p.cell(*all);
            let new_cell = p.cell(*fresh);
            let returning_cell = p.cell(all - fresh);
            p.sum(all_cell, &[new_cell, returning_cell]);
            kecamatan_cells.push((k.clone(), all_cell, new_cell));
        }
        let parts: Vec<Count> = kecamatan_cells.iter().map(|(_, c, _)| *c).collect();
        p.sum(teens, &parts);
        let mut age_rows: Vec<Row> = by_age
            .iter()
            .map(|(band, n)| Row {
                label: band.clone(),
                count: p.cell(*n),
            })
            .collect();
        age_rows.sort_by_key(|r| age_band_order(&r.label));
        let parts: Vec<Count> = age_rows.iter().map(|r| r.count).collect();
        p.sum(teens, &parts);

        // --- the invite cascade: the teens who joined in the period ---
        let generation = generations(&raw.contacts);
        let mut gen_counts: BTreeMap<u32, u64> = BTreeMap::new();
        // kecamatan -> (without invite, invited, depth)
        let mut cascade_k: BTreeMap<String, (u64, u64, u32)> = BTreeMap::new();
        for id in &new_ids {
            let g = generation.get(id).copied().unwrap_or(0);
            *gen_counts.entry(g).or_default() += 1;
            let entry = cascade_k
                .entry(label(&raw.contacts[id].kecamatan))
                .or_default();
            if g == 0 {
                entry.0 += 1;
            } else {
                entry.1 += 1;
            }
            entry.2 = entry.2.max(g);
        }
        let depth_raw = gen_counts.keys().next_back().copied().unwrap_or(0);
        let gen_cells: Vec<(u32, Count)> = (0..=depth_raw)
            .map(|g| (g, p.cell(gen_counts.get(&g).copied().unwrap_or(0))))
            .collect();
        let invited_raw: u64 = gen_counts.range(1..).map(|(_, n)| n).sum();
        let invited = p.cell(invited_raw);
        let gen_parts: Vec<Count> = gen_cells.iter().map(|(_, c)| *c).collect();
        p.sum(new, &gen_parts);
        p.sum(new, &[gen_cells[0].1, invited]);
        p.sum(invited, &gen_parts[1..]);
        let mut cascade_rows = Vec::new();
        for (k, (without, with, depth)) in &cascade_k {
            let all_cell = kecamatan_cells
                .iter()
                .find(|(name, _, _)| name == k)
                .map(|(_, _, n)| *n)
                .unwrap_or_else(|| p.cell(without + with));
            let w0 = p.cell(*without);
            let w1 = p.cell(*with);
            p.sum(all_cell, &[w0, w1]);
            cascade_rows.push((k.clone(), all_cell, w0, w1, *depth, without + with));
        }
        let column: Vec<Count> = cascade_rows.iter().map(|r| r.2).collect();
        p.sum(gen_cells[0].1, &column);
        let column: Vec<Count> = cascade_rows.iter().map(|r| r.3).collect();
        p.sum(invited, &column);
        let column: Vec<Count> = cascade_rows.iter().map(|r| r.1).collect();
        p.sum(new, &column);

        // --- topics ---
        let topic_rows: Vec<Row> = raw
            .topics
            .iter()
            .map(|(topic, n)| Row {
                label: topic.clone(),
                count: p.cell(*n as u64),
            })
            .collect();
        let topics_total = p.cell(raw.topics.iter().map(|(_, n)| *n as u64).sum());
        let parts: Vec<Count> = topic_rows.iter().map(|r| r.count).collect();
        p.sum(topics_total, &parts);

        // --- flows: runs started in the period, of teens who did not erase their data ---
        // (contact, run) -> (finished, last node reached)
        let mut fate: HashMap<(i64, i64), (bool, Option<&str>)> = raw
            .runs
            .iter()
            .map(|(c, r, _)| ((*c, *r), (false, None)))
            .collect();
        for (c, r, kind, node) in &raw.run_events {
            if let Some(f) = fate.get_mut(&(*c, *r)) {
                match kind.as_str() {
                    "flow_finished" => f.0 = true,
                    _ => f.1 = node.as_deref().or(f.1),
                }
            }
        }
        // flow -> (started, completed, node -> unfinished runs)
        let mut flows: BTreeMap<&str, (u64, u64, BTreeMap<&str, u64>)> = BTreeMap::new();
        let mut seen: HashSet<(i64, i64)> = HashSet::new();
        for (c, r, flow) in &raw.runs {
            if !seen.insert((*c, *r)) {
                continue;
            }
            let entry = flows.entry(flow.as_str()).or_default();
            entry.0 += 1;
            match fate.get(&(*c, *r)) {
                Some((true, _)) => entry.1 += 1,
                Some((false, node)) => *entry.2.entry(node.unwrap_or(NO_NODE)).or_default() += 1,
                None => {}
            }
        }
        let mut flow_rows = Vec::new();
        for (flow, (started, completed, nodes)) in &flows {
            let s = p.cell(*started);
            let c = p.cell(*completed);
            let u = p.cell(started - completed);
            p.sum(s, &[c, u]);
            let stopped_at: Vec<Row> = nodes
                .iter()
                .map(|(node, n)| Row {
                    label: node.to_string(),
                    count: p.cell(*n),
                })
                .collect();
            let parts: Vec<Count> = stopped_at.iter().map(|r| r.count).collect();
            p.sum(u, &parts);
            flow_rows.push(FlowFigure {
                flow: flow.to_string(),
                started: s,
                completed: c,
                unfinished: u,
                stopped_at,
            });
        }

        // --- cases ---
        let n_urgent = raw.cases.iter().filter(|c| c.urgent).count() as u64;
        let n_all = raw.cases.len() as u64;
        let total = p.cell(n_all);
        let urgent = p.cell(n_urgent);
        let normal = p.cell(n_all - n_urgent);
        p.sum(total, &[urgent, normal]);
        let mut per_topic: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
        for c in &raw.cases {
            let e = per_topic.entry(c.topic.as_str()).or_default();
            if c.urgent {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        let mut case_topics = Vec::new();
        for (topic, (u, n)) in &per_topic {
            let uc = p.cell(*u);
            let nc = p.cell(*n);
            let tc = p.cell(u + n);
            p.sum(tc, &[uc, nc]);
            case_topics.push(CaseTopic {
                topic: topic.to_string(),
                urgent: uc,
                normal: nc,
                total: tc,
            });
        }
        let column: Vec<Count> = case_topics.iter().map(|t| t.urgent).collect();
        p.sum(urgent, &column);
        let column: Vec<Count> = case_topics.iter().map(|t| t.normal).collect();
        p.sum(normal, &column);
        let column: Vec<Count> = case_topics.iter().map(|t| t.total).collect();
        p.sum(total, &column);
        let breaches_raw = raw.cases.iter().filter(|c| c.sla_alerted).count() as u64;
        let sla_breaches = p.cell(breaches_raw);
        let others = p.cell(n_all - breaches_raw);
        p.sum(total, &[sla_breaches, others]);
        let mut reply_times = Vec::new();
        for (group, cell, keep) in [
            ("urgent", urgent, Some(true)),
            ("normal", normal, Some(false)),
            ("all", total, None),
        ] {
            let mut waits: Vec<i64> = raw
                .cases
                .iter()
                .filter(|c| keep.is_none_or(|u| c.urgent == u))
                .filter_map(|c| c.first_reply_at.map(|at| (at - c.opened_at).max(0)))
                .collect();
            waits.sort_unstable();
            let of_group = raw
                .cases
                .iter()
                .filter(|c| keep.is_none_or(|u| c.urgent == u))
                .count() as u64;
            let replied = p.cell(waits.len() as u64);
            let unanswered = p.cell(of_group - waits.len() as u64);
            p.sum(cell, &[replied, unanswered]);
            let enough = waits.len() as u64 >= MIN_COUNT;
            let seconds = |q: f64| {
                quantile(&waits, q)
                    .filter(|_| enough)
                    .map(|ms| (ms / 1000.0).round() as i64)
            };
            reply_times.push(ReplyTime {
                group: group.to_string(),
                replied,
                median_s: seconds(0.5),
                p90_s: seconds(0.9),
            });
        }

        // --- feedback ---
        let answer = |value: &str| {
            raw.feedback
                .iter()
                .filter(|(v, _)| v == value)
                .map(|(_, n)| *n as u64)
                .sum::<u64>()
        };
        let all_answers: u64 = raw.feedback.iter().map(|(_, n)| *n as u64).sum();
        let (helped_raw, not_helped_raw) = (answer("helped"), answer("not_helped"));
        let answers = p.cell(all_answers);
        let helped = p.cell(helped_raw);
        let not_helped = p.cell(not_helped_raw);
        let other_answers = p.cell(all_answers - helped_raw - not_helped_raw);
        p.sum(answers, &[helped, not_helped, other_answers]);

        // --- decide, then publish ---
        let hidden = p.solve();
        let decide = |c: Count| match c.0 {
            Slot::Pending(i) if hidden[i] => Count(Slot::Suppressed),
            Slot::Pending(i) => Count(Slot::Shown(p.values[i])),
            _ => c,
        };
        let decide_rows = |rows: Vec<Row>| -> Vec<Row> {
            rows.into_iter()
                .map(|r| Row {
                    label: r.label,
                    count: decide(r.count),
                })
                .collect()
        };

        let kecamatan_rows: Vec<Row> = kecamatan_cells
            .iter()
            .map(|(k, c, _)| Row {
                label: k.clone(),
                count: decide(*c),
            })
            .collect();
        let reach = Reach {
            teens: decide(teens),
            new: decide(new),
            returning: decide(returning),
            weeks: week_rows
                .into_iter()
                .map(|w| WeekReach {
                    week: w.week,
                    teens: decide(w.teens),
                    new: decide(w.new),
                    returning: decide(w.returning),
                })
                .collect(),
            by_kecamatan: unknown_last(kecamatan_rows),
            by_age_band: decide_rows(age_rows),
        };

        let enough_teens = new_ids.len() as u64 >= MIN_COUNT;
        let generations: Vec<Generation> = gen_cells
            .iter()
            .map(|(g, c)| Generation {
                generation: *g,
                teens: decide(*c),
                brought: gen_cells
                    .get(*g as usize + 1)
                    .map_or(Count(Slot::Shown(0)), |(_, next)| decide(*next)),
            })
            .collect();
        let mut by_kecamatan: Vec<CascadeKecamatan> = cascade_rows
            .iter()
            .map(|(k, all, w0, w1, depth, n)| CascadeKecamatan {
                kecamatan: k.clone(),
                teens: decide(*all),
                without_invite: decide(*w0),
                invited: decide(*w1),
                depth: Some(*depth).filter(|_| *n >= MIN_COUNT),
            })
            .collect();
        by_kecamatan.sort_by_key(|r| r.kecamatan == UNKNOWN);
        let cascade = Cascade {
            teens: decide(new),
            invited: decide(invited),
            generations,
            depth: Some(depth_raw).filter(|_| enough_teens),
            by_kecamatan,
        };

        let mut topics = decide_rows(topic_rows);
        // Biggest first; suppressed ones after, by name, so their order says nothing.
        topics.sort_by(|a, b| {
            b.count
                .value()
                .cmp(&a.count.value())
                .then_with(|| a.label.cmp(&b.label))
        });

        let flows = flow_rows
            .into_iter()
            .map(|f| FlowFigure {
                flow: f.flow,
                started: decide(f.started),
                completed: decide(f.completed),
                unfinished: decide(f.unfinished),
                stopped_at: decide_rows(f.stopped_at),
            })
            .collect();

        let cases = Cases {
            total: decide(total),
            urgent: decide(urgent),
            normal: decide(normal),
            by_topic: case_topics
                .into_iter()
                .map(|t| CaseTopic {
                    topic: t.topic,
                    urgent: decide(t.urgent),
                    normal: decide(t.normal),
                    total: decide(t.total),
                })
                .collect(),
            reply_times: reply_times
                .into_iter()
                .map(|r| ReplyTime {
                    replied: decide(r.replied),
                    ..r
                })
                .collect(),
            sla_breaches: decide(sla_breaches),
        };

        let (answers, helped, not_helped) = (decide(answers), decide(helped), decide(not_helped));
        let score = match (answers.value(), helped.value(), not_helped.value()) {
            (Some(all), Some(yes), Some(_)) if all >= MIN_COUNT => {
                Some(((yes * 100 + all / 2) / all) as u32)
            }
            _ => None,
        };

        Report {
            period,
            reach,
            topics,
            topics_total: decide(topics_total),
            flows,
            cases,
            feedback: Feedback {
                answers,
                helped,
                not_helped,
                score,
            },
            cascade,
        }
    }
}

/// Each contact's generation in the invite tree: 0 without an inviter (or when the inviter is
/// unknown: erased, a staff phone), else the inviter's plus one. A loop (two teens who each
/// entered the other's code on their first day) is cut where it closes.
fn generations(contacts: &HashMap<i64, Contact>) -> HashMap<i64, u32> {
    let mut done: HashMap<i64, u32> = HashMap::new();
    for start in contacts.keys() {
        let mut chain = Vec::new();
        let mut on_chain = HashSet::new();
        let mut at = *start;
        let base = loop {
            if let Some(g) = done.get(&at) {
                break g + 1;
            }
            chain.push(at);
            on_chain.insert(at);
            match contacts.get(&at).and_then(|c| c.invited_by) {
                Some(parent) if contacts.contains_key(&parent) && !on_chain.contains(&parent) => {
                    at = parent
                }
                _ => break 0,
            }
        };
        for (i, id) in chain.iter().rev().enumerate() {
            done.insert(*id, base + i as u32);
        }
    }
    done
}

fn age_band_order(band: &str) -> (usize, String) {
    let known = ["under-13", "13-15", "16-17", "18-24"];
    match known.iter().position(|b| *b == band) {
        Some(i) => (i, String::new()),
        None if band == UNKNOWN => (usize::MAX, String::new()),
        None => (known.len(), band.to_string()),
    }
}

fn unknown_last(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by_key(|r| r.label == UNKNOWN);
    rows
}

// ----- exports -----

/// What `genre report` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

/// `genre report`: the period's report in `format`, recorded in the audit log (no console
/// account: the actor is empty, the target says `cli`).
pub async fn export(
    url: &crate::store::DatabaseUrl,
    period: Period,
    format: Format,
) -> Result<String> {
    let db = Db::connect(url).await?;
    let report = Report::build(&db, period).await;
    if report.is_ok() {
        let now = chrono::Utc::now().timestamp_millis();
        let format_name = match format {
            Format::Csv => "csv",
            Format::Json => "json",
        };
        let target = format!("{}..{}", period.from, period.to);
        if let Err(e) = db
            .audit(
                now,
                None,
                "report.export",
                &target,
                &format!("cli {format_name}"),
            )
            .await
        {
            tracing::warn!(error = %e, "the export could not be written to the audit log");
        }
    }
    db.close().await;
    let report = report?;
    Ok(match format {
        Format::Csv => report.to_csv(),
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
            text.push('\n');
            text
        }
    })
}

impl Report {
    /// The report as one CSV table: `figure,key,measure,value`, a suppressed value written
    /// `<5`, times in seconds, the score in percent.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("figure,key,measure,value\n");
        let mut line = |figure: &str, key: &str, measure: &str, value: String| {
            out.push_str(&format!(
                "{},{},{},{}\n",
                csv_field(figure),
                csv_field(key),
                csv_field(measure),
                csv_field(&value)
            ));
        };
        line("period", "", "from", self.period.from.to_string());
        line("period", "", "to", self.period.to.to_string());
        line("period", "", "time_zone", "Asia/Jakarta".into());
        let r = &self.reach;
        line("teens", "all", "teens", r.teens.to_string());
        line("teens", "all", "new", r.new.to_string());
        line("teens", "all", "returning", r.returning.to_string());
        for w in &r.weeks {
            let key = w.week.label();
            line("teens_by_week", &key, "from", w.week.from.to_string());
            line("teens_by_week", &key, "to", w.week.to.to_string());
            line("teens_by_week", &key, "teens", w.teens.to_string());
            line("teens_by_week", &key, "new", w.new.to_string());
            line("teens_by_week", &key, "returning", w.returning.to_string());
        }
        for row in &r.by_kecamatan {
            line(
                "teens_by_kecamatan",
                &row.label,
                "teens",
                row.count.to_string(),
            );
        }
        for row in &r.by_age_band {
            line(
                "teens_by_age_band",
                &row.label,
                "teens",
                row.count.to_string(),
            );
        }
        line("topics", "all", "asked", self.topics_total.to_string());
        for row in &self.topics {
            line("topics", &row.label, "asked", row.count.to_string());
        }
        for f in &self.flows {
            line("flows", &f.flow, "started", f.started.to_string());
            line("flows", &f.flow, "completed", f.completed.to_string());
            line("flows", &f.flow, "unfinished", f.unfinished.to_string());
            for stop in &f.stopped_at {
                let key = format!("{}/{}", f.flow, stop.label);
                line("flow_stops", &key, "unfinished", stop.count.to_string());
            }
        }
        let c = &self.cases;
        line("cases", "all", "cases", c.total.to_string());
        line("cases", "all", "urgent", c.urgent.to_string());
        line("cases", "all", "normal", c.normal.to_string());
        line("cases", "all", "sla_breaches", c.sla_breaches.to_string());
        for t in &c.by_topic {
            line("cases_by_topic", &t.topic, "urgent", t.urgent.to_string());
            line("cases_by_topic", &t.topic, "normal", t.normal.to_string());
            line("cases_by_topic", &t.topic, "cases", t.total.to_string());
        }
        for t in &c.reply_times {
            line("first_reply", &t.group, "replied", t.replied.to_string());
            line("first_reply", &t.group, "median_seconds", show(t.median_s));
            line("first_reply", &t.group, "p90_seconds", show(t.p90_s));
        }
        let f = &self.feedback;
        line("feedback", "all", "answers", f.answers.to_string());
        line("feedback", "all", "helped", f.helped.to_string());
        line("feedback", "all", "not_helped", f.not_helped.to_string());
        line("feedback", "all", "score_percent", show(f.score));
        let k = &self.cascade;
        line("cascade", "all", "teens", k.teens.to_string());
        line("cascade", "all", "invited", k.invited.to_string());
        line("cascade", "all", "depth", show(k.depth));
        for g in &k.generations {
            let key = g.generation.to_string();
            line("cascade_by_generation", &key, "teens", g.teens.to_string());
            line(
                "cascade_by_generation",
                &key,
                "brought",
                g.brought.to_string(),
            );
        }
        for row in &k.by_kecamatan {
            let key = &row.kecamatan;
            line("cascade_by_kecamatan", key, "teens", row.teens.to_string());
            line(
                "cascade_by_kecamatan",
                key,
                "without_invite",
                row.without_invite.to_string(),
            );
            line(
                "cascade_by_kecamatan",
                key,
                "invited",
                row.invited.to_string(),
            );
            line("cascade_by_kecamatan", key, "depth", show(row.depth));
        }
        out
    }

    /// The report as JSON. A suppressed figure is `null`, and the object holding it says
    /// `"suppressed": true`.
    pub fn to_json(&self) -> Value {
        let r = &self.reach;
        let c = &self.cases;
        let f = &self.feedback;
        let k = &self.cascade;
        json!({
            "period": {
                "from": self.period.from.to_string(),
                "to": self.period.to.to_string(),
                "time_zone": "Asia/Jakarta",
            },
            "suppression": {
                "below": MIN_COUNT,
                "note": "null (with \"suppressed\": true on its object) is a count from 1 to 4, \
                         a figure drawn from fewer than 5 teens or cases, or a count hidden so \
                         that such a count cannot be worked out from a total",
            },
            "teens": marked(json!({
                "teens": r.teens.json(),
                "new": r.new.json(),
                "returning": r.returning.json(),
                "by_week": r.weeks.iter().map(|w| marked(json!({
                    "week": w.week.label(),
                    "from": w.week.from.to_string(),
                    "to": w.week.to.to_string(),
                    "teens": w.teens.json(),
                    "new": w.new.json(),
                    "returning": w.returning.json(),
                }))).collect::<Vec<_>>(),
                "by_kecamatan": rows_json(&r.by_kecamatan, "kecamatan", "teens"),
                "by_age_band": rows_json(&r.by_age_band, "age_band", "teens"),
            })),
            "topics": marked(json!({
                "asked": self.topics_total.json(),
                "by_topic": rows_json(&self.topics, "topic", "asked"),
            })),
            "flows": self.flows.iter().map(|fl| marked(json!({
                "flow": fl.flow,
                "started": fl.started.json(),
                "completed": fl.completed.json(),
                "unfinished": fl.unfinished.json(),
                "stopped_at": rows_json(&fl.stopped_at, "node", "runs"),
            }))).collect::<Vec<_>>(),
            "cases": marked(json!({
                "cases": c.total.json(),
                "urgent": c.urgent.json(),
                "normal": c.normal.json(),
                "sla_breaches": c.sla_breaches.json(),
                "by_topic": c.by_topic.iter().map(|t| marked(json!({
                    "topic": t.topic,
                    "urgent": t.urgent.json(),
                    "normal": t.normal.json(),
                    "cases": t.total.json(),
                }))).collect::<Vec<_>>(),
                "first_reply": c.reply_times.iter().map(|t| marked(json!({
                    "group": t.group,
                    "replied": t.replied.json(),
                    "median_seconds": t.median_s,
                    "p90_seconds": t.p90_s,
                }))).collect::<Vec<_>>(),
            })),
            "feedback": marked(json!({
                "answers": f.answers.json(),
                "helped": f.helped.json(),
                "not_helped": f.not_helped.json(),
                "score_percent": f.score,
            })),
            "cascade": marked(json!({
                "teens": k.teens.json(),
                "invited": k.invited.json(),
                "depth": k.depth,
                "by_generation": k.generations.iter().map(|g| marked(json!({
                    "generation": g.generation,
                    "teens": g.teens.json(),
                    "brought": g.brought.json(),
                }))).collect::<Vec<_>>(),
                "by_kecamatan": k.by_kecamatan.iter().map(|row| marked(json!({
                    "kecamatan": row.kecamatan,
                    "teens": row.teens.json(),
                    "without_invite": row.without_invite.json(),
                    "invited": row.invited.json(),
                    "depth": row.depth,
                }))).collect::<Vec<_>>(),
            })),
        })
    }
}

/// Adds `"suppressed": true` to an object with a null value of its own.
fn marked(value: Value) -> Value {
    match value {
        Value::Object(mut map) => {
            if map.values().any(Value::is_null) {
                map.insert("suppressed".into(), Value::Bool(true));
            }
            Value::Object(map)
        }
        other => other,
    }
}

fn rows_json(rows: &[Row], label: &str, measure: &str) -> Value {
    Value::Array(
        rows.iter()
            .map(|r| {
                let mut map = Map::new();
                map.insert(label.into(), Value::from(r.label.clone()));
                map.insert(measure.into(), r.count.json());
                marked(Value::Object(map))
            })
            .collect(),
    )
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_report_is_the_last_four_complete_weeks() {
        // Wednesday 2026-12-09, 10:00 in Jakarta.
        let now = jakarta_midnight(NaiveDate::from_ymd_opt(2026, 12, 9).unwrap()) + 10 * 3_600_000;
        let p = Period::last_complete_weeks(now, 4);
        assert_eq!(p.from, NaiveDate::from_ymd_opt(2026, 11, 9).unwrap());
        assert_eq!(p.to, NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
        assert_eq!(p.weeks().len(), 4);
        // On a Monday the week just ended is the last one.
        let monday = jakarta_midnight(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap());
        assert_eq!(
            Period::last_complete_weeks(monday, 4).to,
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
        );
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_is_whole_jakarta_days_cut_into_iso_weeks() {
        let p = Period::parse("2026-11-01", "2026-11-30").unwrap();
        // 2026-11-01 00:00 WIB = 2026-10-31 17:00 UTC.
        assert_eq!(p.start_ms(), 1_793_466_000_000);
        assert_eq!(p.end_ms() - p.start_ms(), 30 * DAY_MS);
        let weeks: Vec<(String, String, String)> = p
            .weeks()
            .iter()
            .map(|w| (w.label(), w.from.to_string(), w.to.to_string()))
            .collect();
        assert_eq!(
            weeks[0],
            ("2026-W44".into(), "2026-11-01".into(), "2026-11-01".into())
        );
        assert_eq!(
            weeks[1],
            ("2026-W45".into(), "2026-11-02".into(), "2026-11-08".into())
        );
        assert_eq!(
            weeks[5],
            ("2026-W49".into(), "2026-11-30".into(), "2026-11-30".into())
        );
        assert_eq!(weeks.len(), 6);
        // ISO years differ from calendar years around New Year.
        let p = Period::parse("2026-12-28", "2027-01-03").unwrap();
        assert_eq!(p.weeks()[0].label(), "2026-W53");
        assert!(Period::parse("2026-11-30", "2026-11-01").is_err());
        assert!(Period::parse("2026-11-31", "2026-12-01").is_err());
        assert!(Period::parse("2025-01-01", "2026-12-31").is_err());
        assert_eq!(jakarta_date(p.start_ms()), date("2026-12-28"));
        assert_eq!(jakarta_date(p.start_ms() - 1), date("2026-12-27"));
    }

    #[test]
    fn quantiles_interpolate_between_ranks() {
        assert_eq!(quantile(&[1, 2, 3, 4], 0.5), Some(2.5));
        assert!((quantile(&[1, 2, 3, 4], 0.9).unwrap() - 3.7).abs() < 1e-9);
        assert_eq!(quantile(&[7], 0.9), Some(7.0));
        assert_eq!(quantile(&[], 0.5), None);
    }

    fn solved(values: &[u64], sums: &[&[usize]]) -> Vec<bool> {
        let mut p = Protect::default();
        let cells: Vec<Count> = values.iter().map(|v| p.cell(*v)).collect();
        for s in sums {
            let parts: Vec<Count> = s[1..].iter().map(|i| cells[*i]).collect();
            p.sum(cells[s[0]], &parts);
        }
        p.solve()
    }

    #[test]
    fn a_lone_small_cell_takes_the_next_smallest_with_it() {
        // total 20 = 3 + 9 + 8 + 0: 3 is small, and 8 goes too, or 3 = 20 − 9 − 8.
        let hidden = solved(&[20, 3, 9, 8, 0], &[&[0, 1, 2, 3, 4]]);
        assert_eq!(hidden, [false, true, false, true, false]);
        // Two small cells already protect each other.
        let hidden = solved(&[20, 3, 2, 15], &[&[0, 1, 2, 3]]);
        assert_eq!(hidden, [false, true, true, false]);
        // Zero and large counts are shown.
        let hidden = solved(&[0, 5, 12], &[]);
        assert_eq!(hidden, [false, false, false]);
    }

    #[test]
    fn suppression_spreads_across_sums_that_share_cells() {
        // A 2×2 table with row and column totals: a = 2 is small; hiding b (row) leaves b's
        // column with one unknown, so d goes too, and then c's row... until every sum has none
        // or at least two unknowns.
        //        col1 col2 | row
        //  row1   a=2  b=9 |  11
        //  row2   c=6  d=7 |  13
        //  col    8    16  |  24
        let (a, b, c, d, r1, r2, c1, c2, t) = (0, 1, 2, 3, 4, 5, 6, 7, 8);
        let hidden = solved(
            &[2, 9, 6, 7, 11, 13, 8, 16, 24],
            &[
                &[r1, a, b],
                &[r2, c, d],
                &[c1, a, c],
                &[c2, b, d],
                &[t, r1, r2],
                &[t, c1, c2],
            ],
        );
        assert!(hidden[a] && hidden[b] && hidden[c] && hidden[d]);
        assert!(!hidden[t]);
    }

    #[test]
    fn the_extra_cell_suppressed_is_one_that_also_protects_another_sum() {
        // Cases by topic: urgent column 9 = 0 + 2 + 0 + 7, totals column 23 = 9 + 2 + 5 + 7,
        // and the row of the 7: 7 = 7 + 0. Hiding the 7 of the urgent column leaves its row with
        // one unknown; the totals column then hides that row's total (7), not the smaller 5.
        let (u, u1, u2, u3, u4) = (0, 1, 2, 3, 4);
        let (t, t1, t2, t3, t4) = (5, 6, 7, 8, 9);
        let n4 = 10;
        let hidden = solved(
            &[9, 0, 2, 0, 7, 23, 9, 2, 5, 7, 0],
            &[&[u, u1, u2, u3, u4], &[t, t1, t2, t3, t4], &[t4, u4, n4]],
        );
        let names = [
            "u", "u1", "u2", "u3", "u4", "t", "t1", "t2", "t3", "t4", "n4",
        ];
        let suppressed: Vec<&str> = names
            .iter()
            .zip(&hidden)
            .filter(|(_, h)| **h)
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(suppressed, ["u2", "u4", "t2", "t4"]);
    }

    #[test]
    fn generations_follow_invites_and_survive_a_loop() {
        let contact = |invited_by: Option<i64>| Contact {
            created_at: 0,
            kecamatan: None,
            age_band: None,
            invited_by,
            erased: false,
        };
        let contacts: HashMap<i64, Contact> = [
            (1, contact(None)),
            (2, contact(Some(1))),
            (3, contact(Some(2))),
            (4, contact(Some(99))), // inviter not counted
            (5, contact(Some(6))),
            (6, contact(Some(5))),
        ]
        .into_iter()
        .collect();
        let g = generations(&contacts);
        assert_eq!((g[&1], g[&2], g[&3], g[&4]), (0, 1, 2, 0));
        assert!(g[&5] + g[&6] == 1, "a loop is cut once: {g:?}");
    }

    #[test]
    fn csv_fields_with_commas_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("x"), "x");
    }
}
