/** The confirmation before a partner withdraws one of its uploads: says exactly what will change. */
import type { WithdrawEffect } from '../../pipeline/manage-uploads.ts';
import { en, type Messages } from '../../i18n/en.ts';
import { csrfField, h, page, type PageUser } from './layout.ts';

/** Withdraw confirmation, in the page's language. */
export function withdrawPage(user: PageUser, effect: WithdrawEffect, t: Messages = en): string {
  const [first = '', last = ''] = (effect.periods ?? '').split('..');
  const back = effect.restored > 0 ? `<li>${h(t.withdrawRestores(effect.restored))}</li>` : '';
  const gone = effect.removed > 0 ? `<li>${h(t.withdrawLeavesEmpty(effect.removed))}</li>` : '';
  return page({
    title: t.withdrawTitle,
    user,
    t,
    body: `<h1>${h(t.withdrawQuestion(effect.file ?? t.thisUpload))}</h1>
<p>${h(t.withdrawRemoves(effect.rows, first, last))}</p>
<ul>${back}${gone}</ul>
<p>${h(t.withdrawKeeps)}</p>
<form method="post" action="/partner/uploads/${h(effect.uploadId)}/withdraw">${csrfField(user.csrf)}
<button type="submit" data-testid="confirm-withdraw">${h(t.withdrawConfirm)}</button> <a href="/partner">${h(t.keepIt)}</a></form>`,
  });
}

/** The confirmation before an upload is read again (e.g. after the campaigns team added a region name). */
export function reprocessPage(user: PageUser, upload: { uploadId: string; file: string | null; rows: number; periods: string | null }, t: Messages = en): string {
  return page({
    title: t.reprocessTitle,
    user,
    t,
    body: `<h1>${h(t.reprocessQuestion(upload.file ?? t.thisUpload))}</h1>
<p>${h(t.reprocessExplains(upload.rows))}</p>
<form method="post" action="/partner/uploads/${h(upload.uploadId)}/reprocess">${csrfField(user.csrf)}
<button type="submit" data-testid="confirm-reprocess">${h(t.reprocessConfirm)}</button> <a href="/partner">${h(t.cancel)}</a></form>`,
  });
}
