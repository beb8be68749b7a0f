//! `index.html`: the report as one self-contained page (inline style,
//! relative image links, no network), with the findings, every chart with
//! its caption, the strength program and what was left out.

use super::ReportInput;
use super::captions::captions;
use super::findings::{findings, gaps};
use super::left_out::left_out;
use std::fmt::Write;

/// Escape text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#212529}\
img{width:100%;height:auto;border:1px solid #dee2e6}figure{margin:2em 0}figcaption{color:#495057}\
li{margin:.3em 0}.muted{color:#6c757d}";

const IMAGE_CHECK: &str = "window.addEventListener('load',()=>{const i=[...document.images];\
document.body.dataset.imagesLoaded=i.filter(x=>x.complete&&x.naturalWidth>0).length+'/'+i.length;});";

fn list(s: &mut String, items: &[String]) {
    let _ = writeln!(s, "<ul>");
    for i in items {
        let _ = writeln!(s, "<li>{}</li>", escape(i));
    }
    let _ = writeln!(s, "</ul>");
}

/// The whole `index.html`.
pub fn page(input: &ReportInput, charts: &[String]) -> String {
    let a = input.analysis;
    let units = input.settings.units;
    let mut s = String::new();
    let title = format!(
        "runlift report {} — {}",
        input.week, input.settings.athlete_name
    );
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    );
    let _ = writeln!(
        s,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(
        s,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&title)
    );
    let _ = writeln!(s, "<h1>{}</h1>", escape(&title));
    let range = input
        .data_range
        .map_or("no data".into(), |(f, t)| format!("Data from {f} to {t}."));
    let _ = writeln!(
        s,
        "<p class=\"muted\">{} {}</p>",
        escape(&range),
        escape(&a.periods_note)
    );
    let _ = writeln!(s, "<h2>Does the same pace cost less effort?</h2>");
    let mut items: Vec<String> = findings(a, units).into_iter().map(|f| f.text).collect();
    items.extend(gaps(a, units));
    list(&mut s, &items);
    let _ = writeln!(s, "<p>{}.</p>", escape(&a.effort.temperature_note));
    for (chart, caption) in charts.iter().zip(captions(a, units, &input.week)) {
        let (c, alt) = (escape(chart), escape(&caption));
        let _ = writeln!(
            s,
            "<figure><img src=\"{c}\" alt=\"{alt}\"><figcaption>{alt}</figcaption></figure>"
        );
    }
    let _ = writeln!(s, "<h2>Left out, and why</h2>");
    let left = left_out(input);
    let _ = writeln!(
        s,
        "<p>{} of {} runs are not in the estimates.</p>",
        left.runs.len(),
        a.runs.len()
    );
    list(&mut s, &left.runs);
    let files: Vec<String> = (left.not_read.iter())
        .map(|(path, status, why)| format!("{path} ({status}): {why}"))
        .collect();
    let _ = writeln!(s, "<p>{} files were not read.</p>", files.len());
    list(&mut s, &files);
    if !left.warned.is_empty() {
        let warned: Vec<String> = left
            .warned
            .iter()
            .map(|(path, w)| format!("{path}: {w}"))
            .collect();
        let n = warned.len();
        let _ = writeln!(
            s,
            "<p>{n} files were read with warnings (in part, or with assumptions).</p>"
        );
        list(&mut s, &warned);
    }
    if !a.unknown_exercises.is_empty() {
        let _ = writeln!(
            s,
            "<p>Exercise names not known yet: {}.</p>",
            escape(&a.unknown_exercises.join(", "))
        );
    }
    let _ = writeln!(
        s,
        "<p class=\"muted\">Made by runlift from the files listed in ingest.csv; the numbers are in summary.json and tables/.</p>"
    );
    // Lets a headless browser (make check-html) report how many images loaded.
    let _ = writeln!(s, "<script>{IMAGE_CHECK}</script>");
    let _ = writeln!(s, "</body>\n</html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
