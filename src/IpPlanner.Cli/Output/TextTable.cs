using System.Text;

namespace IpPlanner.Cli.Output;

/// <summary>
/// A plain aligned-column table for long listings (the 1,391-type catalog): Spectre.Console's table spends
/// most of a second measuring that many cells, this writes them in a few milliseconds.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds one row; it must have one cell per header.</summary>
    public void AddRow(params string[] cells)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(cells.Length, headers.Length);
        _rows.Add(cells);
    }

    /// <summary>Writes the header, a rule and the rows; numeric columns are right-aligned, the others left-aligned.</summary>
    public void Write(TextWriter writer)
    {
        var widths = new int[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            widths[c] = headers[c].Length;
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var right = new bool[headers.Length];
        for (var c = 0; c < headers.Length; c++)
        {
            right[c] = _rows.Count > 0 && _rows.TrueForAll(row => row[c].Length == 0 || row[c] == "?" || char.IsAsciiDigit(row[c][0]) || row[c][0] == '-');
        }

        var line = new StringBuilder();
        WriteRow(writer, line, headers, widths, right);
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            WriteRow(writer, line, row, widths, right);
        }
    }

    private static void WriteRow(TextWriter writer, StringBuilder line, string[] cells, int[] widths, bool[] right)
    {
        line.Clear();
        for (var c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                line.Append("  ");
            }

            line.Append(right[c] ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
