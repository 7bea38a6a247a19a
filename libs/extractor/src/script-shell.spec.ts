import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeScriptShell } from './script-shell';

const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const prose = 'A paragraph that reads like an article, long enough to be the page itself. '.repeat(20);

describe('looksLikeScriptShell', () => {
  it('flags single-page-app shells: no metadata, scripts, an empty mount node', () => {
    assert.equal(looksLikeScriptShell(page('<meta charset="utf-8"><script type="module" src="/assets/index.js"></script>', '<div id="root"></div>')), true);
    assert.equal(looksLikeScriptShell(page('', '<noscript>You need to enable JavaScript to run this app.</noscript><div id="app"></div><script src="/js/app.js"></script>')), true);
    assert.equal(looksLikeScriptShell(page('<title></title>', '<div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{}</script><script src="/_next/main.js"></script>')), true);
    assert.equal(looksLikeScriptShell(page('', '<app-root></app-root><script src="main.js"></script>')), true);
  });

  it('flags a script-only body with a little chrome text around an empty mount node', () => {
    const banner = '<footer>' + 'We use cookies to improve your experience. '.repeat(10) + '</footer>';
    assert.equal(looksLikeScriptShell(page('<script src="/bundle.js"></script>', `<div id="root"></div>${banner}`)), true);
  });

  it('flags a nearly empty body driven by inline script even without a known mount node', () => {
    assert.equal(looksLikeScriptShell(page('', '<div class="x"></div><script>document.body.innerHTML = "<h1>Hi</h1>"</script>')), true);
  });

  it('never flags a page that states a title or Open Graph tags, however empty its body', () => {
    assert.equal(looksLikeScriptShell(page('<title>Shop</title><script src="/app.js"></script>', '<div id="root"></div>')), false);
    assert.equal(looksLikeScriptShell(page('<meta property="og:title" content="Shop"><script src="/app.js"></script>', '<div id="root"></div>')), false);
    assert.equal(looksLikeScriptShell(page('<meta name="twitter:description" content="A shop"><script src="/app.js"></script>', '<div id="app"></div>')), false);
  });

  it('does not flag pages whose body already shows their content', () => {
    assert.equal(looksLikeScriptShell(page('<script src="/analytics.js"></script>', `<article><p>${prose}</p></article>`)), false);
    assert.equal(looksLikeScriptShell(page('<script src="/app.js"></script>', `<div id="root"><main><h1>Server-rendered</h1><p>${prose}</p></main></div>`)), false);
  });

  it('does not flag pages without scripts: there is nothing to render', () => {
    assert.equal(looksLikeScriptShell(page('', '<div id="root"></div>')), false);
    assert.equal(looksLikeScriptShell(page('<script type="application/ld+json">{"@type":"Thing"}</script>', '<p>hi</p>')), false);
  });

  it('ignores empty metadata tags', () => {
    assert.equal(looksLikeScriptShell(page('<title>  </title><meta property="og:title" content=" "><script src="/a.js"></script>', '<div id="root"></div>')), true);
  });
});
