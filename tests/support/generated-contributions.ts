/**
 * Who contributed to each weekly cell of a report, generated: each region's week split among one
 * to three partners (some shared across regions), with small shares and zero counts, so the
 * partner rules have something to hide. Seeded: the same cells on every machine.
 */
import { seededRandom } from '../../shared/demo/random.ts';
import type { Report } from '../../shared/report/report-types.ts';

export function generatedCells(r: Report, seed = 11): Map<string, Map<string, number>> {
  const rand = seededRandom(seed);
  const cells = new Map<string, Map<string, number>>();
  for (const s of r.demandSeries)
    for (const w of s.weeks) {
      const partners = new Map<string, number>();
      let left = w.count;
      const n = 1 + Math.floor(rand() * 3);
      for (let k = 0; k < n - 1 && left > 0; k++) {
        const share = rand() < 0.4 ? Math.min(left, 1 + Math.floor(rand() * 4)) : Math.floor(rand() * left);
        partners.set(`${s.region}-p${k}`, share);
        left -= share;
      }
      // The last share goes to a partner that works in every region of its role.
      partners.set(`${s.role}-wide`, left);
      cells.set(`${s.channel}|${s.region}|${w.weekStart}`, partners);
    }
  return cells;
}
