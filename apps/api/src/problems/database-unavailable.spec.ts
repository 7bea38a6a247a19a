import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDatabaseUnavailable } from './database-unavailable';

const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

describe('isDatabaseUnavailable', () => {
  it('counts refused, dropped and shut-down connections as the database being away', () => {
    assert.ok(isDatabaseUnavailable(pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')));
    assert.ok(isDatabaseUnavailable(pgError('terminating connection due to administrator command', '57P01')));
    assert.ok(isDatabaseUnavailable(pgError('sorry, too many clients already', '53300')));
    assert.ok(isDatabaseUnavailable(pgError('Connection terminated unexpectedly')));
  });

  it('counts a database that is not accepting connections (SQLSTATE 55000) by its message', () => {
    assert.ok(isDatabaseUnavailable(pgError('database "unfurl" is not currently accepting connections', '55000')));
  });

  it('leaves query errors and other values to the generic answer', () => {
    assert.equal(isDatabaseUnavailable(pgError('invalid byte sequence for encoding "UTF8": 0x00', '22021')), false);
    assert.equal(isDatabaseUnavailable(pgError('object not in prerequisite state', '55000')), false);
    assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
  });
});
