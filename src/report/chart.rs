//! The layout of a tree chart, done by orgc itself (no Graphviz): a root,
//! blocks under it (the categories of departments), cards in each block
//! (departments) and a list of entries in each card (modules, and business
//! groups under them). The org chart of the report and every SVG view of
//! `orgc graph` are laid out here; `svg.rs` draws the result.
//!
//! The shape is chosen for a sheet of A4 and a screen: a wide row of
//! departments would not fit, so each block is a column block under its
//! title, its cards stacked in one or more sub-columns, in declaration order
//! (top to bottom, then left to right). Sub-columns are added where the chart
//! is tallest while the chart stays within the width asked for. Text is
//! measured by display width (a Chinese character is one em, a Latin letter
//! about 0.6 em) and long names wrap, never at an opening bracket or before
//! a closing punctuation mark.
//!
//! Text is measured and wrapped by [`super::text`].
//!
//! Input: a [`Chart`]. Output: a [`Layout`] of boxes, lines and texts in
//! user units (1 unit = 1 CSS pixel at 100 %).

use super::text::{text_width, wrap, wrap_even};

/// What a chart shows: a root, and blocks of cards under it.
#[derive(Clone, Debug, Default)]
pub struct Chart {
    /// The root's name, e.g. the city.
    pub root: String,
    /// A smaller line under the root, e.g. "21 个部门".
    pub root_note: Option<String>,
    /// The blocks under the root, left to right.
    pub blocks: Vec<Block>,
}

/// A block of cards under one title (a category of departments).
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// The block's title box; `None` links the cards to the root directly.
    pub title: Option<String>,
    /// Its colour.
    pub tone: Tone,
    /// Its cards, in reading order.
    pub cards: Vec<Card>,
}

/// A card: a titled box with a list of entries.
#[derive(Clone, Debug, Default)]
pub struct Card {
    /// The card's title (a department's name).
    pub title: String,
    /// A smaller line under the title.
    pub note: Option<String>,
    /// The entries listed in it, in order.
    pub entries: Vec<Entry>,
}

/// One line of a card's list (it wraps if it is long).
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// What it says.
    pub text: String,
    /// A smaller line under it (e.g. the module that answers an office).
    pub note: Option<String>,
    /// 0 for a first-level entry (a module), 1 for one under it (a group).
    pub depth: u8,
    /// Drawn in the warning colour (a gap).
    pub alert: bool,
}

/// The colour family of a block and its cards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Party departments (党委部门).
    Party,
    /// Government departments (政府部门).
    Government,
    /// Public institutions (事业单位).
    Institution,
    /// Anything else.
    #[default]
    Neutral,
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    /// Whether the two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Whether `o` lies within this rectangle.
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x - 0.01
            && o.y >= self.y - 0.01
            && o.x + o.w <= self.x + self.w + 0.01
            && o.y + o.h <= self.y + self.h + 0.01
    }
}

/// What a box is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The root.
    Root,
    /// A block's title.
    Block,
    /// A card.
    Card,
    /// The title band at the top of a card (inside the card).
    CardHead,
}

/// How a text is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// The root's name.
    Root,
    /// A block's title.
    Block,
    /// A card's title.
    CardTitle,
    /// A first-level entry.
    Entry,
    /// A second-level entry.
    SubEntry,
    /// A note, smaller and grey.
    Note,
    /// An entry in the warning colour.
    Alert,
}

/// One thing to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A box.
    Box {
        /// Where.
        rect: Rect,
        /// What it is.
        role: Role,
        /// Its colour.
        tone: Tone,
    },
    /// A connector: a polyline.
    Line {
        /// Its points, in order.
        points: Vec<(f32, f32)>,
    },
    /// A small bullet square before an entry.
    Bullet {
        /// Where.
        rect: Rect,
        /// Its colour.
        tone: Tone,
    },
    /// One line of text, left-aligned at `x` or centred on it.
    Text {
        /// The left edge, or the centre when `centred`.
        x: f32,
        /// The baseline.
        y: f32,
        /// Font size.
        size: f32,
        /// The text.
        text: String,
        /// How it is drawn.
        style: Style,
        /// Whether `x` is the centre.
        centred: bool,
        /// Its colour family.
        tone: Tone,
    },
}

