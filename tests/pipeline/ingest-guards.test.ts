/**
 * What the ingest use case refuses on its own, however a file arrives: the portal's partner rules
 * for raw/partners/<id>/ objects (pushed through the real Lambda handler with the event S3 sends),
 * lines without end, and a damaged stored copy of an upload.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCurrentRows } from '../../shared/lake/stored-rows.ts';
import { AD_DELIVERY, SERVICE_DEMAND } from '../../shared/lake/tables.ts';
import { ingestFile } from '../../shared/pipeline/ingest-file.ts';
import { ingestObject } from '../../shared/pipeline/ingest-object.ts';
import { createAccount } from '../../shared/portal/accounts.ts';
import { uploadPartnerFile } from '../../shared/portal/upload.ts';
import type { LocalFolderStore } from '../../shared/storage/local-folder-store.ts';
import { objectCreated } from '../support/s3-events.ts';
import { keysUnder, tempStore } from '../support/temp-store.ts';

let store: LocalFolderStore;
let cleanup: () => Promise<void>;
let handler: typeof import('../../functions/ingest/handler.ts').handler;
const utf8 = (s: string) => new TextEncoder().encode(s);
const TODAY = '2026-11-27';

beforeAll(async () => {
  ({ store, cleanup } = await tempStore());
  process.env.CAMPAIGN_STORE = store.localRoot;
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  delete process.env.IDEMPOTENCY_TABLE;
  ({ handler } = await import('../../functions/ingest/handler.ts'));
});
afterAll(async () => {
  delete process.env.CAMPAIGN_STORE;
  await cleanup();
});

describe('the portal\'s checks cannot be bypassed through the ingest Lambda', () => {
  it('a portal-rejected upload is kept outside raw/, and the same bytes under raw/partners/ are refused by the handler', async () => {
    const { account } = await createAccount(store, 'Lincs Support Line', { regions: ['GB-LIN'] });
    const outside = 'region,week_start,channel,count\nGB-CAM,2026-03-02,helpline_calls,9\n';
    const refused = await uploadPartnerFile(store, account, 'cam.csv', utf8(outside), { now: new Date(`${TODAY}T12:00:00Z`), source: 'file' });
    expect(refused.status).toBe('rejected');
    // What S3 would send for every object the portal wrote: none is under raw/, so no ingest fires.
    expect((await keysUnder(store, 'raw/')).length).toBe(0);
    expect((await keysUnder(store, 'rejected/partners/lincs-support-line/')).length).toBe(1);

    // Someone puts the same bytes under raw/partners/<id>/ anyway (a copy, or an old portal).
    const key = 'raw/partners/lincs-support-line/2026-11-27/cam.csv';
    await store.put(key, utf8(outside));
    const result = await handler(objectCreated(key), {} as never);
    expect(result).toMatchObject({ status: 'rejected', errors: 1 });
    const q = JSON.parse(new TextDecoder().decode(await store.get(`quarantine/partners/lincs-support-line/2026-11-27/cam.csv.rejection.json`)));
    expect(q.errors[0]).toMatchObject({ row: 2, column: 'region', reason: expect.stringMatching(/GB-CAM is not one of your regions \(GB-LIN\)/) });
    expect(await readCurrentRows(store, SERVICE_DEMAND)).toEqual([]);
  });

  it('an ad export under a partner\'s raw/ prefix never reaches ad delivery', async () => {
    const key = 'raw/partners/lincs-support-line/2026-11-27/meta.csv';
    await store.put(key, readFileSync(new URL('../fixtures/sources/meta-daily-region.csv', import.meta.url)));
    expect(await handler(objectCreated(key), {} as never)).toMatchObject({ status: 'rejected' });
    expect(await readCurrentRows(store, AD_DELIVERY)).toEqual([]);
  });
});

describe('inputs that would cost unbounded memory or trust a damaged copy', () => {
  it('rejects a line longer than 1 MB with its row number, without reading on', async () => {
    const long = `region,week_start,channel,count\nGB-CAM,2026-03-02,helpline_calls,1\n${'x'.repeat(3 * 1024 * 1024)}`;
    const r = await ingestFile(store, 'long.csv', utf8(long), { partnerId: 'p1', today: TODAY });
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([{ row: 1, column: '(file)', reason: expect.stringMatching(/^row 3 is longer than 1 MB without a line break/) }]);
  });

  it('repairs a partial stored copy of an upload instead of ingesting it', async () => {
    const bytes = utf8('region,week_start,channel,count\nGB-CAM,2026-03-02,helpline_calls,14\nGB-CAM,2026-03-09,helpline_calls,3\n');
    const first = await ingestFile(store, 'w.csv', bytes, { partnerId: 'p2', today: TODAY });
    // A crash in an earlier version left half the file under the same (hash-named) key.
    await store.put(first.rawKey, bytes.slice(0, 50));
    const direct = await ingestObject(store, first.rawKey, { today: TODAY });
    expect(direct.status).toBe('rejected');
    expect(direct.errors[0]!.reason).toMatch(/stored copy of this upload is damaged/);
    const again = await ingestFile(store, 'w.csv', bytes, { partnerId: 'p2', today: TODAY });
    expect(again).toMatchObject({ status: 'accepted', duplicate: true });
    expect(await store.get(first.rawKey)).toEqual(bytes);
  });
});
