//! The canonical tables as polars DataFrames, built from what the readers
//! decoded. Column names and types come from [`crate::schema`] only.

use crate::error::Result;
use crate::ingest::{FileOutcome, exercises};
use crate::samples::Samples;
use crate::schema::{self, activities as a, ingest_log as l, samples as s, strength_sets as st};
use polars::prelude::*;

/// The four canonical tables.
#[derive(Clone, Debug)]
pub struct Tables {
    /// One row per activity (session).
    pub activities: DataFrame,
    /// One row per recorded sample, read an activity at a time.
    pub samples: Samples,
    /// One row per strength set.
    pub strength_sets: DataFrame,
    /// One row per file (and container member) seen.
    pub ingest_log: DataFrame,
}

/// `c` cast to the type `schema` names for it.
pub fn typed(c: Column, schema: &Schema) -> Result<Column> {
    let dtype = schema.get(c.name()).cloned().unwrap_or(DataType::Null);
    Ok(match &dtype {
        // A plain cast drops the zone of a non-empty column; build it instead.
        DataType::Datetime(unit, zone) => {
            let ms = c.cast(&DataType::Int64)?;
            let dt = ms.i64()?.clone().into_datetime(*unit, zone.clone());
            dt.into_series().into_column()
        }
        _ => c.cast(&dtype)?,
    })
}

/// Cast freshly built columns to the types `schema` names for them.
fn conform(height: usize, columns: Vec<Column>, schema: &Schema) -> Result<DataFrame> {
    let cols = (columns.into_iter())
        .map(|c| typed(c, schema))
        .collect::<Result<Vec<_>>>()?;
    Ok(DataFrame::new(height, cols)?)
}

fn col(name: &str, v: Vec<Option<f64>>) -> Column {
    Column::new(name.into(), v)
}

/// Id of an activity: the start of its file's content hash and its session index.
pub fn activity_id(content_hash: &str, session_index: u32) -> String {
    format!(
        "{}-{session_index}",
        &content_hash[..content_hash.len().min(16)]
    )
}

impl Tables {
    /// The four tables with no rows.
    pub fn empty() -> Result<Tables> {
        Tables::from_outcomes(&[])
    }

    /// The tables with every column cast to the type `schema` gives it
    /// (Parquet does not keep every detail, e.g. the UTC zone of instants).
    pub fn conformed(self) -> Result<Tables> {
        let fix = |df: DataFrame, schema: Schema| conform(df.height(), df.into_columns(), &schema);
        Ok(Tables {
            activities: fix(self.activities, schema::activities_schema())?,
            samples: self.samples,
            strength_sets: fix(self.strength_sets, schema::strength_sets_schema())?,
            ingest_log: fix(self.ingest_log, schema::ingest_log_schema())?,
        })
    }

    /// These rows followed by `more` (same schema).
    pub fn append(mut self, more: Tables) -> Result<Tables> {
        self.activities.vstack_mut_owned(more.activities)?;
        self.samples.append(more.samples);
        self.strength_sets.vstack_mut_owned(more.strength_sets)?;
        self.ingest_log.vstack_mut_owned(more.ingest_log)?;
        Ok(self)
    }

    /// Build the tables from ingest outcomes (containers contribute their members).
    pub fn from_outcomes(outcomes: &[FileOutcome]) -> Result<Tables> {
        // Each outcome with the file on disk it came from.
        let all: Vec<(&FileOutcome, String)> = outcomes
            .iter()
            .flat_map(|top| {
                let file = top.path.display().to_string();
                top.flatten().into_iter().map(move |o| (o, file.clone()))
            })
            .collect();
        Ok(Tables {
            activities: activities_table(&all)?,
            samples: samples_table(&all)?,
            strength_sets: strength_table(&all)?,
            ingest_log: log_table(&all)?,
        })
    }
}