/// A laid-out chart.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// The width of the drawing.
    pub width: f32,
    /// The height of the drawing.
    pub height: f32,
    /// What to draw, back to front.
    pub shapes: Vec<Shape>,
    /// Each card's title and box, in the order of the input.
    pub cards: Vec<(String, Rect)>,
}

/// Sizes, in user units.
const MARGIN: f32 = 16.0;
const ROOT_SIZE: f32 = 20.0;
const BLOCK_SIZE: f32 = 15.0;
const TITLE_SIZE: f32 = 14.0;
const ENTRY_SIZE: f32 = 13.0;
const SUB_SIZE: f32 = 12.0;
const NOTE_SIZE: f32 = 11.0;
const LEADING: f32 = 1.4;
const PAD: f32 = 8.0;
const BULLET: f32 = 11.0;
const INDENT: f32 = 12.0;
const CARD_MIN: f32 = 128.0;
const CARD_MAX: f32 = 176.0;
/// The connector margin left of each sub-column.
const COMB: f32 = 14.0;
const GAP_X: f32 = 12.0;
const GAP_Y: f32 = 10.0;
const BLOCK_GAP: f32 = 26.0;
const LEVEL_GAP: f32 = 16.0;

/// The chart laid out within `max_width` units where it can be (a chart
/// whose blocks cannot be narrower is as wide as it must be).
pub fn layout(chart: &Chart, max_width: f32) -> Layout {
    let ms = Measures::new(chart);
    let cols = ms.columns(max_width);
    place(chart, &ms, &cols)
}

/// Every card measured once (its width does not depend on the chart's):
/// the card width, each card's lines, and each block title's width.
struct Measures {
    card_w: f32,
    cards: Vec<Vec<Measured>>,
    heights: Vec<Vec<f32>>,
    title_w: Vec<f32>,
}

impl Measures {
    fn new(chart: &Chart) -> Self {
        let card_w = card_width(chart);
        let cards: Vec<Vec<Measured>> = chart
            .blocks
            .iter()
            .map(|b| b.cards.iter().map(|c| measure(c, card_w)).collect())
            .collect();
        let heights = cards
            .iter()
            .map(|cards| cards.iter().map(|c| c.height).collect())
            .collect();
        let title_w = chart
            .blocks
            .iter()
            .map(|b| {
                b.title
                    .as_deref()
                    .map_or(0.0, |t| text_width(t, BLOCK_SIZE) + 2.0 * 14.0)
            })
            .collect();
        Measures {
            card_w,
            cards,
            heights,
            title_w,
        }
    }

    /// How many sub-columns each block gets within `max_width`.
    fn columns(&self, max_width: f32) -> Vec<usize> {
        allocate(&self.heights, &self.title_w, COMB + self.card_w, max_width)
    }
}

