import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as runLift } from '../../../cli/commands/lift.ts';
import { BEYOND, planFromPanel, planJson, run as runPlan } from '../../../cli/commands/plan-lift.ts';
import { fixturePath, geoliftPanel } from './helpers.ts';

function capture(): { out: () => string; err: () => string } {
  let out = ''; let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { out += String(s); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { err += String(s); return true; });
  return { out: () => out, err: () => err };
}

afterEach(() => { vi.restoreAllMocks(); });

const geo = fixturePath('GeoLift_Test.csv');
const window = ['--start', '2021-04-01', '--end', '2021-04-15'];

describe('campaign lift', () => {
  it('--json prints the documented fields', async () => {
    const io = capture();
    const code = await runLift(['--panel', geo, '--treated', 'chicago,portland', ...window, '--method', 'tbr', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(io.out());
    expect(Object.keys(j)).toEqual(['method', 'reason', 'att', 'incremental', 'lift', 'ciLow', 'ciHigh', 'pValue', 'weights', 'preFit', 'claimed', 'diagnostics', 'notes']);
    expect(j.method).toBe('tbr');
    expect(j.reason).toBe('requested');
    expect(j.lift).toBeGreaterThan(0);
    expect(j.diagnostics.join(' ')).toMatch(/placebo tests before the campaign/);
    expect(typeof j.claimed).toBe('boolean');
  });

  it('--json writes an open-ended interval as "unbounded", never null or Infinity, and --scm works with 2 controls', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lift-'));
    const f = join(dir, 'two.csv');
    // Two controls: synthetic control used to crash (power iteration in the null space of the ridge matrix).
    const rows = ['location,date,Y'];
    for (let t = 0; t < 60; t++) {
      const date = new Date(Date.UTC(2024, 0, 1 + t)).toISOString().slice(0, 10);
      rows.push(`a,${date},${t >= 50 ? 3 * ((t * 7) % 5) : (t * 7) % 5}`, `b,${date},${(t * 3) % 5 + 1}`, `c,${date},${(t * 11) % 5 + 2}`);
    }
    writeFileSync(f, rows.join('\n'));
    const io = capture();
    expect(await runLift(['--panel', f, '--treated', 'a', '--start', '2024-02-20', '--end', '2024-02-29', '--method', 'scm', '--json'])).toBe(0);
    const j = JSON.parse(io.out());
    expect(j.method).toBe('scm');
    for (const k of ['ciLow', 'ciHigh']) expect(typeof j[k] === 'number' || j[k] === 'unbounded').toBe(true);
  });

  it('human summary with a groups file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lift-'));
    const groups = join(dir, 'groups.csv');
    writeFileSync(groups, 'location,group\nchicago,treated\nportland,treated\n' + ['austin', 'dallas', 'miami', 'reno', 'cincinnati', 'nashville'].map((c) => `${c},control`).join('\n'));
    const io = capture();
    const code = await runLift(['--panel', geo, '--groups', groups, ...window, '--method', 'did']);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/Method: did/);
    expect(io.out()).toMatch(/Lift: -?\d+\.\d%/);
  });

  it('exit 2 with file, row and column for bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lift-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'location,Y,date\nchicago,12,2021-04-01\nportland,n/a,2021-04-01\n');
    let io = capture();
    expect(await runLift(['--panel', bad, '--treated', 'chicago', ...window])).toBe(2);
    expect(io.err()).toContain(`${bad}: row 3, column "Y": "n/a" is not a number`);
    vi.restoreAllMocks(); io = capture();
    expect(await runLift(['--panel', geo, '--treated', 'atlantis', ...window])).toBe(2);
    expect(io.err()).toMatch(/treated location "atlantis" is not in the panel/);
    vi.restoreAllMocks(); io = capture();
    expect(await runLift(['--panel', geo, '--treated', 'chicago', '--start', '04/01/2021', '--end', '2021-04-15'])).toBe(2);
    expect(io.err()).toMatch(/--start "04\/01\/2021" is not a date/);
    vi.restoreAllMocks(); io = capture();
    expect(await runLift(['--panel', join(dir, 'missing.csv'), '--treated', 'chicago', ...window])).toBe(2);
    expect(io.err()).toMatch(/missing\.csv: cannot read file \(ENOENT\)/);
    vi.restoreAllMocks(); io = capture();
    expect(await runLift(['--panel', geo, '--treated', 'chicago', ...window, '--bogus'])).toBe(2);
  });
});

describe('campaign plan', () => {
  it('planFromPanel and run --json', async () => {
    const r = await planFromPanel({ panel: geoliftPanel('GeoLift_PreTest.csv'), treated: ['chicago', 'portland'], durationDays: 15, method: 'tbr' });
    expect(r.mdl).not.toBeNull();
    const io = capture();
    const code = await runPlan(['--panel', fixturePath('GeoLift_PreTest.csv'), '--treated', 'chicago,portland', '--duration', '15', '--method', 'tbr', '--json']);
    expect(code).toBe(0);
    const j = JSON.parse(io.out());
    expect(j.mdl).toBeCloseTo(r.mdl!, 10);
    // The reason, the note, the rejection rate at zero lift with its interval, and limits never null.
    expect(j.reason).toBe('requested');
    expect(j.note).toMatch(/placebo calibration a report applies/);
    expect(typeof j.falsePositiveRate).toBe('number');
    expect(j.curve[0]).toMatchObject({ lift: 0, low: expect.any(Number), high: expect.any(Number) });
    for (const k of ['low', 'high']) expect(typeof j.mdlRange[k] === 'number' || j.mdlRange[k] === BEYOND).toBe(true);
    expect(Array.isArray(j.warnings)).toBe(true);
  });

  it('--json writes a minimum detectable lift not reached as "beyond the tested range", never null', () => {
    const r = { mdl: null, mdlRange: { low: 0.5, high: null }, curve: [{ lift: 0, power: 0, low: 0, high: 0.4, tests: 6 }], falsePositiveRate: 0, alpha: 0.05, method: 'did' as const, reason: 'r', tests: 6, note: 'n', warnings: [] };
    const j = planJson(r, []);
    expect(j).toMatchObject({ mdl: BEYOND, mdlRange: { low: 0.5, high: BEYOND } });
    expect(JSON.stringify(j)).not.toMatch(/null|Infinity/);
  });

  it('exit 2 for a bad duration', async () => {
    const io = capture();
    expect(await runPlan(['--panel', fixturePath('GeoLift_PreTest.csv'), '--treated', 'chicago', '--duration', 'two'])).toBe(2);
    expect(io.err()).toMatch(/--duration "two"/);
  });
});
