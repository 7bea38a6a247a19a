import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toIsoDate } from './dates';
import { normaliseLang } from './lang';

describe('toIsoDate', () => {
  const cases: [string | number, string | null][] = [
    ['2024-01-02T10:00:00Z', '2024-01-02T10:00:00.000Z'],
    ['2024-01-02T10:00:00+0200', '2024-01-02T08:00:00.000Z'],
    ['2024-01-02T10:00:00', '2024-01-02T10:00:00.000Z'],
    ['2024-01-02 10:00', '2024-01-02T10:00:00.000Z'],
    ['2024-01-02', '2024-01-02T00:00:00.000Z'],
    ['2024/1/2', '2024-01-02T00:00:00.000Z'],
    ['Tue, 02 Jan 2024 10:00:00 GMT', '2024-01-02T10:00:00.000Z'],
    ['January 2, 2024', '2024-01-02T00:00:00.000Z'],
    ['1704189600', '2024-01-02T10:00:00.000Z'],
    [1704189600000, '2024-01-02T10:00:00.000Z'],
    ['2016-07-07 00:39:49 Etc/GMT', '2016-07-07T00:39:49.000Z'],
    ['yesterday', null],
    ['2024-13-45', null],
    ['1800-01-01', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected}`, () => assert.equal(toIsoDate(input, Date.UTC(2025, 0, 1)), expected));
  }
});

describe('normaliseLang', () => {
  it('normalises casing and separators to BCP 47 and drops junk', () => {
    assert.equal(normaliseLang('en_US'), 'en-US');
    assert.equal(normaliseLang('zh-hans-cn'), 'zh-Hans-CN');
    assert.equal(normaliseLang(' FR '), 'fr');
    assert.equal(normaliseLang('en-US,en;q=0.9'), 'en-US');
    assert.equal(normaliseLang('not a language'), null);
    assert.equal(normaliseLang('und'), null);
  });
});
