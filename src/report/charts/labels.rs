//! Labels at the top of a plot that never overlap or leave it: each label
//! goes on the first of a few rows where it fits beside its line, to the
//! left of its line when the right would run past the plot's edge, in its
//! shorter form when the full one fits nowhere; a label that fits nowhere
//! is not drawn (the chart's caption names every marked change).
//!
//! Rectangles are `[x0, y0, x1, y1]` in pixels, `x1`/`y1` exclusive.

/// A pixel rectangle `[x0, y0, x1, y1]`.
pub type Rect = [i32; 4];

/// A label to place: the x of its line and its texts, fullest first.
#[derive(Clone, Debug)]
pub struct Wanted {
    /// x of the line the label belongs to, px.
    pub x: i32,
    /// The label's texts, from the full one to the shortest.
    pub texts: Vec<String>,
}

/// A placed label.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The text drawn.
    pub text: String,
    /// Where it is drawn.
    pub rect: Rect,
}

/// Space kept between labels and from a label to its line, px.
const GAP: i32 = 6;

/// Whether two rectangles share any pixel.
pub fn overlap(a: Rect, b: Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Whether `r` lies inside `plot`.
pub fn inside(r: Rect, plot: Rect) -> bool {
    r[0] >= plot[0] && r[1] >= plot[1] && r[2] <= plot[2] && r[3] <= plot[3]
}

/// Place `wanted` (in x order) in up to `rows` rows at the top of `plot`;
/// `measure` gives a text's width and height in px. `None`: no room.
pub fn place(
    wanted: &[Wanted],
    plot: Rect,
    rows: usize,
    measure: impl Fn(&str) -> (i32, i32),
) -> Vec<Option<Placed>> {
    let mut placed: Vec<Placed> = Vec::new();
    let mut out = Vec::with_capacity(wanted.len());
    for w in wanted {
        let found = w.texts.iter().find_map(|text| {
            let (tw, th) = measure(text);
            let right = w.x + GAP;
            let left = if right + tw <= plot[2] {
                right
            } else {
                w.x - GAP - tw
            };
            if left < plot[0] {
                return None;
            }
            (0..rows).find_map(|row| {
                let y = plot[1] + GAP + row as i32 * (th + GAP);
                let rect = [left, y, left + tw, y + th];
                let padded = [rect[0] - GAP, rect[1], rect[2] + GAP, rect[3]];
                let free = inside(rect, plot) && !placed.iter().any(|p| overlap(p.rect, padded));
                free.then(|| Placed {
                    text: text.clone(),
                    rect,
                })
            })
        });
        if let Some(p) = &found {
            placed.push(p.clone());
        }
        out.push(found);
    }
    out
}

/// Every label inside `plot` and none over another, or what is wrong.
pub fn check(placed: &[Placed], plot: Rect) -> Result<(), String> {
    for (i, p) in placed.iter().enumerate() {
        if !inside(p.rect, plot) {
            return Err(format!(
                "label '{}' at {:?} leaves the plot {plot:?}",
                p.text, p.rect
            ));
        }
        if let Some(q) = placed[i + 1..].iter().find(|q| overlap(p.rect, q.rect)) {
            return Err(format!("labels '{}' and '{}' overlap", p.text, q.text));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 10 px per character, 20 px high.
    fn measure(s: &str) -> (i32, i32) {
        (10 * s.chars().count() as i32, 20)
    }

    fn want(x: i32, texts: &[&str]) -> Wanted {
        Wanted {
            x,
            texts: texts.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn labels_stack_flip_at_the_edge_shorten_and_never_overlap() {
        let plot = [100, 50, 1100, 600];
        let wanted = [
            want(150, &["watch: garmin fr910xt", "1"]),
            want(160, &["heart rate: chest strap", "2"]),
            want(170, &["watch: fenix 6x", "3"]),
            want(180, &["watch: garmin fr265_large", "4"]),
            want(700, &[&"x".repeat(120), "6"]),
            want(1080, &["watch: garmin fr265_large", "5"]),
        ];
        let placed = place(&wanted, plot, 3, measure);
        let got: Vec<Placed> = placed.iter().flatten().cloned().collect();
        assert_eq!(check(&got, plot), Ok(()));
        // Three rows hold the first three in full; the fourth finds no room,
        // even as its number, and is not drawn.
        assert_eq!(placed[0].as_ref().unwrap().rect, [156, 56, 366, 76]);
        assert_eq!(placed[1].as_ref().unwrap().rect[1], 82);
        assert_eq!(placed[2].as_ref().unwrap().rect[1], 108);
        assert!(placed[3].is_none());
        // Too wide for the plot on either side of its line: its short form.
        assert_eq!(placed[4].as_ref().unwrap().text, "6");
        assert_eq!(placed[4].as_ref().unwrap().rect, [706, 56, 716, 76]);
        // The last one would run past the right edge: it goes left of its line.
        let last = placed[5].as_ref().unwrap();
        assert_eq!(last.rect[2], 1080 - GAP);
        assert_eq!(last.text, "watch: garmin fr265_large");
        // No room at all: not drawn.
        let crowded = place(&wanted[..2], plot, 1, |_| (900, 20));
        assert!(crowded[0].is_some() && crowded[1].is_none());
    }

    #[test]
    fn the_check_finds_overlaps_and_labels_outside() {
        let plot = [0, 0, 100, 100];
        let a = Placed {
            text: "a".into(),
            rect: [10, 10, 50, 30],
        };
        let b = Placed {
            text: "b".into(),
            rect: [40, 20, 80, 40],
        };
        let out = Placed {
            text: "c".into(),
            rect: [90, 10, 120, 30],
        };
        assert!(
            check(&[a.clone(), b], plot)
                .unwrap_err()
                .contains("overlap")
        );
        assert!(
            check(&[a.clone(), out], plot)
                .unwrap_err()
                .contains("leaves")
        );
        assert_eq!(check(&[a], plot), Ok(()));
    }
}
