import { Parser, type Handler } from 'htmlparser2';
import { SkippingTokenizer } from './skipping-tokenizer';

/** Parser callbacks that may end the reading early: they pause the parser (`onparserinit` hands it over) and say `stopped`. */
export interface HtmlReader extends Partial<Handler> {
  readonly stopped: boolean;
}

/**
 * Streams `pieces` through htmlparser2 (entities decoded, SkippingTokenizer) into `reader` until the
 * text ends or the reader stops; answers the parser, whose `endIndex` says where it stopped.
 */
export function parseHtml(pieces: Iterable<string>, reader: HtmlReader): Parser {
  const parser = new Parser(reader, { decodeEntities: true, Tokenizer: SkippingTokenizer });
  for (const piece of pieces) {
    parser.write(piece);
    if (reader.stopped) return parser;
  }
  parser.end();
  return parser;
}