/// Draw the chart with `cols` sub-columns per block.
fn place(chart: &Chart, ms: &Measures, cols: &[usize]) -> Layout {
    let card_w = ms.card_w;
    let col_w = COMB + card_w;
    let (measured, heights, title_w) = (&ms.cards, &ms.heights, &ms.title_w);

    let block_w: Vec<f32> = cols
        .iter()
        .zip(title_w.iter())
        .map(|(k, t)| (*k as f32 * col_w + (*k as f32 - 1.0).max(0.0) * GAP_X).max(*t))
        .collect();
    let inner: f32 =
        block_w.iter().sum::<f32>() + BLOCK_GAP * (chart.blocks.len().saturating_sub(1)) as f32;
    let root_text_w = text_width(&chart.root, ROOT_SIZE).max(
        chart
            .root_note
            .as_deref()
            .map_or(0.0, |n| text_width(n, NOTE_SIZE)),
    );
    let root_w = root_text_w + 2.0 * 18.0;
    let width = inner.max(root_w) + 2.0 * MARGIN;

    let mut out = Layout {
        width,
        ..Layout::default()
    };
    // the root, centred on top
    let root_h = ROOT_SIZE * LEADING
        + chart
            .root_note
            .as_ref()
            .map_or(0.0, |_| NOTE_SIZE * LEADING)
        + 2.0 * 8.0;
    let root = Rect {
        x: (width - root_w) / 2.0,
        y: MARGIN,
        w: root_w,
        h: root_h,
    };
    out.shapes.push(Shape::Box {
        rect: root,
        role: Role::Root,
        tone: Tone::Neutral,
    });
    out.shapes.push(text(
        width / 2.0,
        root.y + 8.0,
        ROOT_SIZE,
        &chart.root,
        Style::Root,
        true,
        Tone::Neutral,
    ));
    if let Some(n) = &chart.root_note {
        out.shapes.push(text(
            width / 2.0,
            root.y + 8.0 + ROOT_SIZE * LEADING,
            NOTE_SIZE,
            n,
            Style::Note,
            true,
            Tone::Neutral,
        ));
    }
    let root_cx = width / 2.0;
    let bus1 = root.y + root.h + LEVEL_GAP;
    out.shapes
        .push(line(vec![(root_cx, root.y + root.h), (root_cx, bus1)]));

    // where each block starts, left to right, centred as a whole
    let mut x = (width - inner) / 2.0;
    let mut bottom = bus1;
    let mut drops: Vec<f32> = vec![root_cx];
    for (bi, block) in chart.blocks.iter().enumerate() {
        let bw = block_w[bi];
        let k = cols[bi];
        let cols_w = k as f32 * col_w + (k as f32 - 1.0).max(0.0) * GAP_X;
        let cols_x = x + (bw - cols_w) / 2.0;
        let comb_x = |c: usize| cols_x + c as f32 * (col_w + GAP_X) + COMB / 2.0;
        let bus2;
        match &block.title {
            Some(t) => {
                let tw = title_w[bi];
                let th = BLOCK_SIZE * LEADING + 2.0 * 7.0;
                let cx = x + bw / 2.0;
                let r = Rect {
                    x: cx - tw / 2.0,
                    y: bus1 + LEVEL_GAP,
                    w: tw,
                    h: th,
                };
                out.shapes.push(line(vec![(cx, bus1), (cx, r.y)]));
                drops.push(cx);
                out.shapes.push(Shape::Box {
                    rect: r,
                    role: Role::Block,
                    tone: block.tone,
                });
                out.shapes.push(text(
                    cx,
                    r.y + 7.0,
                    BLOCK_SIZE,
                    t,
                    Style::Block,
                    true,
                    block.tone,
                ));
                bus2 = r.y + r.h + LEVEL_GAP;
                if !block.cards.is_empty() {
                    out.shapes.push(line(vec![(cx, r.y + r.h), (cx, bus2)]));
                    let (lo, hi) = (comb_x(0).min(cx), comb_x(k - 1).max(cx));
                    out.shapes.push(line(vec![(lo, bus2), (hi, bus2)]));
                }
            }
            None => {
                bus2 = bus1;
                for c in 0..k {
                    drops.push(comb_x(c));
                }
            }
        }
        // cards, column by column
        let parts = partition(&heights[bi], k);
        let mut card_index = 0;
        for (c, len) in parts.iter().enumerate() {
            let cx = comb_x(c);
            let mut y = bus2 + 10.0;
            let mut last_tick = bus2;
            for _ in 0..*len {
                let card = &block.cards[card_index];
                let mm = &measured[bi][card_index];
                let r = Rect {
                    x: cx + COMB / 2.0,
                    y,
                    w: card_w,
                    h: mm.height,
                };
                let tick = y + mm.head / 2.0;
                out.shapes.push(line(vec![(cx, tick), (r.x, tick)]));
                last_tick = tick;
                draw_card(&mut out, card, mm, r, block.tone);
                out.cards.push((card.title.clone(), r));
                y += mm.height + GAP_Y;
                card_index += 1;
            }
            if *len > 0 {
                out.shapes.push(line(vec![(cx, bus2), (cx, last_tick)]));
                bottom = bottom.max(y - GAP_Y);
            }
        }
        bottom = bottom.max(bus2);
        x += bw + BLOCK_GAP;
    }
    if drops.len() > 1 {
        let lo = drops.iter().copied().fold(f32::MAX, f32::min);
        let hi = drops.iter().copied().fold(f32::MIN, f32::max);
        out.shapes.push(line(vec![(lo, bus1), (hi, bus1)]));
    }
    out.height = bottom + MARGIN;
    // connectors first, so that boxes are drawn over their ends
    out.shapes.sort_by_key(|s| {
        if matches!(s, Shape::Line { .. }) {
            0
        } else {
            1
        }
    });
    out
}

