//! What a runner sends a coach: `share.html` carries its charts inside
//! itself, and no shared output names a file by its absolute path.

use crate::common::{files, run_ok, sim};
use base64::Engine as _;
use runlift::simulate::Scenario;

#[test]
fn share_html_holds_every_chart_inline_and_no_output_holds_an_absolute_path() {
    let dir = tempfile::tempdir().unwrap();
    // Absolute folders, as a cron job passes them.
    let (data, out) = (dir.path().join("data"), dir.path().join("reports"));
    sim(&data, Scenario::Strength, 8, 4, "2026-01-05");
    std::fs::write(data.join("broken.fit"), b"\x0e\x10not a fit file").unwrap();
    run_ok(
        dir.path(),
        &[
            "report",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let week = out.join("latest");
    let html = std::fs::read_to_string(week.join("share.html")).unwrap();
    assert!(!html.contains("http://") && !html.contains("https://"));
    let srcs: Vec<&str> = (html.split("src=\"").skip(1))
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(srcs.len(), 11, "the card and ten charts");
    let engine = base64::engine::general_purpose::STANDARD;
    for src in &srcs {
        let b64 = src
            .strip_prefix("data:image/png;base64,")
            .expect("an inline PNG");
        let png = engine.decode(b64).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
    // The card comes first, and it is the card's own bytes.
    let card = std::fs::read(week.join("summary_card.png")).unwrap();
    assert_eq!(
        engine
            .decode(&srcs[0]["data:image/png;base64,".len()..])
            .unwrap(),
        card
    );
    assert!(
        html.contains("<h2>This week (") && html.contains("Does the same pace cost less effort?")
    );
    // Nothing the report writes names the folders above the data folder.
    let above = dir.path().to_str().unwrap();
    let mut checked = 0;
    for f in files(&week) {
        let text = match std::fs::read_to_string(week.join(&f)) {
            Ok(t) => t,
            Err(_) => continue, // the PNGs
        };
        checked += 1;
        assert!(!text.contains(above), "{} names {above}", f.display());
    }
    assert!(checked >= 10, "{checked} text files");
    // Files are named from the data folder down: the broken one in ingest.csv.
    let log = std::fs::read_to_string(week.join("ingest.csv")).unwrap();
    assert!(log.contains("\ndata/broken.fit,data/broken.fit,"), "{log}");
    let runs = std::fs::read_to_string(week.join("tables/runs.csv")).unwrap();
    assert!(runs.contains(",data/runs/"), "{runs}");
}
