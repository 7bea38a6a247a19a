import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewErrorCode } from '@unfurl/contracts';
import { FetchError } from '@unfurl/fetcher';
import { ExtractionError } from '../extraction/extraction-pool';
import { describeFailure, isTransient } from './failure';

/** What pg's driver throws when the connection drops during a write. */
function connectionReset(): Error {
  return Object.assign(new Error('read ECONNRESET 10.0.3.7:5432'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
}

describe('describeFailure', () => {
  it('turns an ECONNRESET from a database write into INTERNAL, with the detail only in the log text', () => {
    const failure = describeFailure(connectionReset());
    assert.equal(failure.code, PreviewErrorCode.Internal);
    assert.doesNotMatch(failure.message, /ECONNRESET|10\.0\.3\.7|5432/);
    assert.match(failure.detail, /ECONNRESET/);
    assert.match(failure.detail, /10\.0\.3\.7:5432/);
  });

  it('keeps every code of the closed set', () => {
    for (const code of Object.values(PreviewErrorCode)) assert.equal(describeFailure(new FetchError(code, 'x')).code, code);
    assert.equal(describeFailure(FetchError.httpStatus(404, 'https://example.com/')).code, 'UPSTREAM_HTTP_404');
    assert.equal(describeFailure(new ExtractionError(PreviewErrorCode.ExtractionTimeout, 'took 5001 ms')).code, PreviewErrorCode.ExtractionTimeout);
  });

  it('turns codes outside the set into INTERNAL, however they are spelled', () => {
    for (const code of ['ECONNREFUSED', 'ERR_STREAM_PREMATURE_CLOSE', 'UPSTREAM_HTTP_ERROR', 'UPSTREAM_HTTP_200', 'UPSTREAM_HTTP_4040', '23505', 'NOT_A_CODE']) {
      assert.equal(describeFailure(Object.assign(new Error('boom'), { code })).code, PreviewErrorCode.Internal, code);
    }
    assert.equal(describeFailure('a string').code, PreviewErrorCode.Internal);
    assert.equal(describeFailure(null).code, PreviewErrorCode.Internal);
    assert.equal(describeFailure(undefined).code, PreviewErrorCode.Internal);
  });

  it('never puts the thrown message in the public one', () => {
    const failure = describeFailure(new FetchError(PreviewErrorCode.UpstreamUnreachable, 'connect ECONNREFUSED 192.168.1.5:80'));
    assert.equal(failure.code, PreviewErrorCode.UpstreamUnreachable);
    assert.doesNotMatch(failure.message, /ECONNREFUSED|192\.168/);
    assert.match(failure.detail, /ECONNREFUSED 192\.168\.1\.5:80/);
    assert.equal(describeFailure(FetchError.httpStatus(503, 'https://example.com/')).message, 'the page answered HTTP 503');
  });
});

describe('isTransient', () => {
  it('retries timeouts, unreachable servers, 408, 429 and 5xx; nothing else', () => {
    for (const code of [PreviewErrorCode.UpstreamTimeout, PreviewErrorCode.UpstreamUnreachable, 'UPSTREAM_HTTP_408', 'UPSTREAM_HTTP_429', 'UPSTREAM_HTTP_500', 'UPSTREAM_HTTP_503'] as const) {
      assert.equal(isTransient(code), true, code);
    }
    for (const code of [PreviewErrorCode.Internal, PreviewErrorCode.BlockedAddress, PreviewErrorCode.TooLarge, 'UPSTREAM_HTTP_404', 'UPSTREAM_HTTP_410'] as const) {
      assert.equal(isTransient(code), false, code);
    }
  });
});