/// The chart laid out to be drawn as large as it can be on a page of
/// `page_w`×`page_h` (any unit): of the layouts for a range of widths, the
/// one whose scale to fit the page is largest (the narrower on a tie).
pub fn layout_for_page(chart: &Chart, page_w: f32, page_h: f32) -> Layout {
    let scale = |l: &Layout| (page_w / l.width).min(page_h / l.height);
    let ms = Measures::new(chart);
    let mut tried: Vec<Vec<usize>> = Vec::new();
    let mut best: Option<Layout> = None;
    let mut width = 480.0;
    while width <= 2400.0 {
        let cols = ms.columns(width);
        width += 40.0;
        if tried.contains(&cols) {
            continue;
        }
        let l = place(chart, &ms, &cols);
        tried.push(cols);
        if best.as_ref().is_none_or(|b| scale(&l) > scale(b) * 1.001) {
            best = Some(l);
        }
    }
    best.unwrap_or_else(|| layout(chart, 960.0))
}

/// A card's wrapped lines and heights.
struct Measured {
    title: Vec<String>,
    note: Vec<String>,
    /// Each entry's wrapped lines and its note's.
    entries: Vec<(Vec<String>, Vec<String>)>,
    /// The height of the title band.
    head: f32,
    /// The whole card.
    height: f32,
}

fn entry_size(depth: u8) -> f32 {
    if depth == 0 {
        ENTRY_SIZE
    } else {
        SUB_SIZE
    }
}

/// The left offset of an entry's text inside a card.
fn entry_offset(depth: u8) -> f32 {
    PAD + BULLET + f32::from(depth.min(4)) * INDENT
}

fn measure(card: &Card, card_w: f32) -> Measured {
    let inner = card_w - 2.0 * PAD;
    let title = wrap_even(&card.title, inner, TITLE_SIZE);
    let note = card
        .note
        .as_deref()
        .map_or_else(Vec::new, |n| wrap(n, inner, NOTE_SIZE));
    let head = PAD
        + title.len() as f32 * TITLE_SIZE * LEADING
        + note.len() as f32 * NOTE_SIZE * LEADING
        + PAD * 0.5;
    let mut height = head;
    let mut entries = Vec::new();
    for e in &card.entries {
        let size = entry_size(e.depth);
        let avail = card_w - entry_offset(e.depth) - PAD;
        let lines = wrap_even(&e.text, avail, size);
        let note = e
            .note
            .as_deref()
            .map_or_else(Vec::new, |n| wrap(n, avail, NOTE_SIZE));
        height += lines.len() as f32 * size * LEADING + note.len() as f32 * NOTE_SIZE * LEADING;
        entries.push((lines, note));
    }
    height += if card.entries.is_empty() { 0.0 } else { PAD };
    Measured {
        title,
        note,
        entries,
        head,
        height,
    }
}

