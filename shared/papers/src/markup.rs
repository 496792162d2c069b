//! The line markup a template renders to (documented in the crate doc), read into blocks.

/// Opens a printed value (a private-use character: no font draws it, no data needs it). The
/// reader decides a line's kind and splits table cells outside values only.
pub(crate) const OPEN: char = '\u{E000}';
/// Closes a printed value.
pub(crate) const CLOSE: char = '\u{E001}';

/// One block of a paper, its text free of value marks.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    Title(String),
    Heading(String),
    Centred(String),
    Right(String),
    Bold(String),
    Paragraph(String),
    /// A list item with its marker: `•` or the item's number (`3.`).
    Item(String, String),
    /// Rows of cells; the first row is the header.
    Table(Vec<Vec<String>>),
    Rule,
    Qr(String),
    Space,
}

/// Reads markup into blocks. Never fails: a line that is no markup is a paragraph.
pub(crate) fn parse(src: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for raw in src.lines() {
        let line = raw.trim_matches(|c: char| c.is_whitespace());
        if line.starts_with('|') {
            if let Some(row) = row(line) {
                rows.push(row);
            }
            continue;
        }
        if !rows.is_empty() {
            blocks.push(Block::Table(std::mem::take(&mut rows)));
        }
        if let Some(block) = block(line) {
            blocks.push(block);
        }
    }
    if !rows.is_empty() {
        blocks.push(Block::Table(rows));
    }
    blocks
}

/// Makes a block of a line's text.
type Kind = fn(String) -> Block;

/// The line prefixes of blocks of one text, longest first where one starts another.
const PREFIXED: [(&str, Kind); 6] = [
    ("## ", Block::Heading),
    ("# ", Block::Title),
    ("^ ", Block::Centred),
    ("> ", Block::Right),
    ("! ", Block::Bold),
    ("[qr] ", Block::Qr),
];

/// The block of one line that is not a table row; `None` for a line left empty by empty values.
fn block(line: &str) -> Option<Block> {
    if line.is_empty() {
        return Some(Block::Space);
    }
    if line.len() >= 3 && line.chars().all(|c| c == '-') {
        return Some(Block::Rule);
    }
    let (marker, rest) = if let Some(rest) = line.strip_prefix("- ") {
        (Some("•".to_string()), rest)
    } else if let Some((number, rest)) = numbered(line) {
        (Some(format!("{number}.")), rest)
    } else {
        (None, line)
    };
    let (kind, rest): (Kind, &str) = match marker {
        Some(_) => (Block::Paragraph, rest),
        None => PREFIXED
            .iter()
            .find_map(|(prefix, kind)| Some((*kind, line.strip_prefix(prefix)?)))
            .unwrap_or((Block::Paragraph, line)),
    };
    let text = plain(rest);
    // A line of nothing but empty values is no block (not even a space): an unset optional
    // value must not shift the paper.
    if text.is_empty() {
        return None;
    }
    Some(match marker {
        Some(marker) => Block::Item(marker, text),
        None => kind(text),
    })
}

/// `12. text` → `(12, "text")`.
fn numbered(line: &str) -> Option<(&str, &str)> {
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    let rest = line[digits..].strip_prefix(". ")?;
    (digits > 0 && digits <= 3).then(|| (&line[..digits], rest))
}

/// The cells of a table row (`| a | b |`; the outer bars are optional after the first). `None`
/// for a Markdown separator row (`|---|:--|`).
fn row(line: &str) -> Option<Vec<String>> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut depth = 0usize;
    for c in line.chars().skip(1) {
        match c {
            OPEN => depth += 1,
            CLOSE => depth = depth.saturating_sub(1),
            '|' if depth == 0 => cells.push(std::mem::take(&mut cell)),
            _ => {}
        }
        if c != '|' || depth > 0 {
            cell.push(c);
        }
    }
    if !cell.trim().is_empty() {
        cells.push(cell);
    }
    let separator = cells
        .iter()
        .all(|c| !c.trim().is_empty() && c.trim().chars().all(|c| matches!(c, '-' | ':')));
    if separator {
        return None;
    }
    Some(cells.iter().map(|c| plain(c)).collect())
}

/// The text without value marks, trimmed.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(*c, OPEN | CLOSE))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The text of the first title: the PDF's title metadata.
pub(crate) fn title(blocks: &[Block]) -> Option<&str> {
    blocks.iter().find_map(|b| match b {
        Block::Title(t) => Some(t.as_str()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> String {
        format!("{OPEN}{s}{CLOSE}")
    }

    #[test]
    fn reads_every_kind_of_line() {
        let src = "# T\n## H\n^ c\n> r\n! b\n- i\n2. n\n---\n[qr] https://x/y\n\nplain text\n";
        assert_eq!(
            parse(src),
            vec![
                Block::Title("T".into()),
                Block::Heading("H".into()),
                Block::Centred("c".into()),
                Block::Right("r".into()),
                Block::Bold("b".into()),
                Block::Item("•".into(), "i".into()),
                Block::Item("2.".into(), "n".into()),
                Block::Rule,
                Block::Qr("https://x/y".into()),
                Block::Space,
                Block::Paragraph("plain text".into()),
            ]
        );
    }

    #[test]
    fn reads_tables_and_skips_separator_rows() {
        let src = "| A | B |\n|---|:-:|\n| 1 | 2 |\n| 3 |\ntext\n| x |";
        assert_eq!(
            parse(src),
            vec![
                Block::Table(vec![
                    vec!["A".into(), "B".into()],
                    vec!["1".into(), "2".into()],
                    vec!["3".into()],
                ]),
                Block::Paragraph("text".into()),
                Block::Table(vec![vec!["x".into()]]),
            ]
        );
    }

    #[test]
    fn values_are_never_markup() {
        let src = format!(
            "{}\n{}\n| {} | b |\n{}",
            v("# Fake"),
            v("---"),
            v("a | c"),
            v("- x")
        );
        assert_eq!(
            parse(&src),
            vec![
                Block::Paragraph("# Fake".into()),
                Block::Paragraph("---".into()),
                Block::Table(vec![vec!["a | c".into(), "b".into()]]),
                Block::Paragraph("- x".into()),
            ]
        );
        // A line of empty values is nothing at all.
        assert_eq!(parse(&format!("a\n{}\nb", v(""))).len(), 2);
    }
}
