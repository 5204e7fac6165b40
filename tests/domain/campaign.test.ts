import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CampaignValidationError, parseCampaign } from '../../shared/domain/campaign.ts';
import { parseCampaignText } from '../../shared/pipeline/register-campaign.ts';

const valid = readFileSync(new URL('../fixtures/campaign-valid.yaml', import.meta.url), 'utf8');

function issuesOf(doc: unknown): { path: string; reason: string }[] {
  try {
    parseCampaign(doc, 'c.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(CampaignValidationError);
    return (e as CampaignValidationError).issues;
  }
  throw new Error('expected the campaign to be rejected');
}

describe('campaign definitions', () => {
  it('fills the default baseline (up to a year right before start, marked auto) and follow-ups (3 and 6 months after end)', () => {
    const c = parseCampaignText(valid, 'campaign-valid.yaml');
    expect(c.baseline).toEqual({ start: '2025-03-02', end: '2026-03-01', auto: true });
    expect(c.followUps).toEqual([
      { label: '3 months', asOf: '2026-06-29' },
      { label: '6 months', asOf: '2026-09-29' },
    ]);
    expect(c.goals.map((g) => g.id)).toEqual(['total-impressions-1', 'rate-ctr-2', 'uplift-helpline-calls-3']);
    expect(c.partlyAt).toBe(0.8);
  });

  it('accepts JSON as well as YAML', () => {
    const c = parseCampaignText(JSON.stringify({ ...parseCampaignText(valid, 'x'), goals: [] }), 'c.json');
    expect(c.id).toBe('fenland-test');
  });

  it('names the field path and the reason of every error', () => {
    const doc = {
      id: 'Bad Id',
      name: 'x',
      timezone: 'Europe/Londn',
      start: '2026-02-30',
      end: '2026-03-01',
      regions: { targeted: ['Lincolnshire'] },
      currency: 'pounds',
      goals: [{ kind: 'rate', metric: 'ctr' }],
    };
    const issues = issuesOf(doc);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.reason]));
    expect(byPath.id).toMatch(/slug/);
    expect(byPath.timezone).toMatch(/IANA time zone/);
    expect(byPath.start).toMatch(/calendar date/);
    expect(byPath['regions.targeted.0']).toMatch(/ISO 3166-2/);
    expect(byPath.currency).toMatch(/ISO 4217/);
    expect(byPath['goals.0.target']).toBeDefined();
  });

  it('refuses an end before the start, an overlapping baseline and a region both targeted and control', () => {
    const base = parseCampaignText(valid, 'x');
    const issues = issuesOf({
      ...base,
      end: '2026-02-01',
      baseline: { start: '2026-02-01', end: '2026-03-05' },
      regions: { targeted: ['GB-CAM'], control: ['GB-CAM'] },
      goals: [],
      followUps: undefined,
    });
    expect(issues).toContainEqual({ path: 'end', reason: 'must be on or after start' });
    expect(issues).toContainEqual({ path: 'baseline.end', reason: 'must be before the campaign start' });
    expect(issues).toContainEqual({ path: 'regions.control.0', reason: 'GB-CAM is also targeted' });
  });

  it('refuses a lift goal without control regions and goal regions outside the campaign', () => {
    const base = parseCampaignText(valid, 'x');
    const issues = issuesOf({
      ...base,
      regions: { targeted: ['GB-CAM'] },
      goals: [{ kind: 'lift', metric: 'helpline_calls', target: 10, regions: ['GB-KEN'] }],
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['goals.0.kind', 'goals.0.regions.0']));
  });

  it('reports unknown fields instead of ignoring a typo', () => {
    const base = parseCampaignText(valid, 'x');
    const issues = issuesOf({ ...base, goal: [] });
    expect(issues[0]!.reason).toMatch(/goal/);
  });

  it('gives a readable message for text that is not YAML', () => {
    expect(() => parseCampaignText('id: [unclosed', 'broken.yaml')).toThrow(/broken.yaml: not valid YAML or JSON/);
  });
});