fn draw_card(out: &mut Layout, card: &Card, mm: &Measured, r: Rect, tone: Tone) {
    out.shapes.push(Shape::Box {
        rect: r,
        role: Role::Card,
        tone,
    });
    out.shapes.push(Shape::Box {
        rect: Rect { h: mm.head, ..r },
        role: Role::CardHead,
        tone,
    });
    let mut y = r.y + PAD;
    for l in &mm.title {
        out.shapes.push(text(
            r.x + PAD,
            y,
            TITLE_SIZE,
            l,
            Style::CardTitle,
            false,
            tone,
        ));
        y += TITLE_SIZE * LEADING;
    }
    for l in &mm.note {
        out.shapes
            .push(text(r.x + PAD, y, NOTE_SIZE, l, Style::Note, false, tone));
        y += NOTE_SIZE * LEADING;
    }
    let mut y = r.y + mm.head + PAD * 0.5;
    for (e, (lines, note)) in card.entries.iter().zip(&mm.entries) {
        let size = entry_size(e.depth);
        let x = r.x + entry_offset(e.depth);
        let b = if e.depth == 0 { 5.0 } else { 4.0 };
        out.shapes.push(Shape::Bullet {
            rect: Rect {
                x: x - BULLET + (BULLET - b) / 2.0 - 1.0,
                y: y + (size * LEADING - b) / 2.0,
                w: b,
                h: b,
            },
            tone: if e.alert { Tone::Neutral } else { tone },
        });
        let style = match (e.alert, e.depth) {
            (true, _) => Style::Alert,
            (false, 0) => Style::Entry,
            (false, _) => Style::SubEntry,
        };
        for l in lines {
            out.shapes.push(text(x, y, size, l, style, false, tone));
            y += size * LEADING;
        }
        for l in note {
            out.shapes
                .push(text(x, y, NOTE_SIZE, l, Style::Note, false, tone));
            y += NOTE_SIZE * LEADING;
        }
    }
}

/// A text line whose line box starts at `top`.
fn text(x: f32, top: f32, size: f32, s: &str, style: Style, centred: bool, tone: Tone) -> Shape {
    Shape::Text {
        x,
        // the baseline sits about 1.08 em below the top of a 1.4 em line box
        y: top + size * (LEADING - 1.0) / 2.0 + size * 0.88,
        size,
        text: s.to_string(),
        style,
        centred,
        tone,
    }
}

fn line(points: Vec<(f32, f32)>) -> Shape {
    Shape::Line { points }
}

/// One width for every card: wide enough for the usual names, within
/// [`CARD_MIN`]..[`CARD_MAX`]; longer names wrap.
fn card_width(chart: &Chart) -> f32 {
    let widest = chart
        .blocks
        .iter()
        .flat_map(|b| b.cards.iter())
        .flat_map(|c| {
            std::iter::once(text_width(&c.title, TITLE_SIZE) + 2.0 * PAD).chain(
                c.entries.iter().map(|e| {
                    text_width(&e.text, entry_size(e.depth)) + entry_offset(e.depth) + PAD
                }),
            )
        })
        .fold(0.0, f32::max);
    widest.clamp(CARD_MIN, CARD_MAX).ceil()
}

/// How many sub-columns each block gets: one each, then one more for the
/// tallest block that can still be split, while the chart stays within
/// `max_width`.
fn allocate(heights: &[Vec<f32>], title_w: &[f32], col_w: f32, max_width: f32) -> Vec<usize> {
    let mut cols: Vec<usize> = heights.iter().map(|h| usize::from(!h.is_empty())).collect();
    let width = |cols: &[usize]| -> f32 {
        cols.iter()
            .zip(title_w)
            .map(|(k, t)| (*k as f32 * col_w + (*k as f32 - 1.0).max(0.0) * GAP_X).max(*t))
            .sum::<f32>()
            + BLOCK_GAP * cols.len().saturating_sub(1) as f32
            + 2.0 * MARGIN
    };
    loop {
        let tallest = (0..cols.len())
            .filter(|b| cols[*b] < heights[*b].len())
            .max_by(|a, b| {
                column_height(&heights[*a], cols[*a])
                    .total_cmp(&column_height(&heights[*b], cols[*b]))
            });
        let Some(b) = tallest else { break };
        // only the tallest block makes the chart taller: if it cannot be
        // split further (or is no shorter split), stop
        let overall = (0..cols.len())
            .map(|x| column_height(&heights[x], cols[x]))
            .fold(0.0, f32::max);
        if column_height(&heights[b], cols[b]) < overall {
            break;
        }
        let mut next = cols.clone();
        next[b] += 1;
        if width(&next) > max_width
            || column_height(&heights[b], next[b]) >= column_height(&heights[b], cols[b])
        {
            break;
        }
        cols = next;
    }
    cols
}

