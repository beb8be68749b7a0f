//! The roster's overview: one row per athlete, read back from the report
//! each athlete's run left (`latest/summary.json` and `latest/ingest.csv`),
//! so a row says exactly what that athlete's report says. Written as
//! `roster.csv` and as a sortable `index.html` linking each report.

use super::Outcome;
use crate::error::{Error, Result};
use crate::report::document::escape;
use serde_json::Value;
use std::path::Path;

/// One athlete's row.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Name.
    pub athlete: String,
    /// Folder under the roster's output.
    pub slug: String,
    /// ISO week of their latest report.
    pub week: Option<String>,
    /// Headline change of speed at the reference heart rate, percent.
    pub change_pct: Option<f64>,
    /// Its 95 % interval.
    pub ci95_pct: Option<[f64; 2]>,
    /// Whether the interval leaves out no change.
    pub clear: Option<bool>,
    /// The runner's usual wander, percent.
    pub wander_pct: Option<f64>,
    /// This week's running distance, km.
    pub week_km: Option<f64>,
    /// This week's strength sessions.
    pub week_strength: Option<u64>,
    /// This week's scheduling conflicts.
    pub week_conflicts: Option<u64>,
    /// Fitness, fatigue and form on the last day (training load, lifting counted).
    pub load: [Option<f64>; 3],
    /// Last local day with data.
    pub last_data: Option<String>,
    /// Files that could not be read, as the report names them.
    pub failed_files: Vec<String>,
    /// `ok`, or why there is no report.
    pub status: String,
}

/// Files whose status in an `ingest.csv` is `failed`.
fn failed(ingest_csv: &Path) -> Vec<String> {
    let Ok(mut r) = csv::Reader::from_path(ingest_csv) else {
        return Vec::new();
    };
    let head = r.headers().cloned().unwrap_or_default();
    let col = |n: &str| head.iter().position(|h| h == n);
    let (Some(path), Some(status)) = (col("path"), col("status")) else {
        return Vec::new();
    };
    (r.records().flatten())
        .filter(|rec| rec.get(status) == Some("failed"))
        .filter_map(|rec| rec.get(path).map(str::to_string))
        .collect()
}

