import type { Media } from '@unfurl/contracts';

/**
 * What one metadata source (OpenGraph, JSON-LD, ...) says about a page, before precedence is applied.
 * Text is raw (cleaned later), URLs are already absolute, dates are still as written.
 */
export interface SourceFields {
  url?: string | null;
  title?: string | null;
  description?: string | null;
  siteName?: string | null;
  publisher?: string | null;
  author?: string | null;
  publishedAt?: string | null;
  modifiedAt?: string | null;
  lang?: string | null;
  type?: string | null;
  images?: Media[];
  logo?: Media | null;
  video?: Media | null;
  audio?: Media | null;
  themeColor?: string | null;
}

/** A page's metas as a lookup: the first non-empty content per key, and all contents in order. */
export class MetaIndex {
  private readonly first = new Map<string, string>();

  constructor(readonly metas: { key: string; content: string }[]) {
    for (const { key, content } of metas) {
      if (content.trim() && !this.first.has(key)) this.first.set(key, content);
    }
  }

  get(...keys: string[]): string | null {
    for (const key of keys) {
      const value = this.first.get(key);
      if (value !== undefined) return value;
    }
    return null;
  }
}
