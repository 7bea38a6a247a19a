import { MAX_HTML_CHARS } from './limits';

/** Pieces of text already decoded are cut at this many characters. */
const PIECE_CHARS = 64 * 1024;

/**
 * A page's text as a sequence of pieces, produced as they are first read and kept for the next
 * reader, and cut off at MAX_HTML_CHARS. The scanners read pieces, not one string: a large page
 * decoded whole lands in V8's large-object space, fresh memory for every page and about five times
 * the cost of decoding it in pieces that fit the young generation, and most pages are read only up
 * to their first paragraph.
 */
export class PageText {
  private readonly pieces: string[] = [];
  private chars = 0;
  private done = false;

  /** `next` answers the next piece, or null at the end. */
  constructor(private readonly next: () => string | null) {}

  /** Text already decoded, read in slices (which share its memory). */
  static of(text: string): PageText {
    let at = 0;
    return new PageText(() => (at < text.length ? text.slice(at, (at += PIECE_CHARS)) : null));
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; ; i++) {
      const piece = this.piece(i);
      if (piece === null) return;
      yield piece;
    }
  }

  /** The text from character `index` on, in pieces. */
  *from(index: number): Generator<string> {
    let start = 0;
    for (const piece of this) {
      const end = start + piece.length;
      if (end > index) yield start >= index ? piece : piece.slice(index - start);
      start = end;
    }
  }

  private piece(i: number): string | null {
    while (this.pieces.length <= i && !this.done) {
      const piece = this.next();
      if (piece === null || this.chars >= MAX_HTML_CHARS) {
        this.done = true;
        break;
      }
      const kept = piece.length > MAX_HTML_CHARS - this.chars ? piece.slice(0, MAX_HTML_CHARS - this.chars) : piece;
      this.chars += kept.length;
      if (kept.length > 0) this.pieces.push(kept);
    }
    return this.pieces[i] ?? null;
  }
}
