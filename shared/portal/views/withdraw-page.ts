/** The confirmation before a partner withdraws one of its uploads: says exactly what will change. */
import type { WithdrawEffect } from '../../pipeline/manage-uploads.ts';
import { csrfField, h, page, type PageUser } from './layout.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function withdrawPage(user: PageUser, effect: WithdrawEffect): string {
  const [first, last] = (effect.periods ?? '').split('..');
  const span = first && last ? (first === last ? ` for the period starting ${first}` : ` for periods from ${first} to ${last}`) : '';
  const back = effect.restored > 0 ? `<li>For ${plural(effect.restored, 'of them, the count', 'of them, the counts')} you sent earlier for the same period and site will apply again.</li>` : '';
  const gone = effect.removed > 0 ? `<li>${plural(effect.removed, 'period will have', 'periods will have')} no count at all until you upload it again.</li>` : '';
  return page({
    title: 'Withdraw an upload',
    user,
    body: `<h1>Withdraw ${h(effect.file ?? 'this upload')}?</h1>
<p>This removes the ${plural(effect.rows, 'count', 'counts')} of this upload${h(span)} from your data and from every report made from now on.</p>
<ul>${back}${gone}</ul>
<p>Nothing is deleted: the file stays as you sent it, and the campaigns team can restore it.</p>
<form method="post" action="/partner/uploads/${h(effect.uploadId)}/withdraw">${csrfField(user.csrf)}
<button type="submit" data-testid="confirm-withdraw">Withdraw this upload</button> <a href="/partner">Keep it</a></form>`,
  });
}

/** The confirmation before an upload is read again (e.g. after the campaigns team added a region name). */
export function reprocessPage(user: PageUser, upload: { uploadId: string; file: string | null; rows: number; periods: string | null }): string {
  return page({
    title: 'Read an upload again',
    user,
    body: `<h1>Read ${h(upload.file ?? 'this upload')} again?</h1>
<p>The file you sent is read again with today's region names and checks. Its ${plural(upload.rows, 'count replaces', 'counts replace')} this upload's counts; your other uploads do not change. If the file now has a problem, nothing changes and the problem is listed.</p>
<form method="post" action="/partner/uploads/${h(upload.uploadId)}/reprocess">${csrfField(user.csrf)}
<button type="submit" data-testid="confirm-reprocess">Read it again</button> <a href="/partner">Cancel</a></form>`,
  });
}
