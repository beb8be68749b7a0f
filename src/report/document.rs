//! The report as one model, rendered twice: `report.md` ([`to_markdown`])
//! and `index.html` ([`to_html`]) come from the same [`Block`]s, so the two
//! can never list different sections, findings, assumptions or left-out
//! files.

use std::fmt::Write;

/// One piece of the report.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the title.
    Heading(u8, String),
    /// A paragraph.
    Para(String),
    /// A paragraph of secondary text.
    Muted(String),
    /// A bulleted list.
    List(Vec<String>),
    /// A chart with its caption.
    Figure {
        /// Image file, relative to the report folder.
        file: String,
        /// One sentence under the chart (also its alternative text).
        caption: String,
    },
    /// A table: header row and rows.
    Table(Vec<String>, Vec<Vec<String>>),
}

/// Escape text for HTML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escape text for a markdown table cell or list item.
fn md(s: &str) -> String {
    s.replace('|', "\\|")
}

/// The document as markdown.
pub fn to_markdown(doc: &[Block]) -> String {
    let mut s = String::new();
    for b in doc {
        let _ = match b {
            Block::Heading(level, t) => {
                writeln!(s, "{} {}\n", "#".repeat(usize::from(*level)), md(t))
            }
            Block::Para(t) | Block::Muted(t) => writeln!(s, "{}\n", md(t)),
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(s, "- {}", md(i));
                }
                writeln!(s)
            }
            Block::Figure { file, caption } => {
                writeln!(s, "![{}]({file})\n\n{}\n", md(caption), md(caption))
            }
            Block::Table(head, rows) => {
                let _ = writeln!(s, "| {} |", head.join(" | "));
                let _ = writeln!(s, "|{}", "---|".repeat(head.len()));
                for r in rows {
                    let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
                    let _ = writeln!(s, "| {} |", cells.join(" | "));
                }
                writeln!(s)
            }
        };
    }
    s
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#212529}\
img{width:100%;height:auto;border:1px solid #dee2e6}table{display:block;overflow-x:auto}figure{margin:2em 0}figcaption{color:#495057}\
li{margin:.3em 0}.muted{color:#6c757d}table{border-collapse:collapse}td,th{border:1px solid #dee2e6;padding:.3em .6em}";

/// Lets a headless browser (`make check-html`) report how many images loaded.
const IMAGE_CHECK: &str = "window.addEventListener('load',()=>{const i=[...document.images];\
document.body.dataset.imagesLoaded=i.filter(x=>x.complete&&x.naturalWidth>0).length+'/'+i.length;});";

/// The document as one self-contained HTML page (inline style, relative
/// image links, no network); `title` goes in the page's `<title>`.
pub fn to_html(title: &str, doc: &[Block]) -> String {
    to_html_with(title, doc, &|file| escape(file))
}

/// The document as HTML, each figure's `src` from `src(file)` (a relative
/// link for `index.html`, a `data:` URI for the file that travels alone).
pub fn to_html_with(title: &str, doc: &[Block], src: &dyn Fn(&str) -> String) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(title)
    );
    for b in doc {
        let _ = match b {
            Block::Heading(level, t) => writeln!(s, "<h{level}>{}</h{level}>", escape(t)),
            Block::Para(t) => writeln!(s, "<p>{}</p>", escape(t)),
            Block::Muted(t) => writeln!(s, "<p class=\"muted\">{}</p>", escape(t)),
            Block::List(items) => {
                let _ = writeln!(s, "<ul>");
                for i in items {
                    let _ = writeln!(s, "<li>{}</li>", escape(i));
                }
                writeln!(s, "</ul>")
            }
            Block::Figure { file, caption } => {
                let (f, c) = (src(file), escape(caption));
                writeln!(
                    s,
                    "<figure><img src=\"{f}\" alt=\"{c}\"><figcaption>{c}</figcaption></figure>"
                )
            }
            Block::Table(head, rows) => {
                let cells = |r: &[String], tag: &str| {
                    r.iter()
                        .map(|c| format!("<{tag}>{}</{tag}>", escape(c)))
                        .collect::<String>()
                };
                let _ = writeln!(s, "<table>\n<tr>{}</tr>", cells(head, "th"));
                for r in rows {
                    let _ = writeln!(s, "<tr>{}</tr>", cells(r, "td"));
                }
                writeln!(s, "</table>")
            }
        };
    }
    let _ = writeln!(s, "<script>{IMAGE_CHECK}</script>\n</body>\n</html>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_model_two_renderings() {
        let doc = vec![
            Block::Heading(2, "Left out".into()),
            Block::List(vec!["a <b> | c".into()]),
            Block::Table(vec!["lift".into()], vec![vec!["squat".into()]]),
        ];
        let md = to_markdown(&doc);
        assert!(
            md.contains("## Left out\n") && md.contains("- a <b> \\| c\n"),
            "{md}"
        );
        assert!(md.contains("| lift |\n|---|\n| squat |"), "{md}");
        let html = to_html("t", &doc);
        assert!(html.contains("<h2>Left out</h2>") && html.contains("<li>a &lt;b&gt; | c</li>"));
        assert!(html.contains("<tr><td>squat</td></tr>"));
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
