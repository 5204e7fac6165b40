/**
 * The differencing attack, as an outsider or a partner would run it with only report.md and
 * report.html: read every published count (tables, goal actuals, SVG tooltips, plotted positions,
 * narrative), then for each hidden count try every subtraction the report's structure offers:
 * a pooled total minus its shown regions, a window total minus its shown weeks (and the other way
 * round), a goal actual minus the shown cells of its scope, a partner's own count subtracted from a
 * figure, and the bound trick (a remainder that forces every hidden cell to 1 or to threshold - 1).
 * It knows the truth (report.json) only to judge whether a guess is right.
 */
import { regionLabel, regionShortLabel, metricLabel } from '../../../shared/report/labels.ts';
import { publishedSeries, regionWeekSeries, weekOf, type Contributions } from '../../../shared/report/disclosure/protect.ts';
import type { DemandSeries, Report } from '../../../shared/report/report-types.ts';
import { formatDate } from '../../../shared/report/format.ts';

export interface Breach {
  what: string;
  guessed: number;
  truth: number;
}

type Pub = number | 'hidden';

const num = (s: string): Pub => (/^[\d,]+$/.test(s.trim()) ? Number(s.trim().replace(/,/g, '')) : 'hidden');

function markdownTables(md: string): { caption: string; rows: string[][] }[] {
  const out: { caption: string; rows: string[][] }[] = [];
  let caption = '';
  let cur: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (line.startsWith('### ') || line.startsWith('## ')) caption = line;
    if (line.startsWith('|')) {
      if (/^\|[-:|]+\|$/.test(line)) continue;
      const cells = line.replace(/\\\|/g, '¦').split('|').slice(1, -1).map((c) => c.trim().replace(/\\/g, '').replace(/\*\*/g, ''));
      if (!cur) out.push({ caption, rows: (cur = []) });
      cur.push(cells);
    } else cur = null;
  }
  return out;
}

/** Every number-like token the text publishes, for the narrative check. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![\w.-])\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
}

export interface Published {
  /** `${channel}|${window}|${region}|${column}` */
  table: Map<string, Pub>;
  /** `${channel}|${seriesLabel}|${date}` from SVG tooltips */
  weeks: Map<string, Pub>;
  /** goal id -> actual */
  goals: Map<string, Pub>;
  /** y positions of hidden markers per chart: they must not depend on the value */
  hiddenY: Map<string, Set<string>>;
  /** paragraphs of the draft summary */
  narrative: string[];
  /** observed points of drawn lift charts: `${liftIndex}|${date shown}` */
  liftPoints: Map<string, Pub>;
}

/** Every weekly series a shared report publishes: the charts' lines and the downloadable per-region table. */
export function weeklySeries(report: Report): DemandSeries[] {
  const chart = publishedSeries(report);
  return [...chart, ...regionWeekSeries(report).filter((t) => !chart.some((s) => s.channel === t.channel && s.region === t.region))];
}

/** The label a series' weeks are published under (chart tooltips; the CSV's regions use the same). */
const seriesLabel = (s: Pick<DemandSeries, 'region'>): string => (s.region === 'control' ? 'Control regions (pooled)' : regionShortLabel(s.region));

/** A CSV line's fields (quoted fields as RFC 4180 writes them). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => (m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!));
}

/**
 * Read what report.md, report.html and (when the report has one) report.weeks.csv publish. A week
 * the CSV and a chart both publish must read the same in both.
 */
