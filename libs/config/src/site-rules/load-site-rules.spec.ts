import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSiteRules } from './load-site-rules';

describe('loadSiteRules', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'site-rules-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const file = async (name: string, text: string) => {
    const full = path.join(dir, name);
    await writeFile(full, text);
    return full;
  };

  it('reads YAML and JSON on top of the defaults', async () => {
    const yaml = await loadSiteRules(await file('rules.yaml', 'rules:\n  - hosts: [example.com]\n    ttlSeconds: 30\n  - hosts: ["x.com"]\n    userAgent: Mine/1\n'));
    assert.equal(yaml.forHost('example.com').ttlSeconds, 30);
    assert.equal(yaml.forHost('x.com').userAgent, 'Mine/1');
    assert.match(yaml.forHost('twitter.com').userAgent ?? '', /bot/i);
    const json = await loadSiteRules(await file('rules.json', '{"rules": [{"hosts": ["example.com"], "deny": true}]}'));
    assert.equal(json.forHost('example.com').deny, true);
  });

  it('is the defaults alone without a file', async () => {
    assert.equal((await loadSiteRules(undefined)).forHost('example.com').pattern, undefined);
  });

  it('names what is wrong without quoting the file', async () => {
    await assert.rejects(loadSiteRules(path.join(dir, 'missing.yaml')), /SITE_RULES: cannot read .*missing\.yaml \(ENOENT\)/);
    await assert.rejects(loadSiteRules(await file('bad.yaml', 'rules:\n  - hosts: [a.com]\n    headers: {X-Key: "s3cret"\n')), (error: Error) => /is not valid YAML or JSON \(line \d+, column \d+\)/.test(error.message) && !error.message.includes('s3cret'));
    await assert.rejects(loadSiteRules(await file('dup.yaml', 'rules: []\nrules: []\n')), /not valid YAML or JSON/);
    await assert.rejects(loadSiteRules(await file('field.yaml', 'rules:\n  - hosts: [a.com]\n  - hosts: ["*.example.com"]\n    concurrency: many\n')), {
      message: 'SITE_RULES rule 2 (*.example.com): concurrency must be a whole number from 1 to 1024',
    });
  });
});
