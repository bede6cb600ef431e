//! Line numbers of the records a CSV reader returns, counted in one pass.

/// Counts the lines of a text up to the records the reader returns, which come in file order:
/// each count goes on from the previous one, so a whole file is counted once.
pub(super) struct Lines<'a> {
    bytes: &'a [u8],
    /// Bytes counted so far.
    pos: usize,
    /// The line `pos` is on (1-based).
    line: u64,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record the reader places at byte `byte` (the reader may place
    /// a record on the line break before it, so line breaks there are skipped first). A line
    /// ends at LF, CRLF or a lone CR, as it does for the reader.
    pub(super) fn at(&mut self, byte: u64) -> u64 {
        let bytes = self.bytes;
        let start = (byte as usize).min(bytes.len());
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|&&b| matches!(b, b'\r' | b'\n'))
                .count();
        // The reader returns records in file order, so counting goes on from the last one.
        debug_assert!(end >= self.pos, "records come in file order");
        for i in self.pos..end {
            let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if bytes[i] == b'\n' || lone_cr {
                self.line += 1;
            }
        }
        self.pos = end;
        self.line
    }
}
