/** Loads the sample report fixture (a fresh copy each time, so tests can change it freely). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../shared/report/report-types.ts';

const path = fileURLToPath(new URL('../fixtures/report/sample-report.json', import.meta.url));

/** The raw fixture text (exact figures, as in report.json). */
export function sampleJson(): string {
  return readFileSync(path, 'utf8');
}

/** The sample report, parsed. */
export function loadSample(): Report {
  return JSON.parse(sampleJson()) as Report;
}

/** A running-phase variant: two weeks in, with pacing projections on the delivery goals. */
export function runningSample(): Report {
  const r = loadSample();
  r.phase = 'running';
  r.asOf = '2026-03-15';
  delete r.followUp;
  r.serviceDemand = r.serviceDemand.filter((d) => d.window === 'campaign');
  r.goals = r.goals.map((g) =>
    g.id === 'total-impressions-1'
      ? { ...g, actual: 790_000, attainment: 0.5267, status: 'pending', pacing: { elapsedDays: 14, totalDays: 28, projected: 1_580_000, projectedAttainment: 1.0533 } }
      : g,
  );
  return r;
}

/** Every table cell (Markdown pipe tables), trimmed. */
export function markdownCells(md: string): string[] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[-:|]+\|$/.test(l))
    .flatMap((l) => l.replace(/\\\|/g, '¦').split('|').slice(1, -1).map((c) => c.trim()));
}

/** Every `<td>` / `<th>` cell of an HTML string, tags stripped. */
export function htmlCells(html: string): string[] {
  return [...html.matchAll(/<t[dh]\b[^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) => (m[1] ?? '').replace(/<[^>]*>/g, '').trim());
}
