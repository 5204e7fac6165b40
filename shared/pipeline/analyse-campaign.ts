import type { Campaign } from '../domain/campaign.ts';
import { addDays, inclusiveDays, todayIn } from '../domain/dates.ts';
import { dateOfDay, type DataCompleteness, type SeriesCompleteness } from '../analysis/completeness.ts';
import { checkContamination } from '../analysis/contamination.ts';
import { goalResults } from '../analysis/goal-results.ts';
import { draftNarrative } from '../analysis/narrative.ts';
import { partitionRange, reportPrefix } from '../lake/layout.ts';
import { SERVICE_DEMAND } from '../lake/tables.ts';
import type { QueryEngine, ResultRow } from '../query/query-engine.ts';
import { filledDown, numbers, textAt, texts, type ColumnarResult } from '../query/columns.ts';
import { loadQuery } from '../query/sql-files.ts';
import { partnerLanguages, partnersFile } from '../i18n/index.ts';
import { protectReport, REGION_WEEKS_FILE, regionWeeksCsvBytes, renderHtml, renderMarkdown, Contributions } from '../report/index.ts';
import type { Report } from '../report/report-types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { emptyDelivery } from '../analysis/delivery.ts';
import { valueForMoney } from '../analysis/value-for-money.ts';
import { followUpView } from '../analysis/follow-up-view.ts';
import { campaignDelivery } from './campaign-delivery.ts';
import { campaignReadiness } from './campaign-readiness.ts';
import { campaignDemand } from './campaign-demand.ts';
import { campaignLift } from './campaign-lift.ts';
import { weeklyDemand, type WeeklyTotals } from '../analysis/weekly-demand.ts';
import { loadDisclosureRules } from './disclosure-rules.ts';
import { loadExchangeRates, type ExchangeRates } from './exchange-rates.ts';
import { loadCampaign } from './register-campaign.ts';
import { reportPhase } from './report-phase.ts';
import { campaignOverlaps, registeredCampaigns } from './registered-campaigns.ts';

export interface AnalyseOptions {
  /** Local date the analysis is as of (default: today in the campaign's time zone). */
  asOf?: string;
  /** Follow-up label ("3 months") when this is a scheduled follow-up run. */
  label?: string;
  /** Exchange rates for exports in another currency (config/exchange-rates.json). */
  rates?: ExchangeRates;
  /** Control regions to leave out of geo lift, besides the campaign's regions.excludeControls. */
  excludeControls?: string[];
  now?: Date;
  /** Render report.html to PDF (e.g. shared/browser/render-pdf.ts); report.pdf is written when given. */
  pdf?: (html: string) => Promise<Uint8Array>;
  /** Called once the partner series are read, when DuckDB is free for reads that overlap the lift (analyseCampaign's own). */
  onSeriesRead?: (asOf: string) => void;
}

export interface AnalyseResult {
  report: Report;
  /** The latest copies under reports/<id>/<as-of>/ (pdf only when asked for; regionWeeks, report.weeks.csv, when charts pool regions); partnersHtml is the copy partners see. */
  keys: { json: string; markdown: string; html: string; partnersHtml: string; pdf?: string; regionWeeks?: string };
  /** This run's own folder, reports/<id>/<as-of>/<generated-at>/, kept when a later run replaces the latest. */
  versionPrefix: string;
  /** The earlier run whose latest copies this one replaced (still kept in its own folder). */
  replaced?: string;
}

