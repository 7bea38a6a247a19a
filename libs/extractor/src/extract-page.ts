import { PreviewErrorCode, type PreviewMetadata } from '@unfurl/contracts';
import { buildMetadata } from './build-metadata';
import { decodePageText } from './charset';
import { contentKind, parseContentType } from './content-type';
import { ExtractError } from './extract-error';
import { scanHtml } from './html-scanner';
import { nonHtmlPreview } from './non-html-preview';
import { PageText } from './page-text';
import { providerOembedUrl } from './oembed-providers';
import { MetaIndex } from './source-fields';
import { readDocument } from './sources/document';
import { readJsonLd } from './sources/json-ld';
import { discoveredOembedUrl, readLinks } from './sources/links';
import { readDublinCore, readMetaTags } from './sources/meta-tags';
import { readMicrodata } from './sources/microdata';
import { readOpenGraph } from './sources/open-graph';
import { readTwitterCard } from './sources/twitter-card';
import { looksLikeScriptShell } from './script-shell';
import { documentBase } from './urls';

export interface ExtractInput {
  /** The response body: bytes as received, or text already decoded. */
  body: Uint8Array | string;
  /** The final URL, after redirects. */
  url: string;
  /** The raw HTTP Content-Type header, if any. */
  contentType?: string | null;
}

export interface ExtractResult {
  /** `oembed` is always null here: the worker fetches `oembedUrl` and fills it in. */
  metadata: PreviewMetadata;
  /** The oEmbed JSON endpoint to fetch: advertised by the page, or known for its provider. */
  oembedUrl: string | null;
  /** An HTML page that its scripts will fill in (looksLikeScriptShell): worth rendering. */
  scriptShell: boolean;
}

/** Turns a fetched response into preview metadata. Pure and synchronous; throws only ExtractError. */
export function extractPage(input: ExtractInput): ExtractResult {
  const { mime } = parseContentType(input.contentType);
  const kind = contentKind(mime);
  if (kind === 'unsupported') {
    throw new ExtractError(PreviewErrorCode.UnsupportedContent, `cannot preview content of type ${mime}`);
  }
  if (kind !== 'html') {
    const bytes = typeof input.body === 'string' ? new TextEncoder().encode(input.body.slice(0, 4096)) : input.body;
    return { metadata: nonHtmlPreview(bytes, input.url, mime, kind), oembedUrl: providerOembedUrl(input.url), scriptShell: false };
  }
  const text = typeof input.body === 'string' ? PageText.of(input.body) : decodePageText(input.body, input.contentType);
  return extractHtml(text, input.url, mime ?? 'text/html');
}

function extractHtml(text: PageText, finalUrl: string, contentType: string): ExtractResult {
  const page = scanHtml(text);
  const base = documentBase(page.baseHref, finalUrl);
  const meta = new MetaIndex(page.metas);
  const metadata = buildMetadata(
    page,
    {
      openGraph: readOpenGraph(page, meta, base),
      twitter: readTwitterCard(meta, base),
      jsonLd: readJsonLd(page.jsonLd, base),
      microdata: readMicrodata(page, base),
      meta: readMetaTags(meta),
      dublinCore: readDublinCore(meta),
      links: readLinks(page, base),
      document: readDocument(page, base),
    },
    finalUrl,
    base,
    contentType,
  );
  const oembedUrl = discoveredOembedUrl(page, base) ?? providerOembedUrl(metadata.url) ?? providerOembedUrl(finalUrl);
  return { metadata: { ...metadata, oembed: null }, oembedUrl, scriptShell: looksLikeScriptShell(text) };
}
