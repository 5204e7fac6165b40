/**
 * Portal accounts: local partners (upload their counts, see their own data) and admins (the
 * campaigns team and comms: the report viewer). Stored at config/partners/<id>.json with only a
 * SHA-256 hash of the access token; the token itself is shown once, when it is issued.
 *
 * Access is granted, never inferred: a partner's regions are the ones written on its account by
 * the campaigns team (or `allRegions` for a national partner). Uploading rows never adds any.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { stem } from '../lake/layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Where account records live in the lake. */
export const ACCOUNTS_PREFIX = 'config/partners/';
/** Removed accounts are kept here (who had access, until when); their data stays in the lake. */
export const REMOVED_PREFIX = 'config/partners-removed/';

const regionCode = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/);
const ACCOUNT_ID = /^[a-z0-9][a-z0-9-]{0,59}$/;

/** Day a partner's reporting week starts on (Monday unless the account says otherwise). */
export const WEEK_STARTS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type WeekStart = (typeof WEEK_STARTS)[number];

/** One stored account record (never holds the token). */
export const accountSchema = z.object({
  id: z.string().regex(ACCOUNT_ID),
  name: z.string().min(1),
  role: z.enum(['partner', 'admin']),
  /** Regions the partner may upload for and read reports of. Empty with allRegions false: none. */
  regions: z.array(regionCode),
  /** A national partner: every region, granted explicitly (`--all-regions`). */
  allRegions: z.boolean().default(false),
  weekStart: z.enum(WEEK_STARTS).default('monday'),
  /** Portal language chosen for the account; unset: the browser's. */
  language: z.string().regex(/^[a-z]{2}$/).optional(),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** On AWS: the Cognito users made for this account (`partner add --cognito`), reset or disabled with it. */
  cognito: z.object({ userPoolId: z.string(), usernames: z.array(z.string()) }).optional(),
  createdAt: z.string(),
  tokenIssuedAt: z.string().optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** Raised when an account cannot be created or changed (bad name, bad region, id taken, unknown id). */
export class AccountError extends Error {}

/** Token layout: `cgp_<id>_<secret>`; the id lets one record be looked up, the secret is 32 random bytes. */
const TOKEN = /^cgp_([a-z0-9][a-z0-9-]{0,59})_([A-Za-z0-9_-]{43})$/;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function accountKey(id: string): string {
  return `${ACCOUNTS_PREFIX}${id}.json`;
}

function newToken(id: string): string {
  return `cgp_${id}_${randomBytes(32).toString('base64url')}`;
}

/** Region codes as typed (`gb-cam, GB-LIN`), checked. */
export function parseRegionCodes(regions: string[]): string[] {
  const out = regions.map((r) => r.trim().toUpperCase()).filter(Boolean);
  for (const r of out) if (!regionCode.safeParse(r).success) throw new AccountError(`"${r}" is not a region code such as GB-CAM or KE`);
  return [...new Set(out)];
}

/** Options of {@link createAccount}. */
export interface NewAccount {
  regions?: string[];
  allRegions?: boolean;
  role?: Account['role'];
  weekStart?: WeekStart;
  language?: string;
  now?: Date;
}

/**
 * Create an account and return it with its token (the only time the token exists in clear).
 * A partner account needs its regions, or `allRegions` for a national partner.
 * @example const { account, token } = await createAccount(store, 'Fenland Helpline', { regions: ['GB-CAM'] });
 */
export async function createAccount(store: ObjectStore, name: string, opts: NewAccount = {}): Promise<{ account: Account; token: string }> {
  const id = stem(name);
  if (!/[a-z0-9]/i.test(name)) throw new AccountError(`"${name}" is not a usable name: use letters or digits`);
  const role = opts.role ?? 'partner';
  const regions = parseRegionCodes(opts.regions ?? []);
  if (role === 'partner' && regions.length === 0 && !opts.allRegions)
    throw new AccountError('a partner account needs its regions (--regions GB-CAM,GB-LIN), or --all-regions for a national partner');
  if (role === 'partner' && regions.length > 0 && opts.allRegions) throw new AccountError('give either --regions or --all-regions, not both');
  if (role === 'admin' && (regions.length > 0 || opts.allRegions)) throw new AccountError('regions are for partner accounts, not admins');
  const token = newToken(id);
  const now = (opts.now ?? new Date()).toISOString();
  const account: Account = {
    id,
    name: name.trim(),
    role,
    regions,
    allRegions: role === 'partner' && opts.allRegions === true,
    weekStart: opts.weekStart ?? 'monday',
    ...(opts.language ? { language: opts.language } : {}),
    tokenSha256: sha256(token).toString('hex'),
    createdAt: now,
    tokenIssuedAt: now,
  };
  // putIfAbsent: two people adding the same name at once must not silently replace a token.
  if (!(await store.putIfAbsent(accountKey(id), JSON.stringify(account, null, 2))))
    throw new AccountError(`an account with id "${id}" already exists: to give it a new token use "campaign partner token ${id}"`);
  return { account, token };
}

/** Read one account, or undefined when there is none (or the record is damaged). */
export async function loadAccount(store: ObjectStore, id: string): Promise<Account | undefined> {
  if (!ACCOUNT_ID.test(id)) return undefined;
  const key = accountKey(id);
  if (!(await store.exists(key))) return undefined;
  try {
    const parsed = accountSchema.safeParse(JSON.parse(new TextDecoder().decode(await store.get(key))));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every account, sorted by id (damaged records are left out). */
export async function listAccounts(store: ObjectStore): Promise<Account[]> {
  const out: Account[] = [];
  for (const o of await store.list(ACCOUNTS_PREFIX)) {
    const m = /^config\/partners\/([^/]+)\.json$/.exec(o.key);
    const a = m ? await loadAccount(store, m[1]!) : undefined;
    if (a) out.push(a);
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

async function mustLoad(store: ObjectStore, id: string): Promise<Account> {
  const a = await loadAccount(store, id);
  if (!a) throw new AccountError(`there is no account "${id}" (see campaign partner list)`);
  return a;
}

/**
 * Issue a new token for an existing account: the old token and every session signed in with it
 * stop working at once; the account id (so the partner's data series) stays the same.
 */
export async function reissueToken(store: ObjectStore, id: string, now = new Date()): Promise<{ account: Account; token: string }> {
  const current = await mustLoad(store, id);
  const token = newToken(id);
  const account: Account = { ...current, tokenSha256: sha256(token).toString('hex'), tokenIssuedAt: now.toISOString() };
  await store.put(accountKey(id), JSON.stringify(account, null, 2));
  return { account, token };
}

/** Change what an admin may change on an account (regions, week start, language). */
export async function updateAccount(store: ObjectStore, id: string, change: Partial<Pick<Account, 'regions' | 'allRegions' | 'weekStart' | 'language'>>): Promise<Account> {
  const current = await mustLoad(store, id);
  const next = accountSchema.parse({ ...current, ...change, ...(change.regions ? { regions: parseRegionCodes(change.regions) } : {}) });
  await store.put(accountKey(id), JSON.stringify(next, null, 2));
  return next;
}

/** Record a Cognito user made for the account, so that a new token or removal reaches it too. */
export async function linkCognitoUser(store: ObjectStore, id: string, userPoolId: string, username: string): Promise<Account> {
  const current = await mustLoad(store, id);
  const usernames = current.cognito?.userPoolId === userPoolId ? current.cognito.usernames : [];
  const next: Account = { ...current, cognito: { userPoolId, usernames: [...new Set([...usernames, username])] } };
  await store.put(accountKey(id), JSON.stringify(next, null, 2));
  return next;
}

/**
 * Remove an account: its token stops working and it can no longer sign in. Its uploads and counts
 * stay in the lake (reports keep using them); the record is kept under config/partners-removed/.
 */
export async function removeAccount(store: ObjectStore, id: string, now = new Date()): Promise<Account> {
  const account = await mustLoad(store, id);
  await store.put(`${REMOVED_PREFIX}${id}-${now.toISOString().replace(/[-:.]/g, '')}.json`, JSON.stringify({ ...account, removedAt: now.toISOString() }, null, 2));
  await store.delete(accountKey(id));
  return account;
}

/**
 * The account a token belongs to, or undefined. Hashes are compared with timingSafeEqual, so the
 * time taken does not reveal how much of a guess was right.
 */
export async function accountForToken(store: ObjectStore, token: string): Promise<Account | undefined> {
  const m = TOKEN.exec(token.trim());
  if (!m) return undefined;
  const account = await loadAccount(store, m[1]!);
  if (!account) return undefined;
  const given = sha256(token.trim());
  const stored = Buffer.from(account.tokenSha256, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given) ? account : undefined;
}

/** May this account upload for and read reports of the region? Only what its record grants. */
export function grantsRegion(account: Account, region: string): boolean {
  return account.role === 'admin' || account.allRegions || account.regions.includes(region);
}
