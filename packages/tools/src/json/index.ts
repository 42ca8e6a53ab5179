import { jsonMap } from './map.ts';
import { jsonParse } from './parse.ts';
import { jsonStringify } from './stringify.ts';
import { jsonValidate } from './validate.ts';

export { jsonMap, jsonParse, jsonStringify, jsonValidate };
export const jsonTools = [jsonMap, jsonValidate, jsonParse, jsonStringify] as const;
