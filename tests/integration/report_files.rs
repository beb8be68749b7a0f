//! The report folder as a runner and a coach get it: every chart is a real,
//! non-blank PNG of phone-readable size, `index.html` links only files that
//! exist, `report.md` reads as pinned, and `--week` / `--units` do what
//! they say.

use crate::common::{files, json, report, runlift, sim};
use runlift::simulate::Scenario;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// One 12-week strength season and its report, shared by the tests here.
fn fixture() -> &'static (tempfile::TempDir, PathBuf) {
    static FIXTURE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        sim(
            &dir.path().join("data"),
            Scenario::Strength,
            12,
            5,
            "2026-01-05",
        );
        let o = runlift(
            dir.path(),
            &["report", "--data", "data", "--out", "reports"],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let week = dir.path().join("reports/latest");
        (dir, week)
    })
}

/// Width, height and the number of distinct colours (sampled) of a PNG.
fn png_stats(path: &Path) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let bpp = info.color_type.samples();
    let colours: HashSet<&[u8]> = buf[..info.buffer_size()].chunks(bpp).step_by(7).collect();
    (info.width, info.height, colours.len())
}

#[test]
fn every_chart_is_a_real_readable_png() {
    let (_, week) = fixture();
    let pngs: Vec<PathBuf> = files(week)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    assert_eq!(pngs.len(), 11, "{pngs:?}");
    for p in pngs {
        let (w, h, colours) = png_stats(&week.join(&p));
        assert!(w >= 1600 && h >= 900, "{p:?} is {w}×{h}");
        assert!(
            colours > 20,
            "{p:?} has only {colours} colours: blank or nearly so"
        );
    }
}

#[test]
fn index_html_links_only_files_that_exist() {
    let (_, week) = fixture();
    let html = std::fs::read_to_string(week.join("index.html")).unwrap();
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network resources"
    );
    let links: Vec<&str> = html
        .split("src=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(links.len(), 11);
    for link in links {
        assert!(week.join(link).is_file(), "{link} is missing");
    }
    assert!(html.contains("Left out, and why"));
}

/// Lines of `md` starting with `prefix`, the prefix removed.
fn md_lines<'a>(md: &'a str, prefix: &str) -> Vec<&'a str> {
    md.lines().filter_map(|l| l.strip_prefix(prefix)).collect()
}

#[test]
fn markdown_and_html_list_the_same_sections_assumptions_and_left_out_files() {
    // No settings at all, so that defaults are assumed and listed.
    let (dir, _) = fixture();
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "").unwrap();
    let out = dir.path().join("no-settings");
    let config = ["--config", empty.to_str().unwrap()];
    report(dir.path(), Path::new("data"), &out, &config);
    let md = std::fs::read_to_string(out.join("latest/report.md")).unwrap();
    let html = std::fs::read_to_string(out.join("latest/index.html")).unwrap();
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let html_tagged = |tag: &str| -> Vec<String> {
        html.split(&format!("<{tag}>"))
            .skip(1)
            .map(|s| unescape(s.split(&format!("</{tag}>")).next().unwrap()))
            .collect()
    };
    // The same section headings, in the same order.
    let md_h2: Vec<String> = md_lines(&md, "## ").into_iter().map(String::from).collect();
    assert_eq!(md_h2, html_tagged("h2"));
    assert!(md_h2.len() >= 4, "{md_h2:?}");
    // The same list items: findings, program, definitions, runs and files left out, assumptions.
    let md_items: Vec<String> = md_lines(&md, "- ")
        .into_iter()
        .map(|l| l.replace("\\|", "|"))
        .collect();
    assert_eq!(md_items, html_tagged("li"));
    let assumed: Vec<&String> = md_items
        .iter()
        .filter(|l| l.starts_with("Assumed: "))
        .collect();
    let files_left: Vec<&String> = md_items
        .iter()
        .filter(|l| l.contains("(skipped)"))
        .collect();
    assert!(!assumed.is_empty() && files_left.len() == 2, "{md_items:?}");
}

#[test]
fn report_md_reads_as_pinned() {
    let (_, week) = fixture();
    let md = std::fs::read_to_string(week.join("report.md")).unwrap();
    insta::assert_snapshot!("report_strength_12w_seed5", md);
}

#[test]
fn week_flag_ignores_later_data() {
    let (dir, _) = fixture();
    let out = dir.path().join("past");
    report(dir.path(), Path::new("data"), &out, &["--week", "2026-W08"]);
    let s = json(&out.join("2026-W08/summary.json"));
    assert_eq!(s["week"], "2026-W08");
    assert!(
        s["data_range"]["to"].as_str().unwrap() <= "2026-02-22",
        "{}",
        s["data_range"]
    );
    assert_eq!(
        std::fs::read_link(out.join("latest")).unwrap(),
        PathBuf::from("2026-W08")
    );
}

#[test]
fn imperial_units_change_the_text_not_the_json() {
    let (dir, week) = fixture();
    let out = dir.path().join("imperial");
    report(
        dir.path(),
        Path::new("data"),
        &out,
        &["--units", "imperial"],
    );
    let md = std::fs::read_to_string(out.join("latest/report.md")).unwrap();
    assert!(
        md.contains("/mi") && !md.contains("/km"),
        "pace in min/mile"
    );
    let e1rm: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("- Estimated 1RM"))
        .collect();
    assert!(!e1rm.is_empty(), "{md}");
    assert!(
        e1rm.iter()
            .all(|l| l.contains(" lb ") && !l.contains(" kg ")),
        "loads in lb: {e1rm:?}"
    );
    let (metric, imperial) = (
        json(&week.join("summary.json")),
        json(&out.join("latest/summary.json")),
    );
    assert_eq!(
        metric["effort"]["speed_at_reference_hr"],
        imperial["effort"]["speed_at_reference_hr"]
    );
    assert_eq!(metric["strength"]["lifts"], imperial["strength"]["lifts"]);
}
