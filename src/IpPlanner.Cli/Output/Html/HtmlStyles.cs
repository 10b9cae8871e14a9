namespace IpPlanner.Cli.Output.Html;

/// <summary>
/// The report's one style sheet. Colours are the Okabe–Ito palette, which stays distinguishable with the common
/// colour-vision deficiencies; categories that share a hue differ by hatching, and every coloured mark also has
/// its words and numbers next to it. Print keeps the colours and avoids splitting cards and table rows.
/// </summary>
internal static class HtmlStyles
{
    /// <summary>The CSS, without <c>&lt;</c> or <c>&amp;</c> so the document stays well-formed XML.</summary>
    public const string Css = """

:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --orange: #E69F00; --sky: #56B4E9; --green: #009E73; --yellow: #F0E442;
  --blue: #0072B2; --vermillion: #D55E00; --purple: #CC79A7; --black: #000000;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #ffffff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 14px 20px 28px; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 8px; padding-bottom: 3px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 0 0 4px; }
section, footer { margin-top: 18px; }
p { margin: 4px 0; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.subtitle { color: var(--muted); margin: 2px 0 8px; }
.verdict { margin: 6px 0 0; padding: 8px 12px; border: 1px solid var(--line); border-left: 8px solid var(--muted);
  background: var(--panel); font-size: 15px; }
.verdict .tone { font-weight: 700; margin-right: 6px; white-space: nowrap; }
.verdict-error { border-left-color: var(--vermillion); }
.verdict-error .tone { color: #b34700; }
.verdict-warning { border-left-color: var(--orange); }
.verdict-warning .tone { color: #8a5f00; }
.verdict-ok { border-left-color: var(--green); }
.verdict-ok .tone { color: #006b4e; }
.intro { color: var(--muted); font-size: 13px; margin: 0 0 8px; }

/* Zone cards and utilization bars */
.legend { display: flex; flex-wrap: wrap; gap: 2px 14px; list-style: none; margin: 0 0 10px; padding: 0; font-size: 12px; color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(370px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; break-inside: avoid; page-break-inside: avoid; }
.card-head h3 { margin: 0; }
.card-head > .muted { display: block; font-size: 12px; }
.subnet { margin: 8px 0 4px; padding-top: 6px; border-top: 1px dashed var(--line); }
.subnet-head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.subnet-head .util { margin-left: auto; font-weight: 600; font-variant-numeric: tabular-nums; }
.id { font-weight: 600; overflow-wrap: anywhere; }
.bar { display: flex; height: 18px; margin: 4px 0 3px; border: 1px solid #57606a; border-radius: 3px; overflow: hidden; background: #ffffff; }
.bar span { display: block; flex-basis: 0; min-width: 2px; height: 100%; }
.bar span.u-free, .bar span.u-reserved { min-width: 0; }
.bar span + span { border-left: 1px solid #ffffff; }
.facts { font-size: 12.5px; margin: 0; font-variant-numeric: tabular-nums; }
.parts { display: flex; flex-wrap: wrap; gap: 0 12px; list-style: none; margin: 2px 0 0; padding: 0; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
.sw { display: inline-block; width: 11px; height: 11px; margin-right: 4px; vertical-align: -1px; border: 1px solid #57606a; }
.alert { color: #b34700; font-weight: 700; }
.u-node { background: var(--orange); }
.u-eni { background: repeating-linear-gradient(135deg, var(--orange) 0 3px, #ffffff 3px 5px); }
.u-pod { background: var(--blue); }
.u-warm { background: var(--sky); }
.u-prefix { background: var(--green); }
.u-branch { background: var(--purple); }
.u-fargate { background: var(--yellow); }
.u-lb { background: var(--vermillion); }
.u-endpoint { background: repeating-linear-gradient(135deg, var(--vermillion) 0 3px, #ffffff 3px 5px); }
.u-nat { background: var(--black); }
.u-cp { background: repeating-linear-gradient(135deg, var(--black) 0 2px, #ffffff 2px 4px); }
.u-inuse { background: #8c959f; }
.u-reserved { background: repeating-linear-gradient(45deg, #afb8c1 0 2px, #ffffff 2px 5px); }
.u-free { background: #ffffff; }

/* Tables */
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
tr { break-inside: avoid; page-break-inside: avoid; }
td.short { color: #b34700; font-weight: 700; }
.limit { color: var(--muted); font-size: 12px; }

/* Findings */
.findings { list-style: none; margin: 0; padding: 0; }
.findings li { display: grid; grid-template-columns: 92px 1fr; gap: 0 10px; padding: 5px 0; border-bottom: 1px solid var(--line); break-inside: avoid; }
.sev { font-weight: 700; font-size: 12px; text-transform: uppercase; white-space: nowrap; }
.sev-error { color: #b34700; }
.sev-warning { color: #8a5f00; }
.sev-info { color: var(--blue); }
.finding-head code { font-weight: 600; }
.finding-head .muted { margin-left: 6px; font-size: 12.5px; }

/* /28 block maps */
.maps { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; }
.blockmap { display: block; margin-top: 6px; max-width: 100%; height: auto; }
.blockmap text { font: 10px ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; fill: var(--muted); }
.m-free { fill: #ffffff; stroke: #6e7781; stroke-width: 1; }
.m-resv { fill: #d8ecf8; stroke: var(--blue); stroke-width: 1; }
.m-part-bg { fill: #ffffff; stroke: #6e7781; stroke-width: 1; }
.m-part { fill: var(--orange); }
.m-full { fill: var(--vermillion); stroke: var(--vermillion); stroke-width: 1; }
.m-aws { fill: #d0d7de; stroke: #6e7781; stroke-width: 1; }
.m-aws-x { stroke: #57606a; stroke-width: 1.2; }
.m-held { fill: var(--blue); stroke: var(--blue); stroke-width: 1; }
.m-held-dot { fill: #ffffff; }
.glyph { display: inline-block; vertical-align: -2px; margin-right: 4px; }
.more { color: var(--muted); font-size: 12px; }

/* Assumptions and the run */
.assumptions { margin: 0; padding-left: 20px; font-size: 13px; }
dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 13px; }
dl.run dt { font-weight: 600; }
dl.run dd { margin: 0; overflow-wrap: anywhere; }
.hash { font-size: 12px; }

figure.chart { margin: 0.5rem 0 1rem; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: 0.9em; color: #444; }

@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .cards { grid-template-columns: repeat(2, 1fr); }
  .maps { grid-template-columns: 1fr; }
  .table-wrap { overflow: visible; }
  @page { margin: 12mm; }
}

""";
}
