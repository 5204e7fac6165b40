import { protectReport } from '../../shared/report/index.ts';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../shared/report/index.ts';
import { htmlCells, loadSample, runningSample } from './sample.ts';

describe('renderHtml', () => {
  const html = renderHtml(protectReport(loadSample()));

  it('is one self-contained page: no external references, no scripts', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('never shows a count of 1 to 4 in a table cell or chart tooltip', () => {
    const cells = htmlCells(html);
    expect(cells.length).toBeGreaterThan(100);
    expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    expect(cells).toContain('&lt;5');
    expect(cells).toContain('[c]');
    // Chart tooltips end in ": value</title>"; weekly values 1 to 4 must read <5.
    expect([...html.matchAll(/: ([0-9][0-9,]*)(?: [a-z ]+)?<\/title>/g)].map((m) => m[1]).filter((v) => /^[1-4]$/.test(v ?? ''))).toEqual([]);
    expect(html).toMatch(/week of \d+ \w+ 2026: &lt;5<\/title>/);
  });

  it('has semantic headings and captioned tables', () => {
    for (const h of ['Goals', 'Ad delivery', 'Service demand', 'Summary (draft)', 'Caveats']) expect(html).toMatch(new RegExp(`<h2 id="[a-z-]+">${h.replace(/[()]/g, '\\$&')}</h2>`));
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect((html.match(/<table\b/g) ?? []).length).toBe((html.match(/<caption>/g) ?? []).length);
    expect(html).toContain('<th scope="col">Goal</th>');
  });

  it('shows a visible status badge for every goal status', () => {
    for (const [cls, word] of [
      ['met', 'Met'],
      ['partly', 'Partly met'],
      ['missed', 'Missed'],
      ['pending', 'Pending'],
      ['insufficient', 'Not enough data'],
    ])
      expect(html).toMatch(new RegExp(`<span class="badge badge-${cls}"><span aria-hidden="true">[^<]+</span> ${word}</span>`));
    const running = renderHtml(protectReport(runningSample()));
    expect(running).toContain('<span class="projection">projected 1,580,000 by 29 March 2026 (105% of target)</span>');
  });

  it('includes accessible SVG charts with titles and descriptions', () => {
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(5);
    for (const s of svgs) {
      expect(s).toContain('role="img"');
      expect(s).toContain('width="100%"');
      expect(s).toMatch(/viewBox="0 0 640 \d+(\.\d)?"/);
      expect(s).toMatch(/aria-labelledby="chart-[a-z0-9-]+-title chart-[a-z0-9-]+-desc"/);
    }
    expect(html).toContain('<title id="chart-delivery-title">Daily ad delivery: impressions and link clicks</title>');
    expect(html).toContain('<title id="chart-demand-1-title">Drop-in visits per week: targeted regions and control</title>');
    expect(html).toContain('<title id="chart-demand-2-title">Helpline calls per week: targeted regions and control</title>');
    expect(html).toMatch(/<desc id="chart-demand-1-desc">[^<]*Hidden weeks \(&lt;5, or \[c\][^<]*shaded band/);
    expect(html).toContain('>Baseline</text>');
    expect(html).toContain('>Campaign</text>');
    expect(html).toContain('>Follow-up</text>');
  });

  it('escapes every string from the report', () => {
    expect(html).toContain('Impressions &lt;script&gt;alert(&quot;goal&quot;)&lt;/script&gt; &amp; &quot;reach&quot;');
    expect(html).toContain('Lincs &amp; Cambs &quot;border&quot; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    const r = loadSample();
    r.campaign.name = 'A <b>"bold"</b> & \'risky\' name';
    const out = renderHtml(protectReport(r));
    expect(out).toContain('<h1>A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; &#39;risky&#39; name</h1>');
    expect(out).not.toContain('<b>');
  });

  it('labels reach and formats money', () => {
    expect(html).toContain('<th scope="row">Reach</th><td class="num">at most 1,224,791 (sum of daily reach, an upper bound)</td>');
    expect(html).toContain('<td class="num">GBP 11,202.89</td>');
  });

  it('is stable for the same input', () => {
    expect(renderHtml(protectReport(loadSample()))).toBe(html);
  });

  it('renders geo lift with charts only where they cannot reveal a small count', () => {
    expect(html).toContain('<h2 id="lift-h">Geo lift</h2>');
    expect(html).toContain('<title id="chart-lift-1-observed-title">Helpline calls: observed vs counterfactual</title>');
    expect(html).toContain('<title id="chart-lift-1-cumulative-title">Helpline calls: cumulative extra contacts</title>');
    // Drop-in visits have weeks of 1 to 4 in the observed series: no lift charts for them.
    expect(html).not.toContain('chart-lift-2-');
    expect(html).toContain('Drop-in visits (Campaign, 2 to 29 March 2026): Charts left out: they would let a reader work out a small count');
  });

  it('lets a hook replace the lift section', () => {
    const r = loadSample();
    const hooked = renderHtml(protectReport(r), { renderLiftSection: (lift) => `<section><h2 id="lift-h">Geo lift (${lift.length})</h2></section>` });
    expect(hooked).toContain('<section><h2 id="lift-h">Geo lift (2)</h2></section>');
    r.lift = [];
    expect(renderHtml(protectReport(r))).not.toContain('Geo lift');
  });

  it('writes a preview for people to look at', () => {
    writeFileSync('/tmp/report-preview.html', html);
  });
});
