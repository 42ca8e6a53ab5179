import type { JsonValue } from '@weft/engine';
import { ToolsError } from '../shared/tools-error.ts';

export type ResponseType = 'auto' | 'json' | 'text' | 'base64';

const TEXTUAL = /^(text\/|application\/(xml|javascript|x-www-form-urlencoded|x-ndjson)|.*\+xml)/i;

/** Decodes a body by the requested type; `auto` follows the Content-Type. */
export function parseResponseBody(
  body: Buffer,
  contentType: string,
  responseType: ResponseType,
  warn: (message: string) => void,
): JsonValue {
  const isJson = /\bjson\b/i.test(contentType);
  const kind =
    responseType !== 'auto'
      ? responseType
      : isJson
        ? 'json'
        : TEXTUAL.test(contentType) || (contentType === '' && isUtf8(body))
          ? 'text'
          : 'base64';
  if (kind === 'base64') return body.toString('base64');
  const text = body.toString('utf8');
  if (kind === 'text') return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    if (responseType === 'json') {
      throw new ToolsError('INVALID_JSON', `the response is not valid JSON: ${(err as Error).message}`);
    }
    warn(`the response says it is JSON but does not parse (${(err as Error).message}); kept as text`);
    return text;
  }
}

function isUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