/// The height of the tallest sub-column when `heights` are split into `k`
/// contiguous runs as evenly as possible.
fn column_height(heights: &[f32], k: usize) -> f32 {
    let parts = partition(heights, k);
    let mut i = 0;
    let mut tallest: f32 = 0.0;
    for len in parts {
        let h: f32 = heights[i..i + len].iter().sum::<f32>() + GAP_Y * len.saturating_sub(1) as f32;
        tallest = tallest.max(h);
        i += len;
    }
    tallest
}

/// Split `heights` into at most `k` contiguous runs minimising the tallest
/// run (cards keep their order: down the first sub-column, then the next).
/// Returns the length of each run; runs may be empty only when there are
/// fewer cards than columns.
fn partition(heights: &[f32], k: usize) -> Vec<usize> {
    let n = heights.len();
    let k = k.max(1);
    if n == 0 {
        return vec![0; k];
    }
    let k = k.min(n);
    let mut prefix = vec![0.0f32; n + 1];
    for (i, h) in heights.iter().enumerate() {
        prefix[i + 1] = prefix[i] + h + GAP_Y;
    }
    let run = |a: usize, b: usize| prefix[b] - prefix[a] - GAP_Y;
    // best[j][i]: the smallest tallest run splitting the first i cards into j runs
    let mut best = vec![vec![f32::INFINITY; n + 1]; k + 1];
    let mut cut = vec![vec![0usize; n + 1]; k + 1];
    best[0][0] = 0.0;
    for j in 1..=k {
        for i in 1..=n {
            for p in (j - 1)..i {
                let v = best[j - 1][p].max(run(p, i));
                if v < best[j][i] {
                    best[j][i] = v;
                    cut[j][i] = p;
                }
            }
        }
    }
    let mut lens = vec![0; k];
    let mut i = n;
    for j in (1..=k).rev() {
        let p = cut[j][i];
        lens[j - 1] = i - p;
        i = p;
    }
    lens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 21 departments in three categories, with 1–14 modules each and some
    /// long names, like a city's.
    fn city() -> Chart {
        let names = [
            "党政办公室",
            "组织部",
            "宣传统战部",
            "政法委员会",
            "群团部",
            "基层治理委员会",
            "经济发展局",
            "财政局",
            "社会事业局",
            "自然资源与规划建设局",
            "市场监督管理局（知识产权局）",
            "综合行政执法局",
            "应急管理局",
            "行政审批局",
            "公安局",
            "城市大脑运营中心",
            "党群服务中心",
            "社会矛盾纠纷调处化解中心",
            "融媒体中心",
            "政务服务中心",
            "公共资源交易中心",
        ];
        let tones = [Tone::Party, Tone::Government, Tone::Institution];
        let split = [6, 9, 6];
        let mut i = 0;
        let blocks = (0..3)
            .map(|b| Block {
                title: Some(format!("类别{b} · {}", split[b])),
                tone: tones[b],
                cards: (0..split[b])
                    .map(|_| {
                        let n = names[i];
                        i += 1;
                        Card {
                            title: n.to_string(),
                            note: None,
                            entries: (0..(1 + (i * 7) % 14))
                                .flat_map(|m| {
                                    let mut v = vec![Entry {
                                        text: if m == 2 {
                                            "一个名字特别长需要换行显示的模块（示例）".to_string()
                                        } else {
                                            format!("模块{m}")
                                        },
                                        ..Entry::default()
                                    }];
                                    if m % 3 == 0 {
                                        v.push(Entry {
                                            text: format!("业务组{m}"),
                                            depth: 1,
                                            ..Entry::default()
                                        });
                                    }
                                    v
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect();
        Chart {
            root: "龙港市".to_string(),
            root_note: Some("21 个部门".to_string()),
            blocks,
        }
    }

    fn boxes(l: &Layout) -> Vec<(Role, Rect)> {
        l.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Box { rect, role, .. } if *role != Role::CardHead => Some((*role, *rect)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn no_two_boxes_overlap_and_all_lie_within_the_drawing() {
        for width in [600.0, 960.0, 1400.0] {
            let l = layout(&city(), width);
            let b = boxes(&l);
            let page = Rect {
                x: 0.0,
                y: 0.0,
                w: l.width,
                h: l.height,
            };
            for (i, (ra, a)) in b.iter().enumerate() {
                assert!(page.contains(a), "{ra:?} {a:?} outside {page:?}");
                for (rb, c) in &b[i + 1..] {
                    assert!(!a.overlaps(c), "{ra:?} {a:?} overlaps {rb:?} {c:?}");
                }
            }
        }
    }

    #[test]
    fn every_department_is_a_card_once() {
        let chart = city();
        let l = layout(&chart, 960.0);
        let want: Vec<&str> = chart
            .blocks
            .iter()
            .flat_map(|b| b.cards.iter().map(|c| c.title.as_str()))
            .collect();
        let got: Vec<&str> = l.cards.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(want, got);
        assert_eq!(got.len(), 21);
    }

    #[test]
    fn the_city_fits_a4_width_with_legible_text() {
        let l = layout(&city(), 960.0);
        assert!(l.width <= 960.0, "{}", l.width);
        // printed 180 mm wide (A4 less margins), a 13-unit entry is at least 2.4 mm
        let mm = 13.0 * 180.0 / l.width;
        assert!(mm >= 2.4, "{mm} mm");
        // and the chart is not taller than a page would hold at that scale
        let tall = l.height * 180.0 / l.width;
        assert!(tall <= 267.0, "{tall} mm tall");
    }

    #[test]
    fn a_page_layout_is_at_least_as_large_as_a_fixed_width_one() {
        let scale = |l: &Layout| (180.0 / l.width).min(240.0 / l.height);
        let chart = city();
        let fitted = layout_for_page(&chart, 180.0, 240.0);
        assert!(scale(&fitted) >= scale(&layout(&chart, 960.0)));
        // a chart with many entries gets more sub-columns than one with few
        let mut tall = city();
        for b in &mut tall.blocks {
            for c in &mut b.cards {
                let more = c.entries.clone();
                c.entries.extend(more.clone());
                c.entries.extend(more);
            }
        }
        assert!(layout_for_page(&tall, 180.0, 240.0).width > fitted.width);
    }

    #[test]
    fn text_stays_inside_its_card() {
        let l = layout(&city(), 960.0);
        for s in &l.shapes {
            if let Shape::Text {
                x,
                y,
                size,
                text,
                centred: false,
                ..
            } = s
            {
                let r = Rect {
                    x: *x,
                    y: y - size,
                    w: text_width(text, *size),
                    h: *size,
                };
                assert!(
                    l.cards.iter().any(|(_, c)| c.contains(&r)),
                    "{text:?} at {r:?} is outside every card"
                );
            }
        }
    }

    #[test]
    fn sub_columns_keep_declaration_order() {
        assert_eq!(partition(&[10.0, 10.0, 10.0, 10.0], 2), vec![2, 2]);
        assert_eq!(partition(&[40.0, 10.0, 10.0, 10.0], 2), vec![1, 3]);
        assert_eq!(partition(&[10.0], 3), vec![1]);
        assert_eq!(partition(&[], 2), vec![0, 0]);
    }

    #[test]
    fn an_empty_chart_is_just_the_root() {
        let l = layout(
            &Chart {
                root: "龙港市".to_string(),
                ..Chart::default()
            },
            960.0,
        );
        assert!(l.cards.is_empty() && l.width > 0.0 && l.height > 0.0);
    }
}
