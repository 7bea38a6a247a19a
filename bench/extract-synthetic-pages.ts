// Realistic synthetic pages for bench:extract when no corpus directory is given: a head with the usual
// social and structured metadata, then a body whose size varies from a short post to a long listing.
const WORDS = 'the of and to in is that for it as was with be by on not he this are or his from at which but have an they you were her'.split(' ');

function sentence(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 31 + i * 17) % WORDS.length]);
  return `${out.join(' ')}.`;
}

export function syntheticPages(count = 50): { name: string; html: string }[] {
  const pages: { name: string; html: string }[] = [];
  for (let n = 0; n < count; n++) {
    const sections = 5 + ((n * 37) % 400);
    const body: string[] = [];
    for (let s = 0; s < sections; s++) {
      body.push(
        `<div class="block b${s}"><h2>${sentence(n + s, 6)}</h2><p class="text">${sentence(n * s, 60)}</p>`,
        `<ul>${'<li><a href="/link/' + s + '">link &amp; more</a></li>'.repeat(5)}</ul>`,
        `<img src="/img/${n}-${s}.jpg" width="${s % 3 ? 640 : 32}" height="${s % 3 ? 360 : 32}" alt="picture ${s}"></div>`,
      );
    }
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Story number ${n} about things | Example News</title>
<meta name="description" content="${sentence(n, 25)}">
<meta property="og:title" content="Story number ${n} about things"><meta property="og:site_name" content="Example News">
<meta property="og:image" content="https://cdn.example.com/${n}.jpg"><meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
<meta property="article:published_time" content="2024-03-0${(n % 9) + 1}T10:00:00Z"><meta name="twitter:card" content="summary_large_image">
<link rel="canonical" href="https://news.example.com/story/${n}"><link rel="apple-touch-icon" sizes="180x180" href="/apple-touch-icon.png">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Story number ${n}","author":{"@type":"Person","name":"Jane Doe"},"datePublished":"2024-03-01T10:00:00Z","publisher":{"@type":"Organization","name":"Example News","logo":{"@type":"ImageObject","url":"https://news.example.com/logo.png"}}}</script>
<style>${'.b{color:red}'.repeat(200)}</style><script>${'var x = 1;'.repeat(300)}</script>
</head><body><header><nav>${'<a href="/s">Section</a>'.repeat(30)}</nav></header><main><article><h1>Story number ${n}</h1>
${body.join('\n')}</article></main><footer>${'<p>footer text</p>'.repeat(20)}</footer></body></html>`;
    pages.push({ name: `synthetic-${n}.html`, html });
  }
  return pages;
}
