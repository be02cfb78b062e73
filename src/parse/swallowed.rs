//! A quoted cell that swallowed rows. A stray quote (`"Smith` never
//! closed where it should be) makes the reader take the following lines as
//! one cell, up to the next lone quote: those rows are never seen, and the
//! record may even have the right number of cells and load. A cell is taken
//! for such a one when at least [`ROW_SHAPED_LINES`] of the lines it holds
//! after its first look like rows of the file: no quote, and exactly as many
//! delimiters as the header (a row without quoted cells). A note written
//! over many lines rarely holds three lines cut like the file's rows.

use csv::StringRecord;

/// Lines shaped like rows a quoted cell may hold before it is taken for a
/// stray quote's.
pub const ROW_SHAPED_LINES: u64 = 3;

/// A cell that swallowed rows: where it opens and how much it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swallowed {
    /// The cell's index in its record.
    pub column: usize,
    /// The 1-based line the cell opens on.
    pub line: u64,
    /// Lines the cell spans.
    pub lines: u64,
    /// Lines in it shaped like rows of the file.
    pub rows: u64,
}

/// The first cell of `record` (which starts on `line`) that swallowed
/// rows of a file of `width` columns split by `delimiter`.
pub fn find(record: &StringRecord, line: u64, delimiter: u8, width: usize) -> Option<Swallowed> {
    // Two delimiters at least: a line with one comma is any sentence.
    if width < 3 || memchr::memchr2(b'\n', b'\r', record.as_slice().as_bytes()).is_none() {
        return None;
    }
    let mut at = line;
    for (column, cell) in record.iter().enumerate() {
        let lines = split_lines(cell);
        let breaks = lines.len() as u64 - 1;
        if breaks >= ROW_SHAPED_LINES {
            let rows = lines[1..].iter().filter(|l| row_shaped(l, delimiter, width)).count() as u64;
            if rows >= ROW_SHAPED_LINES {
                return Some(Swallowed { column, line: at, lines: breaks + 1, rows });
            }
        }
        at += breaks;
    }
    None
}

/// A line cut like a row without quoted cells.
fn row_shaped(line: &str, delimiter: u8, width: usize) -> bool {
    !line.contains('"') && line.bytes().filter(|&b| b == delimiter).count() == width - 1
}

/// The lines of a cell, split at CRLF, LF and lone CR as the line count is.
fn split_lines(cell: &str) -> Vec<&str> {
    let bytes = cell.as_bytes();
    let (mut lines, mut start, mut i) = (Vec::new(), 0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\r' | b'\n' => {
                lines.push(&cell[start..i]);
                i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    lines.push(&cell[start..]);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    #[test]
    fn a_cell_holding_rows_is_found_where_it_opens() {
        let swallowed = "Smith\r\n2,b@example.com,Jones\n3,c@example.com,Lee\r4,d@example.com,Kim\n5,e@x.com,Park\"";
        let found = find(&record(&["1", "a@example.com", swallowed]), 7, b',', 3);
        assert_eq!(found, Some(Swallowed { column: 2, line: 7, lines: 5, rows: 3 }));
        // Lines of an earlier multi-line cell move the opening line on.
        let found =
            find(&record(&["1\nx", "a", swallowed.replace(',', ";").as_str(), "z"]), 7, b';', 4);
        assert_eq!(found.map(|s| (s.column, s.line)), None, "three delimiters needed, two found");
        let cells = ["note\non two lines", "a;b;c;1\nd;e;f;2\ng;h;i;3\nj;k;l;4", "", ""];
        let found = find(&record(&cells), 10, b';', 4);
        assert_eq!(found, Some(Swallowed { column: 1, line: 11, lines: 4, rows: 3 }));
    }

    #[test]
    fn notes_over_many_lines_are_not_rows() {
        let note = "Called Monday, no answer.\nCalled Tuesday, left a message.\nSpoke to her, she calls back.\nDone";
        assert_eq!(find(&record(&["1", "a", note, "x", "y"]), 2, b',', 5), None);
        // Two lines shaped like rows are not enough; quoted text is no row.
        let two = "x\n1,a,b\n2,c,d\nend";
        assert_eq!(find(&record(&["1", "a", two]), 2, b',', 3), None);
        let quoted = "x\n1,\"a\",b\n2,\"c\",d\n3,\"e\",f";
        assert_eq!(find(&record(&["1", "a", quoted]), 2, b',', 3), None);
        // A two-column file: a comma is any sentence.
        assert_eq!(find(&record(&["1", "x\na,b\nc,d\ne,f"]), 2, b',', 2), None);
    }
}
