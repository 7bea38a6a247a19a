import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PreviewErrorCode } from '@unfurl/contracts';
import { ExtractError } from './extract-error';
import { extractPage } from './extract-page';

const PAGE_URL = 'https://news.example.com/2024/story?x=1';
const page = (head: string, body = '', htmlAttrs = '') => `<!doctype html><html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
const extract = (html: string, url = PAGE_URL) => extractPage({ body: html, url, contentType: 'text/html; charset=utf-8' });

describe('extractPage: OpenGraph', () => {
  it('reads title, description, site name, type, locale and the canonical og:url', () => {
    const { metadata } = extract(
      page(`<meta property="og:title" content="A &amp; B"><meta property="og:description" content="  Some   text ">
        <meta property="og:site_name" content="Example News"><meta property="og:type" content="Article">
        <meta property="og:locale" content="en_GB"><meta property="og:url" content="/canonical">`),
    );
    assert.equal(metadata.title, 'A & B');
    assert.equal(metadata.description, 'Some text');
    assert.equal(metadata.siteName, 'Example News');
    assert.equal(metadata.type, 'article');
    assert.equal(metadata.lang, 'en-GB');
    assert.equal(metadata.url, 'https://news.example.com/canonical');
    assert.equal(metadata.finalUrl, PAGE_URL);
    assert.equal(metadata.contentType, 'text/html');
    assert.equal(metadata.oembed, null);
  });

  it('groups og:image structured properties with the image they follow and prefers secure_url', () => {
    const { metadata } = extract(
      page(`<meta property="og:image" content="http://cdn.example.com/a.jpg"><meta property="og:image:secure_url" content="https://cdn.example.com/a.jpg">
        <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630"><meta property="og:image:alt" content="Alt A">
        <meta property="og:image:type" content="image/jpeg"><meta property="og:image" content="//cdn.example.com/b.png"><meta property="og:image:width" content="300">`),
    );
    assert.deepEqual(metadata.image, { url: 'https://cdn.example.com/a.jpg', width: 1200, height: 630, type: 'image/jpeg', alt: 'Alt A' });
    assert.deepEqual(metadata.images[1], { url: 'https://cdn.example.com/b.png', width: 300 });
  });

  it('reads og:video and og:audio with their sizes and article dates as ISO 8601', () => {
    const { metadata } = extract(
      page(`<meta property="og:video:secure_url" content="https://v.example.com/v.mp4"><meta property="og:video:type" content="video/mp4">
        <meta property="og:video:width" content="640"><meta property="og:video:height" content="360"><meta property="og:audio" content="https://a.example.com/a.mp3">
        <meta property="article:published_time" content="2024-01-02T10:00:00+02:00"><meta property="article:modified_time" content="2024-01-03">`),
    );
    assert.deepEqual(metadata.video, { url: 'https://v.example.com/v.mp4', type: 'video/mp4', width: 640, height: 360 });
    assert.deepEqual(metadata.audio, { url: 'https://a.example.com/a.mp3' });
    assert.equal(metadata.publishedAt, '2024-01-02T08:00:00.000Z');
    assert.equal(metadata.modifiedAt, '2024-01-03T00:00:00.000Z');
  });

  it('accepts og tags written with name= instead of property=', () => {
    assert.equal(extract(page('<meta name="og:title" content="Named">')).metadata.title, 'Named');
  });
});

describe('extractPage: Twitter cards and plain meta tags', () => {
  it('falls back to twitter:title, twitter:description, twitter:image and twitter:player', () => {
    const { metadata } = extract(
      page(`<meta name="twitter:title" content="T"><meta name="twitter:description" content="D"><meta name="twitter:image:src" content="/t.jpg">
        <meta name="twitter:player" content="https://p.example.com/embed"><meta name="twitter:player:width" content="480">`),
    );
    assert.equal(metadata.title, 'T');
    assert.equal(metadata.description, 'D');
    assert.equal(metadata.image?.url, 'https://news.example.com/t.jpg');
    assert.deepEqual(metadata.video, { url: 'https://p.example.com/embed', type: 'text/html', width: 480 });
  });

  it('reads description, author, application-name, theme-color and date variants from meta names', () => {
    const { metadata } = extract(
      page(`<meta name="description" content="Meta description"><meta name="author" content="By Jane Doe"><meta name="application-name" content="App">
        <meta name="theme-color" content="#ff0000"><meta name="sailthru.date" content="2024-01-02 10:00"><meta name="last-modified" content="Tue, 02 Jan 2024 12:00:00 GMT">`),
    );
    assert.equal(metadata.description, 'Meta description');
    assert.equal(metadata.author, 'Jane Doe');
    assert.equal(metadata.siteName, 'App');
    assert.equal(metadata.themeColor, '#ff0000');
    assert.equal(metadata.publishedAt, '2024-01-02T10:00:00.000Z');
    assert.equal(metadata.modifiedAt, '2024-01-02T12:00:00.000Z');
  });

  it('never reports a profile URL or a date as the author', () => {
    assert.equal(extract(page('<meta property="article:author" content="https://facebook.com/jane">')).metadata.author, null);
    assert.equal(extract(page('<meta name="author" content="2024-01-02">')).metadata.author, null);
  });

  it('reads Dublin Core in any case and prefix', () => {
    const { metadata } = extract(page('<meta name="DC.title" content="DC Title"><meta name="dcterms.creator" content="Ann Author"><meta name="DC.date" content="January 2, 2024"><meta name="dc.language" content="fr">'));
    assert.equal(metadata.title, 'DC Title');
    assert.equal(metadata.author, 'Ann Author');
    assert.equal(metadata.publishedAt, '2024-01-02T00:00:00.000Z');
    assert.equal(metadata.lang, 'fr');
  });
});

const ld = (json: string) => page(`<script type="application/ld+json">${json}</script>`);

describe('extractPage: JSON-LD', () => {
  it('reads the article of a @graph, resolving author and publisher @id references', () => {
    const { metadata } = extract(
      ld(`{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","@id":"#site","name":"The Site"},
        {"@type":"Organization","@id":"#org","name":"Org Inc","logo":{"@type":"ImageObject","url":"/logo.png"}},
        {"@type":"Person","@id":"#p","name":"Pat Writer"},
        {"@type":["NewsArticle"],"headline":"Headline","description":"Desc","author":{"@id":"#p"},"publisher":{"@id":"#org"},
         "datePublished":"2024-05-06T07:08:09Z","dateModified":"2024-05-07T07:08:09Z","inLanguage":"de-DE",
         "image":[{"@type":"ImageObject","url":"https://img.example.com/1.jpg","width":800,"height":600},"https://img.example.com/2.jpg"]}]}`),
    );
    assert.equal(metadata.title, 'Headline');
    assert.equal(metadata.description, 'Desc');
    assert.equal(metadata.author, 'Pat Writer');
    assert.equal(metadata.publisher, 'Org Inc');
    assert.equal(metadata.siteName, 'The Site');
    assert.equal(metadata.publishedAt, '2024-05-06T07:08:09.000Z');
    assert.equal(metadata.modifiedAt, '2024-05-07T07:08:09.000Z');
    assert.equal(metadata.lang, 'de-DE');
    assert.equal(metadata.type, 'newsarticle');
    assert.deepEqual(metadata.images, [{ url: 'https://img.example.com/1.jpg', width: 800, height: 600 }, { url: 'https://img.example.com/2.jpg' }]);
    assert.equal(metadata.logo?.url, 'https://news.example.com/logo.png');
  });

  it('tolerates trailing commas, HTML comments, raw control characters and broken scripts beside good ones, and credits the first author', () => {
    const html = page(`<script type="application/ld+json">{ broken </script>
      <script type="application/ld+json"><!-- {"@type":"BlogPosting","headline":"Line\none","author":[{"@type":"Person","name":"A"},{"name":"B"},],} --></script>`);
    const { metadata } = extract(html);
    assert.equal(metadata.title, 'Line one');
    assert.equal(metadata.author, 'A');
  });

  it('reads a VideoObject as the video and its thumbnail as the image', () => {
    const { metadata } = extract(ld('{"@type":"VideoObject","name":"Clip","uploadDate":"2024-02-03","thumbnailUrl":"https://i.example.com/t.jpg","contentUrl":"https://v.example.com/c.mp4","encodingFormat":"video/mp4"}'));
    assert.equal(metadata.title, 'Clip');
    assert.equal(metadata.publishedAt, '2024-02-03T00:00:00.000Z');
    assert.equal(metadata.image?.url, 'https://i.example.com/t.jpg');
    assert.deepEqual(metadata.video, { url: 'https://v.example.com/c.mp4', type: 'video/mp4' });
  });

  it('takes the title as stated: og:title, then twitter:title, then JSON-LD headline, then <title>, suffix and quotes kept', () => {
    const tags = ['<meta property="og:title" content="OG | Site">', '<meta name="twitter:title" content="TW">', '<script type="application/ld+json">{"@type":"Article","headline":"LD"}</script>', '<title>Doc &ldquo;quoted&rdquo;  |\n Site</title>'];
    const titles = tags.map((_, i) => extract(page(tags.slice(i).join('') + '<meta property="og:site_name" content="Site">')).metadata.title);
    assert.deepEqual(titles, ['OG | Site', 'TW', 'LD', 'Doc \u201cquoted\u201d | Site']);
    assert.equal(extract(page('<title>Doc</title><meta name="DC.title" content="DC">')).metadata.title, 'Doc');
  });

  it('lets OpenGraph win over JSON-LD for the title and JSON-LD win over meta for the author', () => {
    const { metadata } = extract(page('<meta property="og:title" content="OG"><meta name="author" content="Meta Name"><script type="application/ld+json">{"@type":"Article","headline":"LD","author":"LD Name"}</script>'));
    assert.equal(metadata.title, 'OG');
    assert.equal(metadata.author, 'LD Name');
  });
});

describe('extractPage: microdata', () => {
  it('reads itemprop values from attributes and text, and nested author names', () => {
    const { metadata } = extract(
      page('', `<article itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">Micro <b>title</b></h1>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Mia Micro</span></span>
        <time itemprop="datePublished" datetime="2023-12-31T23:00:00Z">yesterday</time><img itemprop="image" src="/m.jpg">
        <div itemprop="publisher" itemscope><meta itemprop="name" content="Micro Pub"></div></article>`),
    );
    assert.equal(metadata.title, 'Micro title');
    assert.equal(metadata.author, 'Mia Micro');
    assert.equal(metadata.publishedAt, '2023-12-31T23:00:00.000Z');
    assert.equal(metadata.image?.url, 'https://news.example.com/m.jpg');
    assert.equal(metadata.publisher, 'Micro Pub');
  });
});

const byline = (body: string, head = '') => extract(page(head, `<h1>Story</h1>${body}`)).metadata.author;

describe('extractPage: bylines', () => {
  it('reads a byline element, a lone "By" before the name, and a rel=author link', () => {
    assert.equal(byline('<div class="article__byline"><span>By</span>Travis Haney</div>'), 'Travis Haney');
    assert.equal(byline('<div class="x1"><span>By </span><a href="/p/t">Teresa Newsome</a></div>'), 'Teresa Newsome');
    assert.equal(byline('<p>Par <a href="/s/c">Cécile Ducourtieux</a></p>'), 'Cécile Ducourtieux');
    assert.equal(byline('<a rel="author" href="/a/j">Jane Q. Doe</a>'), 'Jane Q. Doe');
    assert.equal(byline('<span class="byline">By JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL</span>'), 'JOSH HASKELL');
    assert.equal(byline('<p class="meta author">Politik · Jochen Bittner, Tina Hildebrandt</p>'), 'Jochen Bittner');
    assert.equal(byline('<p class="author">Fr&eacute;d&eacute;ric <b>Zalac</b></p>'), 'Frédéric Zalac');
  });

  it('reads the name out of a byline sentence or a block with the name on its own line', () => {
    assert.equal(byline('<div class="author">Written by Michael Larabel in Valve on 1 June 2019 at 08:34 PM EDT. 51 Comments</div>'), 'Michael Larabel');
    assert.equal(byline('<div class="author-card">\n  Ellyn Shook\n  Creating the most truly human company in the digital age.\n</div>'), 'Ellyn Shook');
    assert.equal(byline('<span class="byline">[田中宏昌，ITmedia]</span>'), '田中宏昌');
    assert.equal(byline('<p>Un texte de <strong>Frédéric Zalac</strong></p>'), 'Frédéric Zalac');
    assert.equal(byline('<p class="credit byline">Photograph by Tyrone Turner</p>'), null);
    assert.equal(byline('<span class="author">by doumae</span>'), 'doumae');
    assert.equal(byline('<div class="story-meta"><p>By Jane Roe</p></div>'), 'Jane Roe');
    const nested = '<div class="byline"><div class="byline__authors"><div class="author-card"><div class="author-card__details"><a class="author__link"><span class="author__name">Sam Stein</span></a> Senior Politics Editor, The Huffington Post</div></div></div></div>';
    assert.equal(byline(nested), 'Sam Stein');
  });

  it('reads the writer from twitter:label/data pairs ("Written by")', () => {
    assert.equal(byline('', '<meta name="twitter:label1" content="Reading time"><meta name="twitter:data1" content="2 min"><meta name="twitter:label2" content="Written by"><meta name="twitter:data2" content="Ellyn Shook">'), 'Ellyn Shook');
  });

  it('passes over a company stated as meta author for the writer named in another', () => {
    assert.equal(byline('', '<meta name="author" content="mediagene Inc."><meta name="author" content="Kogure Hisanori">'), 'Kogure Hisanori');
  });

  it('keeps the name and drops what follows it: a role in brackets, an outlet, an e-mail', () => {
    assert.equal(byline('<div class="byline">Saibal Dasgupta / TNN / Updated: Oct 9, 2019</div>'), 'Saibal Dasgupta');
    assert.equal(byline('', '<meta name="byline" content="Mike Cason | mcason@al.com">'), 'Mike Cason');
    assert.equal(byline('', '<meta name="author" content="Jim Wilson (Author)">'), 'Jim Wilson');
    assert.equal(byline('', '<meta name="parsely-author" content="Gillman, Steve">'), 'Steve Gillman');
  });

  it('skips texts that are not names: furniture, sentences, the site crediting itself', () => {
    assert.equal(byline('<nav><div class="byline">By Nav Person</div></nav><div class="author-bio">Pete writes about markets. He lives in Ottawa.</div>'), null);
    assert.equal(byline('', '<meta property="og:site_name" content="ABC News"><meta name="author" content="ABC News">'), null);
    assert.equal(byline('<span class="author">Us Weekly Staff</span>', '<meta property="og:site_name" content="Us Weekly">'), null);
    assert.equal(extract(page('', '<ul><li>Shop</li><li>By Price</li></ul><h1>Cards</h1>')).metadata.author, null);
  });

  it('reads Japanese and Chinese credits: a lead word, another credit or a date after the name, a full-width slash', () => {
    assert.equal(byline('<div class="author">著者\n  お米ゴハン\n  イラスト</div>'), 'お米ゴハン');
    assert.equal(byline('<p class="author">谢若含2017-03-01 14:27:02</p>'), '谢若含');
    assert.equal(byline('<span class="author">文● オカモト／ASCII編集部</span>'), 'オカモト');
  });

  it('reads an author element labelled for tests or analytics, but not a comment author', () => {
    assert.equal(byline('<a class="articleHeader_name" gtm-label="article_author" href="/author/1/">著者：後藤大地</a>'), '後藤大地');
    assert.equal(byline('<a data-testid="post_author_link" href="/u/1">Jane Doe</a>'), 'Jane Doe');
    assert.equal(byline('<a data-testid="comment_author_link" href="/u/2">Some Body</a>'), null);
  });

  it('reads a reporter from a Japanese newspaper lead and an uploader from a "photo by" title', () => {
    assert.equal(byline('', '<meta name="description" content="【ロンドン＝岡田浩幸】１０日に行われた試合で">'), '岡田浩幸');
    assert.equal(byline('', '<meta property="og:title" content="Instagram photo by Minaal • Jun 19, 2016 at 4:04am UTC">'), 'Minaal');
    assert.equal(byline('', '<meta property="og:title" content="Calm"><title>Calm - playlist by mjaschmidt | Spotify</title>'), 'mjaschmidt');
    assert.equal(byline('', '<meta property="og:title" content="Stand by Me">'), null);
  });

  it('knows a site named after its domain when it credits itself', () => {
    assert.equal(byline('', '<meta property="og:site_name" content="AOL.com"><meta name="author" content="AOL Staff">'), null);
    assert.equal(byline('<span class="author">테크플러스</span>', '<meta property="og:site_name" content="네이버 블로그 | 테크플러스"><meta property="og:article:author" content="네이버 블로그 | 테크플러스">'), '테크플러스');
  });

  it('takes the byline\'s writer over a meta author that names only the writer\'s outlet', () => {
    assert.equal(byline('<span class="author">文● オカモト／ASCII編集部</span>', '<meta name="author" content="ASCII">'), 'オカモト');
    assert.equal(byline('<div class="byline">Saibal Dasgupta / TNN</div>', '<meta name="author" content="TNN">'), 'Saibal Dasgupta');
    assert.equal(byline('<div class="byline">By Jane Roe</div>', '<meta name="author" content="John Doe">'), 'John Doe');
  });

  it('prefers a named article:author over a company in meta author', () => {
    assert.equal(byline('', '<meta name="author" content="Condé Nast"><meta property="article:author" content="Larry Fitzmaurice">'), 'Larry Fitzmaurice');
  });
});

describe('extractPage: dates', () => {
  it('reads og:article:* dates and a zone written as -0500', () => {
    const { metadata } = extract(page('<meta property="og:article:published_time" content="2016-11-28 16:23:00 -0500"><meta property="og:article:modified_time" content="2016-11-29">'));
    assert.equal(metadata.publishedAt, '2016-11-28T21:23:00.000Z');
    assert.equal(metadata.modifiedAt, '2016-11-29T00:00:00.000Z');
  });

  it('falls back to the day in a news URL, then to a dateline printed under the headline', () => {
    assert.equal(extract(page(''), 'https://news.example.com/2016/11/28/story/').metadata.publishedAt, '2016-11-28T00:00:00.000Z');
    const dateline = page('', '<p>Copyright 2015</p><h1>Story</h1><div class="meta"><span>December 16, 2016, 4:19 PM</span></div>');
    assert.equal(extract(dateline).metadata.publishedAt, '2016-12-16T00:00:00.000Z');
    assert.equal(extract(page('', '<h1>Story</h1><div class="post-date">Posted 19.07.2022</div>')).metadata.publishedAt, '2022-07-19T00:00:00.000Z');
  });
});

const site = (head: string, url = PAGE_URL) => extract(page(head), url).metadata.siteName;
const lang = (head: string) => extract(page(head)).metadata.lang;

describe('extractPage: site name', () => {
  it('finds the host name in any segment of the title, and a short suffix of a Chinese or Japanese title', () => {
    assert.equal(site('<title>得州883家幼儿园染疫 华盛顿大学中招 - 微博</title>', 'https://weibo.example.com/1'), '微博');
    assert.equal(site('<title>インテル、SSDを発売 － Publickey</title>', 'https://www.publickey1.jp/blog/1.html'), 'Publickey');
    assert.equal(site('<title>Node.js the Right Way: Jim Wilson: Amazon.com: Books</title>', 'https://smile.amazon.com/dp/1'), 'Amazon.com');
    assert.equal(site('<title>3D Printer-Newegg.com</title>', 'https://www.newegg.com/p/1'), 'Newegg.com');
    assert.equal(site('<title>xkcd: Regular Expressions</title>', 'https://xkcd.com/208/'), 'xkcd');
    assert.equal(site('<title>周末学会了10个技巧_前端小智-CSDN博客</title>', 'https://blog.example.net/a'), 'CSDN博客');
  });

  it('does not take a headline stated as application-name for the site name', () => {
    assert.equal(site('<title>Accelerate Growth with Revenue Operations | LeanData</title><meta name="application-name" content="Accelerate Growth with Revenue Operations">'), 'LeanData');
    assert.equal(site('<title>Atom</title><meta name="application-name" content="Atom">'), 'Atom');
  });
});

describe('extractPage: links, base and document fallbacks', () => {
  it('resolves URLs against <base href> and prefers rel=canonical over og:url', () => {
    const { metadata } = extract(page('<base href="https://static.example.org/dir/"><link rel="canonical" href="page.html"><meta property="og:url" content="https://other.example.com/"><meta property="og:image" content="img/a.jpg">'));
    assert.equal(metadata.url, 'https://static.example.org/dir/page.html');
    assert.equal(metadata.image?.url, 'https://static.example.org/dir/img/a.jpg');
  });

  it('picks the largest apple-touch icon as the logo, then icon links by size, then /favicon.ico', () => {
    const icons = '<link rel="icon" sizes="32x32" href="/i32.png"><link rel="apple-touch-icon" sizes="120x120" href="/a120.png"><link rel="apple-touch-icon-precomposed" sizes="180x180" href="/a180.png">';
    assert.deepEqual(extract(page(icons)).metadata.logo, { url: 'https://news.example.com/a180.png', width: 180, height: 180 });
    assert.equal(extract(page('<link rel="shortcut icon" href="/s.ico"><link rel="icon" sizes="192x192" href="/i192.png">')).metadata.logo?.url, 'https://news.example.com/i192.png');
    assert.equal(extract(page('')).metadata.logo?.url, 'https://news.example.com/favicon.ico');
  });

  it('takes the logo the structured data names first, and reads icon sizes from file names', () => {
    const touch = '<link rel="apple-touch-icon" href="/apple-touch-icon.png">';
    const org = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","publisher":{"@type":"Organization","name":"N","logo":{"@type":"ImageObject","url":"/brand.png"}}}</script>';
    assert.equal(extract(page(touch + org)).metadata.logo?.url, 'https://news.example.com/brand.png');
    assert.equal(extract(page(`${touch}<link rel="apple-touch-icon" sizes="180x180" href="/t180.png">`)).metadata.logo?.url, 'https://news.example.com/t180.png');
    assert.equal(extract(page('<link rel="apple-touch-icon" href="/i/apple-touch-icon-57-precomposed.png"><link rel="apple-touch-icon" href="/i/apple-touch-icon-144-precomposed.png">')).metadata.logo?.url, 'https://news.example.com/i/apple-touch-icon-144-precomposed.png');
    assert.equal(extract(page('<link rel="icon" href="/favicon-32x32.png"><link rel="icon" href="/favicon-180x180.png">')).metadata.logo?.url, 'https://news.example.com/favicon-180x180.png');
  });

  it('guesses the language of a page that declares none from its title and description', () => {
    assert.equal(lang('<title>What will set your soul on fire in the new year</title>'), 'en');
    assert.equal(lang('<title>ニュース</title>'), 'ja');
    assert.equal(lang('<title>חדשות היום</title>'), 'he');
    assert.equal(lang('<title>Nachrichten aus Berlin</title>'), null);
  });

  it('takes modifiedAt from an "Updated" dateline and from itemprop values written as value=', () => {
    assert.equal(extract(page('', '<h1>Story</h1><div class="meta">Updated on December 12, 2016 09:22 AM</div>')).metadata.modifiedAt, '2016-12-12T00:00:00.000Z');
    assert.equal(extract(page('', '<div itemscope itemtype="https://schema.org/Article"><meta itemprop="dateModified" value="2016-10-13T15:35:00+00:00"></div>')).metadata.modifiedAt, '2016-10-13T15:35:00.000Z');
  });

  it('takes no unsized PNG or GIF from the body as the card image (logos, QR codes, pixels)', () => {
    const body = '<h1>Story</h1><img src="/static/whiteEgg.gif"><img src="/qr@2x.png"><img src="/photos/lead.jpg">';
    assert.equal(extract(page('', body)).metadata.image?.url, 'https://news.example.com/photos/lead.jpg');
  });

  it('falls back to <title> as written, the first prose paragraph and a large body image', () => {
    const prose = 'This paragraph is long enough to read like the opening of an article rather than a caption or a label.';
    const { metadata } = extract(
      page('<title>My Story | Example News</title><meta property="og:site_name" content="Example News">', `<nav><p>${prose} nav</p></nav><img src="/icon.png"><img src="/pixel.gif" width="1" height="1"><p>short</p><p>${prose}</p><img src="/photo.jpg" width="800" height="450" alt="A photo">`, ' lang="en_us"'),
    );
    assert.equal(metadata.title, 'My Story | Example News');
    assert.equal(metadata.description, prose);
    assert.deepEqual(metadata.image, { url: 'https://news.example.com/photo.jpg', width: 800, height: 450, alt: 'A photo' });
    assert.equal(metadata.lang, 'en-US');
  });

  it('names the site after its stated publisher, else after a short brand behind the title\'s last pipe', () => {
    assert.equal(extract(page('<title>Deal news</title><meta name="publisher" content="PR Newswire">')).metadata.siteName, 'PR Newswire');
    const mdn = extract(page('<title>Date.prototype.toLocaleString() - JavaScript | MDN</title>'), 'https://developer.mozilla.org/en-US/docs/x');
    assert.equal(mdn.metadata.siteName, 'MDN');
    assert.equal(mdn.metadata.title, 'Date.prototype.toLocaleString() - JavaScript | MDN');
    assert.equal(extract(page('<title>Markets fall - what it means for savers</title>')).metadata.siteName, null);
    assert.equal(extract(page('<title>Review | a long lowercase phrase that is no brand</title>')).metadata.siteName, null);
  });

  it('takes the publication date from a <time datetime> in the content when nothing else states one', () => {
    const html = page('', '<nav><time datetime="2020-01-01">nav</time></nav><time datetime="2021-05-05">x</time><time class="published" datetime="2022-02-02T10:00:00Z">y</time>');
    assert.equal(extract(html).metadata.publishedAt, '2022-02-02T10:00:00.000Z');
  });

  it('uses the first h1 when there is no title at all', () => {
    assert.equal(extract(page('', '<h1>  Heading\n one </h1>')).metadata.title, 'Heading one');
  });

  it('returns the advertised oEmbed endpoint, else a known provider endpoint, else null', () => {
    const advertised = extract(page('<link rel="alternate" type="application/json+oembed" href="/oembed?url=x">')).oembedUrl;
    assert.equal(advertised, 'https://news.example.com/oembed?url=x');
    const youtube = extract(page(''), 'https://www.youtube.com/watch?v=abc').oembedUrl;
    assert.equal(youtube, 'https://www.youtube.com/oembed?format=json&url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3Dabc');
    assert.equal(extract(page('')).oembedUrl, null);
  });
});

describe('extractPage: content types', () => {
  it('rejects content that is neither HTML nor media with UNSUPPORTED_CONTENT', () => {
    assert.throws(
      () => extractPage({ body: '{}', url: PAGE_URL, contentType: 'application/json' }),
      (error: unknown) => error instanceof ExtractError && error.code === PreviewErrorCode.UnsupportedContent,
    );
  });

  it('previews an image URL as its own image with the sniffed size', () => {
    const png = new Uint8Array(24);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 0, 200]);
    const { metadata } = extractPage({ body: png, url: 'https://cdn.example.com/pics/cat%20photo.png', contentType: 'image/png' });
    assert.equal(metadata.type, 'image');
    assert.deepEqual(metadata.image, { url: 'https://cdn.example.com/pics/cat%20photo.png', type: 'image/png', width: 256, height: 200 });
    assert.equal(metadata.title, 'cat photo.png');
  });

  it('previews video, audio and PDF as typed media', () => {
    const body = new Uint8Array(4);
    assert.equal(extractPage({ body, url: 'https://x.example.com/v.mp4', contentType: 'video/mp4' }).metadata.video?.url, 'https://x.example.com/v.mp4');
    assert.equal(extractPage({ body, url: 'https://x.example.com/a.mp3', contentType: 'audio/mpeg' }).metadata.audio?.url, 'https://x.example.com/a.mp3');
    const pdf = extractPage({ body, url: 'https://x.example.com/doc.pdf', contentType: 'application/pdf' }).metadata;
    assert.equal(pdf.type, 'document');
    assert.equal(pdf.title, 'doc.pdf');
  });
});
