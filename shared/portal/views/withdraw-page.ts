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
