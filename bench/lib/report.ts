import type { LoadResult } from './load.ts';

export interface Row extends LoadResult {
  database: string;
  target: 'baseline' | 'route';
  path: string;
  /** This row's req/s over the baseline's, in the same run on the same server. */
  ratio: number;
}

const COLUMNS = ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'ratio'];

export function formatTable(rows: Row[]): string {
  const cells = rows.map((row) => [
    row.target === 'baseline' ? `baseline (${row.path})` : row.path,
    row.requestsPerSecond.toFixed(0),
    // autocannon's latency histogram resolves whole milliseconds: no decimals to show.
    row.p50Ms.toFixed(0),
    row.p99Ms.toFixed(0),
    String(row.errors),
    String(row.non2xx),
    row.ratio.toFixed(2),
  ]);
  const widths = COLUMNS.map((title, i) => Math.max(title.length, ...cells.map((line) => line[i]?.length ?? 0)));
  // First column left-aligned (a path), numbers right-aligned so they line up.
  const line = (values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  return [line(COLUMNS), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
