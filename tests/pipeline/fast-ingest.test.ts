import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metaDailyExportLines, type MetaExportSpec } from '../../shared/demo/meta-export.ts';
import { tiktokDailyExportLines } from '../../shared/demo/tiktok-export.ts';
import { readParquet } from '../../shared/lake/parquet.ts';
import { AD_DELIVERY, SERVICE_DEMAND, type Row } from '../../shared/lake/tables.ts';
import { readUploadLog } from '../../shared/lake/uploads.ts';
import { FAST_PATH_RETRIES, FAST_PATH_UPLOADS } from '../../shared/pipeline/fast-ingest/use-fast-path.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import type { IngestOptions } from '../../shared/pipeline/ingest-object.ts';
import { createAccount } from '../../shared/portal/accounts.ts';
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
async function ingestAll(mode: 'fast' | 'js', files: [string, Uint8Array][], opts: IngestOptions, setup?: (store: LocalFolderStore) => Promise<unknown>): Promise<Outcome[]> {
  process.env.CAMPAIGN_INGEST = mode === 'js' ? 'js' : 'auto';
  const { store, cleanup } = await tempStore();
  try {
    await setup?.(store);
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
async function compare(files: [string, Uint8Array][], opts: IngestOptions = {}, setup?: (store: LocalFolderStore) => Promise<unknown>): Promise<boolean[]> {
  const js = await ingestAll('js', files, opts, setup);
  const fast = await ingestAll('fast', files, opts, setup);
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

/**
 * The CSV first passes: the fast path's own sample (it holds the whole of these small files), and
 * a sample of 2 rows, so that the copy meets region keys, names and currencies the sample did not
 * hold (the full scan then decides) and checks each row's dates and numbers itself.
 */
const FIRST_PASSES = [
  { label: '', rows: undefined },
  { label: ', a sample of 2 rows first', rows: '2' },
];
const useSample = (rows: string | undefined) => () => {
  if (rows) process.env.CAMPAIGN_FAST_INGEST_SAMPLE_ROWS = rows;
};

for (const pass of FIRST_PASSES)
describe(`fast path and reader agree (generated Meta exports${pass.label})`, () => {
  beforeEach(useSample(pass.rows));
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
    // A quoted empty cell is empty to the reader as to the check (null among the number cells).
    ['quoted empty counts and spend', cells(2, (c) => [...c.slice(0, 5), '""', '""', ...c.slice(7, 9), '""', ...c.slice(10)])],
    ['semicolon delimiter', BASE.replaceAll(',', ';')],
    ['rows out of date order', [lines[0], ...lines.slice(1).filter(Boolean).reverse(), ''].join('\r\n')],
    ['negative spend', cells(3, (c) => [...c.slice(0, 9), '-12.5', ...c.slice(10)])],
    ['non-ASCII names (en dash, accents)', BASE.replaceAll('Awareness 2026 - north', 'Sensibilización – norte')],
    ['period rows', BASE.replace(/2026-01-31,2026-01-31/g, '2026-01-31,2026-02-06')],
    // Region and text cells are read once per distinct text (ENUMs of the distinct keys, names and texts).
    ['one region spelled four ways (spaces, capitals, its code)', lines.map((l, i) => (i % 4 === 1 ? l.replace(',Lincolnshire,', ', Lincolnshire ,') : i % 4 === 2 ? l.replace(',Lincolnshire,', ',LINCOLNSHIRE,') : i % 4 === 3 ? l.replace(',Lincolnshire,', ',GB-LIN,') : l)).join('\r\n')],
    ['region names with an apostrophe, accents and a quoted comma', BASE.replaceAll(',Lagos State,', ",Côte d'Ivoire,").replaceAll(',Kaunas County,', ',Île-de-France,').replaceAll(',Cambridgeshire,', ',"Nairobi, Kenya",')],
    ['a campaign name with spaces around on some rows only', cells(1, (c) => [c[0]!, c[1]!, ` ${c[2]}  `, ...c.slice(3)])],
    ['an ad set name empty or spaces on some rows', cells(2, (c) => [...c.slice(0, 3), '', ...c.slice(4)]).replace(',Carousel,', ',   ,')],
    ['an ad set name empty on every row', lines.filter((l) => !l.includes(',Carousel,')).join('\r\n').replaceAll(',Video 15s,', ',,')],
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
    ['tab-separated, a tab inside a quoted cell', BASE.replaceAll(',', '\t').replace('Video 15s', '"\tVideo 15s"')],
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
    // Repeated keys are counted file by file (one per month): a repeat in the last month's file.
    ['a repeated row in the third month of a 40-day export', (() => {
      const long = metaExport(1, 40).split('\r\n');
      const last = long.findLastIndex((l) => l.startsWith('2026-03-'));
      return [...long.slice(0, last), long[last], ...long.slice(last)].join('\r\n');
    })()],
    ['the same key from two spellings of a region (spaces around one)', (() => {
      const i = lines.findIndex((l) => l.includes(',Lincolnshire,'));
      return [...lines.slice(0, i + 1), lines[i]!.replace(',Lincolnshire,', ', Lincolnshire ,'), ...lines.slice(i + 1)].join('\r\n');
    })()],
    ['an unknown region', BASE.replace('Lincolnshire', 'Atlantis')],
    ['an empty region', cells(1, (c) => [...c.slice(0, 4), '', ...c.slice(5)])],
    ['an empty campaign name', cells(1, (c) => [c[0]!, c[1]!, '', ...c.slice(3)])],
    ['a campaign name of spaces only', cells(1, (c) => [c[0]!, c[1]!, '   ', ...c.slice(3)])],
    ['a region of spaces only', cells(1, (c) => [...c.slice(0, 4), '  ', ...c.slice(5)])],
    ['a short row', edit(2, (l) => l.split(',').slice(0, 8).join(','))],
    ['a long row', edit(2, (l) => `${l},extra`)],
    ['a lone CR', BASE.replace('\r\n', '\r')],
    ['CR-only line ends', BASE.replaceAll('\r\n', '\r')],
    ['seven decimals of spend', cells(1, (c) => [...c.slice(0, 9), '1.2345678', ...c.slice(10)])],
    ['ten digits of spend', cells(1, (c) => [...c.slice(0, 9), '1234567890.12', ...c.slice(10)])],
    ['a sixteen-digit count', cells(1, (c) => [...c.slice(0, 5), '1234567890123456', ...c.slice(6)])],
    // The check joins the number cells with \x01: one inside a cell must not split it into two numbers.
    ['a count cell holding the check\'s separator between digits', cells(1, (c) => [...c.slice(0, 5), '12\u000134', ...c.slice(6)])],
    ['two count cells holding the separator, as many parts as cells', cells(1, (c) => [...c.slice(0, 5), '12\u0001', '\u000134', ...c.slice(7)])],
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

describe('the sampled first pass', () => {
  const retried = async (rows: string | undefined) => {
    useSample(rows)();
    const { store, cleanup } = await tempStore();
    try {
      const result = await ingestFile(store, 'meta.csv', utf8(BASE), { today: TODAY });
      expect(FAST_PATH_UPLOADS).toContain(result.uploadId);
      return FAST_PATH_RETRIES.some((r) => r.rawKey === result.rawKey);
    } finally {
      await cleanup();
    }
  };
  it('a sample that holds every region and name: the copy after it, no full scan', async () => {
    expect(await retried(undefined)).toBe(false);
  });
  it('a sample of 2 rows misses regions: the copy stops at the first, the full scan takes the file', async () => {
    expect(await retried('2')).toBe(true);
  });
});

describe('the repeated-key check, a part of the hashes at a time', () => {
  beforeEach(() => {
    process.env.CAMPAIGN_FAST_INGEST_KEYS_AT_ONCE = '3';
  });
  it('every key once: taken, as the reader stores it', async () => {
    expect(await compare([['meta.csv', utf8(BASE)]])).toEqual([true]);
  });
  it('a row twice, in any part: the reader decides', async () => {
    for (const i of [1, 7, 20]) expect(await compare([['meta.csv', utf8([...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)].join('\r\n'))]])).toEqual([false]);
  });
});

for (const pass of FIRST_PASSES)
describe(`fast path and reader agree (generated TikTok exports${pass.label})`, () => {
  beforeEach(useSample(pass.rows));
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
    ['spaces around subregion and country', withCountry.replaceAll(',Nairobi,Kenya,', ', Nairobi , Kenya ,')],
    ['a country without its subregion on a row', withCountry.replace(',Nairobi,Kenya,', ',,Kenya,')],
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
    expect(taken).toContain('google-daily-user-location.csv');
    expect(taken).toEqual(expect.arrayContaining(['meta_insights_api_campaign_daily.json', 'meta-insights-zero-day.json']));
    expect(taken.every((n) => /^(meta|tiktok|google|partner)/.test(n) && /\.(csv|json)$/.test(n))).toBe(true);
  });
});

/** A generated Google Ads user-location report by day: two title lines, the rows, its Total row (CRLF). */
function googleExport(days = 3, opts: { total?: boolean; extraTotal?: string } = {}): string {
  const places: [string, string][] = [['Georgia', 'United States'], ['Texas', 'United States'], ['Tbilisi', 'Georgia'], [' --', 'Lithuania']];
  const rows: string[] = [];
  const sum = { impr: 0, clicks: 0, inter: 0, cost: 0 };
  for (let d = 0; d < days; d++)
    for (const campaign of ['Helpline US', 'Helpline "GE"'])
      for (const [region, country] of places) {
        const impr = 100 + 7 * rows.length;
        const clicks = rows.length % 9;
        const cents = 25 * rows.length + 3;
        Object.assign(sum, { impr: sum.impr + impr, clicks: sum.clicks + clicks, inter: sum.inter + clicks + 1, cost: sum.cost + cents });
        const name = campaign.includes('"') ? `"${campaign.replaceAll('"', '""')}"` : campaign;
        rows.push(`2026-03-${String(d + 2).padStart(2, '0')},${name},Ad group ${d % 2},${region},${country},${impr},${clicks},${clicks + 1},USD,${(cents / 100).toFixed(2)}`);
      }
  const total = `Total: Locations,,,,,${sum.impr},${sum.clicks},${sum.inter},USD,${(sum.cost / 100).toFixed(2)}`;
  return [
    'Location report',
    `"March 2, 2026 - March ${days + 1}, 2026"`,
    'Day,Campaign,Ad group,Region (User location),Country/Territory (User location),Impr.,Clicks,Interactions,Currency code,Cost',
    ...rows,
    ...(opts.total === false ? [] : [total]),
    ...(opts.extraTotal ? [opts.extraTotal] : []),
    '',
  ].join('\r\n');
}

describe('fast path and reader agree (generated Google Ads reports)', () => {
  const G = googleExport();
  const gl = G.split('\r\n');
  const total = gl.findIndex((l) => l.startsWith('Total:'));
  const gcells = (i: number, f: (c: string[]) => string[]) => gl.map((l, j) => (j === i ? f(l.split(',')).join(',') : l)).join('\r\n');
  const accepted: [string, string][] = [
    ['title lines, Total row checked and skipped', G],
    ['no Total row', googleExport(3, { total: false })],
    ['a second Total row that agrees', googleExport(3, { extraTotal: gl[total]!.replace('Locations', 'Account') })],
    ['a Total row with spaces before the colon, in capitals', G.replace('Total: Locations', 'TOTAL : Locations')],
    ['LF line ends', G.replaceAll('\r\n', '\n')],
    ['byte-order mark', `\ufeff${G}`],
    ['a title line with no date range', G.replace(/"March[^"]*"/, 'All time')],
    ['one title line', gl.slice(1).join('\r\n')],
    ['no title lines', gl.slice(2).join('\r\n')],
    ['a Total row that leaves cost empty', gcells(total, (c) => [...c.slice(0, 9), ''])],
    ['a -- cost on a row and in the total', gcells(total, (c) => [...c.slice(0, 9), ' --'])],
    ['more days', googleExport(9)],
    ['spaces around a region on some rows', gcells(3, (c) => [...c.slice(0, 3), ` ${c[3]} `, `${c[4]}  `, ...c.slice(5)])],
  ];
  for (const [name, text] of accepted)
    it(`${name}: taken by the fast path, stored exactly as the reader stores it`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([true]);
    });
  const toReader: [string, string][] = [
    ['a Total row that disagrees with the rows', gcells(total, (c) => [...c.slice(0, 5), '1', ...c.slice(6)])],
    ['an account-wide second Total row (the first one counts)', googleExport(3, { extraTotal: 'Total: Account,,,,,999999,99,99,USD,9999.00' })],
    ['a Total row cut short', gcells(total, (c) => c.slice(0, 6))],
    ['thousands separators', gcells(3, (c) => [...c.slice(0, 5), '"1,234"', ...c.slice(6)])],
    ['a negative click count', gcells(3, (c) => [...c.slice(0, 6), '-3', ...c.slice(7)])],
    ['a control character inside a count (the separator of the row check)', gcells(3, (c) => [...c.slice(0, 5), '1\u00012', ...c.slice(6)])],
    ['a cost with seven decimals', gcells(3, (c) => [...c.slice(0, 9), '1.2345678'])],
    ['day/month/year dates', G.replaceAll('2026-03-02', '02/03/2026')],
    ['an unknown country', G.replace('Lithuania', 'Atlantis')],
    ['a region left out of both columns', gcells(3, (c) => [...c.slice(0, 3), ' --', ' --', ...c.slice(5)])],
    ['a repeated row', [...gl.slice(0, 4), gl[3], ...gl.slice(4)].join('\r\n')],
    ['an empty campaign name', gcells(3, (c) => [c[0]!, '', ...c.slice(2)])],
    ['a currency that is not a code', gcells(3, (c) => [...c.slice(0, 8), 'dollars', c[9]!])],
    ['a decimal-comma cost', gcells(3, (c) => [...c.slice(0, 9), '"1,50"'])],
    ['a blank line under the title lines', [gl[0], gl[1], '', ...gl.slice(2)].join('\r\n')],
    ['six title lines', ['a', 'b', 'c', 'd', ...gl].join('\r\n')],
    ['no Day column (the title line dates it)', readFileSync(new URL('google-all-time.csv', FIXTURES), 'utf8')],
  ];
  for (const [name, text] of toReader)
    it(`${name}: the reader decides (same outcome and messages as without the fast path)`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([false]);
    });
  it('no Currency code column: the caller\'s currency, and none is an error', async () => {
    const noCurrency = gl.map((l) => l.split(',').filter((_, i) => i !== 8 || !/^(Day|20|Total)/.test(l)).join(',')).join('\r\n');
    expect(await compare([['eur.csv', utf8(noCurrency)]], { currency: 'EUR' })).toEqual([true]);
    expect(await compare([['none.csv', utf8(noCurrency)]])).toEqual([false]);
    expect(await compare([['usd.csv', utf8(G)]], { currency: 'EUR' })).toEqual([false]);
  });
  it('Dutch headers, plain numbers and a Totaal row: taken; Dutch thousands (1.696) go to the reader', async () => {
    const head = 'Zoekwoordrapport\r\n"1 maart 2026 - 2 maart 2026"\r\nDag,Campagne,Zoekwoord,Vertoningen,Aantal klikken,Valutacode,Kosten\r\n';
    const body = '2026-03-01,Hoogwerker,verhuur,100,3,EUR,12.50\r\n2026-03-02,Hoogwerker,verhuur,120,4,EUR,7\r\n';
    expect(await compare([['nl.csv', utf8(`${head}${body}Totaal: Account,,,220,7,EUR,19.50\r\n`)]])).toEqual([true]);
    expect(await compare([['nl-groups.csv', utf8(`${head}${body.replace('100', '1.696')}Totaal: Account,,,1.816,7,EUR,19.50\r\n`)]])).toEqual([false]);
  });
  it('a re-export over the first: the same replaced count and periods', async () => {
    expect(await compare([['first.csv', utf8(G)], ['again.csv', utf8(googleExport(5))]])).toEqual([true, true]);
  });
});

/** A generated partner sheet in the template layout: weeks x sites x channels (LF). */
function partnerExport(weeks = 4, opts: { period?: (w: number) => string; partner?: string } = {}): string {
  const lines = ['partner,region,location,period_start,period,channel,count'];
  for (let w = 0; w < weeks; w++) {
    const day = new Date(Date.UTC(2026, 2, 2 + 7 * w)).toISOString().slice(0, 10);
    for (const [region, site] of [['GB-CAM', 'Wisbech'], ['Cambridgeshire', 'March'], ['GB-LIN', '']] as const)
      for (const channel of ['helpline_calls', 'Drop-in visits', 'referrals']) lines.push(`${opts.partner ?? 'fenland-helpline'},${region},${site},${day},${opts.period?.(w) ?? 'week'},${channel},${(w * 7 + site.length) % 23}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('fast path and reader agree (generated partner counts)', () => {
  const P = partnerExport();
  const pl = P.split('\n');
  const pcells = (i: number, f: (c: string[]) => string[]) => pl.map((l, j) => (j === i ? f(l.split(',')).join(',') : l)).join('\n');
  const accepted: [string, string][] = [
    ['weekly counts, several sites and channels', P],
    ['daily and weekly rows, spelled in capitals', partnerExport(4, { period: (w) => ['day', 'WEEK', 'Weekly', 'daily'][w]! })],
    ['an empty period (a period_start column: daily)', partnerExport(2, { period: () => '' })],
    ['no period column, a week commencing column (weekly)', P.replace('period_start,period,', 'week commencing,').replaceAll(',week,', ',')],
    ['a title line above the header', `Fenland helpline: weekly counts\n${P}`],
    ['blank rows and rows of bare separators', pl.flatMap((l, i) => (i === 5 ? [l, '', ',,,,,,'] : [l])).join('\n')],
    ['CRLF and a byte-order mark', `\ufeff${P.replaceAll('\n', '\r\n')}`],
    ['semicolons', P.replaceAll(',', ';')],
    ['tabs, a quoted site name', P.replaceAll(',', '\t').replace('\tWisbech\t', '\t" Wisbech "\t')],
    ['channel aliases', P.replaceAll(',helpline_calls,', ',Helpline calls,').replaceAll(',referrals,', ',Referral,')],
    ['no location column', pl.filter((l) => !l.includes('Cambridgeshire')).map((l) => l.split(',').filter((_, i) => i !== 2).join(',')).join('\n')],
    ['a site name that starts like a total (Summerhill)', P.replaceAll('Wisbech', 'Summerhill')],
    // Periods and channels are read once per distinct text as written: spaces around are trimmed there.
    ['spaces around a period, a channel, a partner and a site', pcells(2, (c) => [` ${c[0]}`, c[1]!, ` ${c[2]} `, c[3]!, ' Week ', ` ${c[5]}  `, c[6]!])],
  ];
  for (const [name, text] of accepted)
    it(`${name}: taken by the fast path, stored exactly as the reader stores it`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([true]);
    });
  const toReader: [string, string][] = [
    ['a total row (noted by the reader)', `${P}fenland-helpline,Total,,,,helpline_calls,${pl.filter((l) => l.includes('helpline_calls')).reduce((s, l) => s + Number(l.split(',')[6]), 0)}\n`],
    ['a total row that disagrees', `${P}Total,,,,,helpline_calls,9999\n`],
    ['a total label after spaces', `${P}fenland-helpline,GB-CAM,  Grand total:,2026-03-30,week,helpline_calls,9999\n`],
    ['a monthly period', pcells(2, (c) => [...c.slice(0, 4), 'month', ...c.slice(5)])],
    ['a period with a digit in it', pcells(2, (c) => [...c.slice(0, 4), 'week1', ...c.slice(5)])],
    ['a personal-data pattern on one row only (an e-mail address as a channel)', pcells(3, (c) => [...c.slice(0, 5), 'jo@example.org', c[6]!])],
    ['a date after today', pcells(2, (c) => [...c.slice(0, 3), '2027-01-04', ...c.slice(4)])],
    ['day/month/year dates', P.replaceAll('2026-03-09', '09/03/2026')],
    ['a negative count', pcells(3, (c) => [...c.slice(0, 6), '-3'])],
    ['a decimal count', pcells(3, (c) => [...c.slice(0, 6), '2.5'])],
    ['an empty count', pcells(3, (c) => [...c.slice(0, 6), ''])],
    ['a dash count', pcells(3, (c) => [...c.slice(0, 6), '-'])],
    ['an e-mail address as a site', pcells(4, (c) => [...c.slice(0, 2), 'jo@example.org', ...c.slice(3)])],
    ['a phone number as a site', pcells(4, (c) => [...c.slice(0, 2), '07700 900123', ...c.slice(3)])],
    ['a postcode as a site', pcells(4, (c) => [...c.slice(0, 2), 'PE13 1AB', ...c.slice(3)])],
    ['a site name of 90 letters', pcells(4, (c) => [...c.slice(0, 2), 'x'.repeat(90), ...c.slice(3)])],
    ['an unknown region', P.replace('GB-CAM', 'Atlantis')],
    ['an unknown channel', pcells(2, (c) => [...c.slice(0, 5), '??', c[6]!])],
    ['a repeated row', [...pl.slice(0, 3), pl[2], ...pl.slice(3)].join('\n')],
    ['an empty partner', pcells(2, (c) => ['', ...c.slice(1)])],
    ['a row cut short', pcells(2, (c) => c.slice(0, 6))],
    // JavaScript's trim() removes the tab, DuckDB's would not: the screen sends it to the reader.
    ['tabs, a tab inside a quoted site name', P.replaceAll(',', '\t').replace('\tWisbech\t', '\t"\tWisbech"\t')],
    ['a wide sheet (a column per channel)', 'Week commencing,Area,Helpline calls,Referrals\n2026-03-02,GB-CAM,4,5\n2026-03-09,GB-CAM,6,\n'],
    ['a personal-data column', readFileSync(new URL('partner-personal-data.csv', FIXTURES), 'utf8')],
  ];
  for (const [name, text] of toReader)
    it(`${name}: the reader decides (same outcome and messages as without the fast path)`, async () => {
      expect(await compare([[`${name}.csv`, utf8(text)]])).toEqual([false]);
    });
  it('a partner upload (raw/partners/<id>/): the partner\'s own rows taken; another partner\'s id, or a region outside the account, left to the reader', async () => {
    const opts = { partnerId: 'fenland-helpline' };
    expect(await compare([['own.csv', utf8(P)]], opts)).toEqual([true]);
    expect(await compare([['no-id.csv', utf8(partnerExport(4, { partner: '' }))]], opts)).toEqual([true]);
    expect(await compare([['other.csv', utf8(partnerExport(4, { partner: 'someone-else' }))]], opts)).toEqual([false]);
    const account = (regions: string[]) => (store: LocalFolderStore) => createAccount(store, 'Fenland Helpline', { regions });
    expect(await compare([['granted.csv', utf8(P)]], opts, account(['GB-CAM', 'GB-LIN']))).toEqual([true]);
    expect(await compare([['outside.csv', utf8(P)]], opts, account(['GB-CAM']))).toEqual([false]);
    expect(await compare([['ad-export.csv', utf8(BASE)]], opts)).toEqual([false]);
  });
  it('corrections: a second sheet replacing some weeks, then the first again', async () => {
    const corrected = pl.map((l, i) => (i > 0 && i <= 9 && l ? l.replace(/,(\d+)$/, (_, n) => `,${Number(n) + 1}`) : l)).join('\n');
    expect(await compare([['first.csv', utf8(P)], ['corrected.csv', utf8(corrected)], ['longer.csv', utf8(partnerExport(6))], ['first-again.csv', utf8(P)]])).toEqual([true, true, true, true]);
  });
});

/** Insights items of a generated Meta API response: days x campaigns x regions, as the API writes them (numbers as strings). */
function insightItems(days = 3, opts: { seed?: number; regions?: string[] } = {}): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const regions = opts.regions ?? ['Nairobi', 'Mombasa', 'Lincolnshire', 'Unknown'];
  for (let d = 0; d < days; d++)
    for (const [c, campaign] of ['Helpline KE', 'Awareness – north'].entries())
      for (const region of regions) {
        const i = items.length + (opts.seed ?? 0);
        const day = `2026-03-${String(d + 2).padStart(2, '0')}`;
        items.push({
          campaign_id: String(120200000000000 + c),
          campaign_name: campaign,
          account_currency: 'KES',
          region,
          date_start: day,
          date_stop: day,
          impressions: String(500 + 7 * i),
          reach: String(400 + i),
          clicks: String(i % 13),
          ctr: (i % 13) / 5,
          spend: ((i * 37) % 900 / 100).toFixed(2),
          actions: [{ action_type: 'post_engagement', value: String(i % 17) }, { action_type: 'link_click', value: String(i % 11) }],
          cost_per_action_type: [{ action_type: 'link_click', value: '0.42' }],
        });
      }
  return items;
}
const response = (items: unknown[], rest: Record<string, unknown> = { paging: { cursors: { before: 'MAZDZD', after: 'MQZDZD' }, next: 'https://graph.facebook.com/v19.0/act_1/insights?after=MQZDZD' } }) =>
  JSON.stringify({ data: items, ...rest });
const withItems = (f: (item: Record<string, unknown>, i: number) => Record<string, unknown>) => response(insightItems().map((x, i) => f({ ...x }, i)));
const omit = (item: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(item).filter(([k]) => !keys.includes(k)));

describe('fast path and reader agree (generated Meta insights JSON)', () => {
  const J = response(insightItems());
  const accepted: [string, string, IngestOptions?][] = [
    ['data[] with paging', J],
    ['a top-level array', JSON.stringify(insightItems())],
    ['blank lines before the document', `\r\n\r\n  ${J}\n`],
    ['pretty-printed, a byte-order mark', `\ufeff${JSON.stringify(JSON.parse(J), null, 2)}\n`],
    ['one item a line, a summary after data', `{"data":[\n${insightItems().map((x) => JSON.stringify(x)).join('\n,')}\n], "summary": {"total_count": 24, "data": [1]}}`],
    ['zero-delivery days without spend, actions or ctr', withItems((x, i) => (i % 3 === 0 ? omit(x, 'spend', 'actions', 'ctr', 'cost_per_action_type') : x))],
    ['no actions anywhere, inline_link_clicks instead', withItems((x, i) => ({ ...omit(x, 'actions'), inline_link_clicks: String(i % 5) }))],
    ['action values empty, a dash, or missing', withItems((x, i) => ({ ...x, actions: [{ action_type: 'link_click', value: ['', '-', undefined, '3'][i % 4] }] }))],
    ['the same action twice in an item (the last one counts)', withItems((x, i) => ({ ...x, actions: [{ action_type: 'link_click', value: '1' }, { action_type: 'link_click', value: String(i) }] }))],
    ['video views, other action types', withItems((x, i) => ({ ...x, actions: [{ action_type: 'video_view', value: String(i) }, { action_type: 'omni_purchase', value: 2 }, { action_type: 'post_engagement', value: '4' }] }))],
    ['age and gender, no region', withItems((x, i) => ({ ...omit(x, 'region'), age: ['18-24', '25-34'][i % 2], gender: ['female', 'male', 'unknown'][i % 3] }))],
    ['a country breakdown', response(insightItems(2, { regions: ['KE', 'GB', 'LT'] }).map((x) => ({ ...omit(x, 'region'), country: x.region })))],
    ['region null on every item (no breakdown)', withItems((x, i) => ({ ...x, region: null, campaign_name: `${x.campaign_name} ${i}` }))],
    ['no account_currency: the caller\'s currency', withItems((x) => omit(x, 'account_currency')), { currency: 'EUR' }],
    ['no account_currency and no spend: no currency needed', withItems((x) => omit(x, 'account_currency', 'spend'))],
    ['the caller\'s currency agrees with account_currency', J, { currency: 'KES' }],
    ['ad set names only (the campaign named by the ad set)', withItems((x) => ({ ...omit(x, 'campaign_name', 'campaign_id'), adset_name: ` Ad set of ${x.campaign_name as string} ` }))],
    ['ad names, then ids, as names', withItems((x, i) => (i % 2 ? { ...omit(x, 'campaign_name'), ad_name: `Ad ${i}` } : omit(x, 'campaign_name')))],
    ['no names at all: the file\'s name', response(insightItems().filter((x) => x.campaign_name === 'Helpline KE').map((x) => omit(x, 'campaign_name', 'campaign_id')))],
    ['period rows', withItems((x) => ({ ...x, date_stop: '2026-03-31' }))],
    ['escapes and non-ASCII names', withItems((x, i) => ({ ...x, campaign_name: ['Sensibilización "norte"', 'a/b \\ c', 'Ünïcödé'][i % 3] })).replaceAll('a/b', 'a\\/b').replace('\\u00dc', 'Ü').replace('Ü', '\\u00dc')],
    ['numbers, nulls, objects and a repeated key in fields the reader does not read', withItems((x, i) => ({ ...x, cpm: i * 1.5, frequency: null, targeting: { geo: [1, 2] }, objective: true }))
      .replace('"cpm":0', '"cpm":0,"cpm":7')],
    ['spaces around names and a negative spend', withItems((x, i) => ({ ...x, campaign_name: `  ${x.campaign_name}  `, spend: i === 3 ? '-1.5' : x.spend }))],
  ];
  for (const [name, text, opts] of accepted)
    it(`${name}: taken by the fast path, stored exactly as the reader stores it`, async () => {
      expect(await compare([[`${name}.json`, utf8(text)]], opts)).toEqual([true]);
    });

  const toReader: [string, string, IngestOptions?][] = [
    ['cut short', J.slice(0, -40)],
    ['a hundred spaces before the document', `${' '.repeat(100)}${J}`],
    ['a trailing comma', J.replace('}],"paging"', '},],"paging"')],
    ['NaN in a field the reader does not read', J.replace('"ctr":0', '"ctr":NaN')],
    ['-Infinity in a field the reader does not read', J.replace('"ctr":0', '"ctr":-Infinity')],
    ['a number for impressions', J.replace('"impressions":"500"', '"impressions":500')],
    ['a number for the campaign id', J.replace('"campaign_id":"120200000000000"', '"campaign_id":120200000000000')],
    ['an object for the region', J.replace('"region":"Nairobi"', '"region":{"name":"Nairobi"}')],
    ['true for a name', J.replace('"campaign_name":"Helpline KE"', '"campaign_name":true')],
    ['a read field twice in an item', J.replace('"impressions":"500"', '"impressions":"500","impressions":"501"')],
    ['data twice', J.replace(',"paging"', ',"data":[],"paging"')],
    ['data not the first key', JSON.stringify({ paging: {}, data: insightItems() })],
    ['an item that is not an object', J.replace('{"campaign_id"', '[1],{"campaign_id"')],
    ['a key spelled like a flattened action', J.replace('"ctr":0', '"actions:link_click":"99"')],
    ['an escaped key', J.replaceAll('"date_start"', '"date\\u005fstart"')],
    ['a line feed escaped in a name', J.replace('Helpline KE', 'Helpline KE\\n')],
    ['a no-break space at the end of a name', J.replace('Helpline KE', 'Helpline KE\u00a0')],
    ['a lone surrogate', J.replace('Helpline KE', 'Helpline \\ud800')],
    ['a count with a letter', J.replace('"impressions":"500"', '"impressions":"5O0"')],
    ['a negative count', J.replace('"clicks":"0"', '"clicks":"-1"')],
    ['a count with a space', J.replace('"clicks":"0"', '"clicks":" 1"')],
    ['an action value that is not a count', J.replace('"action_type":"link_click","value":"0"', '"action_type":"link_click","value":"x"')],
    ['a count sent as a number in actions', J.replace('"action_type":"link_click","value":"0"', '"action_type":"link_click","value":1.5')],
    ['an empty date', J.replace('"date_start":"2026-03-02"', '"date_start":""')],
    ['a date in another spelling', J.replaceAll('2026-03-02', '02/03/2026')],
    ['ends before it starts', J.replace('"date_stop":"2026-03-02"', '"date_stop":"2026-03-01"')],
    ['an item without date_start', withItems((x, i) => (i === 4 ? omit(x, 'date_start') : x))],
    ['a repeated item', response([...insightItems(), insightItems()[0]!])],
    ['an unknown region', J.replace('Mombasa', 'Atlantis')],
    ['an item without the region', withItems((x, i) => (i === 4 ? omit(x, 'region') : x))],
    ['a lower-case currency', J.replace('"account_currency":"KES"', '"account_currency":"kes"')],
    ['two currencies', J.replace('"account_currency":"KES"', '"account_currency":"EUR"')],
    ['an item without account_currency', withItems((x, i) => (i === 4 ? omit(x, 'account_currency') : x))],
    ['a currency that disagrees with the caller\'s', J, { currency: 'EUR' }],
    ['spend but no currency at all', withItems((x) => omit(x, 'account_currency'))],
    ['seven decimals of spend', J.replace(/"spend":"[^"]*"/, '"spend":"1.2345678"')],
    ['empty data', response([])],
    ['no field the reader knows', response([{ foo: 'bar' }])],
    ['an error response', JSON.stringify({ error: { message: 'expired', code: 190 } })],
  ];
  for (const [name, text, opts] of toReader)
    it(`${name}: the reader decides (same outcome and messages as without the fast path)`, async () => {
      expect(await compare([[`${name}.json`, utf8(text)]], opts)).toEqual([false]);
    });
  it('invalid UTF-8 bytes: the reader rejects, the fast path never takes it', async () => {
    const bytes = utf8(J);
    bytes[bytes.indexOf(0x48)] = 0xff; // the H of "Helpline"
    expect(await compare([['bad-bytes.json', bytes]])).toEqual([false]);
  });
  it('a forced format: meta-insights-json taken, a CSV format left to the reader', async () => {
    expect(await compare([['forced.json', utf8(J)]], { format: 'meta-insights-json' })).toEqual([true]);
    expect(await compare([['forced-csv.json', utf8(J)]], { format: 'meta-ads-csv' })).toEqual([false]);
  });
  it('corrections: a second response replacing some days, a longer one, then the first again', async () => {
    const corrected = response(insightItems(2, { seed: 5 }));
    expect(await compare([['first.json', utf8(J)], ['corrected.json', utf8(corrected)], ['longer.json', utf8(response(insightItems(6)))], ['first-again.json', utf8(J)]])).toEqual([true, true, true, true]);
  });
  it('the same content again is "unchanged" on both paths', async () => {
    expect(await compare([['a.json', utf8(J)], ['b.json', utf8(J)]])).toEqual([true, true]);
  });
  it('a 6 MB response (the screen reads it in several chunks; 83 monthly partitions)', async () => {
    const items = insightItems(1).flatMap((x, i) =>
      Array.from({ length: 2500 }, (_, d) => {
        const day = new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10);
        return { ...x, date_start: day, date_stop: day, impressions: String((i * 7 + d) % 900), spend: ((d % 500) / 100).toFixed(2) };
      }),
    );
    const text = response(items);
    expect(text.length).toBeGreaterThan(5e6);
    expect(await compare([['large.json', utf8(text)]])).toEqual([true]);
  });
});
