//! `share.html`: the report as one file to send a coach, readable on a
//! phone. The card, this week, the headline with its interval and wander,
//! every lifting block and the charts, each image inlined as a `data:` URI,
//! so the page needs nothing beside it and asks nothing of the network.
//! It names no file and holds no GPS position: what was read and left out
//! stays in the folder's `report.md` and `ingest.csv`.

use super::ReportInput;
use super::charts::Chart;
use super::document::{self, Block};
use crate::error::{Error, Result};
use base64::Engine as _;
use std::path::Path;

/// The card's file among the charts: it opens the page.
const CARD: &str = "summary_card.png";

/// The shared page's model: the card, this week, the headline, the blocks, the charts.
fn doc(input: &ReportInput, charts: &[Chart]) -> Vec<Block> {
    let a = input.analysis;
    let mut doc = vec![Block::Heading(1, super::content::title(input))];
    if let Some(card) = charts.iter().find(|c| c.file == CARD) {
        doc.push(Block::Figure {
            file: card.file.to_string(),
            caption: (card.caption)(input),
        });
    }
    doc.extend(super::overview::section(input));
    let mut items: Vec<String> = (super::findings::findings(a, input.settings.units).into_iter())
        .map(|f| f.text)
        .collect();
    items.extend(super::findings::gaps(a, input.settings.units));
    doc.push(Block::Heading(
        2,
        "Does the same pace cost less effort?".into(),
    ));
    doc.push(Block::List(items));
    doc.extend(super::blocks::section(a));
    doc.extend(
        charts
            .iter()
            .filter(|c| c.file != CARD)
            .map(|c| Block::Figure {
                file: c.file.to_string(),
                caption: (c.caption)(input),
            }),
    );
    doc
}

/// `share.html` for `input`, the charts read back from `dir` where they were written.
pub fn html(input: &ReportInput, charts: &[Chart], dir: &Path) -> Result<String> {
    let doc = doc(input, charts);
    let mut images = std::collections::BTreeMap::new();
    for b in &doc {
        if let Block::Figure { file, .. } = b {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
            images.insert(file.clone(), format!("data:image/png;base64,{b64}"));
        }
    }
    let src = |file: &str| images.get(file).cloned().unwrap_or_default();
    Ok(document::to_html_with(
        &super::content::title(input),
        &doc,
        &src,
    ))
}