export function readPublished(report: Report, md: string, html: string, csv?: string): Published {
  const table = new Map<string, Pub>();
  const channelOf = new Map(report.serviceDemand.map((d) => [metricLabel(d.channel), d.channel]));
  const regionOf = new Map<string, string>();
  for (const d of report.serviceDemand) regionOf.set(regionLabel(d.region), d.region);
  for (const t of markdownTables(md)) {
    if (t.rows[0]?.[0] !== 'Channel' || t.rows[0]?.[2] !== 'Baseline') continue;
    const window = t.caption.includes('Follow-up') ? 'follow_up' : 'campaign';
    for (const r of t.rows.slice(1)) {
      const key = `${channelOf.get(r[0]!)}|${window}|${regionOf.get(r[1]!)}`;
      table.set(`${key}|baseline`, num(r[2]!));
      table.set(`${key}|campaign`, num(r[3]!));
    }
  }
  const goals = new Map<string, Pub>();
  const goalTable = markdownTables(md).find((t) => t.rows[0]?.[0] === 'Goal');
  report.goals.forEach((g, i) => {
    const row = goalTable?.rows[i + 1];
    if (row) goals.set(g.id, num(row[2]!));
  });
  const weeks = new Map<string, Pub>();
  const hiddenY = new Map<string, Set<string>>();
  for (const chart of html.matchAll(/<svg[^>]*id="(chart-demand-\d+)"[\s\S]*?<\/svg>/g)) {
    const svg = chart[0];
    const title = /<title id="[^"]*-title">([^<]*) per week/.exec(svg)?.[1] ?? '';
    const channel = channelOf.get(title) ?? title;
    for (const m of svg.matchAll(/<(circle|rect|path)\b([^>]*)><title>([^<]*), week of ([^<:]*): ([^<]*)<\/title>/g)) {
      const value = num(m[5]!.replace('&lt;', '<'));
      weeks.set(`${channel}|${m[3]}|${m[4]}`, value);
      if (value === 'hidden') {
        const attrs = m[2]!;
        const y = /cy="([-\d.]+)"/.exec(attrs)?.[1] ?? / y="([-\d.]+)"/.exec(attrs)?.[1] ?? /d="M[-\d.]+ ([-\d.]+)/.exec(attrs)?.[1] ?? '?';
        const key = `${chart[1]}|${m[3]}`;
        hiddenY.set(key, (hiddenY.get(key) ?? new Set<string>()).add(y));
      }
    }
  }
  if (csv) {
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const col = Object.fromEntries(csvFields(header!).map((c, i) => [c, i]));
    for (const line of lines) {
      const f = csvFields(line);
      const key = `${f[col.channel!]}|${regionShortLabel(f[col.region!]!)}|${formatDate(f[col.week_start!]!)}`;
      const value = num(f[col.count!]!);
      if (weeks.has(key) && weeks.get(key) !== value) throw new Error(`${key}: the chart shows ${weeks.get(key)}, report.weeks.csv ${value}`);
      weeks.set(key, value);
    }
  }
  const liftPoints = new Map<string, Pub>();
  for (const chart of html.matchAll(/<svg[^>]*id="chart-lift-(\d+)-observed"[\s\S]*?<\/svg>/g))
    for (const m of chart[0].matchAll(/<title>Observed \(targeted regions\), (?:week of )?([^<:]*): ([^<]*)<\/title>/g))
      liftPoints.set(`${Number(chart[1]) - 1}|${m[1]}`, num(m[2]!.replace('&lt;', '<')));
  const summary = md.split('## Summary (draft)')[1]?.split('\n## ')[0] ?? '';
  const narrative = summary.split('\n').map((l) => l.trim()).filter(Boolean);
  return { table, weeks, goals, hiddenY, narrative, liftPoints };
}

