import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metaDailyExportLines, type MetaExportSpec } from '../../shared/demo/meta-export.ts';
import { tiktokDailyExportLines } from '../../shared/demo/tiktok-export.ts';
import { readParquet } from '../../shared/lake/parquet.ts';
import { AD_DELIVERY, SERVICE_DEMAND, type Row } from '../../shared/lake/tables.ts';
import { readUploadLog } from '../../shared/lake/uploads.ts';
import { FAST_PATH_UPLOADS } from '../../shared/pipeline/fast-ingest/use-fast-path.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import type { IngestOptions } from '../../shared/pipeline/ingest-object.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { tempStore } from '../support/temp-store.ts';

/**
 * The fast path's invariant: whenever DuckDB accepts a file, the JavaScript reader accepts it too
 * and the lake is the same (files, partitions, columns, values, upload log, summary). Every file
 * is ingested twice into fresh lakes, once with the fast path allowed at any size and once with
 * CAMPAIGN_INGEST=js, and everything stored is compared.
 */
const TODAY = '2026-11-27';
const SAMPLES = new URL('../../../shared/samples/exports/', import.meta.url);
const FIXTURES = new URL('../fixtures/sources/', import.meta.url);
const utf8 = (s: string) => new TextEncoder().encode(s);

interface Outcome {
  fast: boolean;
  result: unknown;
  files: Record<string, Row[]>;
  log: unknown[];
  quarantine: unknown[];
}

/** Everything an ingest leaves behind, with the upload's own id and times taken out. */
async function lakeOf(store: LocalFolderStore, uploadIds: string[]): Promise<Omit<Outcome, 'fast' | 'result'>> {
  const scrub = (s: string) => uploadIds.reduce((t, id, i) => t.replaceAll(id, `U${i}`), s);
  const files: Record<string, Row[]> = {};
  for (const table of [AD_DELIVERY, SERVICE_DEMAND]) {
    for (const { key } of await store.list(`curated/${table.versioned!.storage}/`)) {
      const rows = (await readParquet(table, await store.get(key))).map((r) => JSON.parse(scrub(JSON.stringify({ ...r, upload_seq: 0 }))) as Row);
      files[scrub(key)] = rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    }
  }
  const log = [];
  for (const dataset of ['ad_delivery', 'service_demand'] as const)
    for (const e of await readUploadLog(store, dataset)) log.push(JSON.parse(scrub(JSON.stringify({ ...e, upload_seq: 0, at: '' }))));
  const quarantine = [];
  for (const { key } of await store.list('quarantine/')) {
    const q = JSON.parse(new TextDecoder().decode(await store.get(key)));
    quarantine.push(JSON.parse(scrub(JSON.stringify({ ...q, rejectedAt: '' }))));
  }
  return { files, log, quarantine };
}

