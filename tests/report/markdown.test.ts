import { protectReport } from '../../shared/report/index.ts';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../shared/report/index.ts';
import { escapeMarkdown } from '../../shared/report/markdown.ts';
import { loadSample, markdownCells, runningSample, sampleJson } from './sample.ts';

const SMALL_CELL = /^[1-4]$/;

describe('renderMarkdown', () => {
  const md = renderMarkdown(protectReport(loadSample()));

  it('starts with the campaign name, dates and phase', () => {
    expect(md.startsWith('# Fenland and Lincolnshire awareness, spring 2026\n')).toBe(true);
    expect(md).toContain('**Follow-up.** Follow-up review (3 months)');
    expect(md).toContain('- **Campaign:** 2 to 29 March 2026');
    expect(md).toContain('- **Baseline:** 2 February to 1 March 2026');
    expect(md).toContain('Cambridgeshire (GB-CAM), Lincolnshire (GB-LIN)');
  });

  it('never shows a count of 1 to 4 in a table, though the JSON keeps them', () => {
    const cells = markdownCells(md);
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.filter((c) => SMALL_CELL.test(c))).toEqual([]);
    expect(cells).toContain('<5');
    expect(cells).toContain('\\[c\\]');
    const json = loadSample();
    const exact = json.serviceDemand.flatMap((d) => [d.baseline, d.campaign]);
    expect(exact.some((n) => n >= 1 && n <= 4)).toBe(true);
    expect(sampleJson()).toMatch(/"baseline": 3,/);
  });

  it('hides the next-smallest region when a <5 region sits next to a pooled total', () => {
    // Helpline calls, control: Suffolk baseline 3 (<5), so Norfolk's 44 is hidden too (total 47 shown).
    expect(md).toMatch(/\| Helpline calls \| Norfolk \(GB-NFK\) \| \\\[c\\\] \| 46 \| not shown \| not shown \| not shown \|/);
    expect(md).toMatch(/\| Helpline calls \| Suffolk \(GB-SFK\) \| <5 \| 7 \|/);
    expect(md).toMatch(/\| Helpline calls \| \*\*Control regions \(pooled\)\*\* \| 47 \| 53 \| \+12\.8% \|/);
  });

  it('renders every goal status as a plain word', () => {
    for (const word of ['**Met**', '**Partly met**', '**Missed**', '**Pending**', '**Not enough data**']) expect(md).toContain(word);
  });

  it('shows pending goals with their projection while running', () => {
    const running = renderMarkdown(protectReport(runningSample()));
    expect(running).toContain('**Campaign running.** The campaign is running: day 14 of 28 as of 15 March 2026');
    expect(running).toContain('**Pending**: projected 1,580,000 by 29 March 2026 (105% of target)');
  });

  it('labels reach as an upper bound or as a period figure', () => {
    expect(md).toContain('| Reach | at most 1,224,791 (sum of daily reach, an upper bound) |');
    const r = loadSample();
    r.delivery.reach = { value: 812_345, kind: 'period' };
    expect(renderMarkdown(protectReport(r))).toContain('| Reach | 812,345 (people reached over the whole period) |');
    r.delivery.reach = { value: null, kind: 'none' };
    expect(renderMarkdown(protectReport(r))).toContain('| Reach | not in the export |');
  });

  it('formats money with the currency code', () => {
    expect(md).toContain('| Spend | GBP 11,202.89 |');
    expect(md).toContain('| Cost per link click (CPC) | GBP 0.68 |');
    expect(md).toContain('at most GBP 0.45');
  });

  it('shows the service-demand change as a percent with its 95% CI', () => {
    expect(md).toContain('| Helpline calls | **Targeted regions (pooled)** | 90 | 110 | +22.2% | -7.5% to +61.5% | 0.16 |');
  });

  it('withholds goal figures that would give away a hidden count', () => {
    expect(md).toContain('| More drop-in visits in Cambridgeshire – Change vs baseline; Cambridgeshire (GB-CAM) | at least +10.0% | not shown | not shown | **Missed** |');
  });

  it('escapes HTML and Markdown from report strings', () => {
    expect(md).not.toMatch(/(?<!\\)<script/);
    expect(md).toContain('\\<script>alert("goal")\\</script>');
    expect(escapeMarkdown('a|b *c* [x](y) <b> &amp; <5')).toBe('a\\|b \\*c\\* \\[x\\](y) \\<b> \\&amp; <5');
  });

  it('includes the narrative, caveats and the suppression footer', () => {
    expect(md).toContain('## Summary (draft)');
    // The narrative is written again from the protected copy (the pooled drop-in counts are shown here).
    expect(md).toContain('In the targeted regions, drop in visits per day changed by +7% during the campaign');
    expect(md).toContain('## Caveats');
    expect(md).toMatch(/\*Small counts:\* Counts of 1 to 4 are shown as <5/);
  });

  it('is stable for the same input', () => {
    expect(renderMarkdown(protectReport(loadSample()))).toBe(md);
  });

  it('renders geo lift from report.lift, or lets a hook replace it', () => {
    expect(md).toContain('## Geo lift');
    expect(md).toContain(
      '| Helpline calls | Campaign, 2 to 29 March 2026 | Synthetic control | +8.4% | -16.9% to +33.7% | +9 | 0.21 | R² 0.41, typical error 12%, 4 weeks before |',
    );
    expect(md).toContain('- Drop-in visits (Campaign, 2 to 29 March 2026): Exact Poisson test on the counts is less certain than the model test, so its p-value is reported.');
    const r = loadSample();
    expect(renderMarkdown(protectReport(r), { renderLiftSection: (lift) => `## Geo lift\n\n${lift.length} results` })).toContain('## Geo lift\n\n2 results');
    r.lift = [];
    expect(renderMarkdown(protectReport(r))).not.toContain('Geo lift');
  });

  it('withholds lift figures when the pooled targeted count is hidden', () => {
    const r = loadSample();
    // The lift statistics publish the observed total of the window: make it 4.
    const l = r.lift!.find((x) => x.channel === 'drop_in_visits')!;
    l.result.series = l.result.series.map((p) => (p.date >= l.start ? { ...p, observed: 0 } : p));
    l.result.series.find((p) => p.date >= l.start)!.observed = 4;
    expect(renderMarkdown(protectReport(r))).toContain('| Drop-in visits | Campaign, 2 to 29 March 2026 | Difference-in-differences | not shown | not shown | not shown | not shown |');
  });
});
