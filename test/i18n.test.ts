import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

type Tree = { [k: string]: string | Tree };
const load = (lang: string) => JSON.parse(readFileSync(join('web', 'src', 'i18n', `${lang}.json`), 'utf8')) as Tree;
const keys = (t: Tree, prefix = ''): string[] => Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));

describe('the dashboard strings', () => {
  const en = new Set(keys(load('en')));
  const zh = new Set(keys(load('zh')));

  test('English and Chinese have the same keys', () => {
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
    // Surcharge names are Chinese only: in English the rate card's own label is shown.
    expect([...zh].filter((k) => !en.has(k) && !k.startsWith('surcharge.'))).toEqual([]);
  });

  test('every key the app names literally exists (plurals as _one/_other)', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of sources(join('web', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) {
        const k = m[1]!;
        seen++;
        if (!en.has(k) && !en.has(`${k}_one`)) missing.push(`${file}: ${k}`);
      }
    }
    expect(missing).toEqual([]);
    expect(seen).toBeGreaterThan(300);
  });

  test('Chinese strings use full-width punctuation next to Chinese characters', () => {
    const strings = (t: Tree, prefix = ''): [string, string][] => Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : strings(v, `${prefix}${k}.`)));
    const cjk = '[\\u4e00-\\u9fff]';
    const ascii = new RegExp(`${cjk}[,;:?]|[,;:]${cjk}|${cjk}\\(|\\)${cjk}`);
    expect(strings(load('zh')).filter(([, v]) => ascii.test(v)).map(([k]) => k)).toEqual([]);
  });
});
