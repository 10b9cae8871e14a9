using System.Text;
using IpPlanner.Core.Addressing;
using IpPlanner.Core.Planning;

namespace IpPlanner.Cli.Output.Html;

/// <summary>
/// A subnet's aligned /28 blocks as a grid of small squares, one per block in address order, so fragmentation shows
/// at a glance: prefix delegation needs a wholly free square. Each state has its own shape as well as its colour.
/// </summary>
internal static class BlockMapHtml
{
    /// <summary>Blocks per row: 32 /28s are 512 addresses, so rows start on /23 boundaries.</summary>
    public const int BlocksPerRow = 32;

    /// <summary>At most this many blocks are drawn (a /18); the counts still cover the whole subnet.</summary>
    public const int MaxBlocksDrawn = 1024;

    private const int Cell = 14;
    private const int Square = 12;
    private const int LabelWidth = 96;

    private static readonly (BlockState State, string Label)[] States =
    [
        (BlockState.Free, "free /28 (a prefix fits)"),
        (BlockState.PrefixReserved, "free, in a prefix reservation"),
        (BlockState.PartlyUsed, "partly used (no prefix fits)"),
        (BlockState.Full, "full"),
        (BlockState.Reserved, "reserved (AWS or explicit)"),
        (BlockState.PrefixHeld, "delegated prefix"),
    ];

    /// <summary>Each state's square and what it means.</summary>
    public static string Legend()
    {
        var html = new StringBuilder("<ul class=\"legend\">");
        foreach (var (state, label) in States)
        {
            html.Append("<li>");
            AppendSwatch(html, state);
            html.Append(Html.Text(label)).Append("</li>");
        }

        return html.Append("</ul>").ToString();
    }

    /// <summary>One card: the subnet, its block counts by state, and the grid (the first <see cref="MaxBlocksDrawn"/> blocks).</summary>
    public static void Append(StringBuilder html, BlockMap map)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(map);
        var blocks = map.Blocks;
        var counts = new int[States.Length];
        foreach (var state in blocks)
        {
            counts[(int)state]++;
        }

        html.Append("<div class=\"card\">\n<div class=\"card-head\"><h3><span class=\"id\">").Append(Html.Text(map.Subnet))
            .Append("</span> <span class=\"mono muted\">").Append(Html.Text(map.Cidr)).Append("</span></h3><span class=\"muted\">")
            .Append(Html.Text(map.Zone)).Append(" · ").Append(Html.Number(blocks.Count)).Append(" blocks of /28</span></div>\n")
            .Append("<ul class=\"parts\">");
        foreach (var (state, _) in States)
        {
            html.Append("<li>");
            AppendSwatch(html, state);
            html.Append(Html.Text(ShortLabel(state))).Append(' ').Append(Html.Number(counts[(int)state])).Append("</li>");
        }

        html.Append("</ul>\n");
        var drawn = Math.Min(blocks.Count, MaxBlocksDrawn);
        var columns = Math.Min(drawn, BlocksPerRow);
        var rows = (drawn + BlocksPerRow - 1) / BlocksPerRow;
        var width = LabelWidth + (columns * Cell);
        var height = rows * Cell;
        html.Append("<svg class=\"blockmap\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ")
            .Append(width).Append(' ').Append(height).Append("\" role=\"img\" aria-label=\"")
            .Append(Html.Text($"/28 block map of {map.Subnet}")).Append("\">\n");
        for (var row = 0; row < rows; row++)
        {
            var rowStart = map.Network + (uint)(row * BlocksPerRow * SubnetAddressSpace.PrefixSize);
            html.Append("<text x=\"").Append(LabelWidth - 6).Append("\" y=\"").Append((row * Cell) + Square - 1)
                .Append("\" text-anchor=\"end\">").Append(Ipv4.Format(rowStart)).Append("</text>");
            for (var col = 0; col < BlocksPerRow; col++)
            {
                var block = (row * BlocksPerRow) + col;
                if (block >= drawn)
                {
                    break;
                }

                var start = map.Network + (uint)(block * SubnetAddressSpace.PrefixSize);
                var state = blocks[block];
                AppendGlyph(html, state, LabelWidth + (col * Cell), row * Cell, $"{Ipv4.Format(start)}/28: {ShortLabel(state)}");
            }

            html.Append('\n');
        }

