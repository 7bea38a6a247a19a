import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { UnfurlConfigModule } from '@unfurl/config';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminGuard } from '../apps/api/src/auth/admin.guard';
import { AuthModule } from '../apps/api/src/auth/auth.module';
import { ProblemFilter } from '../apps/api/src/problems/problem.filter';
import { createKey, runCli } from './support/cli';
import { request } from './support/http';
import { startUnfurl, type Unfurl } from './support/unfurl-harness';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const unknownPreview = (baseUrl: string) => `${baseUrl}/v1/previews/0123456789abcdef0123456789abcdef`;

function assertUnauthorized(answer: { status: number; headers: Headers; body: Record<string, unknown> }): void {
  assert.equal(answer.status, 401);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(answer.headers.get('www-authenticate'), 'Bearer');
  assert.equal(answer.body.code, 'UNAUTHORIZED');
}

/** Sends requests until one is refused; a fixed window may roll over once, so at most 2 x limit pass. */
async function requestsUntilLimited(url: string, limit: number, headers: Record<string, string> = {}) {
  for (let sent = 1; sent <= 2 * limit + 1; sent++) {
    const answer = await request(url, { headers });
    if (answer.status === 429) return { sent, answer };
  }
  return { sent: Infinity, answer: undefined };
}

describe('API keys when AUTH_REQUIRED=true', () => {
  let unfurl: Unfurl;
  before(async () => {
    unfurl = await startUnfurl({ worker: false, env: { AUTH_REQUIRED: 'true', API_KEY_CACHE_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  after(async () => unfurl?.close());

  it('refuses a request without a key with 401 problem+json and WWW-Authenticate', async () => {
    assertUnauthorized(await request(unknownPreview(unfurl.baseUrl)));
  });

  it('refuses malformed, unknown and wrongly-schemed credentials', async () => {
    const forged = 'unf_abcdefgh_' + 'A'.repeat(43);
    for (const authorization of ['Bearer nonsense', `Bearer ${forged}`, `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer']) {
      assertUnauthorized(await request(unknownPreview(unfurl.baseUrl), { headers: { authorization } }));
    }
  });

  it('lets a valid key through, and refuses it once revoked', async () => {
    const key = await createKey(unfurl.databaseUrl, '--name', 'frontend');
    assert.match(key, /^unf_[a-z0-9]{8}_[\w-]{43}$/);
    const allowed = await request(unknownPreview(unfurl.baseUrl), { headers: bearer(key) });
    assert.equal(allowed.status, 404);
    const prefix = key.split('_')[1];
    const revoked = await runCli(['keys', 'revoke', prefix], { DATABASE_URL: unfurl.databaseUrl });
    assert.equal(revoked.code, 0, revoked.stderr);
    assertUnauthorized(await request(unknownPreview(unfurl.baseUrl), { headers: bearer(key) }));
  });

  it('keeps health and the OpenAPI document public', async () => {
    assert.equal((await request(`${unfurl.baseUrl}/health/live`)).status, 200);
    assert.equal((await request(`${unfurl.baseUrl}/openapi.json`)).status, 200);
  });

  it('stores only a hash of the key, and lists keys without their secret', async () => {
    const key = await createKey(unfurl.databaseUrl, '--name', 'listed', '--admin', '--rate-limit', '5');
    const listed = await runCli(['keys', 'list'], { DATABASE_URL: unfurl.databaseUrl });
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, new RegExp(`\\t${key.split('_')[1]}\\tadmin\\t5\\t.*\\tactive\\tlisted\\n`));
    // The secret is base64url and may itself hold '_': everything after the prefix is the secret.
    const secret = key.split('_').slice(2).join('_');
    assert.ok(!listed.stdout.includes(secret));
  });
});

describe('keys command errors', () => {
  let unfurl: Unfurl;
  before(async () => {
    unfurl = await startUnfurl({ worker: false });
  });
  after(async () => unfurl?.close());

  it('exits non-zero with one line for bad input', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['keys', 'create'], { DATABASE_URL: unfurl.databaseUrl }, /--name is required/],
      [['keys', 'create', '--name', 'x', '--rate-limit', '0'], { DATABASE_URL: unfurl.databaseUrl }, /--rate-limit must be a positive integer/],
      [['keys', 'revoke', 'nosuchkey'], { DATABASE_URL: unfurl.databaseUrl }, /no key has id or prefix "nosuchkey"/],
      [['keys', 'destroy'], { DATABASE_URL: unfurl.databaseUrl }, /unknown keys action "destroy"/],
      [['keys', 'list'], { DATABASE_URL: '' }, /DATABASE_URL is not set/],
    ];
    for (const [args, env, message] of cases) {
      const result = await runCli(args, env);
      assert.notEqual(result.code, 0, args.join(' '));
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  });
});

describe('rate limits', () => {
  let unfurl: Unfurl;
  before(async () => {
    unfurl = await startUnfurl({ worker: false, env: { AUTH_REQUIRED: 'false', ANONYMOUS_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '1000' } });
  });
  after(async () => unfurl?.close());

  it('limits a key to its own rate with 429 RATE_LIMITED and Retry-After', async () => {
    const key = await createKey(unfurl.databaseUrl, '--name', 'slow', '--rate-limit', '4');
    const { sent, answer } = await requestsUntilLimited(unknownPreview(unfurl.baseUrl), 4, bearer(key));
    assert.ok(sent > 4 && sent <= 9, `limited after ${sent} requests`);
    assert.equal(answer?.body.code, 'RATE_LIMITED');
    assert.match(answer?.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const retryAfter = Number(answer?.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  });

  it('limits anonymous callers per IP, separately from keys', async () => {
    const { sent } = await requestsUntilLimited(unknownPreview(unfurl.baseUrl), 3);
    assert.ok(sent > 3 && sent <= 7, `limited after ${sent} requests`);
    const key = await createKey(unfurl.databaseUrl, '--name', 'separate');
    assert.equal((await request(unknownPreview(unfurl.baseUrl), { headers: bearer(key) })).status, 404);
  });

  it('never limits health probes', async () => {
    for (let i = 0; i < 10; i++) assert.equal((await request(`${unfurl.baseUrl}/health/live`)).status, 200);
  });
});

@Controller('admin-only')
@UseGuards(AdminGuard)
class AdminOnlyController {
  @Get()
  get() {
    return { ok: true };
  }
}

@Module({ imports: [UnfurlConfigModule, AuthModule], controllers: [AdminOnlyController] })
class AdminTestModule {}

describe('AdminGuard', () => {
  let unfurl: Unfurl;
  let app: NestFastifyApplication;
  let baseUrl: string;
  before(async () => {
    // AUTH_REQUIRED=false: the admin guard must still insist on an admin key.
    unfurl = await startUnfurl({ worker: false, env: { AUTH_REQUIRED: 'false' } });
    app = await NestFactory.create<NestFastifyApplication>(AdminTestModule, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ProblemFilter(1));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
  });
  after(async () => {
    await app?.close();
    await unfurl?.close();
  });

  it('refuses anonymous callers with 401 even when keys are optional', async () => {
    assertUnauthorized(await request(`${baseUrl}/admin-only`));
  });

  it('refuses a non-admin key with 403 FORBIDDEN', async () => {
    const key = await createKey(unfurl.databaseUrl, '--name', 'user');
    const answer = await request(`${baseUrl}/admin-only`, { headers: bearer(key) });
    assert.equal(answer.status, 403);
    assert.equal(answer.body.code, 'FORBIDDEN');
  });

  it('lets an admin key through', async () => {
    const key = await createKey(unfurl.databaseUrl, '--name', 'ops', '--admin');
    const answer = await request(`${baseUrl}/admin-only`, { headers: bearer(key) });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { ok: true });
  });
});