/** Ingest the files in order into one fresh lake, on one path. */
async function ingestAll(mode: 'fast' | 'js', files: [string, Uint8Array][], opts: IngestOptions): Promise<Outcome[]> {
  process.env.CAMPAIGN_INGEST = mode === 'js' ? 'js' : 'auto';
  const { store, cleanup } = await tempStore();
  try {
    const out: Outcome[] = [];
    const ids: string[] = [];
    for (const [name, bytes] of files) {
      const result = await ingestFile(store, name, bytes, { today: TODAY, ...opts });
      ids.push(result.uploadId);
      // Upload ids and the times of earlier commits (a duplicate's) differ between any two runs.
      const scrubbed = JSON.parse(ids.reduce((t, id, i) => t.replaceAll(id, `U${i}`), JSON.stringify(result)).replace(/"at":"[^"]*"/g, '"at":""'));
      out.push({ fast: FAST_PATH_UPLOADS.includes(result.uploadId), result: scrubbed, ...(await lakeOf(store, ids)) });
    }
    return out;
  } finally {
    await cleanup();
  }
}

/** Both paths over the same files: identical outcomes; returns whether the fast path took each file. */
async function compare(files: [string, Uint8Array][], opts: IngestOptions = {}): Promise<boolean[]> {
  const js = await ingestAll('js', files, opts);
  const fast = await ingestAll('fast', files, opts);
  expect(js.every((o) => !o.fast)).toBe(true);
  fast.forEach((f, i) => {
    const { fast: _f, ...rest } = f;
    const { fast: _j, ...jsRest } = js[i]!;
    expect(rest, files[i]![0]).toEqual(jsRest);
  });
  return fast.map((o) => o.fast);
}

const env = { ...process.env };
beforeEach(() => {
  process.env.CAMPAIGN_FAST_INGEST_MIN_BYTES = '0';
});
afterEach(() => {
  process.env = { ...env };
});

/** A generated Meta day x region export (CRLF, as Meta writes it). */
function metaExport(seed = 1, days = 3): string {
  const regions = ['Lincolnshire', 'Cambridgeshire', 'Kaunas County', 'Lagos State', 'Unknown'];
  return [...metaDailyExportLines(exportSpec(seed, days, ['Awareness 2026 - north', 'Awareness 2026 - south'], ['Video 15s', 'Carousel'], regions))].join('');
}

/** Days from 2026-01-30 of campaigns x ad sets x regions, about 800 impressions a row. */
function exportSpec(seed: number, days: number, campaigns: string[], adSets: string[], regions: string[]): MetaExportSpec {
  return { seed, campaigns, adSets, regions, start: '2026-01-30', days, impressionsPerRow: 800, ctr: 0.01, cpm: 5 };
}
const BASE = metaExport();
const lines = BASE.split('\r\n');
/** The base export with data line i (1 = first data row) changed. */
const edit = (i: number, f: (line: string) => string) => lines.map((l, j) => (j === i ? f(l) : l)).join('\r\n');
const cells = (i: number, f: (c: string[]) => string[]) => edit(i, (l) => f(l.split(',')).join(','));

describe('fast path and reader agree (generated Meta exports)', () => {
  const accepted: [string, string][] = [
    ['clean', BASE],
    ['LF line ends', BASE.replaceAll('\r\n', '\n')],
    ['byte-order mark', `\ufeff${BASE}`],
    ['no final newline', BASE.trimEnd()],
    ['trailing blank lines', `${BASE}\r\n\r\n`],
    ['quoted campaign with a comma', BASE.replaceAll('Awareness 2026 - north', '"Awareness, north"')],
    ['doubled quotes inside a quoted field', BASE.replaceAll('Awareness 2026 - north', '"Say ""hi"""')],
    ['spaces around text cells', BASE.replaceAll(',Carousel,', ',  Carousel ,')],
    ['dash and empty counts', cells(2, (c) => [...c.slice(0, 6), '-', '', '--', ...c.slice(9)])],
    ['semicolon delimiter', BASE.replaceAll(',', ';')],
    ['rows out of date order', [lines[0], ...lines.slice(1).filter(Boolean).reverse(), ''].join('\r\n')],
    ['negative spend', cells(3, (c) => [...c.slice(0, 9), '-12.5', ...c.slice(10)])],
    ['non-ASCII names (en dash, accents)', BASE.replaceAll('Awareness 2026 - north', 'Sensibilización – norte')],
    ['period rows', BASE.replace(/2026-01-31,2026-01-31/g, '2026-01-31,2026-02-06')],
  ];
  for (const [name, text] of accepted)
    it(`${name}: taken by the fast path, stored exactly as the reader stores it`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([true]);
    });

  const toReader: [string, string][] = [
    ['a quote inside an unquoted field', BASE.replaceAll('Video 15s', 'Video "15s"')],
    ['text after a closing quote', BASE.replaceAll('Video 15s', '"Video" 15s')],
    ['a quoted field over two lines', BASE.replace('Video 15s', '"Video\r\n15s"')],
    ['a tab in a cell', BASE.replace('Video 15s', 'Video\t15s')],
    ['a no-break space in a number', cells(1, (c) => [...c.slice(0, 5), '1\u00a0234', ...c.slice(6)])],
    ['thousands separators', cells(1, (c) => [...c.slice(0, 5), '"1,234"', ...c.slice(6)])],
    ['a negative count', cells(2, (c) => [...c.slice(0, 5), '-3', ...c.slice(6)])],
    ['a decimal count', cells(2, (c) => [...c.slice(0, 6), '3.5', ...c.slice(7)])],
    ['an empty date', cells(2, (c) => ['', ...c.slice(1)])],
    ['day/month/year dates', BASE.replaceAll('2026-01-30', '30/01/2026')],
    ['a midnight time on a date', BASE.replaceAll('2026-01-30,', '2026-01-30 00:00,')],
    ['an impossible date', BASE.replaceAll('2026-01-31', '2026-02-31')],
    ['ends before it starts', cells(3, (c) => [c[0]!, '2026-01-01', ...c.slice(2)])],
    ['a repeated row', [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\r\n')],
    ['an unknown region', BASE.replace('Lincolnshire', 'Atlantis')],
    ['an empty region', cells(1, (c) => [...c.slice(0, 4), '', ...c.slice(5)])],
    ['an empty campaign name', cells(1, (c) => [c[0]!, c[1]!, '', ...c.slice(3)])],
    ['a short row', edit(2, (l) => l.split(',').slice(0, 8).join(','))],
    ['a long row', edit(2, (l) => `${l},extra`)],
    ['a lone CR', BASE.replace('\r\n', '\r')],
    ['CR-only line ends', BASE.replaceAll('\r\n', '\r')],
    ['seven decimals of spend', cells(1, (c) => [...c.slice(0, 9), '1.2345678', ...c.slice(10)])],
    ['ten digits of spend', cells(1, (c) => [...c.slice(0, 9), '1234567890.12', ...c.slice(10)])],
    ['a sixteen-digit count', cells(1, (c) => [...c.slice(0, 5), '1234567890123456', ...c.slice(6)])],
    ['header only', `${lines[0]}\r\n`],
  ];
  for (const [name, text] of toReader)
    it(`${name}: the reader decides (same outcome and messages as without the fast path)`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([false]);
    });

  it('invalid UTF-8 bytes: the reader rejects, the fast path never takes it', async () => {
    const bytes = utf8(BASE);
    bytes[bytes.indexOf(0x56)] = 0xff; // the V of "Video"
    expect(await compare([['bad-bytes.csv', bytes]])).toEqual([false]);
  });

  it('Day column, Country, Age and Gender, no spend: taken, same rows', async () => {
    const text = 'Day,Ad set name,Country,Age,Gender,Impressions,Reach\r\n2026-03-01,Video,GB,18-24,female,100,80\r\n2026-03-01,Video,GB,18-24,male,90,70\r\n2026-03-02,Video,LT,25-34,female,-,-\r\n';
    expect(await compare([['age-gender.csv', utf8(text)]])).toEqual([true]);
  });

  it('Spanish headers with a decimal comma: plain amounts taken; 1.696 (thousands) goes to the reader', async () => {
    const head = 'Inicio del informe,Fin del informe,Nombre de la campaña,Región,Impresiones,Importe gastado (EUR)\r\n';
    expect(await compare([['es.csv', utf8(`${head}2026-03-01,2026-03-01,Campaña,Lombardy,100,12.50\r\n`)]])).toEqual([true]);
    expect(await compare([['es-groups.csv', utf8(`${head}2026-03-01,2026-03-01,Campaña,Lombardy,100,1.696\r\n`)]])).toEqual([false]);
    expect(await compare([['es-comma.csv', utf8(`${head}2026-03-01,2026-03-01,Campaña,Lombardy,100,"12,50"\r\n`)]])).toEqual([false]);
  });

  it('a re-export over the first: the same replaced count and periods, new files only', async () => {
    const taken = await compare([
      ['first.csv', utf8(BASE)],
      ['again.csv', utf8(metaExport(2))],
      ['longer.csv', utf8(metaExport(3, 5))],
    ]);
    expect(taken).toEqual([true, true, true]);
  });

  it('the same content again is "unchanged" on both paths', async () => {
    // The fast path checks the second copy too (and then writes nothing): both answers come from it.
    expect(await compare([['a.csv', utf8(BASE)], ['b.csv', utf8(BASE)]])).toEqual([true, true]);
  });
});

/** A generated TikTok day x subregion export, with its Total row (CRLF). */
function tiktokExport(seed = 1, days = 3): string {
  const spec = exportSpec(seed, days, ['Helpline TikTok', 'Awareness - south'], ['Nairobi 18-24', 'Carousel'], ['Lincolnshire', 'Kaunas County', 'Lagos State', 'Nairobi']);
  return [...tiktokDailyExportLines(spec, 'KES')].join('');
}

describe('fast path and reader agree (generated TikTok exports)', () => {
  const T = tiktokExport();
  const tl = T.split('\r\n');
  const tcells = (i: number, f: (c: string[]) => string[]) => tl.map((l, j) => (j === i ? f(l.split(',')).join(',') : l)).join('\r\n');
  // A Country/Region column after Subregion: Kenya beside Nairobi, empty elsewhere.
  const withCountry = tl
    .map((l, j) => {
      const c = l.split(',');
      return l === '' ? l : [...c.slice(0, 4), j === 0 ? 'Country/Region' : c[3] === 'Nairobi' ? 'Kenya' : '', ...c.slice(4)].join(',');
    })
    .join('\r\n');
  const accepted: [string, string][] = [
    ['clean, Total row skipped', T],
    ['no Total row', T.replace(/Total of [^\r]*\r\n$/, '')],
    ['lower-case total row', T.replace('Total of', 'TOTAL of')],
    ['byte-order mark', `\ufeff${T}`],
    ['subregion with country', withCountry],
    ['quoted campaign with a comma', T.replaceAll('Awareness - south', '"Awareness, south"')],
    ['dash counts', tcells(2, (c) => [...c.slice(0, 6), '-', '--', ...c.slice(8)])],
  ];
  for (const [name, text] of accepted)
    it(`${name}: taken by the fast path, stored exactly as the reader stores it`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([true]);
    });
  const toReader: [string, string][] = [
    ['a date that is a word (Totals)', T.replace('Total of', 'Totals of')],
    ['a lower-case currency', tcells(1, (c) => [...c.slice(0, 10), 'kes'])],
    ['an empty currency', tcells(1, (c) => [...c.slice(0, 10), ''])],
    ['two currencies', tcells(1, (c) => [...c.slice(0, 10), 'GBP'])],
    ['a negative count', tcells(2, (c) => [...c.slice(0, 5), '-3', ...c.slice(6)])],
    ['thousands separators', tcells(2, (c) => [...c.slice(0, 5), '"1,234"', ...c.slice(6)])],
    ['day/month/year dates', T.replaceAll('2026-01-30', '30/01/2026')],
    ['an unknown subregion', T.replace('Lincolnshire', 'Atlantis')],
    ['a repeated row', [...tl.slice(0, 3), tl[2], ...tl.slice(3)].join('\r\n')],
    ['an empty campaign name', tcells(1, (c) => [c[0]!, '', ...c.slice(2)])],
    ['a short Total row', T.replace(/Total of [^\r]*/, 'Total of 1 results,-')],
  ];
  for (const [name, text] of toReader)
    it(`${name}: the reader decides (same outcome and messages as without the fast path)`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([false]);
    });
  it('the caller\'s currency must agree with the rows\' own', async () => {
    expect(await compare([['gbp.csv', utf8(T)]], { currency: 'GBP' })).toEqual([false]);
    expect(await compare([['kes.csv', utf8(T)]], { currency: 'KES' })).toEqual([true]);
  });
  it('a re-export over the first: the same replaced count and periods', async () => {
    expect(await compare([['first.csv', utf8(T)], ['again.csv', utf8(tiktokExport(2))]])).toEqual([true, true]);
  });
});

describe('fast path and reader agree (real exports and every fixture)', () => {
  const dir = (url: URL) => readdirSync(url).filter((f) => !f.endsWith('.md')).map((f) => [f, new Uint8Array(readFileSync(new URL(f, url)))] as [string, Uint8Array]);
  const all = [...dir(SAMPLES), ...dir(FIXTURES)];
  const taken: string[] = [];
  for (const [name, bytes] of all)
    it(name, async () => {
      const [fast] = await compare([[name, bytes]], { currency: name.includes('json') ? 'USD' : undefined });
      if (fast) taken.push(name);
    });
  it('the clean Meta CSV exports are among those the fast path took', () => {
    if (process.env.SHOW_TAKEN) console.log(taken);
    expect(taken).toEqual(expect.arrayContaining(['meta_adsmanager_ad_level_gbp.csv', 'meta_adsmanager_adset_daily_age_gender.csv', 'meta-daily-region.csv']));
    expect(taken).toContain('tiktok-daily-subregion.csv');
    expect(taken.every((n) => (n.startsWith('meta') || n.startsWith('tiktok')) && n.endsWith('.csv'))).toBe(true);
  });
});