/// The `activities` table: one row per activity of every file.
fn activities_table(all: &[(&FileOutcome, String)]) -> Result<DataFrame> {
    let mut ids = Vec::new();
    let (mut paths, mut files, mut formats, mut idx, mut sports, mut subs) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut starts, mut offsets, mut durs, mut dists) = (vec![], vec![], vec![], vec![]);
    let (mut hrs, mut temps, mut rpes, mut devices) = (vec![], vec![], vec![], vec![]);
    let (mut feels, mut rests, mut maxes, mut sensors) = (vec![], vec![], vec![], vec![]);
    let mut stated: Vec<bool> = vec![];
    let mut power: Vec<Option<String>> = vec![];
    let mut n_samples: Vec<u32> = vec![];
    for (o, file) in all {
        for act in &o.decoded.activities {
            let m = &act.meta;
            ids.push(activity_id(&o.content_hash, m.session_index));
            paths.push(o.path.display().to_string());
            files.push(file.clone());
            formats.push(o.format.name());
            idx.push(m.session_index);
            sports.push(m.sport.clone());
            subs.push(m.sub_sport.clone());
            starts.push(m.start_utc.map(|t| t.timestamp_millis()));
            offsets.push(m.utc_offset_min);
            durs.push(m.duration_s);
            dists.push(m.distance_m);
            hrs.push(m.avg_hr);
            temps.push(m.avg_temperature_c);
            rpes.push(m.rpe);
            feels.push(m.feel);
            rests.push(m.hr_rest_stated);
            maxes.push(m.hr_max_stated);
            sensors.push(m.hr_sensor.clone());
            stated.push(m.utc_offset_stated);
            power.push(m.power_source.clone());
            n_samples.push(act.samples.len() as u32);
            devices.push(m.device.clone());
        }
    }
    conform(
        ids.len(),
        vec![
            Column::new(a::ACTIVITY_ID.into(), &ids),
            Column::new(a::SOURCE_PATH.into(), &paths),
            Column::new(a::FILE.into(), &files),
            Column::new(a::SOURCE_FORMAT.into(), &formats),
            Column::new(a::SESSION_INDEX.into(), &idx),
            Column::new(a::SPORT.into(), &sports),
            Column::new(a::SUB_SPORT.into(), &subs),
            Column::new(a::START_UTC.into(), &starts),
            Column::new(a::UTC_OFFSET_MIN.into(), &offsets),
            col(a::DURATION_S, durs),
            col(a::DISTANCE_M, dists),
            col(a::AVG_HR, hrs),
            col(a::AVG_TEMPERATURE_C, temps),
            col(a::RPE, rpes),
            col(a::FEEL, feels),
            Column::new(a::DEVICE.into(), &devices),
            col(a::HR_REST_STATED, rests),
            col(a::HR_MAX_STATED, maxes),
            Column::new(a::HR_SENSOR.into(), &sensors),
            Column::new(a::UTC_OFFSET_STATED.into(), &stated),
            Column::new(a::POWER_SOURCE.into(), &power),
            Column::new(a::N_SAMPLES.into(), &n_samples),
        ],
        &schema::activities_schema(),
    )
}

/// The `samples` table: every activity's samples, in file order.
fn samples_table(all: &[(&FileOutcome, String)]) -> Result<Samples> {
    let mut layout = Vec::new();
    // One id per sample, written straight into the column (no String per row).
    let mut s_id = StringChunkedBuilder::new(s::ACTIVITY_ID.into(), 0);
    let (mut s_t, mut s_d, mut s_v) = (vec![], vec![], vec![]);
    let (mut s_alt, mut s_hr, mut s_cad, mut s_temp) = (vec![], vec![], vec![], vec![]);
    let mut s_dyn: [Vec<Option<f64>>; 6] = Default::default();
    for (o, _) in all {
        for act in &o.decoded.activities {
            let id = activity_id(&o.content_hash, act.meta.session_index);
            let x = &act.samples;
            (0..x.len()).for_each(|_| s_id.append_value(&id));
            layout.push((id, x.len(), true));
            s_t.extend(x.t_s.iter().map(|&t| Some(t).filter(|t| t.is_finite())));
            s_d.extend_from_slice(&x.distance_m);
            s_v.extend_from_slice(&x.speed_mps);
            s_alt.extend_from_slice(&x.altitude_m);
            s_hr.extend_from_slice(&x.hr_bpm);
            s_cad.extend_from_slice(&x.cadence_spm);
            s_temp.extend_from_slice(&x.temperature_c);
            // A column the file does not have is empty: all missing.
            for (to, from) in s_dyn.iter_mut().zip(x.dynamics.columns()) {
                to.extend(
                    from.iter()
                        .copied()
                        .chain(std::iter::repeat(None))
                        .take(x.len()),
                );
            }
        }
    }
    let rows = s_t.len();
    let mut columns = vec![
        s_id.finish().into_column(),
        col(s::T_S, s_t),
        col(s::DISTANCE_M, s_d),
        col(s::SPEED_MPS, s_v),
        col(s::ALTITUDE_M, s_alt),
        col(s::HR_BPM, s_hr),
        col(s::CADENCE_SPM, s_cad),
        col(s::TEMPERATURE_C, s_temp),
    ];
    columns.extend(
        s::DYNAMICS
            .into_iter()
            .zip(s_dyn)
            .map(|(name, c)| col(name, c)),
    );
    let df = conform(rows, columns, &schema::samples_schema())?;
    Samples::in_memory(df, layout)
}

