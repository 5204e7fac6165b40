/**
 * Browser sessions. The cookie holds a random session id, never the access token. Records live in
 * the store (portal/sessions/<sha256 of the id>.json) so that any server instance, including a
 * Lambda, can read them; the id itself is not stored, so reading the lake does not give a session.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ObjectStore } from '../storage/object-store.ts';

/** Sessions end after this long, signed in or not. */
export const SESSION_HOURS = 8;

/** `tokenSha256`: the token hash signed in with; a new token for the account ends the session. */
const sessionSchema = z.object({ accountId: z.string(), tokenSha256: z.string(), csrf: z.string(), expiresAt: z.string() });
/** A stored session: who is signed in and the CSRF token their forms must carry. */
export type Session = z.infer<typeof sessionSchema>;

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

function sessionKey(id: string): string {
  return `portal/sessions/${createHash('sha256').update(id).digest('hex')}.json`;
}

/** A random URL-safe token (32 bytes). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Start a session for an account; returns the id to put in the cookie. */
export async function createSession(store: ObjectStore, account: { id: string; tokenSha256: string }, now: Date): Promise<{ id: string; session: Session }> {
  const id = randomToken();
  const session: Session = { accountId: account.id, tokenSha256: account.tokenSha256, csrf: randomToken(), expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString() };
  await store.put(sessionKey(id), JSON.stringify(session));
  return { id, session };
}

/** The live session for a cookie value, or undefined (unknown, malformed or expired). */
export async function readSession(store: ObjectStore, id: string | undefined, now: Date): Promise<Session | undefined> {
  if (!id || !SESSION_ID.test(id)) return undefined;
  const key = sessionKey(id);
  if (!(await store.exists(key))) return undefined;
  const parsed = sessionSchema.safeParse(JSON.parse(new TextDecoder().decode(await store.get(key))));
  if (!parsed.success || parsed.data.expiresAt <= now.toISOString()) return undefined;
  return parsed.data;
}

/** End a session (sign out). */
export async function deleteSession(store: ObjectStore, id: string): Promise<void> {
  if (SESSION_ID.test(id)) await store.delete(sessionKey(id));
}

/** Constant-time string comparison for CSRF tokens. */
export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