        html.Append("</svg>\n");
        if (drawn < blocks.Count)
        {
            var lastShown = map.Network + (uint)(drawn * SubnetAddressSpace.PrefixSize) - 1;
            html.Append("<p class=\"more\">Showing the first ").Append(Html.Number(drawn)).Append(" of ").Append(Html.Number(blocks.Count))
                .Append(" blocks (up to ").Append(Ipv4.Format(lastShown)).Append("); ").Append(Html.Number(blocks.Count - drawn))
                .Append(" are not drawn. The counts above cover the whole subnet.</p>\n");
        }

        html.Append("</div>\n");
    }

    private static string ShortLabel(BlockState state) => state switch
    {
        BlockState.Free => "free",
        BlockState.PrefixReserved => "free (prefix reservation)",
        BlockState.PartlyUsed => "partly used",
        BlockState.Full => "full",
        BlockState.Reserved => "reserved",
        BlockState.PrefixHeld => "delegated prefix",
        _ => state.ToString(),
    };

    private static void AppendSwatch(StringBuilder html, BlockState state)
    {
        html.Append("<svg class=\"glyph\" width=\"14\" height=\"14\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">");
        AppendGlyph(html, state, 1, 1, null);
        html.Append("</svg>");
    }

    /// <summary>The square of one block at (x, y): shape and colour both say the state, for readers who see colour differently and for grey print.</summary>
    private static void AppendGlyph(StringBuilder html, BlockState state, int x, int y, string? title)
    {
        // Strokes sit on half pixels so 1-pixel lines stay crisp.
        var sx = x + 0.5;
        var sy = y + 0.5;
        var s = Square - 1;
        var titled = title is null ? "" : $"<title>{Html.Text(title)}</title>";
        var rect = $"x=\"{Html.Coordinate(sx)}\" y=\"{Html.Coordinate(sy)}\" width=\"{s}\" height=\"{s}\"";
        switch (state)
        {
            case BlockState.Free:
                html.Append("<rect class=\"m-free\" ").Append(rect).Append('>').Append(titled).Append("</rect>");
                break;
            case BlockState.PrefixReserved:
                html.Append("<rect class=\"m-resv\" ").Append(rect).Append('>').Append(titled).Append("</rect>");
                break;
            case BlockState.Full:
                html.Append("<rect class=\"m-full\" ").Append(rect).Append('>').Append(titled).Append("</rect>");
                break;
            case BlockState.PartlyUsed:
                // A filled lower-right triangle: half a square for a half-used block.
                html.Append("<g>").Append(titled).Append("<rect class=\"m-part-bg\" ").Append(rect).Append(" /><path class=\"m-part\" d=\"M")
                    .Append(x + Square).Append(' ').Append(y).Append('V').Append(y + Square).Append('H').Append(x).Append("Z\" /></g>");
                break;
            case BlockState.Reserved:
                html.Append("<g>").Append(titled).Append("<rect class=\"m-aws\" ").Append(rect).Append(" /><path class=\"m-aws-x\" d=\"M")
                    .Append(x + 2).Append(' ').Append(y + 2).Append('L').Append(x + Square - 2).Append(' ').Append(y + Square - 2).Append('M')
                    .Append(x + Square - 2).Append(' ').Append(y + 2).Append('L').Append(x + 2).Append(' ').Append(y + Square - 2).Append("\" /></g>");
                break;
            default:
                html.Append("<g>").Append(titled).Append("<rect class=\"m-held\" ").Append(rect).Append(" /><circle class=\"m-held-dot\" cx=\"")
                    .Append(x + (Square / 2)).Append("\" cy=\"").Append(y + (Square / 2)).Append("\" r=\"2.5\" /></g>");
                break;
        }
    }
}
