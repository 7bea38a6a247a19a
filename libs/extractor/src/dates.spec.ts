import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateInText, dateInUrlPath, toIsoDate } from './dates';
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
    ['2016-11-28 16:23:00 -0500', '2016-11-28T21:23:00.000Z'],
    ['2018-10-29T10:15-500', '2018-10-29T15:15:00.000Z'],
    ['2016-12-01@13:35:57', '2016-12-01T13:35:57.000Z'],
    ['12-15-2016', '2016-12-15T00:00:00.000Z'],
    ['15/12/2016', '2016-12-15T00:00:00.000Z'],
    ['19.07.2022', '2022-07-19T00:00:00.000Z'],
    ['yesterday', null],
    ['2024-13-45', null],
    ['1800-01-01', null],
    ['', null],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${expected}`, () => assert.equal(toIsoDate(input, Date.UTC(2025, 0, 1)), expected));
  }
});

describe('dateInText', () => {
  const cases: [string, string | null][] = [
    ['December 16, 2016, 4:19 PM', '2016-12-16T00:00:00.000Z'],
    ['Published Dec. 19, 2016', '2016-12-19T00:00:00.000Z'],
    ['Updated: Dec 1st 2016 1:01PM', '2016-12-01T00:00:00.000Z'],
    ['16 December 2016', '2016-12-16T00:00:00.000Z'],
    ['11/28/2016 11:00 AM PT', '2016-11-28T00:00:00.000Z'],
    ['2019年02月22日 14時30分 公開', '2019-02-22T00:00:00.000Z'],
    ['2020. 7. 7. 14:27', '2020-07-07T00:00:00.000Z'],
    ['© 1990 nobody', null],
    ['Page 2 of 3', null],
  ];
  for (const [input, expected] of cases) {
    it(`finds ${expected} in ${JSON.stringify(input)}`, () => assert.equal(dateInText(input, Date.UTC(2025, 0, 1)), expected));
  }
});

describe('dateInUrlPath', () => {
  it('reads /yyyy/mm/dd/ and yyyy-mm-dd path segments, not ids or bare years', () => {
    assert.equal(dateInUrlPath('https://tmz.com/2016/11/28/story-name/'), '2016-11-28T00:00:00.000Z');
    assert.equal(dateInUrlPath('https://example.com/news/2016-12-09-headline'), '2016-12-09T00:00:00.000Z');
    assert.equal(dateInUrlPath('https://example.com/p/20161209'), null);
    assert.equal(dateInUrlPath('https://example.com/2016/archive'), null);
    assert.equal(dateInUrlPath('https://example.com/?d=2016/11/28'), null);
  });
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
