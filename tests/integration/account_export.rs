//! Garmin's account export (the zip Garmin sends on request): FIT files in
//! zips nested at `DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_*.zip`,
//! beside JSON files runlift does not read.

use crate::common::{files, sim};
use runlift::ingest::{ReadContext, Status, read_bytes};
use runlift::simulate::Scenario;
use std::io::Write;
use std::path::Path;

fn zip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    for (name, bytes) in members {
        z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
    buf.into_inner()
}

#[test]
fn fit_files_nested_two_zips_deep_are_read_and_the_json_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    sim(dir.path(), Scenario::Control, 4, 5, "2026-03-02");
    let fits: Vec<(String, Vec<u8>)> = (files(dir.path()).into_iter())
        .filter(|f| f.extension().is_some_and(|e| e == "fit"))
        .map(|f| {
            let name = format!(
                "user@example.com_{}",
                f.file_name().unwrap().to_string_lossy()
            );
            (name, std::fs::read(dir.path().join(&f)).unwrap())
        })
        .collect();
    let (part1, part2) = fits.split_at(fits.len() / 2);
    let outer = zip(&[
        (
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip".into(),
            zip(part1),
        ),
        (
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip".into(),
            zip(part2),
        ),
        (
            "DI_CONNECT/DI-Connect-Fitness/user_0_summarizedActivities.json".into(),
            b"[{\"summarizedActivitiesExport\": []}]".to_vec(),
        ),
        (
            "DI_CONNECT/DI-Connect-User/user_profile.json".into(),
            b"{}".to_vec(),
        ),
    ]);
    let o = read_bytes(
        Path::new("garmin_export.zip"),
        &outer,
        &ReadContext::default(),
    );
    let all = o.flatten();
    let read: Vec<_> = all.iter().filter(|m| m.format.name() == "fit").collect();
    assert_eq!(read.len(), fits.len());
    assert!(
        read.iter()
            .all(|m| m.status == Status::Ok && m.decoded.activities.len() == 1)
    );
    let first = read[0].path.to_string_lossy().to_string();
    assert!(
        first.starts_with("garmin_export.zip!DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip!user@example.com_"),
        "{first}"
    );
    let skipped = all.iter().filter(|m| m.status == Status::Skipped).count();
    assert_eq!(skipped, 2, "the two JSON files");
    let runs = read
        .iter()
        .filter(|m| m.decoded.activities[0].meta.sport == "running")
        .count();
    assert_eq!(runs, fits.len());
}
