//! Containers: a gzip stream holds one file, a zip archive many (and zips
//! inside zips, as in Garmin's bulk export). Each member is read like a file
//! of its own and reported as `archive!member`.

use super::{FileOutcome, ReadContext, read_bytes};
use crate::error::{Error, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest member runlift unpacks (guards against decompression bombs).
const MAX_MEMBER_BYTES: u64 = 512 * 1024 * 1024;

/// Unpack a gzip stream and read the file inside.
pub fn read_gzip(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Vec<FileOutcome>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(MAX_MEMBER_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| Error::input(path, format!("broken gzip stream: {e}")))?;
    too_big(path, "the gzip stream", out.len())?;
    let inner = path.file_stem().map(PathBuf::from).unwrap_or_default();
    Ok(vec![read_bytes(
        &member_path(path, &inner.to_string_lossy()),
        &out,
        ctx,
    )])
}

/// Unpack a zip archive and read each member (macOS resource forks left out).
pub fn read_zip(path: &Path, bytes: &[u8], ctx: &ReadContext) -> Result<Vec<FileOutcome>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| Error::input(path, format!("broken zip archive: {e}")))?;
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| Error::input(path, format!("zip entry {i}: {e}")))?;
        let name = entry.name().to_string();
        if entry.is_dir()
            || name.starts_with("__MACOSX/")
            || name.rsplit('/').next().is_some_and(|n| n.starts_with("._"))
        {
            continue;
        }
        let mut buf = Vec::new();
        (&mut entry)
            .take(MAX_MEMBER_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::input(path, format!("zip entry {name}: {e}")))?;
        let member = member_path(path, &name);
        // One oversized member costs that member, not the archive.
        match too_big(&member, "it", buf.len()) {
            Ok(()) => members.push(read_bytes(&member, &buf, ctx)),
            Err(e) => members.push(FileOutcome::unreadable(
                &member,
                std::io::Error::other(e.to_string()),
            )),
        }
    }
    Ok(members)
}

/// A member larger than [`MAX_MEMBER_BYTES`] is refused, not cut short.
fn too_big(path: &Path, what: &str, len: usize) -> Result<()> {
    if len as u64 > MAX_MEMBER_BYTES {
        return Err(Error::input(
            path,
            format!(
                "{what} unpacks to more than {} MB; not read",
                MAX_MEMBER_BYTES >> 20
            ),
        ));
    }
    Ok(())
}

fn member_path(container: &Path, member: &str) -> PathBuf {
    PathBuf::from(format!("{}!{member}", container.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn ctx() -> ReadContext {
        ReadContext {
            timezone: chrono_tz::UTC,
            ..Default::default()
        }
    }

    #[test]
    fn gzip_and_zip_members_are_read() {
        let csv = b"Date,Workout Name,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes\n2026-01-06 18:00:00,\"Legs\",\"Squat (Barbell)\",1,100,5,0,0,\"\",\"\"\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(csv).unwrap();
        let gz = gz.finish().unwrap();
        let members = read_gzip(Path::new("log.csv.gz"), &gz, &ctx()).unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].format.name(), "strong");
        assert_eq!(members[0].decoded.sets.len(), 1);
        assert_eq!(members[0].path, PathBuf::from("log.csv.gz!log.csv"));

        let mut zbuf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut zbuf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("a/strong.csv", opts).unwrap();
        z.write_all(csv).unwrap();
        z.start_file("__MACOSX/a/._strong.csv", opts).unwrap();
        z.write_all(b"junk").unwrap();
        z.finish().unwrap();
        let members = read_zip(Path::new("x.zip"), zbuf.get_ref(), &ctx()).unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].decoded.sets[0].weight_kg, Some(100.0));
        assert!(read_zip(Path::new("bad.zip"), b"PK\x03\x04garbage", &ctx()).is_err());
    }
}
