/**
 * The "type in one week" form: validated with zod, then turned into a small CSV in the partner
 * template's columns, so it goes through exactly the same checks and ingest as a file.
 */
import { z } from 'zod';
import { en, type Messages } from '../i18n/en.ts';
import { WEEK_FORM_LINES } from './views/partner-page.ts';

const cell = z.string().trim().max(80).optional().default('');

/** The form's fields: week_start and region_N, channel_N, count_N for each line. */
export const weekFormSchema = z
  .object({
    week_start: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Week starting: pick the first day of the week in the form' }),
    ...Object.fromEntries(
      Array.from({ length: WEEK_FORM_LINES }, (_, k) => k + 1).flatMap((i) => [
        [`region_${i}`, cell],
        [`channel_${i}`, cell],
        [`count_${i}`, cell],
      ]),
    ),
  })
  .passthrough();

/** The form's own fields as typed (trimmed, at most 80 characters each), to show them again. */
export function typedValues(form: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const names = ['week_start', ...Array.from({ length: WEEK_FORM_LINES }, (_, k) => [`region_${k + 1}`, `channel_${k + 1}`, `count_${k + 1}`]).flat()];
  for (const n of names) if (typeof form[n] === 'string') out[n] = (form[n] as string).trim().slice(0, 80);
  return out;
}

/** CSV quoting for one cell (partners may type commas). */
function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * The CSV for a submitted week: one row per line with anything typed in it (a half-filled line
 * is kept so that its problem is reported, not dropped), or a message when the form cannot be used.
 */
export function weekFormToCsv(form: Record<string, unknown>, t: Messages = en): { csv: string; weekStart: string } | { error: string } {
  const parsed = weekFormSchema.safeParse(form);
  if (!parsed.success) return { error: parsed.error.issues.some((i) => i.path[0] === 'week_start') ? t.pickWeek : t.fillLine };
  const f = parsed.data as Record<string, string>;
  const rows: string[] = [];
  for (let i = 1; i <= WEEK_FORM_LINES; i++) {
    const region = f[`region_${i}`] ?? '';
    const channel = f[`channel_${i}`] ?? '';
    const count = f[`count_${i}`] ?? '';
    // A region alone is not a line: it is preselected for a one-region partner.
    if (channel === '' && count === '') continue;
    rows.push([region, f.week_start!, 'week', channel, count].map(csvCell).join(','));
  }
  if (rows.length === 0) return { error: t.fillLine };
  return { csv: `region,week_start,period,channel,count\n${rows.join('\n')}\n`, weekStart: f.week_start! };
}
