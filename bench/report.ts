/** One line of the bench table: the app's figure next to the same-run baseline, the ratio and the goal. */
export interface BenchRow {
  section: string;
  metric: string;
  unit: string;
  value: number;
  baseline?: number;
  /** value / baseline, or the inverse for throughput; set by the section so it matches the goal's direction. */
  ratio?: number;
  goal?: string;
  met?: boolean;
}

export interface SectionResult {
  section: string;
  rows: BenchRow[];
  /** Why the section could not run, when it could not. */
  skipped?: string;
  notes?: string[];
}

const formatNumber = (n: number | undefined) => {
  if (n === undefined || Number.isNaN(n)) return '';
  if (Math.abs(n) >= 1000) return n.toFixed(0);
  if (Math.abs(n) >= 100) return n.toFixed(1);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toFixed(3);
};

export const formatValue = (n: number | undefined, unit: string) => (n === undefined ? '' : `${formatNumber(n)} ${unit}`);
export const formatRatio = (ratio: number | undefined) => (ratio === undefined || Number.isNaN(ratio) ? '' : `${ratio.toFixed(2)}×`);
export const verdictOf = (row: BenchRow) => (row.met === undefined ? '' : row.met ? 'met' : 'NOT MET');

/** The table as aligned columns, for the terminal. */
export function formatTable(results: readonly SectionResult[]): string {
  const header = ['Section', 'Metric', 'App', 'Baseline', 'Ratio', 'Goal', 'Verdict'];
  const lines: string[][] = [header];
  for (const result of results) {
    if (result.skipped) lines.push([result.section, `skipped: ${result.skipped}`, '', '', '', '', '']);
    for (const row of result.rows) {
      lines.push([row.section, row.metric, formatValue(row.value, row.unit), formatValue(row.baseline, row.unit), formatRatio(row.ratio), row.goal ?? '', verdictOf(row)]);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(render)].join('\n');
}

/** The same table in Markdown, for the README's Performance section. */
export function formatMarkdownTable(results: readonly SectionResult[]): string {
  const lines = ['| Section | Metric | App | Baseline (same run) | Ratio | Goal | Verdict |', '|---|---|---:|---:|---:|---|---|'];
  for (const result of results) {
    if (result.skipped) lines.push(`| ${result.section} | skipped: ${result.skipped} | | | | | |`);
    for (const row of result.rows) {
      lines.push(`| ${row.section} | ${row.metric} | ${formatValue(row.value, row.unit)} | ${formatValue(row.baseline, row.unit)} | ${formatRatio(row.ratio)} | ${row.goal ?? ''} | ${verdictOf(row)} |`);
    }
  }
  return lines.join('\n');
}
