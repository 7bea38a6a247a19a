import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { hostsFileReader, parseHostsFile } from './hosts-file';

describe('parseHostsFile', () => {
  it('reads addresses with their names and skips comments and lines without an address', () => {
    const names = parseHostsFile('127.0.0.1 localhost\r\n::1 localhost ip6-localhost\n# 10.0.0.1 commented\nfe80::1%lo0 linklocal\nbogus name\n10.0.0.2\n\n');
    assert.deepEqual(names.get('localhost'), [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
    assert.deepEqual(names.get('ip6-localhost'), [{ address: '::1', family: 6 }]);
    assert.deepEqual(names.get('linklocal'), [{ address: 'fe80::1%lo0', family: 6 }]);
    assert.equal(names.get('commented'), undefined);
    assert.equal(names.get('name'), undefined);
    assert.equal(names.size, 3);
  });
});

describe('hostsFileReader', () => {
  it('reads the file again after its time, keeps the last names when a reading fails, and holds none once the file is gone', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'unfurl-hosts-file-'));
    const file = path.join(dir, 'hosts');
    try {
      const read = hostsFileReader(file, 0);
      assert.equal((await read()).size, 0);
      await writeFile(file, '10.0.0.1 first\n');
      assert.deepEqual((await read()).get('first'), [{ address: '10.0.0.1', family: 4 }]);
      // A reading that fails for another reason than a missing file (here EISDIR) keeps what was known.
      await rm(file);
      await mkdir(file);
      assert.deepEqual((await read()).get('first'), [{ address: '10.0.0.1', family: 4 }]);
      await rmdir(file);
      assert.equal((await read()).size, 0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers from one reading until its time has passed', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'unfurl-hosts-file-'));
    const file = path.join(dir, 'hosts');
    try {
      await writeFile(file, '10.0.0.1 first\n');
      const read = hostsFileReader(file, 60_000);
      assert.equal((await read()).has('first'), true);
      await writeFile(file, '10.0.0.2 second\n');
      assert.equal((await read()).has('second'), false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
