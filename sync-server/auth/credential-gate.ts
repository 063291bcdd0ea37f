import { tooManyAttempts } from '../http/api-error';
import type { Principal } from '../http/principal';
import type { Services } from '../http/services';
import { checkToken } from './authenticate';

/**
 * The throttle's keys. Sign-ins count per account and per address; tokens per address only: a
 * token is 256 random bits, so what is worth slowing is one address trying many, and a lock per
 * API key would let anyone who saw a key's id stop the integration that uses it.
 */
const signInKeys = (email: string, address: string) => [`sign-in:account:${email}`, `sign-in:address:${address}`];
const tokenKeys = (address: string) => [`token:address:${address}`];

export type GateResult = { readonly principal: Principal } | { readonly refused: 'unauthenticated' | 'rate-limited'; readonly retryAfterMs?: number };

/**
 * Resolves a bearer token presented from `address`. While the address waits after made-up
 * tokens, no token from it is looked at; a token no credential ever had counts as a failure, a
 * real one that ended (revoked, expired) does not, since clients holding one send it in good faith.
 */
export function passToken(services: Services, token: string, address: string): GateResult {
  const keys = tokenKeys(address);
  const check = services.attempts.check(keys);
  if (!check.allowed) return { refused: 'rate-limited', retryAfterMs: check.retryAfterMs };
  const result = checkToken(services.db, token, services.now());
  if ('principal' in result) return result;
  if (result.failure === 'unknown') services.attempts.fail(keys);
  return { refused: 'unauthenticated' };
}

/**
 * Checks a password sign-in: refused with 429 while the account or the address waits; `verify`
 * runs only otherwise, and its failure counts for both. A success clears the account's count,
 * not the address's, which would let one good account reset the guesses made at others.
 */
export async function throttledSignIn<T>(services: Services, email: string, address: string, verify: () => Promise<T | undefined>): Promise<T | undefined> {
  const keys = signInKeys(email, address);
  const check = services.attempts.check(keys);
  if (!check.allowed) throw tooManyAttempts('failed sign-ins', check.retryAfterMs);
  const result = await verify();
  if (result === undefined) services.attempts.fail(keys);
  else services.attempts.succeed(keys.slice(0, 1));
  return result;
}
