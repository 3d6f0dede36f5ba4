import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import Assembler from 'stream-json/assembler.js';
import { verifyFile } from 'stream-json/file/verifier.js';
import { type Token, jsonParser } from 'stream-json/parser.js';
import { InvalidCollectionError, NOT_A_COLLECTION } from './geojson-features.js';

/**
 * Reading a GeoJSON FeatureCollection file as a stream (stream-json), one feature at a time: a
 * file of any size is read in flat memory, where JSON.parse would hold the whole text and every
 * feature at once (a 100,000-feature OSM extract: 60 MB of text, ~600 MB of objects).
 */

/** The file is not valid JSON; the message says where (line, column, and the feature when inside the features array). */
export class JsonSyntaxError extends Error {}

/** The file cannot be read (missing, a folder, no permission, an I/O error): `code` is the system's (ENOENT, …). */
export class FileReadError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Bytes read at a time; a block's tokens are live together, so a smaller block keeps fewer. */
const READ_BLOCK = 16 * 1024;
const NONE = Symbol('no feature');
/** Packed tokens only (one per key, string and number): what Assembler reads, and the fewest tokens. */
const TOKENS = { streamValues: false, packValues: true };

/**
 * The features of a FeatureCollection file, in file order, each as JSON.parse would give it. The
 * root's other keys are skipped unread (`"type"` may come before or after `"features"`). Throws
 * `InvalidCollectionError` for JSON that is not a FeatureCollection — at the first sign, or at the
 * end when `"type"` or `"features"` is missing —, `JsonSyntaxError` naming the position of a
 * syntax error (a truncated file included), `FileReadError` when reading fails.
 *
 * The features read before such an error have already been yielded: a caller that must not act
 * on half a file reads it through once first (as the importer does) and acts on a second reading.
 */
export async function* streamFeatures(path: string): AsyncGenerator<unknown, void> {
  // stream-json's bare tokenizer, driven here one block at a time: the tokens of a block are
  // handled synchronously. Its async-generator pipelines (parseFile) cost an await per token —
  // 5 million for 100,000 features — where this loop costs one per block and one per feature.
  const tokenize = jsonParser(TOKENS);
  let depth = 0; // open containers outside a feature: 1 inside the root object, 2 inside its "features" array
  let key: string | null = null; // the root key whose value comes next
  let skipping = 0; // depth inside a root value that is not read (nested objects and arrays of other keys)
  let type: unknown = undefined;
  let sawFeatures = false;
  let closed = false;
  let feature: Assembler | null = null;
  /** Takes one token; returns a feature when the token completed one (NONE otherwise). */
  const handle = (token: Token): unknown => {
    if (feature) {
      feature.consume(token);
      if (!feature.done) return NONE;
      const value = feature.current;
      feature = null;
      return value;
    } else if (skipping > 0) {
      if (token.name === 'startObject' || token.name === 'startArray') skipping += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') skipping -= 1;
    } else if (depth === 0) {
      if (token.name !== 'startObject' || closed) throw new InvalidCollectionError(NOT_A_COLLECTION);
      depth = 1;
    } else if (depth === 2) {
      if (token.name === 'endArray') {
        depth = 1;
      } else {
        feature = new Assembler();
        feature.consume(token);
        if (feature.done) {
          const value = feature.current;
          feature = null;
          return value;
        }
      }
    } else if (token.name === 'keyValue') {
      key = token.value;
    } else if (token.name === 'endObject') {
      depth = 0;
      closed = true;
    } else if (key === 'type') {
      type = token.name === 'stringValue' ? token.value : null;
      if (type !== 'FeatureCollection') throw new InvalidCollectionError(NOT_A_COLLECTION);
    } else if (key === 'features') {
      if (token.name !== 'startArray') throw new InvalidCollectionError(NOT_A_COLLECTION);
      if (sawFeatures) throw new InvalidCollectionError('"features" appears twice in the FeatureCollection');
      sawFeatures = true;
      depth = 2;
    } else if (token.name === 'startObject' || token.name === 'startArray') {
      skipping = 1;
    }
    return NONE;
  };
  try {
    for await (const text of textBlocks(path)) {
      const tokens = tokenize(text);
      if (typeof tokens === 'symbol') continue; // none: no token completed in this block
      // Each feature goes out as soon as its last token is read: checked (or stored) while the
      // block's later features are still tokens, so that none outlives a young-generation GC and
      // gets copied to the old generation, which only a full collection empties.
      for (const token of tokens.values) {
        const value = handle(token);
        if (value !== NONE) yield value;
      }
    }
  } catch (error) {
    if (error instanceof InvalidCollectionError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new FileReadError(code);
    throw await syntaxError(path, error as Error);
  }
  // The tokenizer is never flushed, so it does not notice that the text stopped early: the root
  // object's end says the text is whole, and the verifier says where it is not.
  if (!closed) throw await syntaxError(path, new Error('the file ends before its JSON does'));
  if (type !== 'FeatureCollection' || !sawFeatures) throw new InvalidCollectionError(NOT_A_COLLECTION);
}

/** The file's text, block by block, decoded as UTF-8 (a character split between blocks waits for the next), without a leading byte-order mark. */
async function* textBlocks(path: string): AsyncGenerator<string, void> {
  const file = await open(path);
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(READ_BLOCK);
    let first = true;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_BLOCK);
      let text = bytesRead ? decoder.write(buffer.subarray(0, bytesRead)) : decoder.end();
      if (first && text) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text) yield text;
      if (!bytesRead) return;
    }
  } finally {
    await file.close();
  }
}

