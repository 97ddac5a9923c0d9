import { readFileSync } from 'node:fs';
import { deserializeTagger, type TaggerModel } from './tagger.js';

let model: TaggerModel | undefined;

/** The trained tagger (tagger-model.json, ~400 KB), read once on first use. */
export function usAddressTagger(): TaggerModel {
  model ??= deserializeTagger(readFileSync(new URL('./tagger-model.json', import.meta.url), 'utf8'));
  return model;
}
