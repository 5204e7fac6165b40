/**
 * Portal accounts: local partners (upload their counts, see their own data) and admins (the
 * campaigns team and comms: the report viewer). Stored at config/partners/<id>.json with only a
 * SHA-256 hash of the access token; the token itself is shown once, when the account is made.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { stem } from '../lake/layout.ts';
import type { ObjectStore } from '../storage/object-store.ts';

/** Where account records live in the lake. */
export const ACCOUNTS_PREFIX = 'config/partners/';

const regionCode = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/);

/** One stored account record (never holds the token). */
export const accountSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/),
  name: z.string().min(1),
  role: z.enum(['partner', 'admin']),
  /** Regions the partner may upload rows for; empty = no restriction. */
  regions: z.array(regionCode),
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

/** Raised when an account cannot be created (bad name, bad region, id taken). */
export class AccountError extends Error {}

/** Token layout: `cgp_<id>_<secret>`; the id lets one record be looked up, the secret is 32 random bytes. */
const TOKEN = /^cgp_([a-z0-9][a-z0-9-]{0,59})_([A-Za-z0-9_-]{43})$/;

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function accountKey(id: string): string {
  return `${ACCOUNTS_PREFIX}${id}.json`;
}

/**
 * Create an account and return it with its token (the only time the token exists in clear).
 * @example const { account, token } = await createAccount(store, 'Fenland Helpline', { regions: ['GB-CAM'] });
 */
export async function createAccount(
  store: ObjectStore,
  name: string,
  opts: { regions?: string[]; role?: Account['role']; now?: Date } = {},
): Promise<{ account: Account; token: string }> {
  const id = stem(name);
  if (!/[a-z0-9]/i.test(name)) throw new AccountError(`"${name}" is not a usable name: use letters or digits`);
  const regions = (opts.regions ?? []).map((r) => r.trim().toUpperCase()).filter(Boolean);
  for (const r of regions)
    if (!regionCode.safeParse(r).success) throw new AccountError(`"${r}" is not a region code such as GB-CAM or KE`);
  const token = `cgp_${id}_${randomBytes(32).toString('base64url')}`;
  const account: Account = {
    id,
    name: name.trim(),
    role: opts.role ?? 'partner',
    regions,
    tokenSha256: sha256(token).toString('hex'),
    createdAt: (opts.now ?? new Date()).toISOString(),
  };
  // putIfAbsent: two people adding the same name at once must not silently replace a token.
  if (!(await store.putIfAbsent(accountKey(id), JSON.stringify(account, null, 2))))
    throw new AccountError(`an account with id "${id}" already exists`);
  return { account, token };
}

/** Read one account, or undefined when there is none (or the record is damaged). */
export async function loadAccount(store: ObjectStore, id: string): Promise<Account | undefined> {
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(id)) return undefined;
  const key = accountKey(id);
  if (!(await store.exists(key))) return undefined;
  const parsed = accountSchema.safeParse(JSON.parse(new TextDecoder().decode(await store.get(key))));
  return parsed.success ? parsed.data : undefined;
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
