//! Tables: full text width, columns in proportion to their content, text wrapped in cells,
//! thin borders, rows broken across pages with the header repeated.

use crate::layout::{Cursor, LEADING, LEFT, Op, TEXT_HEIGHT, TEXT_WIDTH, baseline};

const BORDER: f32 = 0.5;
/// The header's background.
const HEADER_GREY: u8 = 230;

/// How a table is set: wide tables (an intake journal of 10 columns) in a smaller font with
/// tighter padding, so that their words still fit on portrait A4.
struct Style {
    size: f32,
    /// Between the text and the vertical borders.
    pad: f32,
    /// Between the text and the horizontal borders.
    vpad: f32,
}

impl Style {
    fn of(columns: usize) -> Self {
        if columns > 6 {
            Style {
                size: 8.0,
                pad: 2.0,
                vpad: 1.5,
            }
        } else {
            Style {
                size: 9.5,
                pad: 3.0,
                vpad: 2.0,
            }
        }
    }

    fn line(&self) -> f32 {
        self.size * LEADING
    }

    /// The height of `lines` lines of text in a row (an empty row is one line high).
    fn height(&self, lines: usize) -> f32 {
        lines.max(1) as f32 * self.line() + 2.0 * self.vpad
    }
}

/// A row's cells, wrapped: lines per cell.
type Row = Vec<Vec<String>>;

/// Lays out a table at the cursor; `rows[0]` is the header.
pub(crate) fn lay_out(cur: &mut Cursor, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    let style = Style::of(columns);
    let widths = column_widths(cur, rows, columns, &style);
    let wrapped: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..columns)
                .map(|c| {
                    let text = row.get(c).map_or("", String::as_str);
                    let inner = widths[c] - 2.0 * style.pad;
                    cur.measure.wrap(text, r == 0, style.size, inner)
                })
                .collect()
        })
        .collect();
    let table = Table { widths, style };
    let lines = |row: &Row| row.iter().map(Vec::len).max().unwrap_or(0).max(1);

    let header = &wrapped[0];
    let header_height = table.style.height(lines(header));
    // A header repeated on every page must leave room for rows.
    let repeat = wrapped.len() > 1 && header_height < TEXT_HEIGHT / 4.0;
    // The header never ends a page alone: it goes with the first line of the first row.
    cur.fit(header_height + if repeat { table.style.height(1) } else { 0.0 });
    table.segment(cur, header, 0, lines(header), true);

    for row in &wrapped[1..] {
        let total = lines(row);
        let mut from = 0;
        loop {
            let rest = total - from;
            let need = table.style.height(rest);
            if need <= cur.room() + 0.01 {
                table.segment(cur, row, from, rest, false);
                break;
            }
            // A row taller than a whole page is split; any other row moves to the next page.
            let fresh = TEXT_HEIGHT - if repeat { header_height } else { 0.0 };
            let fits = ((cur.room() - 2.0 * table.style.vpad) / table.style.line()).floor();
            if need > fresh && fits >= 1.0 {
                let fits = (fits as usize).min(rest);
                table.segment(cur, row, from, fits, false);
                from += fits;
            }
            cur.new_page();
            if repeat {
                table.segment(cur, header, 0, lines(header), true);
            }
        }
    }
}

struct Table {
    /// Including the padding.
    widths: Vec<f32>,
    style: Style,
}

impl Table {
    /// Draws lines `from..from + count` of a row's cells at the cursor, with its borders.
    fn segment(&self, cur: &mut Cursor, row: &Row, from: usize, count: usize, header: bool) {
        let s = &self.style;
        let top = cur.y;
        let height = s.height(count);
        let width: f32 = self.widths.iter().sum();
        if header {
            let rects = vec![[LEFT, top, width, height]];
            cur.push(Op::Rects {
                rects,
                grey: HEADER_GREY,
            });
        }
        let mut x = LEFT;
        for (cell, w) in row.iter().zip(&self.widths) {
            for (k, line) in cell.iter().skip(from).take(count).enumerate() {
                let size = s.size;
                let baseline = baseline(top + s.vpad + k as f32 * s.line(), size);
                let text = line.clone();
                cur.push(Op::Text {
                    x: x + s.pad,
                    baseline,
                    size,
                    bold: header,
                    text,
                });
            }
            x += w;
        }
        let bottom = top + height;
        let line = |from, to| Op::Line {
            from,
            to,
            width: BORDER,
        };
        cur.push(line((LEFT, top), (LEFT + width, top)));
        cur.push(line((LEFT, bottom), (LEFT + width, bottom)));
        let mut x = LEFT;
        cur.push(line((x, top), (x, bottom)));
        for w in &self.widths {
            x += w;
            cur.push(line((x, top), (x, bottom)));
        }
        cur.y = bottom;
    }
}

/// Column widths (padding included) that fill the text width. When every text fits on one
/// line, the spare width is spread in proportion to the texts. Otherwise the long columns are
/// cut down to one common width (a "water level"), chosen so that the table fills the text
/// width: short columns (numbers, dates, labels) keep their texts on one line and the long ones
/// share what is left; no column is narrower than its longest word. When even the longest
/// words do not fit, widths follow them and words break.
fn column_widths(cur: &mut Cursor, rows: &[Vec<String>], columns: usize, s: &Style) -> Vec<f32> {
    let avail = TEXT_WIDTH - columns as f32 * 2.0 * s.pad;
    // Room for a couple of letters even in an empty column; no single word (a URL) gets more
    // than half the table.
    let floor = s.size * 1.5;
    let ceiling = avail / 2.0;
    let mut natural = vec![floor; columns];
    let mut least = vec![floor; columns];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let bold = r == 0;
            natural[c] = natural[c].max(cur.measure.width(cell, bold, s.size));
            for word in cell.split_whitespace() {
                let w = cur.measure.width(word, bold, s.size).min(ceiling);
                least[c] = least[c].max(w);
            }
        }
    }
    let natural_sum: f32 = natural.iter().sum();
    let least_sum: f32 = least.iter().sum();
    let inner: Vec<f32> = if natural_sum <= avail {
        natural.iter().map(|n| n * avail / natural_sum).collect()
    } else if least_sum <= avail {
        let at = |level: f32| -> Vec<f32> {
            (0..columns)
                .map(|c| natural[c].min(level).max(least[c]))
                .collect()
        };
        // The total width grows with the level: bisect for the level that fills the width.
        let (mut low, mut high) = (0.0f32, avail);
        for _ in 0..40 {
            let mid = (low + high) / 2.0;
            if at(mid).iter().sum::<f32>() > avail {
                high = mid;
            } else {
                low = mid;
            }
        }
        let mut widths = at(low);
        // What bisection leaves over goes to the columns at the level (they wrap).
        let spare = avail - widths.iter().sum::<f32>();
        let capped: Vec<usize> = (0..columns).filter(|&c| natural[c] > widths[c]).collect();
        for &c in &capped {
            widths[c] += spare / capped.len() as f32;
        }
        widths
    } else {
        least.iter().map(|l| l * avail / least_sum).collect()
    };
    inner.into_iter().map(|w| w + 2.0 * s.pad).collect()
}
