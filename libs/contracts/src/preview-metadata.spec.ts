import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PREVIEW_METADATA_KEY_ORDER, PreviewMetadata } from './preview-metadata';
import { toPreviewResource } from './preview-resource';
import { PreviewStatus } from './preview-status';

/** What jsonb gives back: keys by length, then bytewise (PostgreSQL's order), media keys too. */
function jsonbOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonbOrder);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).toSorted((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return Object.fromEntries(keys.map((key) => [key, jsonbOrder((value as Record<string, unknown>)[key])]));
}

const media = { url: 'https://example.com/i.png', width: 1, height: 2, type: 'image/png', alt: 'an image' };
const data = jsonbOrder({
  url: 'https://example.com/',
  finalUrl: 'https://example.com/',
  title: 'Title',
  description: 'Description',
  siteName: null,
  publisher: null,
  author: null,
  publishedAt: null,
  modifiedAt: null,
  lang: 'en',
  type: 'website',
  image: media,
  images: [media],
  logo: media,
  video: null,
  audio: null,
  themeColor: null,
  oembed: null,
  contentType: 'text/html',
  fetchMode: 'static',
  // A key a newer worker might add, not (yet) in the order.
  addedLater: true,
}) as unknown as PreviewMetadata;

/** The listed keys this preview has (renderError and screenshot are set only when they apply). */
const listedPresent = PREVIEW_METADATA_KEY_ORDER.filter((key) => key in data);

describe('the key order of a preview', () => {
  const resource = toPreviewResource({ id: 'x', url: 'https://example.com/', status: PreviewStatus.Ready, data, errorCode: null, errorMessage: null, fetchedAt: null, expiresAt: null });

  it('puts title, description and image first, then the documented order, whatever order the database kept', () => {
    assert.deepEqual(Object.keys(data).slice(0, 3), ['url', 'lang', 'logo']);
    assert.deepEqual(Object.keys(resource.data ?? {}), [...listedPresent, 'addedLater']);
    assert.equal(listedPresent.length, PREVIEW_METADATA_KEY_ORDER.length - 2);
    assert.deepEqual(Object.keys(resource.data ?? {}).slice(0, 3), ['title', 'description', 'image']);
  });

  it('orders the keys of every media object as documented', () => {
    const order = ['url', 'width', 'height', 'type', 'alt'];
    assert.deepEqual(Object.keys(resource.data?.image ?? {}), order);
    assert.deepEqual(Object.keys(resource.data?.logo ?? {}), order);
    assert.deepEqual(Object.keys(resource.data?.images[0] ?? {}), order);
  });

  it('is the order the contract class declares, so the OpenAPI schema lists the members the same way', () => {
    assert.deepEqual(Object.keys(new PreviewMetadata()), PREVIEW_METADATA_KEY_ORDER);
  });

  it('changes no value', () => {
    assert.deepEqual(resource.data, data);
  });
});
