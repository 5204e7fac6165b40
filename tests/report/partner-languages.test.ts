/**
 * The partners' copy of a report in their language: the words change, the figures and what is
 * hidden do not. Every table cell carries the same numbers and markers (<5, [c], not shown) in
 * every language, and the charts are the same bytes, because one protected copy is rendered.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { LANGUAGES, partnerLanguages } from '../../shared/i18n/index.ts';
import { escapeHtml } from '../../shared/report/escape.ts';
import { protectReport, renderHtml } from '../../shared/report/index.ts';
import type { Report } from '../../shared/report/report-types.ts';

const report = JSON.parse(await readFile(new URL('../fixtures/report/sample-report.json', import.meta.url), 'utf8')) as Report;
const copy = protectReport(report, { audience: 'partners' });

/** Each table cell as its numbers and disclosure markers, in document order. */
function cells(html: string, withheld: string): string[] {
  return [...html.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => {
    const text = m[1]!.replace(/<[^>]+>/g, ' ');
    const marks = [...text.matchAll(/&lt;\d+|\[c\]|[-+−]?\d[\d,.]*%?/g)].map((x) => x[0]);
    return [...marks, ...(text.includes(withheld) ? ['WITHHELD'] : [])].join(' ');
  });
}
const charts = (html: string) => [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);

describe("the partners' copy in each language", () => {
  const english = renderHtml(copy);
  const englishCells = cells(english, en.report.withheld);

  it('has something hidden to compare (a copy with nothing suppressed would prove nothing)', () => {
    expect(englishCells.join(' ')).toMatch(/&lt;5|\[c\]|WITHHELD/);
    expect(charts(english).length).toBeGreaterThan(0);
  });

  it.each(partnerLanguages().map((t) => t.lang))('%s: the same figures, markers and charts as English, in its own words', (lang) => {
    const t = LANGUAGES[lang]!;
    const html = renderHtml(copy, { language: t });
    expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${lang}">`));
    expect(cells(html, t.report.withheld)).toEqual(englishCells);
    expect(charts(html)).toEqual(charts(english));
    for (const heading of [t.report.goals, t.report.demand, t.report.smallCounts]) expect(html).toContain(heading);
    // The footer states the partner rule in the partner's language, with the rule's own number.
    const note = t.report.smallCountsNote(t.report.rangeOneTo(copy.rules.threshold - 1), '<5', copy.rules.roundTo, '[c]', copy.rules.minPartners);
    expect(html).toContain(escapeHtml(note));
    expect(note).toContain(String(copy.rules.minPartners));
    expect(html).toContain(t.report.textInEnglish);
    for (const english of ['Service demand', 'Small counts.', 'Figures as of', 'Targeted regions']) expect(html).not.toContain(`>${english}<`);
  });
});