/** One kept version of a report for an as-of date. */
export interface ReportVersion {
  generatedAt: string;
  prefix: string;
  latest: boolean;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** A generatedAt as a folder name: 2026-12-01T22:15:03.120Z -> 20261201T221503120Z. */
const versionName = (iso: string): string => iso.replace(/[-:.]/g, '');

/**
 * Analyse a campaign as of a date and write its report. Every run is kept in its own folder,
 * reports/<id>/<as-of>/<generated-at>/report.{json,md,html}; reports/<id>/<as-of>/report.* are
 * copies of the latest, and versions.json lists every run with the latest marked, so a re-run
 * never silently overwrites what was shared before. `pdf` renders report.html to PDF (the CLI
 * passes Chromium's; the pipeline itself knows no browser). SQL (queries/) does the sums on
 * either engine; the functions in analysis/ add pacing, statistics and statuses.
 */
export async function analyseCampaign(store: ObjectStore, engine: QueryEngine, campaignId: string, opts: AnalyseOptions = {}): Promise<AnalyseResult> {
  const campaign = await loadCampaign(store, campaignId);
  const registered = await registeredCampaigns(store);
  // Who contributed to each cell (for the disclosure step) is read while the report is built.
  let contributionsRead: Promise<Contributions> | undefined;
  const report = await buildReport(engine, campaign, registered, {
    ...opts,
    rates: opts.rates ?? (await loadExchangeRates(store)),
    onSeriesRead: (asOf) => void (contributionsRead = started(loadContributions(engine, campaign, { asOf }))),
  });
  const earlierReports = await earlierFollowUps(store, campaign, report);
  const side = followUpView(report, earlierReports);
  if (side) report.followUpView = side;
  const prefix = reportPrefix(campaign.id, report.asOf);
  const versionPrefix = `${prefix}${versionName(report.generatedAt)}/`;
  // The one disclosure step: shared files are rendered from protected copies only.
  const rules = await loadDisclosureRules(store, campaign);
  const contributions = await (contributionsRead ?? loadContributions(engine, campaign, report));
  // Each file goes to this run's folder as soon as it is made (encoded once for both copies), so the
  // writing runs while the next one is rendered; all are written before the latest copies.
  const files: [string, Uint8Array][] = [];
  const writing: Promise<void>[] = [];
  const write = (name: string, body: string | Uint8Array) => {
    const bytes = typeof body === 'string' ? utf8(body) : body;
    files.push([name, bytes]);
    writing.push(started(store.put(`${versionPrefix}${name}`, bytes)));
  };
  write('report.json', JSON.stringify(report, null, 2));
  const shared = protectReport(report, { rules, contributions, earlier: earlierReports });
  const html = renderHtml(shared);
  write('report.md', renderMarkdown(shared));
  write('report.html', html);
  const partnersCopy = protectReport(report, { rules, contributions, earlier: earlierReports, audience: 'partners' });
  const partnersHtml = renderHtml(partnersCopy);
  write('report.partners.html', partnersHtml);
  // The partners' copy in each portal language: the same protected copy, only its words differ.
  const translated = partnerLanguages().map((t) => [t.lang, renderHtml(partnersCopy, { language: t })] as const);
  for (const [lang, body] of translated) write(partnersFile(lang, 'html'), body);
  // Charts that pool many regions: every region's weekly counts beside report.html, from the same protected copy.
  const regionWeeks = regionWeeksCsvBytes(shared);
  if (regionWeeks) write(REGION_WEEKS_FILE, regionWeeks);
  // Partners' PDF comes from their own protected copy, like their HTML.
  if (opts.pdf) {
    write('report.pdf', await opts.pdf(html));
    write('report.partners.pdf', await opts.pdf(partnersHtml));
    for (const [lang, body] of translated) write(partnersFile(lang, 'pdf'), await opts.pdf(body));
  }
  await Promise.all(writing);
  const versionsKey = `${prefix}versions.json`;
  const earlier: ReportVersion[] = (await store.exists(versionsKey)) ? JSON.parse(new TextDecoder().decode(await store.get(versionsKey))) : await keepUnversioned(store, prefix);
  const replaced = earlier.find((v) => v.latest)?.prefix;
  const versions = [...earlier.map((v) => ({ ...v, latest: false })), { generatedAt: report.generatedAt, prefix: versionPrefix, latest: true }];
  await Promise.all(files.map(([name, body]) => store.put(`${prefix}${name}`, body)));
  // The latest copy must not keep an earlier run's table.
  if (!regionWeeks && (await store.exists(`${prefix}${REGION_WEEKS_FILE}`))) await store.delete(`${prefix}${REGION_WEEKS_FILE}`);
  await store.put(versionsKey, JSON.stringify(versions, null, 2));
  const keys = {
    json: `${prefix}report.json`,
    markdown: `${prefix}report.md`,
    html: `${prefix}report.html`,
    partnersHtml: `${prefix}report.partners.html`,
    ...(opts.pdf ? { pdf: `${prefix}report.pdf` } : {}),
    ...(regionWeeks ? { regionWeeks: `${prefix}${REGION_WEEKS_FILE}` } : {}),
  };
  return { report, keys, versionPrefix, ...(replaced ? { replaced } : {}) };
}

/** The stored reports of the follow-ups before this one (a follow-up not yet run is left out). */
async function earlierFollowUps(store: ObjectStore, c: Campaign, r: Report): Promise<{ label: string; report: Report }[]> {
  if (r.phase !== 'follow_up') return [];
  const out: { label: string; report: Report }[] = [];
  for (const f of c.followUps.filter((f) => f.asOf < r.asOf && f.label !== r.followUp?.label)) {
    const key = `${reportPrefix(c.id, f.asOf)}report.json`;
    if (await store.exists(key)) out.push({ label: f.label, report: JSON.parse(new TextDecoder().decode(await store.get(key))) as Report });
  }
  return out;
}

/** A report written before versions existed is moved into its own version folder before it is replaced. */
async function keepUnversioned(store: ObjectStore, prefix: string): Promise<ReportVersion[]> {
  if (!(await store.exists(`${prefix}report.json`))) return [];
  const generatedAt = String((JSON.parse(new TextDecoder().decode(await store.get(`${prefix}report.json`))) as { generatedAt?: string }).generatedAt ?? 'earlier');
  const folder = `${prefix}${versionName(generatedAt)}/`;
  const partners = partnerLanguages().flatMap((t) => [partnersFile(t.lang, 'html'), partnersFile(t.lang, 'pdf')]);
  for (const name of ['report.json', 'report.md', 'report.html', 'report.partners.html', 'report.pdf', 'report.partners.pdf', REGION_WEEKS_FILE, ...partners])
    if (await store.exists(`${prefix}${name}`)) await store.put(`${folder}${name}`, await store.get(`${prefix}${name}`));
  return [{ generatedAt, prefix: folder, latest: true }];
}

/** Build report.json's content from the lake; `registered` is every registered campaign (registered-campaigns.ts). */
export async function buildReport(engine: QueryEngine, c: Campaign, registered: readonly Campaign[], opts: AnalyseOptions = {}): Promise<Report> {
  const asOf = opts.asOf ?? todayIn(c.timezone, opts.now);
  // A report dated after today would describe days that have not happened: refused, never stored.
  if (asOf > todayIn(c.timezone, opts.now)) throw new Error(`A report as of ${asOf} would be dated in the future (today is ${todayIn(c.timezone, opts.now)} in ${c.timezone}): give --as-of today or earlier`);
  const phaseOf = reportPhase(c, asOf, { label: opts.label, now: opts.now });
  const phase = phaseOf.phase;
  const totalDays = inclusiveDays(c.start, c.end);
  const lastDay = asOf < c.end ? asOf : c.end;
  const elapsedDays = phase === 'not_started' ? 0 : inclusiveDays(c.start, lastDay);
  // Partner data is partitioned by year (see SERVICE_DEMAND).
  const years = (from: string, to: string) => partitionRange(SERVICE_DEMAND, from, to);
  const [y0, y1] = years(c.start, lastDay);
  const run = (name: string, params: (string | number)[]): Promise<ResultRow[]> => engine.query(loadQuery(name), params);
  // Answers that grow with regions x days are read column by column (no object per row).
  const runColumns = (name: string, params: (string | number)[]): Promise<ColumnarResult> => engine.queryColumns(loadQuery(name), params);

  // Delivery: per platform from its own best kind of rows, then combined (campaign-delivery.ts).
  // Read side by side with the partner series below (the engine runs independent reads at once).
  const deliveryRead = started(
    phase === 'not_started' ? Promise.resolve({ delivery: emptyDelivery(c.currency), notes: [] }) : campaignDelivery(engine, c, lastDay, opts.rates ?? {}),
  );

  // Service demand: every partner series as reported, so missing periods stay missing.
  const followUp = phaseOf.phase === 'follow_up' ? phaseOf.followUp : undefined;
  const seriesEnd = asOf > c.end ? asOf : c.end;
  const followUpWindow = followUp ? { start: addDays(asOf, -(totalDays - 1)), end: asOf } : undefined;
  // The reads left need nothing the comparisons or the lift compute: they start as soon as the series
  // are in, so DuckDB answers them while JavaScript works (the comparisons, then the lift).
  const startReads = (baseline: { start: string }) => {
    const reads = {
      weekly: started(runColumns('demand_weekly', [c.id, ...years(baseline.start, seriesEnd), baseline.start, seriesEnd])),
      actuals: started(phase === 'not_started' ? Promise.resolve([]) : run('goal_actuals', [c.id, c.id, y0, y1, c.start, lastDay])),
      upTo: started(runColumns('partner_data_up_to', [c.id, ...years(c.baseline.start, asOf), c.baseline.start, asOf])),
    };
    opts.onSeriesRead?.(asOf);
    return reads;
  };
  let reads: ReturnType<typeof startReads> | undefined;
  const { series, baseline, baselineNote, serviceDemand, completeness } = await campaignDemand(runColumns, c, {
    campaignWindow: phase === 'not_started' ? undefined : { start: c.start, end: lastDay },
    followUpWindow,
    seriesEnd,
    years,
    overlaps: campaignOverlaps(c, registered),
    onBaseline: (chosen) => (reads = startReads(chosen)),
  });
  const { weekly: weeklyRead, actuals: actualsRead, upTo: upToRead } = reads ?? startReads(baseline);
  const { delivery, notes } = await deliveryRead;
  const caveats: string[] = [...notes];
  await engine.running?.();

  // Contamination: control regions the ads reached; geo lift against the remaining controls.
  const excluded = [...new Set([...(c.regions.excludeControls ?? []), ...(opts.excludeControls ?? [])])];
  const contamination = (c.regions.control ?? []).length
    ? checkContamination(delivery.byRegion, { targeted: c.regions.targeted, control: c.regions.control ?? [], excluded })
    : undefined;
  const channels = [...new Set(serviceDemand.map((d) => d.channel))];
  const lift = phase === 'not_started' ? [] : campaignLift(c, series, baseline, channels, { kind: 'campaign', start: c.start, end: lastDay }, excluded);
  if (followUpWindow) lift.push(...campaignLift(c, series, baseline, channels, { kind: 'follow_up', ...followUpWindow }, excluded));
  if (contamination?.notes.length) for (const l of lift) l.result = { ...l.result, notes: [...(l.result.notes ?? []), ...contamination.notes] };
  const dataCompleteness: DataCompleteness = { series: completeness, notes: completenessNotes(completeness) };
  // The weekly chart: a week is drawn only where every partner series of the region reported it.
  const demandSeries = weeklyDemand(weeklyTotalsOf(await weeklyRead), series, { start: baseline.start, end: seriesEnd });

  // Goals: totals and rates from SQL, uplift from the rate ratios, lift from the geo-lift estimate.
  const actuals = new Map((await actualsRead).map((r) => [String(r.goal_id), r.actual === null ? null : Number(r.actual)]));
  const goals = goalResults({ campaign: c, phase, elapsedDays, totalDays, sqlActuals: actuals, serviceDemand, lift, delivery });
  caveats.push('Service-demand changes compare rates per day; they show association with the campaign period, not proof that the campaign caused them. Compare with the control regions.');

  // Before launch: what the campaign will be measured against (never a crash for want of campaign data).
  const readiness = phase === 'not_started' ? await campaignReadiness(engine, c) : undefined;
  if (readiness) caveats.push(...readiness.notes);
  const dataReceived = [
    ...(delivery.platforms ?? []).filter((p) => p.dataUpTo).map((p) => ({ source: p.platform, kind: 'ad_platform' as const, upTo: p.dataUpTo! })),
    ...partnerStamps(await upToRead),
  ];

  const report: Omit<Report, 'narrative' | 'caveats'> = {
    schemaVersion: 1,
    internal: true,
    notice: 'Internal: exact figures, including small counts. Never share this file or offer it to partners: share report.md or report.html, which are made from a protected copy.',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    asOf,
    phase,
    ...(followUp && followUpWindow ? { followUp: { label: followUp.label, asOf, window: followUpWindow } } : {}),
    campaign: {
      id: c.id,
      name: c.name,
      timezone: c.timezone,
      start: c.start,
      end: c.end,
      baseline: { start: baseline.start, end: baseline.end },
      currency: c.currency,
      regions: { targeted: c.regions.targeted, control: c.regions.control ?? [], ...(c.regions.groups ? { groups: c.regions.groups } : {}) },
      followUps: c.followUps,
    },
    goals,
    delivery,
    serviceDemand,
    demandSeries,
    ...(lift.length > 0 ? { lift } : {}),
    ...(readiness ? { readiness } : {}),
    ...(phase === 'not_started' ? {} : { valueForMoney: valueForMoney(delivery, lift, c.valueForMoney) }),
    dataReceived,
    ...(completeness.length ? { completeness: dataCompleteness } : {}),
    baselineNote,
    ...(contamination ? { contamination } : {}),
  };
  return { ...report, narrative: draftNarrative(report), caveats };
}

/** A read started now and awaited later: a failure is thrown where it is awaited, never reported as unhandled before. */
function started<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

/** Who contributed to each weekly cell, for the partner rules of the disclosure step. */
export async function loadContributions(engine: QueryEngine, c: Campaign, r: Pick<Report, 'asOf'>): Promise<Contributions> {
  const end = r.asOf > c.end ? r.asOf : c.end;
  const [y0, y1] = partitionRange(SERVICE_DEMAND, c.baseline.start, end);
  const q = await engine.queryColumns(loadQuery('disclosure_contributions'), [c.id, y0, y1, c.baseline.start, end]);
  const channel = filledDown(texts(q, 'channel')); const region = texts(q, 'region'); const week = numbers(q, 'week_start'); const partner = texts(q, 'partner_id'); const total = numbers(q, 'total');
  return Contributions.build((add) => {
    for (let i = 0; i < q.length; i++) add(String(textAt(channel, i)), String(textAt(region, i)), dateOfDay(week[i]!), String(textAt(partner, i)), total[i]!);
  });
}

/** One plain sentence per kind of gap, for the report's data-completeness section. */
function completenessNotes(rows: SeriesCompleteness[]): string[] {
  const left = rows.filter((r) => r.windows.some((w) => w.used === false));
  const gaps = rows.filter((r) => r.windows.some((w) => w.missingWeeks.length > 0));
  const notes: string[] = [];
  if (gaps.length) notes.push(`${gaps.length} of ${rows.length} partner series missed some weeks. Missing weeks are never read as zero: each series is compared over the days it reported.`);
  if (left.length) notes.push(`${left.length} series ${left.length === 1 ? 'is' : 'are'} left out of a comparison because ${left.length === 1 ? 'it' : 'they'} did not report in both the baseline and the compared window.`);
  return notes;
}

/** Last day each partner's counts cover (partner_data_up_to.sql, columns). */
function partnerStamps(r: ColumnarResult): { source: string; kind: 'partner'; upTo: string }[] {
  // One row per partner; sorted here by code unit, whatever order the engine's collation gives.
  const partner = texts(r, 'partner'); const lastDay = numbers(r, 'last_day');
  const stamps = Array.from({ length: r.length }, (_, i) => ({ source: String(textAt(partner, i)), kind: 'partner' as const, upTo: dateOfDay(lastDay[i]!) }));
  return stamps.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** demand_weekly.sql's columns: the total per channel, region and Monday week (the channel given once per run). */
function weeklyTotalsOf(r: ColumnarResult): WeeklyTotals {
  return { length: r.length, channel: filledDown(texts(r, 'channel')), region: texts(r, 'region'), role: texts(r, 'role'), week: numbers(r, 'week_start'), total: numbers(r, 'total') };
}