/// The row of one athlete's outcome; `out` is the roster's output folder,
/// `base` the roster file's folder (left out of the messages).
pub fn row(o: &Outcome, out: &Path, base: &Path) -> Row {
    let latest = out.join(&o.slug).join("latest");
    let summary: Value = std::fs::read_to_string(latest.join("summary.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let speed = &summary["effort"]["speed_at_reference_hr"];
    let week = &summary["this_week"];
    let ci = speed["ci95_pct"]
        .as_array()
        .and_then(|c| Some([c.first()?.as_f64()?, c.get(1)?.as_f64()?]));
    Row {
        athlete: o.athlete.name.clone(),
        slug: o.slug.clone(),
        week: summary["week"].as_str().map(str::to_string),
        change_pct: speed["change_pct"].as_f64(),
        ci95_pct: ci,
        clear: speed["clear"].as_bool(),
        wander_pct: speed["wander"].as_f64(),
        week_km: week["distance_km"].as_f64(),
        week_strength: week["strength_sessions"].as_u64(),
        week_conflicts: week["conflicts"].as_u64(),
        load: ["fitness", "fatigue", "form"].map(|k| summary["load"][k].as_f64()),
        last_data: summary["data_range"]["to"].as_str().map(str::to_string),
        failed_files: failed(&latest.join("ingest.csv")),
        status: match &o.written {
            Ok(_) => "ok".into(),
            Err(why) if base.as_os_str().is_empty() => why.clone(),
            Err(why) => why.replace(&format!("{}/", base.display()), ""),
        },
    }
}

fn num(x: Option<f64>, d: usize) -> String {
    x.map_or(String::new(), |v| format!("{v:.d$}"))
}

/// The cells of a row, in the order of [`HEAD`].
fn cells(r: &Row) -> Vec<String> {
    vec![
        r.athlete.clone(),
        r.week.clone().unwrap_or_default(),
        num(r.change_pct, 2),
        num(r.ci95_pct.map(|c| c[0]), 2),
        num(r.ci95_pct.map(|c| c[1]), 2),
        r.clear.map_or(String::new(), |c| c.to_string()),
        num(r.wander_pct, 2),
        num(r.week_km, 2),
        r.week_strength.map_or(String::new(), |n| n.to_string()),
        r.week_conflicts.map_or(String::new(), |n| n.to_string()),
        num(r.load[0], 1),
        num(r.load[1], 1),
        num(r.load[2], 1),
        r.last_data.clone().unwrap_or_default(),
        r.failed_files.len().to_string(),
        r.failed_files.join("; "),
        r.status.clone(),
        r.week
            .as_ref()
            .map_or(String::new(), |_| format!("{}/latest/index.html", r.slug)),
    ]
}

/// Columns of `roster.csv` (and of the page).
pub const HEAD: [&str; 18] = [
    "athlete",
    "week",
    "change_pct",
    "ci95_low_pct",
    "ci95_high_pct",
    "clear",
    "wander_pct",
    "week_distance_km",
    "week_strength_sessions",
    "week_conflicts",
    "fitness",
    "fatigue",
    "form",
    "last_data",
    "files_failed",
    "failed_files",
    "status",
    "report",
];

/// `roster.csv`.
pub fn csv(rows: &[Row]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::Output(format!("roster.csv: {e}"));
    w.write_record(HEAD).map_err(err)?;
    for r in rows {
        w.write_record(cells(r)).map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| Error::Output(format!("roster.csv: {e}")))
}

/// Sorts the table by the clicked column (a cell that is one number, with
/// an optional sign, `±` or `%`, as that number; dates and names as text),
/// again to reverse.
const SORT: &str = "document.querySelectorAll('th').forEach((th,i)=>th.addEventListener('click',()=>{\
const t=th.closest('table'),b=t.tBodies[0],rows=[...b.rows],up=th.dataset.up!=='1';th.dataset.up=up?'1':'0';\
const v=r=>{const s=r.cells[i].innerText.trim(),m=s.replace('±','').match(/^([-+]?[0-9]+([.][0-9]+)?)( %)?$/);return m?parseFloat(m[1]):s.toLowerCase();};\
rows.sort((a,c)=>{const x=v(a),y=v(c);return (x>y?1:x<y?-1:0)*(up?1:-1);});rows.forEach(r=>b.appendChild(r));}));";

/// The overview page: one table, sortable by any column, each athlete linked to their report.
pub fn html(rows: &[Row]) -> String {
    let shown = [
        "athlete",
        "week",
        "change",
        "95 % interval",
        "clear",
        "wander",
        "km this week",
        "strength this week",
        "conflicts this week",
        "fitness",
        "fatigue",
        "form",
        "data to",
        "files not read",
        "reports",
    ];
    let mut s = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>runlift roster</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;color:#212529}\
         table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #dee2e6;padding:.3em .6em}\
         th{cursor:pointer;background:#f1f3f5}.bad{color:#c92a2a}</style>\n</head>\n<body>\n\
         <h1>runlift roster</h1>\n<p>Speed at each runner's reference heart rate, recent against baseline (positive = faster at the same heart rate). Click a column to sort.</p>\n<table>\n<thead><tr>",
    );
    for h in shown {
        s.push_str(&format!("<th>{}</th>", escape(h)));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        let ci = r
            .ci95_pct
            .map_or(String::new(), |c| format!("{:+.1} to {:+.1} %", c[0], c[1]));
        let bad = if r.failed_files.is_empty() && r.status == "ok" {
            String::new()
        } else {
            let mut what = r.failed_files.clone();
            if r.status != "ok" {
                what.push(r.status.clone());
            }
            format!("<span class=\"bad\">{}</span>", escape(&what.join("; ")))
        };
        let links = if r.week.is_some() {
            format!(
                "<a href=\"{0}/latest/index.html\">report</a> · <a href=\"{0}/latest/share.html\">to send</a>",
                escape(&r.slug)
            )
        } else {
            String::new()
        };
        let row = [
            escape(&r.athlete),
            escape(r.week.as_deref().unwrap_or("")),
            r.change_pct.map_or(String::new(), |c| format!("{c:+.1} %")),
            ci,
            r.clear.map_or(String::new(), |c| {
                if c { "clear" } else { "not clear" }.into()
            }),
            r.wander_pct.map_or(String::new(), |w| format!("±{w:.1} %")),
            num(r.week_km, 1),
            r.week_strength.map_or(String::new(), |n| n.to_string()),
            r.week_conflicts.map_or(String::new(), |n| n.to_string()),
            num(r.load[0], 0),
            num(r.load[1], 0),
            r.load[2].map_or(String::new(), |f| format!("{f:+.0}")),
            escape(r.last_data.as_deref().unwrap_or("")),
            bad,
            links,
        ];
        s.push_str("<tr>");
        for c in row {
            s.push_str(&format!("<td>{c}</td>"));
        }
        s.push_str("</tr>\n");
    }
    s.push_str(&format!(
        "</tbody>\n</table>\n<script>{SORT}</script>\n</body>\n</html>\n"
    ));
    s
}