/// The `strength_sets` table: one row per set.
fn strength_table(all: &[(&FileOutcome, String)]) -> Result<DataFrame> {
    let (mut sid, mut path, mut files) = (vec![], vec![], vec![]);
    let (mut start, mut local) = (vec![], vec![]);
    let (mut raw, mut ex, mut pat, mut ty) = (vec![], vec![], vec![], vec![]);
    let (mut w, mut reps, mut dur, mut rpe) = (vec![], vec![], vec![], vec![]);
    let mut session_s = vec![];
    for (o, file) in all {
        for set in &o.decoded.sets {
            let hash = &o.content_hash[..o.content_hash.len().min(12)];
            sid.push(format!(
                "{hash}-{}",
                set.start_local.format("%Y%m%dT%H%M%S")
            ));
            path.push(o.path.display().to_string());
            files.push(file.clone());
            start.push(set.start_utc.timestamp_millis());
            local.push(set.start_local.and_utc().timestamp_millis());
            let name = exercises::canonical_name(&set.exercise_raw);
            pat.push(exercises::pattern(&name));
            ex.push(name);
            raw.push(set.exercise_raw.clone());
            ty.push(set.set_type.name());
            w.push(set.weight_kg);
            reps.push(set.reps);
            dur.push(set.duration_s);
            rpe.push(set.rpe);
            session_s.push(set.session_s);
        }
    }
    conform(
        sid.len(),
        vec![
            Column::new(st::SESSION_ID.into(), &sid),
            Column::new(st::SOURCE_PATH.into(), &path),
            Column::new(st::FILE.into(), &files),
            Column::new(st::START_UTC.into(), &start),
            Column::new(st::START_LOCAL.into(), &local),
            Column::new(st::EXERCISE_RAW.into(), &raw),
            Column::new(st::EXERCISE.into(), &ex),
            Column::new(st::PATTERN.into(), &pat),
            Column::new(st::SET_TYPE.into(), &ty),
            col(st::WEIGHT_KG, w),
            col(st::REPS, reps),
            col(st::DURATION_S, dur),
            col(st::RPE, rpe),
            col(st::SESSION_S, session_s),
        ],
        &schema::strength_sets_schema(),
    )
}

/// The `ingest_log` table: one row per file and container member.
fn log_table(all: &[(&FileOutcome, String)]) -> Result<DataFrame> {
    let (mut path, mut files) = (vec![], vec![]);
    let (mut fmt, mut status, mut msg) = (vec![], vec![], vec![]);
    let (mut acts, mut sets, mut decoder, mut sources) = (vec![], vec![], vec![], vec![]);
    for (o, file) in all {
        path.push(o.path.display().to_string());
        files.push(file.clone());
        fmt.push(o.format.name());
        status.push(o.status.name());
        let mut text: Vec<String> = o.message.iter().cloned().collect();
        text.extend(o.decoded.warnings.iter().cloned());
        msg.push(text.join("; "));
        acts.push(o.decoded.activities.len() as u32);
        sets.push(o.decoded.sets.len() as u32);
        decoder.push(o.decoded.decoder.as_str());
        sources.push(crate::ingest::dynamics::sources_text(
            &o.decoded.activities,
            o.format.name(),
        ));
    }
    conform(
        path.len(),
        vec![
            Column::new(l::PATH.into(), &path),
            Column::new(l::FILE.into(), &files),
            Column::new(l::DETECTED_FORMAT.into(), &fmt),
            Column::new(l::STATUS.into(), &status),
            Column::new(l::MESSAGE.into(), &msg),
            Column::new(l::ACTIVITIES.into(), &acts),
            Column::new(l::SETS.into(), &sets),
            Column::new(l::DECODER.into(), &decoder),
            Column::new(l::SOURCES.into(), &sources),
        ],
        &schema::ingest_log_schema(),
    )
}

/// Values of a float column (`None` for nulls).
pub fn f64s(df: &DataFrame, name: &str) -> Result<Vec<Option<f64>>> {
    let c = df.column(name)?.cast(&DataType::Float64)?;
    Ok(c.f64()?.iter().collect())
}

/// A text column, borrowed (for long columns: no copy of every string).
pub fn str_col<'a>(df: &'a DataFrame, name: &str) -> Result<&'a StringChunked> {
    Ok(df.column(name)?.str()?)
}

/// Values of a text column.
pub fn strs(df: &DataFrame, name: &str) -> Result<Vec<Option<String>>> {
    Ok(df
        .column(name)?
        .str()?
        .iter()
        .map(|s| s.map(str::to_string))
        .collect())
}

/// Local wall-clock time of an instant, `offset_min` minutes from UTC
/// (the activities table's `utc_offset_min`; none: UTC).
pub fn local_time(
    utc: chrono::DateTime<chrono::Utc>,
    offset_min: Option<i64>,
) -> chrono::NaiveDateTime {
    utc.naive_utc() + chrono::Duration::minutes(offset_min.unwrap_or(0))
}

/// Values of an integer or datetime column as i64 (datetimes: milliseconds).
pub fn i64s(df: &DataFrame, name: &str) -> Result<Vec<Option<i64>>> {
    let c = df.column(name)?.cast(&DataType::Int64)?;
    Ok(c.i64()?.iter().collect())
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_keep_their_utc_zone_through_parquet() {
        let c = Column::new(a::START_UTC.into(), vec![Some(1_000i64), None]);
        let mut df = conform(2, vec![c], &schema::activities_schema()).unwrap();
        let utc = DataType::Datetime(TimeUnit::Milliseconds, Some(TimeZone::UTC));
        assert_eq!(df.column(a::START_UTC).unwrap().dtype(), &utc);
        let mut buf = Vec::new();
        ParquetWriter::new(&mut buf).finish(&mut df).unwrap();
        let back = ParquetReader::new(std::io::Cursor::new(buf))
            .finish()
            .unwrap();
        assert_eq!(back.column(a::START_UTC).unwrap().dtype(), &utc);
        assert_eq!(i64s(&back, a::START_UTC).unwrap(), vec![Some(1_000), None]);
    }
}
