import { createHash, randomBytes } from 'node:crypto';

const KEY_PATTERN = /^unf_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/**
 * A new key `unf_<prefix>_<secret>`: 8 public characters to tell keys apart, then 256 random bits.
 * Returns the key (shown once) and what is stored.
 */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const prefix = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0').slice(-8);
  const key = `unf_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, keyHash: hashApiKey(key) };
}

/**
 * SHA-256 of the key. A fast hash is right here (unlike passwords): the secret is 256 random bits,
 * so there is nothing to guess offline, and a per-request slow hash would only cost CPU.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Cheap shape check before any lookup, so garbage never reaches the database. */
export function isApiKeyShaped(key: string): boolean {
  return KEY_PATTERN.test(key);
}
