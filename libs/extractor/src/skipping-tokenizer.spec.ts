import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Parser, Tokenizer } from 'htmlparser2';
import { SkippingTokenizer } from './skipping-tokenizer';

type Token = [string, ...unknown[]];

/** Every event the parser reports for `html` written in pieces of `piece` characters, with the stock or the skipping tokenizer. */
function tokens(html: string, piece: number, tokenizer: typeof Tokenizer): Token[] {
  const out: Token[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attribs) => out.push(['open', name, attribs]),
      onattribute: (name, value, quote) => out.push(['attribute', name, value, quote]),
      ontext: (text) => out.push(['text', text]),
      onclosetag: (name, implied) => out.push(['close', name, implied]),
      oncomment: (text) => out.push(['comment', text]),
      oncdatastart: () => out.push(['cdata']),
      onprocessinginstruction: (name, data) => out.push(['instruction', name, data]),
    },
    { decodeEntities: true, Tokenizer: tokenizer },
  );
  for (let at = 0; at < html.length; at += piece) parser.write(html.slice(at, at + piece));
  parser.end();
  return out;
}

// Entities in text, in titles and in both kinds of quoted and unquoted values; `<` and `&` inside
// scripts, styles and comments; a script that never ends; an `&` with no entity after it.
const PAGES = [
  `<!doctype html><html lang="en"><head><title>Tom &amp; Jerry &lt;3 &copy</title>
   <meta property="og:title" content="Fish &amp; Chips &#x27;n&#39; more"><meta name='x' content='a &quot;b&quot; &amp c'>
   <script>if (a < b && c > d) { x = "</scr" + "ipt>"; } // & </script><style>a > b { content: "&amp;" }</style>
   <!-- a < b & c --><link rel=icon href=/a?b=1&amp;c=2&d=3></head>
   <body><h1 class="x">Head &mdash; line</h1><p>Plain text & more &unknown; text &#169; &#xa9; end</p>
   <svg><![CDATA[ x < y ]]></svg><?xml version="1.0"?><img src="a.jpg" alt="R&D" data-x=''>
   <p>no entities at all in this long paragraph, just words and words and words</p>&`,
  `<html><body>${'<div class="c">text &amp; more</div>'.repeat(400)}<script>${'var a = 1 < 2 && 3;'.repeat(300)}</script><p>&`,
  `<p a="unclosed & value>text<script>never ends <b> & </scrip`,
];

describe('SkippingTokenizer', () => {
  it('reports the same events as the stock tokenizer, for every piece size', () => {
    for (const html of PAGES) {
      for (const piece of [1, 2, 3, 7, 64, 1000, html.length]) {
        assert.deepEqual(tokens(html, piece, SkippingTokenizer), tokens(html, piece, Tokenizer), `piece of ${piece}`);
      }
    }
  });

  it('decodes an entity at every position of a piece boundary', () => {
    const html = '<p title="x &amp; y">a &amp; b &lt; c</p>';
    for (let piece = 1; piece <= html.length; piece++) {
      const events = tokens(html, piece, SkippingTokenizer);
      assert.equal(events.filter(([kind]) => kind === 'text').map(([, text]) => text).join(''), 'a & b < c');
      assert.deepEqual(events.find(([kind]) => kind === 'open')?.[2], { title: 'x & y' });
    }
  });
});
