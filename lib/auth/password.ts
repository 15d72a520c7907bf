import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. Algorithm 2 is argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the email is unknown, so both paths cost exactly one argon2 verify.
 * It is a constant (made once with OPTIONS) rather than computed on first use: a lazily computed one
 * made the first unknown email pay an extra hash, which a stopwatch could tell apart. password.test.ts
 * checks that its parameters still match OPTIONS.
 */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$c+i4BbpwvE1RYLwukt/XGg$oUQY7FUTqoUmAyoBJSuckRXIIvM6YBwXam3mWeYkVTA";

/** The parameters every stored hash is made with, as they appear in the hash string. */
export const HASH_PARAMETERS = `$argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}$`;

/** Invited accounts have no password until the person sets one through their link. */
export const NO_PASSWORD = "";

export function hasPassword(passwordHash: string): boolean {
  return passwordHash !== NO_PASSWORD;
}
