//! Drawing as SVG: a laid-out chart ([`super::chart::Layout`]) and the bar chart
//! of the load per department. Plain SVG 1.1 with the colours and sizes
//! written on each element, so that a drawing copied out of the report (or
//! written by `orgc graph --format svg`) looks the same anywhere, prints,
//! and needs no style sheet, script or font from the network.

use super::chart::{Layout, Rect, Role, Shape, Style, Tone};
use super::text;
use std::fmt::Write;

/// The fonts asked for, Chinese ones first; the reader's machine picks the
/// first it has.
pub const FONTS: &str = "'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','PingFang SC','Microsoft YaHei','SimHei',sans-serif";

/// Records script errors of a standalone drawing where the tests read them
/// (`document.documentElement.dataset.errors`).
const ERROR_HOOK: &str = "<script>//<![CDATA[\nwindow.addEventListener('error',function(e){var d=document.documentElement;d.dataset.errors=(d.dataset.errors||'')+(e.message||'error')+';';});\n//]]></script>\n";

/// How a drawing is embedded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embed {
    /// Inside an HTML page: no XML declaration, no namespace, scales to its box.
    Inline,
    /// A file of its own (`.svg`), opened directly by a browser or an editor.
    Standalone,
}

/// Escapes text for XML content and attribute values.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // control characters cannot appear in XML 1.0
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Colours of a tone: (strong, light, border).
fn colours(t: Tone) -> (&'static str, &'static str, &'static str) {
    match t {
        Tone::Party => ("#a8322b", "#f8e9e7", "#dfb1ac"),
        Tone::Government => ("#1d5694", "#e6eef8", "#a9c0dc"),
        Tone::Institution => ("#25704f", "#e5f2eb", "#a5cfb9"),
        Tone::Neutral => ("#374151", "#f1f3f5", "#c4c9d0"),
    }
}

const ALERT: &str = "#b4410f";

/// The opening `<svg>` tag of a `width`×`height` drawing.
fn open(out: &mut String, width: f32, height: f32, label: &str, embed: Embed) {
    let (w, h) = (width.ceil(), height.ceil());
    match embed {
        Embed::Inline => {
            let _ = writeln!(
                out,
                "<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONTS}\">",
                xml(label)
            );
        }
        Embed::Standalone => {
            out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            let _ = writeln!(
                out,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\" font-family=\"{FONTS}\">",
                xml(label)
            );
            out.push_str(ERROR_HOOK);
            let _ = writeln!(
                out,
                "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
            );
        }
    }
    let _ = writeln!(out, "<title>{}</title>", xml(label));
}

/// A number with at most one decimal, without a trailing `.0`.
fn n(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// A chart layout as SVG, titled `label`.
pub fn chart(l: &Layout, label: &str, embed: Embed) -> String {
    let mut out = String::new();
    open(&mut out, l.width, l.height, label, embed);
    for s in &l.shapes {
        match s {
            Shape::Line { points } => {
                let pts: Vec<String> = points
                    .iter()
                    .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
                    .collect();
                let _ = writeln!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"#9aa3ad\" stroke-width=\"1.2\"/>",
                    pts.join(" ")
                );
            }
            Shape::Box { rect, role, tone } => draw_box(&mut out, *rect, *role, *tone),
            Shape::Bullet { rect, tone } => {
                let fill = if *tone == Tone::Neutral {
                    ALERT
                } else {
                    colours(*tone).0
                };
                let _ = writeln!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
                    n(rect.x),
                    n(rect.y),
                    n(rect.w),
                    n(rect.h)
                );
            }
            Shape::Text {
                x,
                y,
                size,
                text,
                style,
                centred,
                tone,
            } => {
                let (strong, _, _) = colours(*tone);
                let (fill, weight) = match style {
                    Style::Root | Style::CardTitle => ("#ffffff", "bold"),
                    Style::Block => (strong, "bold"),
                    Style::Entry => ("#1f2328", "normal"),
                    Style::SubEntry => ("#4b5563", "normal"),
                    Style::Note => ("#6b7280", "normal"),
                    Style::Alert => (ALERT, "bold"),
                };
                let fill = if *style == Style::Note && *tone == Tone::Neutral {
                    "#d1d5db"
                } else {
                    fill
                };
                let anchor = if *centred {
                    " text-anchor=\"middle\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{fill}\" font-weight=\"{weight}\"{anchor}>{}</text>",
                    n(*x),
                    n(*y),
                    n(*size),
                    xml(text)
                );
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

fn draw_box(out: &mut String, r: Rect, role: Role, tone: Tone) {
    let (strong, light, border) = colours(tone);
    let (x, y, w, h) = (n(r.x), n(r.y), n(r.w), n(r.h));
    match role {
        Role::Root => {
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"#1f2937\"/>"
            );
        }
        Role::Block => {
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"14\" fill=\"{light}\" stroke=\"{strong}\" stroke-width=\"1.5\"/>"
            );
        }
        Role::Card => {
            let _ = writeln!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"4\" fill=\"#ffffff\" stroke=\"{border}\" stroke-width=\"1\"/>"
            );
        }
        Role::CardHead => {
            // the title band: the card's top, rounded like it
            let rr = 4.0;
            let _ = writeln!(
                out,
                "<path d=\"M{} {}V{}Q{} {} {} {}H{}Q{} {} {} {}V{}Z\" fill=\"{strong}\"/>",
                n(r.x),
                n(r.y + r.h),
                n(r.y + rr),
                n(r.x),
                n(r.y),
                n(r.x + rr),
                n(r.y),
                n(r.x + r.w - rr),
                n(r.x + r.w),
                n(r.y),
                n(r.x + r.w),
                n(r.y + rr),
                n(r.y + r.h),
            );
        }
    }
}

