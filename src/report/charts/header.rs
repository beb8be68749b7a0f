//! A chart's header (title, athlete · dates · which way is better, legend,
//! optional note) and the text wrapping it and the captions use.

use super::{Area, DrawResult, FONT, HEADER, INK, MUTED, TREND, W};
use crate::report::ReportInput;
use plotters::prelude::*;
use plotters::style::FontStyle;

/// A legend entry's symbol.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Dot(RGBColor),
    Line(RGBColor),
    Band(RGBColor, f64),
}

/// Height of the header with a note (up to two lines) below the legend, px.
const HEADER_WITH_NOTE: u32 = 250;

/// Title, subtitle (athlete · dates · what is better), the legend row and
/// an optional note (why there is no estimate).
fn header(
    area: &Area,
    title: &str,
    sub: &str,
    legend: &[(Mark, &str)],
    note: Option<&str>,
) -> DrawResult {
    area.draw_text(
        title,
        &TextStyle::from((FONT, 46).into_font().style(FontStyle::Bold)).color(&INK),
        (40, 20),
    )?;
    area.draw_text(
        sub,
        &TextStyle::from((FONT, 30).into_font()).color(&MUTED),
        (40, 80),
    )?;
    let (size, xs) = legend_layout(area, legend)?;
    let style = TextStyle::from((FONT, size).into_font()).color(&INK);
    let y = 140i32;
    for ((mark, label), x) in legend.iter().zip(xs) {
        match *mark {
            Mark::Dot(c) => area.draw(&Circle::new((x + 12, y), 9, c.filled()))?,
            Mark::Line(c) => area.draw(&PathElement::new(
                vec![(x, y), (x + 34, y)],
                c.stroke_width(6),
            ))?,
            Mark::Band(c, a) => area.draw(&Rectangle::new(
                [(x, y - 12), (x + 34, y + 12)],
                c.mix(a).filled(),
            ))?,
        }
        area.draw_text(
            label,
            &style,
            (x + 46, y - i32::try_from(size / 2).unwrap_or(14)),
        )?;
    }
    if let Some(note) = note {
        let style = TextStyle::from((FONT, 26).into_font().style(FontStyle::Bold)).color(&TREND);
        draw_wrapped(area, note, &style, (40, 170), W - 80, 2)?;
    }
    Ok(())
}

/// Legend font sizes tried, largest first, until the row fits the image.
const LEGEND_SIZES: [u32; 4] = [28, 25, 22, 19];

/// The legend row's font size and each entry's x: the largest size whose
/// row fits between the margins; at the smallest, only the entries that
/// fit are drawn (the caption under the chart says what each mark is).
fn legend_layout(area: &Area, legend: &[(Mark, &str)]) -> DrawResult<(u32, Vec<i32>)> {
    let right = W as i32 - 40;
    let mut xs = Vec::new();
    for size in LEGEND_SIZES {
        let style = TextStyle::from((FONT, size).into_font());
        xs.clear();
        let mut x = 40i32;
        for (_, label) in legend {
            let (w, _) = area.estimate_text_size(label, &style)?;
            if x + 46 + w as i32 > right {
                break;
            }
            xs.push(x);
            x += 46 + w as i32 + 40;
        }
        if xs.len() == legend.len() {
            return Ok((size, xs));
        }
    }
    Ok((LEGEND_SIZES[LEGEND_SIZES.len() - 1], xs))
}

/// What a chart's header says: title, the dates it shows, which way is
/// better, its legend and an optional note.
pub(super) struct Head<'a> {
    pub title: &'a str,
    pub range: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub better: &'a str,
    pub legend: &'a [(Mark, &'a str)],
    pub note: Option<&'a str>,
}

/// Split `root` into header and plot body, draw the header (title,
/// athlete · dates shown · which way is better, legend, optional note),
/// return the body.
pub(super) fn frame<'b>(root: &Area<'b>, input: &ReportInput, head: Head) -> DrawResult<Area<'b>> {
    let (top, body) = root.split_vertically(if head.note.is_some() {
        HEADER_WITH_NOTE
    } else {
        HEADER
    });
    let range = head
        .range
        .map_or("no data".into(), |(f, t)| format!("{f} to {t}"));
    let sub = format!(
        "{} · {range} · {}",
        input.settings.athlete_name, head.better
    );
    header(&top, head.title, &sub, head.legend, head.note)?;
    Ok(body)
}

