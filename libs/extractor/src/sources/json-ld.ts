import type { Media } from '@unfurl/contracts';
import type { SourceFields } from '../source-fields';
import { toDimension } from '../text';
import { resolveUrl } from '../urls';
import { isNode, type JsonNode, parseJsonLdNodes, typesOf } from './json-ld-parse';

// The node the page is about: articles first, then other specific things, then the page itself.
const MAIN_TYPE_RANK: [RegExp, number][] = [
  [/Article$|BlogPosting$|^Posting$|^Report$|LiveBlogPosting|SocialMediaPosting|DiscussionForumPosting/, 10],
  [/^(VideoObject|Product|ProductGroup|Recipe|Event|Movie|TVEpisode|TVSeries|Book|Course|SoftwareApplication|MobileApplication|WebApplication|MusicRecording|MusicAlbum|MusicPlaylist|PodcastEpisode|PodcastSeries|JobPosting|Review|Place|LocalBusiness|Restaurant|Hotel|CreativeWork|Dataset|HowTo|Question|ImageObject|AudioObject|Episode)$/, 8],
  [/Page$/, 3],
];
const ORGANIZATION = /Organization$|^Corporation$|^NewsMediaOrganization$|^Brand$|^LocalBusiness$/;

/** JSON-LD (schema.org) from `<script type="application/ld+json">`, including @graph and @id references. */
export function readJsonLd(texts: string[], base: string): SourceFields {
  if (texts.length === 0) return {};
  const nodes = parseJsonLdNodes(texts);
  if (nodes.length === 0) return {};
  const byId = new Map<string, JsonNode>();
  for (const node of nodes) if (typeof node['@id'] === 'string') byId.set(node['@id'], node);
  const deref = (value: unknown): unknown => (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length <= 2 ? (byId.get(value['@id']) ?? value) : value);

  const main = pickMain(nodes, deref);
  const organization = nodes.find((n) => typesOf(n).some((t) => ORGANIZATION.test(t)));
  const webSite = nodes.find((n) => typesOf(n).includes('WebSite'));
  const publisherNode = asNode(deref(first(main?.publisher))) ?? organization;

  const fields: SourceFields = {
    siteName: text(webSite?.name) ?? text(publisherNode?.name),
    publisher: text(publisherNode?.name),
    logo: media(deref(first(publisherNode?.logo)), base, deref) ?? media(deref(first(organization?.logo)), base, deref),
  };
  if (!main) return fields;
  const mainType = typesOf(main)[0];
  const video = typesOf(main).includes('VideoObject') ? main : asNode(deref(first(main.video)));
  const audio = typesOf(main).includes('AudioObject') ? main : asNode(deref(first(main.audio)));
  return {
    ...fields,
    title: text(main.headline) ?? text(main.name),
    description: text(main.description),
    author: names(main.author, deref) ?? names(main.creator, deref),
    publishedAt: text(main.datePublished) ?? text(main.uploadDate) ?? text(main.dateCreated),
    modifiedAt: text(main.dateModified),
    lang: text(main.inLanguage) ?? text(asNode(main.inLanguage)?.alternateName),
    type: mainType && !mainType.endsWith('Page') ? mainType.toLowerCase() : null,
    images: images(main, base, deref),
    video: video ? playable(video, base) : null,
    audio: audio ? playable(audio, base) : null,
  };
}

function pickMain(nodes: JsonNode[], deref: (v: unknown) => unknown): JsonNode | undefined {
  let best: JsonNode | undefined;
  let bestRank = 0;
  for (const node of nodes) {
    let rank = 0;
    for (const type of typesOf(node)) {
      for (const [pattern, score] of MAIN_TYPE_RANK) if (pattern.test(type) && score > rank) rank = score;
    }
    if (rank > bestRank) [best, bestRank] = [node, rank];
  }
  // A WebPage that names its main entity is really about that entity.
  const entity = best && (typesOf(best)[0] ?? '').endsWith('Page') ? asNode(deref(first(best.mainEntity))) : undefined;
  return entity && typesOf(entity).length > 0 && !typesOf(entity).some((t) => ORGANIZATION.test(t) || t === 'Person') ? entity : best;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function asNode(value: unknown): JsonNode | undefined {
  return isNode(value) ? value : undefined;
}

function text(value: unknown): string | null {
  const v = first(value);
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

/** The first author's name, from a string, a Person/Organization, an @id reference, or a list of those. */
function names(value: unknown, deref: (v: unknown) => unknown): string | null {
  for (const item of (Array.isArray(value) ? value : [value]).slice(0, 10)) {
    const node = deref(item);
    const name = typeof node === 'string' ? node : isNode(node) ? text(node.name) : null;
    if (name?.trim()) return name.trim();
  }
  return null;
}

function media(value: unknown, base: string, deref: (v: unknown) => unknown): Media | null {
  const node = deref(value);
  if (typeof node === 'string') {
    const url = resolveUrl(node, base);
    return url ? { url } : null;
  }
  if (!isNode(node)) return null;
  const url = resolveUrl(text(node.url) ?? text(node.contentUrl) ?? text(node['@id']), base);
  if (!url) return null;
  const m: Media = { url };
  const width = toDimension(text(node.width) ?? text(asNode(node.width)?.value));
  const height = toDimension(text(node.height) ?? text(asNode(node.height)?.value));
  if (width) m.width = width;
  if (height) m.height = height;
  const alt = text(node.caption) ?? text(node.description);
  if (alt && alt.length <= 300) m.alt = alt;
  return m;
}

function images(main: JsonNode, base: string, deref: (v: unknown) => unknown): Media[] {
  const out: Media[] = [];
  for (const value of [main.image, main.thumbnailUrl, main.thumbnail]) {
    for (const item of (Array.isArray(value) ? value : [value]).slice(0, 10)) {
      const m = media(item, base, deref);
      if (m && !out.some((o) => o.url === m.url)) out.push(m);
    }
  }
  return out;
}

function playable(node: JsonNode, base: string): Media | null {
  const direct = resolveUrl(text(node.contentUrl), base);
  const url = direct ?? resolveUrl(text(node.embedUrl), base);
  if (!url) return null;
  const m: Media = { url };
  const width = toDimension(text(node.width));
  const height = toDimension(text(node.height));
  if (width) m.width = width;
  if (height) m.height = height;
  const type = direct ? text(node.encodingFormat) : 'text/html';
  if (type && /^[a-z]+\/[\w.+-]+$/.test(type)) m.type = type;
  return m;
}