/// One row of a bar chart: a department and its figures.
#[derive(Clone, Debug)]
pub struct BarRow {
    /// The department's name.
    pub label: String,
    /// Its colour.
    pub tone: Tone,
    /// One value per panel; `None` where it is not declared.
    pub values: Vec<Option<u64>>,
}

const BAR_LABEL_SIZE: f32 = 13.0;
const BAR_ROW: f32 = 22.0;
const PANEL_W: f32 = 132.0;
const PANEL_GAP: f32 = 14.0;

/// Horizontal bars, one panel per figure (each with its own scale), one
/// row per department, the name on the left and the value after each bar;
/// `none` is what a missing value shows.
pub fn bars(rows: &[BarRow], panels: &[&str], label: &str, none: &str, embed: Embed) -> String {
    let names_w = rows
        .iter()
        .map(|r| text::text_width(&r.label, BAR_LABEL_SIZE))
        .fold(60.0, f32::max)
        .min(220.0)
        + 12.0;
    let top = 34.0;
    let width = 8.0 + names_w + panels.len() as f32 * (PANEL_W + PANEL_GAP);
    let height = top + rows.len() as f32 * BAR_ROW + 10.0;
    let mut out = String::new();
    open(&mut out, width, height, label, embed);
    // stripes first, under the bars
    for i in (0..rows.len()).step_by(2) {
        let _ = writeln!(
            out,
            "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f4f6\"/>",
            n(top + i as f32 * BAR_ROW),
            n(width),
            n(BAR_ROW)
        );
    }
    for (p, title) in panels.iter().enumerate() {
        let x0 = 8.0 + names_w + p as f32 * (PANEL_W + PANEL_GAP);
        let max = rows
            .iter()
            .filter_map(|r| r.values.get(p).copied().flatten())
            .max()
            .unwrap_or(0)
            .max(1);
        // the panel's title, wrapped to its width
        for (i, l) in text::wrap(title, PANEL_W, 12.0).iter().take(2).enumerate() {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#374151\">{}</text>",
                n(x0),
                n(14.0 + i as f32 * 14.0),
                xml(l)
            );
        }
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c4c9d0\" stroke-width=\"1\"/>",
            n(x0),
            n(top - 4.0),
            n(x0),
            n(height - 8.0)
        );
        let room = PANEL_W - 40.0;
        for (i, r) in rows.iter().enumerate() {
            let y = top + i as f32 * BAR_ROW;
            match r.values.get(p).copied().flatten() {
                Some(v) => {
                    let w = (v as f32 / max as f32 * room).max(if v > 0 { 1.5 } else { 0.0 });
                    let _ = writeln!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"{}\"/>",
                        n(x0),
                        n(y + 3.0),
                        n(w),
                        colours(r.tone).0
                    );
                    let _ = writeln!(
                        out,
                        "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#1f2328\">{v}</text>",
                        n(x0 + w + 4.0),
                        n(y + 14.5)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "<text x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#9aa3ad\">{}</text>",
                        n(x0 + 4.0),
                        n(y + 14.5),
                        xml(none)
                    );
                }
            }
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let y = top + i as f32 * BAR_ROW;
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"{}\" text-anchor=\"end\">{}</text>",
            n(4.0 + names_w),
            n(y + 15.5),
            n(BAR_LABEL_SIZE),
            colours(r.tone).0,
            xml(&r.label)
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::chart;

    #[test]
    fn text_is_escaped_and_controls_replaced() {
        assert_eq!(xml("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
        assert_eq!(xml("a\u{1}b"), "a\u{FFFD}b");
    }

    #[test]
    fn a_standalone_drawing_is_one_svg_element_with_its_namespace() {
        let l = chart::layout(
            &chart::Chart {
                root: "龙港市 <&>".to_string(),
                ..Default::default()
            },
            960.0,
        );
        let s = chart(&l, "组织架构图", Embed::Standalone);
        assert!(s.starts_with("<?xml"));
        assert!(s.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(s.contains("龙港市 &lt;&amp;&gt;"));
        assert_eq!(s.matches("<svg").count(), 1);
        assert!(s.trim_end().ends_with("</svg>"));
        let inline = chart(&l, "组织架构图", Embed::Inline);
        assert!(!inline.contains("http"));
    }

    #[test]
    fn bars_scale_per_panel_and_show_missing_values() {
        let rows = vec![
            BarRow {
                label: "经济发展局".to_string(),
                tone: Tone::Government,
                values: vec![Some(10), None],
            },
            BarRow {
                label: "组织部".to_string(),
                tone: Tone::Party,
                values: vec![Some(5), Some(3)],
            },
        ];
        let s = bars(&rows, &["模块", "编制"], "各部门工作量", "—", Embed::Inline);
        assert!(s.contains(">经济发展局<") && s.contains(">—<") && s.contains(">10<"));
        // the largest value of a panel gets the full bar
        assert!(s.contains(&format!("width=\"{}\"", n(PANEL_W - 40.0))));
    }
}