/// `s` broken into lines no wider than `max_px` in `style` (a word longer
/// than a line gets a line of its own), at most `max_lines` of them; the
/// last line ends with "…" when text was left out.
fn wrap(area: &Area, s: &str, style: &TextStyle, max_px: u32, max_lines: usize) -> Vec<String> {
    let fits = |t: &str| {
        area.estimate_text_size(t, style)
            .map_or(true, |(w, _)| w <= max_px)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        while !last.is_empty() && !fits(&format!("{last} …")) {
            last.pop();
        }
        last.push_str(" …");
    }
    lines
}

/// Draw `s` wrapped to `max_px` from `at` downwards, `max_lines` at most;
/// returns the y below the last line.
pub(super) fn draw_wrapped(
    area: &Area,
    s: &str,
    style: &TextStyle,
    at: (i32, i32),
    max_px: u32,
    max_lines: usize,
) -> DrawResult<i32> {
    let mut y = at.1;
    let step = (style.font.get_size() * 1.3) as i32;
    for line in wrap(area, s, style, max_px, max_lines) {
        area.draw_text(&line, style, (at.0, y))?;
        y += step;
    }
    Ok(y)
}

#[cfg(test)]
mod tests {
    use super::super::{H, register_fonts};
    use super::*;

    #[test]
    fn a_long_legend_shrinks_to_fit_the_image() {
        register_fonts();
        let mut buf = vec![0u8; (W * H * 3) as usize];
        let root = BitMapBackend::with_buffer(&mut buf, (W, H)).into_drawing_area();
        let c = RGBColor(0, 0, 0);
        let legend = [
            (Mark::Line(c), "monthly median"),
            (Mark::Band(c, 0.25), "middle half of the month's runs"),
            (Mark::Band(c, 0.15), "usual wander around the recent level"),
            (Mark::Band(c, 0.25), "lifting block"),
            (Mark::Line(c), "new watch or heart-rate sensor"),
        ];
        let (size, xs) = legend_layout(&root, &legend).unwrap();
        assert_eq!(xs.len(), legend.len());
        assert!(size < 28, "{size}");
        let style = TextStyle::from((FONT, size).into_font());
        let (w, _) = root.estimate_text_size(legend[4].1, &style).unwrap();
        assert!(xs[4] + 46 + w as i32 <= W as i32 - 40);
        // A short legend keeps the full size.
        assert_eq!(
            legend_layout(&root, &legend[..2]).unwrap(),
            (
                28,
                vec![
                    40,
                    40 + 46
                        + root
                            .estimate_text_size(
                                legend[0].1,
                                &TextStyle::from((FONT, 28).into_font())
                            )
                            .unwrap()
                            .0 as i32
                        + 40
                ]
            )
        );
    }

    #[test]
    fn wrapped_text_stays_inside_its_width_and_is_cut_with_an_ellipsis() {
        register_fonts();
        let mut buf = vec![0u8; (W * H * 3) as usize];
        let root = BitMapBackend::with_buffer(&mut buf, (W, H)).into_drawing_area();
        let style = TextStyle::from((FONT, 28).into_font());
        let long = "too few usable runs in the baseline period (1 run in 1 week; need 3 runs in 2 weeks), and a very long athlete name that goes on and on";
        let lines = wrap(&root, long, &style, 500, 3);
        assert_eq!(lines.len(), 3, "{lines:?}");
        for l in &lines {
            let (w, _) = root.estimate_text_size(l, &style).unwrap();
            assert!(w <= 500, "{l}: {w} px");
        }
        assert!(lines[2].ends_with(" …"), "{lines:?}");
        assert_eq!(
            wrap(&root, "short", &style, 500, 3),
            vec!["short".to_string()]
        );
    }
}