/** Run every differencing attack; returns what it recovered (empty = safe). */
export function attack(report: Report, pub: Published, threshold: number, contributions?: Contributions): Breach[] {
  const breaches: Breach[] = [];
  const truthTable = new Map<string, number>();
  for (const d of report.serviceDemand) for (const c of ['baseline', 'campaign'] as const) truthTable.set(`${d.channel}|${d.window}|${d.region}|${c}`, d[c]);
  const isHidden = (v: Pub | undefined): v is 'hidden' => v === 'hidden';
  const small = (v: number) => v > 0 && v < threshold;
  const guess = (what: string, parts: { pub: Pub | undefined; truth: number }[], total: Pub | undefined) => {
    // total = sum(parts): with every part but the hidden ones shown, the remainder is theirs.
    if (total === undefined || isHidden(total) || parts.some((p) => p.pub === undefined)) return;
    const hidden = parts.filter((p) => isHidden(p.pub));
    if (hidden.length === 0) return;
    const remainder = total - parts.filter((p) => !isHidden(p.pub)).reduce((s, p) => s + (p.pub as number), 0);
    const hiddenTruth = hidden.map((p) => p.truth);
    if (hidden.length === 1 && remainder === hiddenTruth[0] && small(hiddenTruth[0]!)) breaches.push({ what, guessed: remainder, truth: hiddenTruth[0]! });
    const allSmall = hiddenTruth.every(small);
    const truthSum = hiddenTruth.reduce((a, b) => a + b, 0);
    if (hidden.length > 1 && allSmall && truthSum === remainder && (remainder === hidden.length || remainder === (threshold - 1) * hidden.length))
      breaches.push({ what: `${what} (forced by bounds)`, guessed: remainder, truth: hiddenTruth.reduce((a, b) => a + b, 0) });
  };
  const cells = (channel: string, window: string, role: string, column: string) =>
    report.serviceDemand.filter((d) => d.channel === channel && d.window === window && d.role === role && d.region !== 'targeted' && d.region !== 'control').map((d) => `${channel}|${window}|${d.region}|${column}`);

  // 1. Pooled total minus its shown regions.
  for (const d of report.serviceDemand.filter((d) => d.region === 'targeted' || d.region === 'control'))
    for (const column of ['baseline', 'campaign'] as const) {
      const keys = cells(d.channel, d.window, d.role, column);
      guess(`table ${d.channel} ${d.window} ${d.region} ${column} minus regions`, keys.map((k) => ({ pub: pub.table.get(k), truth: truthTable.get(k)! })), pub.table.get(`${d.channel}|${d.window}|${d.region}|${column}`));
    }
  // 2. A window total against its weeks in the chart.
  const ranges = (d: Report['serviceDemand'][number], column: string) =>
    column === 'baseline' ? report.campaign.baseline : d.window === 'follow_up' && report.followUp ? report.followUp.window : { start: report.campaign.start, end: report.asOf < report.campaign.end ? report.asOf : report.campaign.end };
  const weekly = weeklySeries(report);
  for (const s of weekly) {
    const label = seriesLabel(s);
    for (const d of report.serviceDemand.filter((d) => d.channel === s.channel && d.region === s.region))
      for (const column of ['baseline', 'campaign'] as const) {
        const range = ranges(d, column);
        const weeks = s.weeks.filter((w) => w.weekStart >= range.start && w.weekStart <= range.end);
        const parts = weeks.map((w) => ({ pub: pub.weeks.get(`${s.channel}|${label}|${formatDate(w.weekStart)}`), truth: w.count }));
        const key = `${s.channel}|${d.window}|${d.region}|${column}`;
        guess(`weeks of ${s.channel} ${s.region} ${d.window} ${column} against the table`, parts, pub.table.get(key));
        // The other way round: all weeks shown give the hidden table cell.
        const total = pub.table.get(key);
        if (isHidden(total) && parts.length && parts.every((p) => typeof p.pub === 'number')) {
          const sum = parts.reduce((a, p) => a + (p.pub as number), 0);
          if (sum === truthTable.get(key) && small(sum)) breaches.push({ what: `table ${key} from its weeks`, guessed: sum, truth: sum });
        }
      }
  }
  // 2a. A pooled line's week minus its regions' weeks (the charts' top regions, the table's all).
  for (const p of weekly.filter((s) => s.region === 'targeted' || s.region === 'control')) {
    const regions = weekly.filter((s) => s.channel === p.channel && s.role === p.role && s.region !== p.region);
    if (regions.length === 0) continue;
    for (const w of p.weeks) {
      const parts = regions.map((s) => ({ pub: pub.weeks.get(`${s.channel}|${seriesLabel(s)}|${formatDate(w.weekStart)}`), truth: s.weeks.find((x) => x.weekStart === w.weekStart)?.count ?? 0 }));
      if (parts.every((x) => x.pub !== undefined)) guess(`${p.channel} ${p.region} week of ${w.weekStart} minus its regions`, parts, pub.weeks.get(`${p.channel}|${seriesLabel(p)}|${formatDate(w.weekStart)}`));
    }
  }
  // 2b. A drawn lift chart: each week's observed total against the targeted regions' weeks.
  (report.lift ?? []).forEach((l, li) => {
    const byWeek = new Map<string, Pub[]>();
    for (const p of l.result.series) {
      const v = pub.liftPoints.get(`${li}|${formatDate(p.date)}`);
      if (v === undefined) return;
      byWeek.set(weekOf(p.date), [...(byWeek.get(weekOf(p.date)) ?? []), v]);
    }
    for (const [week, vals] of byWeek) {
      if (vals.some((v) => isHidden(v))) continue;
      const total = vals.reduce<number>((a, v) => a + (v as number), 0);
      const parts = publishedSeries(report)
        .filter((s) => s.channel === l.channel && s.role === 'targeted')
        .map((s) => ({ pub: pub.weeks.get(`${s.channel}|${regionShortLabel(s.region)}|${formatDate(week)}`), truth: s.weeks.find((w) => w.weekStart === week)?.count ?? 0 }));
      guess(`lift chart ${l.channel} week of ${week} minus region weeks`, parts, total);
    }
  });
  // 3. Goal actuals against the table cells of their scope.
  for (const g of report.goals.filter((g) => g.kind === 'total' && report.serviceDemand.some((d) => d.channel === g.metric))) {
    const keys = g.regions.length ? g.regions.map((r) => `${g.metric}|campaign|${r}|campaign`) : [`${g.metric}|campaign|targeted|campaign`];
    guess(`goal ${g.id} minus table`, keys.map((k) => ({ pub: pub.table.get(k), truth: truthTable.get(k) ?? 0 })), pub.goals.get(g.id));
    const actual = pub.goals.get(g.id);
    if (typeof actual === 'number') {
      const shown = keys.map((k) => pub.table.get(k));
      if (shown.every((v) => typeof v === 'number')) {
        const diff = actual - shown.reduce<number>((a, v) => a + (v as number), 0);
        if (small(diff)) breaches.push({ what: `goal ${g.id} minus its table cells (rows the table leaves out)`, guessed: diff, truth: diff });
      }
    }
  }
  // 4. A partner subtracting its own counts from a shown figure.
  if (contributions)
    for (const d of report.serviceDemand)
      for (const column of ['baseline', 'campaign'] as const) {
        const v = pub.table.get(`${d.channel}|${d.window}|${d.region}|${column}`);
        if (typeof v !== 'number' || v === 0) continue;
        const range = ranges(d, column);
        const regions = d.region === 'targeted' ? report.campaign.regions.targeted : d.region === 'control' ? report.campaign.regions.control : [d.region];
        const own = new Map<string, number>();
        for (const [key, partners] of contributions.cells()) {
          const [ch, region, week] = key.split('|');
          if (ch !== d.channel || !regions.includes(region!) || week! < range.start || week! > range.end) continue;
          for (const [p, n] of partners) own.set(p, (own.get(p) ?? 0) + n);
        }
        const truth = truthTable.get(`${d.channel}|${d.window}|${d.region}|${column}`)!;
        for (const [p, n] of own)
          if (n > 0 && small(v - n) && v === truth) breaches.push({ what: `partner ${p} subtracts itself from ${d.channel} ${d.window} ${d.region} ${column}`, guessed: v - n, truth: truth - n });
      }
  // 5. The narrative may not state a change, a projection or a lift that the tables hide.
  const summary = pub.narrative;
  for (const d of report.serviceDemand.filter((d) => d.region === 'targeted')) {
    const hiddenRow = isHidden(pub.table.get(`${d.channel}|${d.window}|targeted|baseline`)) || isHidden(pub.table.get(`${d.channel}|${d.window}|targeted|campaign`));
    const when = d.window === 'campaign' ? 'during the campaign' : 'in the follow-up window';
    const what = metricLabel(d.channel).toLowerCase().replace(/-/g, ' ');
    const sentence = summary.find((p) => p.startsWith(`In the targeted regions, ${what} per day`) && p.includes(when));
    if (hiddenRow && sentence) breaches.push({ what: `narrative states the ${d.channel} ${d.window} change the table hides`, guessed: numbersIn(sentence)[0] ?? 0, truth: d.campaign });
  }
  for (const g of report.goals.filter((g) => g.pacing)) {
    const shown = pub.goals.get(g.id);
    if (isHidden(shown) && summary.some((p) => p.startsWith(`${g.label}: on track for`)))
      breaches.push({ what: `narrative paces goal ${g.id} whose actual is hidden`, guessed: 0, truth: g.actual ?? 0 });
  }
  // 6. Hidden markers must all sit at one height per chart (a position would give the value away).
  for (const [chart, ys] of pub.hiddenY) if (ys.size > 1) breaches.push({ what: `${chart}: hidden weeks plotted at ${ys.size} heights`, guessed: ys.size, truth: 1 });
  return breaches;
}

