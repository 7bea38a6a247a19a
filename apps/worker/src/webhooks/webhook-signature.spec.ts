import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, it } from 'node:test';
import { webhookSignature } from './webhook-signature';

/** The receiver's side, exactly as README's Security section shows it. */
function verify(secret: string, rawBody: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2)));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook signature', () => {
  const secret = 'a-long-webhook-secret';
  const body = '{"id":"abc","status":"ready"}';

  it('has the documented form and verifies with the README snippet', () => {
    const header = webhookSignature(secret, body, 1_764_000_000);
    assert.match(header, /^t=1764000000,v1=[0-9a-f]{64}$/);
    assert.equal(verify(secret, body, header, 1_764_000_010), true);
  });

  it('fails verification for another body, secret or timestamp, and when too old', () => {
    const header = webhookSignature(secret, body, 1_764_000_000);
    assert.equal(verify(secret, `${body} `, header, 1_764_000_000), false);
    assert.equal(verify('another-secret-entirely', body, header, 1_764_000_000), false);
    assert.equal(verify(secret, body, header.replace('t=1764000000', 't=1764000001'), 1_764_000_000), false);
    assert.equal(verify(secret, body, header, 1_764_000_000 + 301), false);
  });
});
