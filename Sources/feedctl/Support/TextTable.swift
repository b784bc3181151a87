/// Prints rows as aligned columns; the widest column that does not fit the terminal is cut with "…".
struct TextTable {
    struct Column {
        var title: String
        /// Right-aligned (numbers) or left-aligned (text).
        var alignRight = false
        /// May be shortened to fit the terminal.
        var shrinks = false
    }

    var columns: [Column]
    /// Each cell: the plain text (for widths) and the text to print (maybe coloured).
    private var rows: [[(plain: String, shown: String)]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    mutating func append(_ cells: [String]) {
        rows.append(cells.map { ($0, $0) })
    }

    /// Appends a row whose printed cells carry colour codes that must not count towards the widths.
    mutating func append(plain: [String], shown: [String]) {
        rows.append(zip(plain, shown).map { ($0, $1) })
    }

    /// The table as text, header first, fitted to `width` columns when width is positive.
    func render(width: Int, terminal: Terminal) -> String {
        var widths = columns.map { $0.title.count }
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.plain.count)
            }
        }
        if width > 0 {
            let total = widths.reduce(0, +) + 2 * (widths.count - 1)
            if total > width,
                let shrinking = columns.indices.filter({ columns[$0].shrinks }).max(by: {
                    widths[$0] < widths[$1]
                })
            {
                widths[shrinking] = max(columns[shrinking].title.count, widths[shrinking] - (total - width), 8)
            }
        }
        var lines: [String] = []
        let header = columns.enumerated().map { pad($1.title, widths[$0], right: $1.alignRight) }
        lines.append(terminal.paint(trimEnd(header.joined(separator: "  ")), .bold))
        for row in rows {
            var cells: [String] = []
            for (index, cell) in row.enumerated() where index < widths.count {
                let fitted = cell.plain.count > widths[index] ? String(cell.plain.prefix(widths[index] - 1)) + "…" : nil
                let shown = fitted ?? cell.shown
                let padding = String(repeating: " ", count: max(widths[index] - (fitted ?? cell.plain).count, 0))
                cells.append(columns[index].alignRight ? padding + shown : shown + padding)
            }
            lines.append(trimEnd(cells.joined(separator: "  ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int, right: Bool) -> String {
        let padding = String(repeating: " ", count: max(width - text.count, 0))
        return right ? padding + text : text + padding
    }

    private func trimEnd(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}