/**
 * The stronger attack: every exact relation the report's structure implies (pooled = sum of
 * regions, window = sum of its weeks, goal = sum of its scope), combined all at once by Gaussian
 * elimination over the hidden figures. The attacker is even told which relations hold exactly.
 * A hidden figure the elimination pins down to its true value, where that value is small, is a breach.
 */
export function linearAttack(report: Report, pub: Published, threshold: number): Breach[] {
  const values = new Map<string, Pub>();
  const truth = new Map<string, number>();
  for (const d of report.serviceDemand)
    for (const c of ['baseline', 'campaign'] as const) {
      const k = `t|${d.channel}|${d.window}|${d.region}|${c}`;
      truth.set(k, d[c]);
      const v = pub.table.get(`${d.channel}|${d.window}|${d.region}|${c}`);
      if (v !== undefined) values.set(k, v);
    }
  const series = weeklySeries(report);
  for (const s of series) {
    const label = seriesLabel(s);
    for (const w of s.weeks) {
      const k = `w|${s.channel}|${s.region}|${w.weekStart}`;
      truth.set(k, w.count);
      const v = pub.weeks.get(`${s.channel}|${label}|${formatDate(w.weekStart)}`);
      if (v !== undefined) values.set(k, v);
    }
  }
  for (const g of report.goals)
    if (g.actual !== null && g.kind === 'total') {
      truth.set(`g|${g.id}`, g.actual);
      const v = pub.goals.get(g.id);
      if (v !== undefined) values.set(`g|${g.id}`, v);
    }
  // Relations: lists of [key, coef] summing to 0, kept only where they hold exactly.
  const relations: [string, number][][] = [];
  const add = (total: string, parts: string[]) => {
    if (!parts.length || !values.has(total) || parts.some((p) => !values.has(p))) return;
    const sum = parts.reduce((s, p) => s + truth.get(p)!, 0);
    if (sum === truth.get(total)) relations.push([[total, 1], ...parts.map((p): [string, number] => [p, -1])]);
  };
  const isPooled = (r: string) => r === 'targeted' || r === 'control';
  const range = (d: Report['serviceDemand'][number], c: string) =>
    c === 'baseline' ? report.campaign.baseline : d.window === 'follow_up' && report.followUp ? report.followUp.window : { start: report.campaign.start, end: report.asOf < report.campaign.end ? report.asOf : report.campaign.end };
  for (const d of report.serviceDemand)
    for (const c of ['baseline', 'campaign'] as const) {
      const k = `t|${d.channel}|${d.window}|${d.region}|${c}`;
      if (isPooled(d.region))
        add(k, report.serviceDemand.filter((x) => !isPooled(x.region) && x.channel === d.channel && x.window === d.window && x.role === d.role).map((x) => `t|${x.channel}|${x.window}|${x.region}|${c}`));
      const s = series.find((x) => x.channel === d.channel && x.region === d.region);
      if (s) {
        const r = range(d, c);
        add(k, s.weeks.filter((w) => w.weekStart >= r.start && w.weekStart <= r.end).map((w) => `w|${s.channel}|${s.region}|${w.weekStart}`));
      }
    }
  // A pooled week and its regions' weeks (exact where the table publishes them all).
  for (const p of series.filter((s) => isPooled(s.region)))
    for (const w of p.weeks)
      add(`w|${p.channel}|${p.region}|${w.weekStart}`, series.filter((s) => s.channel === p.channel && s.role === p.role && !isPooled(s.region) && s.weeks.some((x) => x.weekStart === w.weekStart)).map((s) => `w|${s.channel}|${s.region}|${w.weekStart}`));
  (report.lift ?? []).forEach((l, li) => {
    const byWeek = new Map<string, { pub: number; truth: number } | null>();
    for (const p of l.result.series) {
      const v = pub.liftPoints.get(`${li}|${formatDate(p.date)}`);
      const w = weekOf(p.date);
      const cur = byWeek.get(w);
      if (v === undefined || v === 'hidden' || cur === null) byWeek.set(w, null);
      else byWeek.set(w, { pub: (cur?.pub ?? 0) + v, truth: (cur?.truth ?? 0) + p.observed });
    }
    for (const [week, t] of byWeek) {
      if (!t) continue;
      const k = `L|${li}|${week}`;
      values.set(k, t.pub);
      truth.set(k, t.truth);
      add(k, series.filter((x) => x.channel === l.channel && x.role === 'targeted').map((x) => `w|${x.channel}|${x.region}|${week}`));
    }
  });
  for (const g of report.goals.filter((g) => truth.has(`g|${g.id}`))) {
    const scope = g.regions.length ? g.regions : ['targeted'];
    add(`g|${g.id}`, scope.map((r) => `t|${g.metric}|campaign|${r}|campaign`));
  }
  // Gaussian elimination over the hidden figures (known ones move to the right-hand side).
  const hidden = [...values.entries()].filter(([, v]) => v === 'hidden').map(([k]) => k);
  const col = new Map(hidden.map((k, i) => [k, i]));
  const rows = relations.map((rel) => {
    const a = new Array<number>(hidden.length).fill(0);
    let rhs = 0;
    for (const [k, c] of rel) {
      const v = values.get(k)!;
      if (v === 'hidden') a[col.get(k)!]! += c;
      else rhs -= c * v;
    }
    return { a, rhs };
  });
  let r = 0;
  const pivotOf: number[] = [];
  for (let c = 0; c < hidden.length && r < rows.length; c++) {
    let p = -1;
    for (let i = r; i < rows.length; i++) if (Math.abs(rows[i]!.a[c]!) > 1e-9) (p = p < 0 ? i : p);
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const piv = rows[r]!;
    const f = piv.a[c]!;
    piv.a = piv.a.map((x) => x / f);
    piv.rhs /= f;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const m = rows[i]!.a[c]!;
      if (Math.abs(m) < 1e-12) continue;
      rows[i]!.a = rows[i]!.a.map((x, j) => x - m * piv.a[j]!);
      rows[i]!.rhs -= m * piv.rhs;
    }
    pivotOf[r] = c;
    r++;
  }
  const breaches: Breach[] = [];
  for (let i = 0; i < r; i++) {
    const c = pivotOf[i]!;
    const others = rows[i]!.a.some((x, j) => j !== c && Math.abs(x) > 1e-9);
    if (others) continue;
    const key = hidden[c]!;
    const guessed = Math.round(rows[i]!.rhs);
    const t = truth.get(key)!;
    if (guessed === t && t > 0 && t < threshold) breaches.push({ what: `${key} solved from ${relations.length} relations`, guessed, truth: t });
  }
  return breaches;
}
