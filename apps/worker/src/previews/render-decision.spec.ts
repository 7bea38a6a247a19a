import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wantsRender } from './render-decision';

const shell = { scriptShell: true, contentType: 'text/html' };
const statedPage = { scriptShell: false, contentType: 'text/html' };
const image = { scriptShell: false, contentType: 'image/png' };

describe('wantsRender', () => {
  it('renders a script shell in auto, and a page that states its metadata only for a screenshot', () => {
    assert.equal(wantsRender('auto', shell, false), true);
    assert.equal(wantsRender('auto', statedPage, false), false);
    assert.equal(wantsRender('auto', statedPage, true), true);
  });

  it('renders every HTML page in always, none in never', () => {
    assert.equal(wantsRender('always', statedPage, false), true);
    assert.equal(wantsRender('never', shell, true), false);
  });

  it('never renders what is not HTML', () => {
    assert.equal(wantsRender('always', image, true), false);
    assert.equal(wantsRender('auto', image, true), false);
  });
});