/**
 * How many features the file's root `"features"` array holds, by a scan that reads no value (a
 * tenth of a parse's time): the total that progress lines show before the features are read. A
 * file that is not a FeatureCollection counts 0; a broken one counts what stands before the break
 * (the parse that follows reports the error).
 */
export async function countFeatures(path: string): Promise<number> {
  return (await scan(path, Infinity)).count;
}

interface ScanState {
  /** Elements started in the root's "features" array. */
  count: number;
  /** Inside the features array, at or after an element's first character and before the comma that follows it. */
  inElement: boolean;
  /** The text ended before the limit. */
  ended: boolean;
}

/** Scans the text up to `limit` (UTF-16 units after the byte-order mark, as the verifier counts). */
async function scan(path: string, limit: number): Promise<ScanState> {
  const state: ScanState = { count: 0, inElement: false, ended: false };
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectKey = false; // in the root object, before a key
  let keyText: string | null = null; // the root key being read
  let lastKey = '';
  let inFeatures = false;
  let expectElement = false;
  let offset = 0;
  for await (const text of textBlocks(path)) {
    for (let i = 0; i < text.length; i++, offset++) {
      if (offset >= limit) return state;
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c /* \ */) escaped = true;
        else if (c === 0x22 /* " */) {
          inString = false;
          if (keyText !== null) {
            lastKey = keyText;
            keyText = null;
          }
        } else if (keyText !== null && keyText.length < 20) keyText += text[i];
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (inFeatures && depth === 2 && expectElement && c !== 0x5d /* ] */) {
        state.count += 1;
        state.inElement = true;
        expectElement = false;
      }
      switch (c) {
        case 0x22: // "
          inString = true;
          if (depth === 1 && expectKey) {
            keyText = '';
            expectKey = false;
          }
          break;
        case 0x7b: // {
        case 0x5b: // [
          depth += 1;
          if (depth === 1) expectKey = c === 0x7b;
          else if (depth === 2 && c === 0x5b && lastKey === 'features') {
            inFeatures = true;
            expectElement = true;
          }
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (depth === 2 && inFeatures) {
            inFeatures = false;
            state.inElement = false;
          }
          depth -= 1;
          break;
        case 0x2c: // ,
          if (depth === 1) expectKey = true;
          else if (depth === 2 && inFeatures) {
            expectElement = true;
            state.inElement = false;
          }
          break;
      }
    }
  }
  state.ended = true;
  return state;
}

/** The parser says only what it expected; the verifier (a second, validating read) says where. */
async function syntaxError(path: string, parserError: Error): Promise<JsonSyntaxError> {
  const reason = (message: string) =>
    message
      .replace(/^ERROR at \d+ \(\d+, \d+\): /, '')
      .replace(/^(Parser|Verifier) cannot parse input: /, '')
      .replace(/^(Parser|Verifier) has expected/, 'expected')
      .replace(/^parser: /, '');
  try {
    await verifyFile(path, { readBlockSize: READ_BLOCK });
  } catch (error) {
    const { line, pos, offset } = error as { line?: number; pos?: number; offset?: number };
    if (typeof line === 'number' && typeof pos === 'number' && typeof offset === 'number') {
      const where = await scan(path, offset).catch(() => null);
      const feature = !where?.count ? '' : where.inElement ? `, in feature #${where.count - 1}` : `, after feature #${where.count - 1}`;
      const end = where?.ended ? ' — the file ends there: is it cut short?' : '';
      return new JsonSyntaxError(`${reason((error as Error).message)} at line ${line}, column ${pos}${feature}${end}`);
    }
  }
  return new JsonSyntaxError(reason(parserError.message));
}
