import { looksCorporate } from '../author';
import type { MetaIndex, SourceFields } from '../source-fields';

/** Plain `<meta name>` tags: description, author, the many date spellings, application-name, theme-color. */
export function readMetaTags(meta: MetaIndex): SourceFields {
  return {
    description: meta.get('description'),
    // Pages that state two authors in meta tags often put the company first and the writer second.
    author: personAuthor(meta) ?? labelledAuthor(meta) ?? meta.get('byl', 'byline', 'article_author', 'parsely-author', 'article.author', 'cxenseparse:author', 'dcsext.author', 'sailthru.author'),
    siteName: meta.get('application-name', 'apple-mobile-web-app-title', 'al:android:app_name', 'al:iphone:app_name'),
    publisher: meta.get('publisher', 'article:publisher'),
    publishedAt: meta.get(
      'date',
      'pubdate',
      'publishdate',
      'publish-date',
      'publish_date',
      'published-date',
      'article.published',
      'article_date_original',
      'original-publish-date',
      'sailthru.date',
      'parsely-pub-date',
      'cxenseparse:recs:publishtime',
      'datepublished',
      'date.published',
      'release_date',
      'citation_publication_date',
      'citation_date',
      'dc.date.issued',
      'created',
    ),
    modifiedAt: meta.get('last-modified', 'lastmod', 'modified', 'article.updated', 'date.modified', 'datemodified', 'revised', 'updated'),
    lang: meta.get('content-language', 'language', 'lang', 'locale'),
    themeColor: meta.get('theme-color', 'msapplication-tilecolor', 'msapplication-navbutton-color'),
  };
}

/** Dublin Core (`DC.title`, `dcterms.creator`, ...), written with either prefix and any case. */
export function readDublinCore(meta: MetaIndex): SourceFields {
  const dc = (name: string) => meta.get(`dc.${name}`, `dcterms.${name}`, `dc:${name}`, `dcterms:${name}`);
  return {
    title: dc('title'),
    description: dc('description') ?? dc('abstract'),
    author: dc('creator') ?? dc('creator.personalname') ?? dc('contributor'),
    publisher: dc('publisher'),
    publishedAt: dc('date') ?? dc('issued') ?? dc('created') ?? dc('date.issued'),
    modifiedAt: dc('modified') ?? dc('date.modified'),
    lang: dc('language'),
    type: null,
  };
}

function personAuthor(meta: MetaIndex): string | null {
  return meta.metas.find((m) => m.key === 'author' && m.content.trim() && !looksCorporate(m.content))?.content ?? null;
}

/** Twitter's label/data pairs, as Slack shows them: "Written by" / "Jane Doe". */
function labelledAuthor(meta: MetaIndex): string | null {
  for (const n of [1, 2]) {
    if (/^(written by|author|by)$/i.test(meta.get(`twitter:label${n}`)?.trim() ?? '')) return meta.get(`twitter:data${n}`);
  }
  return null;
}
