import { Parser, type Handler, type QuoteType } from 'htmlparser2';
import { SkippingTokenizer } from './skipping-tokenizer';

/** Parser callbacks that may end the reading early: they pause the parser (`onparserinit` hands it over) and say `stopped`. */
export interface HtmlReader extends Partial<Handler> {
  readonly stopped: boolean;
  /** Every attribute name (lower case) that the reader's `onopentag` reads: the others are dropped unread. */
  readonly attributes: ReadonlySet<string>;
}

/** The attributes `onopentag` gets when a reader keeps `names`: reading any other does not compile. */
export type KeptAttributes<Names extends readonly string[]> = Partial<Record<Names[number], string>>;

/**
 * Streams `pieces` through htmlparser2 (entities decoded, SkippingTokenizer) into `reader` until the
 * text ends or the reader stops; answers the parser, whose `endIndex` says where it stopped.
 */
export function parseHtml(pieces: Iterable<string>, reader: HtmlReader): Parser {
  const parser = new KeptAttributesParser(reader, reader.attributes);
  for (const piece of pieces) {
    parser.write(piece);
    if (reader.stopped) return parser;
  }
  parser.end();
  return parser;
}

/** The part of htmlparser2 12's Parser that KeptAttributesParser reads (private in its types). */
interface Internals {
  attribname: string;
}

/**
 * htmlparser2's Parser, whose `onopentag` attributes hold only the `kept` names. Most attributes of
 * a page (style, aria-*, on*, most data-*, SVG geometry) are never read; slicing, concatenating and
 * storing each one was a tenth of the extraction's time. Overrides the Parser's attribute events,
 * public but internal in htmlparser2 12, to which the package is pinned; parse-html.spec.ts checks
 * the kept attributes against the stock Parser's.
 */
export class KeptAttributesParser extends Parser {
  /** Whether the attribute being read is one of `kept`. */
  private keeping = true;

  constructor(
    handler: Partial<Handler>,
    private readonly kept: ReadonlySet<string>,
  ) {
    super(handler, { decodeEntities: true, Tokenizer: SkippingTokenizer });
  }

  override onattribname(start: number, endIndex: number): void {
    super.onattribname(start, endIndex);
    this.keeping = this.kept.has((this as unknown as Internals).attribname);
  }

  override onattribdata(start: number, endIndex: number): void {
    if (this.keeping) super.onattribdata(start, endIndex);
  }

  override onattribentity(cp: number): void {
    if (this.keeping) super.onattribentity(cp);
  }

  override onattribend(quote: QuoteType, endIndex: number): void {
    // A dropped attribute's value was never gathered, so there is nothing to reset.
    if (this.keeping) super.onattribend(quote, endIndex);
    else this.endIndex = endIndex;
  }
}
