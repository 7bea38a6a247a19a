import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser, type Handler } from 'htmlparser2';
import { KeptAttributesParser } from './parse-html';
import { SkippingTokenizer } from './skipping-tokenizer';

type Event = [string, ...unknown[]];

const KEPT = new Set(['class', 'content', 'href', 'itemscope', 'property']);

/** Every event for `html` written in pieces of `piece` characters, into a handler that records them. */
function events(html: string, piece: number, parserFor: (handler: Partial<Handler>) => Parser, keepOnly?: ReadonlySet<string>): Event[] {
  const out: Event[] = [];
  const parser = parserFor({
    onopentag: (name, attribs) => out.push(['open', name, keepOnly ? Object.fromEntries(Object.entries(attribs).filter(([key]) => keepOnly.has(key))) : attribs]),
    ontext: (text) => out.push(['text', text]),
    onclosetag: (name, implied) => out.push(['close', name, implied]),
    oncomment: (text) => out.push(['comment', text]),
  });
  for (let at = 0; at < html.length; at += piece) parser.write(html.slice(at, at + piece));
  parser.end();
  return out;
}

const stock = (handler: Partial<Handler>) => new Parser(handler, { decodeEntities: true, Tokenizer: SkippingTokenizer });
const keeping = (handler: Partial<Handler>) => new KeptAttributesParser(handler, KEPT);

// Kept and dropped attributes side by side: entities in both, upper-case names, a name given twice
// (the first wins) with a dropped one between, unquoted and valueless ones, a value left open.
const PAGES = [
  `<html lang="en"><head><meta property="og:title" content="Fish &amp; Chips" data-x="&lt;y&gt;" style="a:b">
   <link REL=icon HREF=/a?b=1&amp;c=2 data-y='1'><meta Property='x' CONTENT='a &quot;b&quot;' content="second"></head>
   <body><div itemscope onclick="go(&quot;x&quot;)" class=c1 CLASS="c2" aria-label="a &amp; b">text &amp; more</div>
   <svg viewBox="0 0 1 1"><path d="M0 0L1 1" class="p"/></svg><a href="x" style="y" href="z">link</a>
   ${'<span class="s" data-n="1" style="c:d">x</span>'.repeat(50)}<p class="unclosed & value>end`,
];

describe('KeptAttributesParser', () => {
  it('gives the kept attributes as the stock parser does, and every other event the same, for every piece size', () => {
    for (const html of PAGES) {
      for (const piece of [1, 2, 5, 64, html.length]) {
        assert.deepEqual(events(html, piece, keeping), events(html, piece, stock, KEPT), `piece of ${piece}`);
      }
    }
  });

  it('drops the attributes it does not keep', () => {
    const [, , attribs] = events('<div class="a" style="b" data-x="&amp;c" itemscope>', 3, keeping)[0];
    assert.deepEqual(attribs, { class: 'a', itemscope: '' });
  });
});
