/**
 * The synthetic-control estimate alone at national scale: a seeded panel shaped like the analysis
 * bench's largest lake (bench/analysis-lake.ts: 1,000 regions, half targeted, half control, daily
 * Poisson counts over 1,825 days, a 61-day campaign at the end), one channel per run, through
 * `estimateLift` as a report calls it (fit with the ridge cross-validation, conformal inference, the
 * placebo fits). Prints wall and CPU seconds per channel and the answers, so old and new code can be
 * compared run against run: `--json` prints them in full, `--against FILE` (a `--json` output of
 * other code) prints the largest difference from it.
 * Run: npx tsx bench/scm-scale.ts [regions] [days] [--json] [--against FILE]
 */
import { readFileSync } from 'node:fs';
import { addDays } from '../shared/domain/dates.ts';
import { poisson, seededRandom } from '../shared/demo/random.ts';
import { estimateLift, type PanelObservation } from '../shared/analysis/lift/index.ts';
import { buildPanel } from '../shared/analysis/lift/panel.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? (JSON.parse(readFileSync(args[againstAt + 1]!, 'utf8').split('\n').find((l) => l.startsWith('{'))!) as Record<string, unknown>) : null;
const [regions = 1000, days = 1825] = args.filter((a, i) => a !== '--json' && (againstAt < 0 || (i !== againstAt && i !== againstAt + 1))).map(Number);
const END = '2026-10-31'; const START = '2026-09-01';
const first = addDays(END, -(days - 1));
const names = Array.from({ length: regions }, (_, i) => `R${String(i).padStart(4, '0')}`);
const dates = Array.from({ length: days }, (_, d) => addDays(first, d));

/** One channel's panel, with the lake generator's means (helpline 3 + i mod 7 a day, referrals 1). */
function panelOf(channel: 'helpline_calls' | 'referrals'): PanelObservation[] {
  const rand = seededRandom(channel === 'referrals' ? 5 : 3);
  const out: PanelObservation[] = [];
  names.forEach((location, i) => {
    const mean = channel === 'referrals' ? 1 : 3 + (i % 7);
    for (const date of dates) out.push({ location, date, value: poisson(rand, mean) });
  });
  return out;
}

const half = Math.floor(regions / 2);
const input = (panel: PanelObservation[]) => ({ panel, treated: names.slice(0, half), control: names.slice(half), start: START, end: END, preStart: first, method: 'scm' as const, seed: 1 });
const results: Record<string, unknown> = {};
for (const channel of ['helpline_calls', 'referrals'] as const) {
  const panel = panelOf(channel);
  // buildPanel alone, to subtract: estimateLift builds the same dense panel first.
  let c0 = process.cpuUsage(); let t = performance.now();
  buildPanel(input(panel));
  const buildWall = (performance.now() - t) / 1000; const buildCpu = cpuSince(c0);
  c0 = process.cpuUsage(); t = performance.now();
  const r = estimateLift(input(panel));
  const wall = (performance.now() - t) / 1000 - buildWall; const cpu = cpuSince(c0) - buildCpu;
  results[channel] = r;
  const w = Object.values(r.weights);
  console.log(`${channel}: ${regions - half} controls x ${days} days: synthetic control ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} CPU s (panel build ${buildWall.toFixed(2)} s not counted); ` +
    `lift ${r.lift}, interval [${r.ciLow}, ${r.ciHigh}], p ${r.pValue}, ${r.notes?.find((n) => n.startsWith('ridge lambda')) ?? 'no ridge'}, ${w.filter((v) => v !== 0).length} non-zero weights`);
}
if (json) console.log(JSON.stringify(results));
if (against) {
  const d = largestDifference(results, against, '');
  console.log(`largest difference from ${args[againstAt + 1]}: ${d.rel.toExponential(2)} relative (|a - b| / (1 + |b|)) at ${d.at || 'none'}; other differences: ${d.other.slice(0, 5).join(', ') || 'none'}`);
}

/** Largest relative difference between two results, field by field, and any non-numeric mismatch. */
function largestDifference(a: unknown, b: unknown, at: string, out = { rel: 0, at: '', other: [] as string[] }): typeof out {
  if (typeof a === 'number' && typeof b === 'number') {
    const rel = Math.abs(a - b) / (1 + Math.abs(b));
    if (rel > out.rel) { out.rel = rel; out.at = at; }
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) largestDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`, out);
  } else if (a !== b) out.other.push(at);
  return out;
}

function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}
