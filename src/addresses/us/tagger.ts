import type { UsZipDirectory } from '../ports.js';
import { DIRECTIONALS, STATE_CODES, STREET_SUFFIXES, UNIT_DESIGNATORS } from './pub28.js';
import type { UsComponents } from './components.js';
import { cityKey, ordinalNumber, standardDirectional, standardSuffix, standardUnitType } from './standardize.js';

/**
 * A sequence tagger for free-form US addresses: each word gets one of usaddress's labels
 * (AddressNumber, StreetName, PlaceName, …), chosen by a linear model over word, shape,
 * Publication 28 dictionary and ZIP-directory features of the word and its neighbours, with
 * label-to-label transitions, decoded with Viterbi. The model is trained by
 * `scripts/train-address-tagger.ts` (averaged structured perceptron) on usaddress's tagged
 * addresses (MIT licence) and ships as `tagger-model.json`.
 */

export const TAGS = [
  'AddressNumberPrefix', 'AddressNumber', 'AddressNumberSuffix', 'StreetNamePreModifier', 'StreetNamePreDirectional',
  'StreetNamePreType', 'StreetName', 'StreetNamePostType', 'StreetNamePostDirectional', 'StreetNamePostModifier',
  'SubaddressType', 'SubaddressIdentifier', 'OccupancyType', 'OccupancyIdentifier', 'BuildingName', 'LandmarkName',
  'CornerOf', 'IntersectionSeparator', 'USPSBoxType', 'USPSBoxID', 'USPSBoxGroupType', 'USPSBoxGroupID',
  'PlaceName', 'StateName', 'ZipCode', 'ZipPlus4', 'CountryName', 'Recipient', 'NotAddress',
] as const;
export type Tag = (typeof TAGS)[number];

/** One word as the tagger sees it: the text as typed (punctuation included) and its clean form. */
export interface TagToken {
  readonly raw: string;
  /** Upper case without punctuation ("St." -> "ST", "Apt," -> "APT"); "" for a stray mark. */
  readonly up: string;
}

/** Splits like usaddress: `#` and `&` alone, trailing punctuation kept with its word. */
export function tagTokens(text: string): TagToken[] {
  const raw = text.replace(/[\u2012-\u2015]/g, '-').match(/\(*\b[^\s,;#&()]+[.,;)\n]*|[#&]/g) ?? [];
  return raw.map(tagToken);
}

/** One word as typed, with its clean form. */
export const tagToken = (raw: string): TagToken => ({ raw, up: raw.toUpperCase().replace(/[^A-Z0-9#&/\-½]/g, '') });

export interface TaggerModel {
  readonly tags: readonly Tag[];
  /** Feature -> weight per tag (dense, in `tags` order), only features the training kept. */
  readonly weights: ReadonlyMap<string, Float32Array>;
  /** transitions[prev * n + cur]; prev = n is the start. */
  readonly transitions: Float32Array;
}

const BOX_WORDS = new Set(['BOX', 'PO', 'POB', 'POBOX', 'P', 'O', 'DRAWER', 'LOCKBOX', 'CALLER', 'BIN', 'FIRM']);
const RURAL_WORDS = new Set(['RR', 'RFD', 'HC', 'HCR', 'RURAL', 'STAR', 'RTE', 'ROUTE', 'RT', 'CONTRACT']);
const MILITARY_WORDS = new Set(['PSC', 'CMR', 'UNIT', 'APO', 'FPO', 'DPO', 'USNS', 'USS']);
const COUNTRY = new Set(['USA', 'US', 'UNITED', 'STATES', 'AMERICA']);
const RECIPIENT_WORDS = new Set(['ATTN', 'ATTENTION', 'C/O', 'CO', 'INC', 'LLC', 'CORP', 'COMPANY', 'DEPT', 'DEPARTMENT', 'CENTER', 'UNIVERSITY', 'HOSPITAL', 'SCHOOL', 'CHURCH', 'BANK', 'OFFICE', 'SERVICES', 'GROUP', 'ASSOCIATES']);
const NUMBER_WORDS = new Set(['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'HUNDRED']);
const BUILDING_WORDS = new Set(['BUILDING', 'BLDG', 'TOWER', 'PLAZA', 'CENTER', 'CTR', 'MALL', 'PARK', 'HALL', 'COMPLEX', 'CAMPUS', 'SQUARE']);
const MAX_PLACE_WORDS = 4;

/** The word's shape: runs of digits as 9, of letters as a ("12B" -> 9a, "N123W" -> a9a). */
function shape(up: string): string {
  return up.replace(/[0-9]+/g, '9').replace(/[A-Z]+/g, 'a');
}

/** Per-word features that do not depend on neighbours. */
function ownFeatures(t: TagToken): string[] {
  const up = t.up;
  const f: string[] = [];
  const digits = up.replace(/\D/g, '').length;
  if (up === '') return ['punct'];
  if (digits === up.length) f.push(`num${Math.min(digits, 6)}`);
  else f.push(`w=${up}`);
  f.push(`sh=${shape(up)}`);
  if (digits > 0 && digits < up.length) f.push('somedig');
  if (up.length <= 2 && digits === 0) f.push(`short${up.length}`);
  const last = t.raw.at(-1)!;
  if (last === ',' || last === ';') f.push('comma');
  else if (last === '.') f.push('period');
  if (DIRECTIONALS.has(up)) f.push(up.length <= 2 ? 'dir' : 'dirlong');
  if (STREET_SUFFIXES.has(up)) f.push('sfx');
  if (UNIT_DESIGNATORS.has(up) || up === '#') f.push('unit');
  if (STATE_CODES.has(up)) f.push(up.length === 2 ? 'stcode' : 'stname');
  if (BOX_WORDS.has(up)) f.push('box');
  if (RURAL_WORDS.has(up)) f.push('rural');
  if (MILITARY_WORDS.has(up)) f.push('mil');
  if (COUNTRY.has(up)) f.push('country');
  if (RECIPIENT_WORDS.has(up)) f.push('org');
  if (BUILDING_WORDS.has(up)) f.push('bldgword');
  if (ordinalNumber(up)) f.push('ordinal');
  if (NUMBER_WORDS.has(up)) f.push('numword');
  if (/^\d{5}(-\d{4})?$/.test(up)) f.push('zipshape');
  if (/^\d+\/\d+$/.test(up) || up === '½') f.push('fraction');
  if (!/[AEIOUY0-9]/.test(up)) f.push('novowel');
  return f;
}

/**
 * Which words can be a place name: a run of up to four words that names a US place; marked
 * stronger when the run is a place of the ZIP written in the address, or of a state written
 * right after it, and when it ends the text before a state, ZIP or the end.
 */
function placeMarks(toks: readonly TagToken[], dir: UsZipDirectory | undefined): string[][] {
  const marks = toks.map(() => [] as string[]);
  if (!dir) return marks;
  const zipPlaces = new Set<string>();
  for (const t of toks) {
    const m = /^(\d{5})/.exec(t.up);
    if (m && t.up.length >= 5) for (const p of dir.lookup(m[1]!)?.places ?? []) zipPlaces.add(cityKey(p));
  }
  // cityKey of a run of words is the words' keys joined.
  const keys = toks.map((t) => (t.up === '' || /\d/.test(t.up) ? null : cityKey(t.up)));
  for (let i = 0; i < toks.length; i++) {
    let key = '';
    for (let k = 1; k <= MAX_PLACE_WORDS && i + k <= toks.length; k++) {
      const word = keys[i + k - 1];
      if (word === null || word === undefined) break;
      if (k > 1 && /[,;]$/.test(toks[i + k - 2]!.raw)) break;
      key += word;
      if (!dir.isPlace(key)) continue;
      const next = toks[i + k];
      const endsBefore = !next || STATE_CODES.has(next.up) || /^\d{5}/.test(next.up) || COUNTRY.has(next.up);
      const inZip = zipPlaces.has(key);
      const stateNext = next && STATE_CODES.get(next.up);
      const inState = !!stateNext && dir.isPlaceInState(key, stateNext);
      const big = dir.placeZipCount(key) >= 15;
      for (let j = i; j < i + k; j++) {
        const pos = j === i ? 'B' : 'I';
        marks[j]!.push(`pl${pos}`);
        if (endsBefore) marks[j]!.push(`plEnd${pos}`);
        if (inZip) marks[j]!.push(`plZip${pos}`);
        if (inState) marks[j]!.push(`plSt${pos}`);
        if (big) marks[j]!.push('plBig');
        if (k > 1) marks[j]!.push(`plLen${Math.min(k, 3)}`);
      }
    }
  }
  return marks.map((m) => [...new Set(m)]);
}

const RULE_KEYS = [
  'recipient', 'building', 'number', 'predirectional', 'street_name', 'suffix', 'postdirectional', 'unit_type',
  'unit_number', 'extra_units', 'po_box', 'rural_route', 'box', 'military', 'cross_street', 'city', 'state', 'zip5', 'zip4',
] as const satisfies readonly (keyof UsComponents)[];

const formCache = new Map<string, string[]>();
/** The word and what Publication 28 makes of it as a suffix, directional, designator, state or ordinal. */
function standardForms(up: string): string[] {
  let forms = formCache.get(up);
  if (!forms) {
    forms = [up, standardSuffix(up), standardDirectional(up), standardUnitType(up), STATE_CODES.get(up), ordinalNumber(up)].filter((x): x is string => !!x);
    if (formCache.size >= 50_000) formCache.clear();
    formCache.set(up, forms);
  }
  return forms;
}

/**
 * Which components of the rule parser's reading each word appears in (`r:city`, `r:suffix`…),
 * matched on the word and its standard forms; `r:none` for words the rules left out.
 */
function ruleMarks(toks: readonly TagToken[], rule: UsComponents): string[][] {
  const byWord = new Map<string, string[]>();
  for (const k of RULE_KEYS) {
    const v = rule[k];
    const text = Array.isArray(v) ? v.join(' ') : (v as string | null) ?? '';
    if (!text) continue;
    for (const w of text.split(/[\s-]+/)) {
      if (!w) continue;
      const list = byWord.get(w);
      if (!list) byWord.set(w, [`r:${k}`]);
      else if (list.at(-1) !== `r:${k}`) list.push(`r:${k}`);
    }
  }
  return toks.map((t) => {
    if (t.up === '') return [];
    const marks = new Set<string>();
    for (const f of standardForms(t.up)) for (const m of byWord.get(f) ?? []) marks.add(m);
    // A hyphenated word ("2274-2284") counts for a component that holds all its parts.
    if (t.up.includes('-')) {
      const parts = t.up.split('-');
      if (parts.every(Boolean)) {
        const lists = parts.map((p) => byWord.get(p) ?? []);
        for (const m of lists[0]!) if (lists.every((l) => l.includes(m))) marks.add(m);
      }
    }
    return marks.size ? [...marks] : ['r:none'];
  });
}

/** Neighbours whose own features a word sees, with the prefix they carry; the farther ones without the word itself. */
const ROLES = [
  { off: 0, prefix: '', words: true },
  { off: -1, prefix: 'p:', words: true },
  { off: 1, prefix: 'n:', words: true },
  { off: -2, prefix: 'pp:', words: false },
  { off: 2, prefix: 'nn:', words: false },
] as const;

function roleFeatures(own: readonly string[], role: (typeof ROLES)[number]): string[] {
  if (role.off === 0) return [...own];
  return own.filter((g) => role.words || !g.startsWith('w=')).map((g) => `${role.prefix}${g}`);
}

interface Context {
  readonly own: string[][];
  readonly places: string[][];
  readonly rules: string[][];
  readonly segFromEnd: number[];
  readonly firstDigit: number;
}

function context(toks: readonly TagToken[], dir: UsZipDirectory | undefined, rule: UsComponents | undefined, own: string[][]): Context {
  const n = toks.length;
  // Comma-separated segments counted from the end (the last line is usually segment 0).
  const segFromEnd: number[] = new Array(n);
  let seg = 0;
  for (let i = n - 1; i >= 0; i--) {
    if (i < n - 1 && /[,;]$/.test(toks[i]!.raw)) seg++;
    segFromEnd[i] = seg;
  }
  return {
    own,
    places: placeMarks(toks, dir),
    rules: rule ? ruleMarks(toks, rule) : toks.map(() => [] as string[]),
    segFromEnd,
    firstDigit: toks.findIndex((t) => /^\d/.test(t.up)),
  };
}

/** Word i's features other than its own and its neighbours' own (those are summed per word, see `emissions`). */
function contextFeatures(cx: Context, i: number): string[] {
  const { own, places, rules } = cx;
  const n = own.length;
  const f = ['bias', ...places[i]!, ...rules[i]!];
  for (const r of rules[i]!) f.push(`${r}|${own[i]![0]!.startsWith('w=') ? 'w' : own[i]![0]}`);
  for (const r of rules[i - 1] ?? []) f.push(`p${r}`);
  for (const r of rules[i + 1] ?? []) f.push(`n${r}`);
  f.push(`end${Math.min(n - 1 - i, 4)}`, `start${Math.min(i, 4)}`, `seg${Math.min(cx.segFromEnd[i]!, 3)}`);
  if (cx.firstDigit >= 0) f.push(i < cx.firstDigit ? 'beforeNum' : i === cx.firstDigit ? 'firstNum' : 'afterNum');
  for (const role of ROLES) {
    if (role.off === 0) continue;
    const j = i + role.off;
    if (j < 0 || j >= n) f.push(`${role.prefix}none`);
    else if (role.words) for (const g of places[j]!) f.push(`${role.prefix}${g}`);
  }
  // A few pairs the linear model cannot form on its own.
  const w = own[i]![0]!;
  f.push(`pw|w=${own[i - 1]?.[0] ?? 'none'}|${w}`, `w|nw=${w}|${own[i + 1]?.[0] ?? 'none'}`);
  return f;
}

/** The features of every word of an address; `rule` is the rule parser's reading of it. */
export function featurize(toks: readonly TagToken[], dir?: UsZipDirectory, rule?: UsComponents): string[][] {
  const cx = context(toks, dir, rule, toks.map(ownFeatures));
  return toks.map((_, i) => {
    const f: string[] = [];
    for (const role of ROLES) {
      const j = i + role.off;
      if (j >= 0 && j < toks.length) f.push(...roleFeatures(cx.own[j]!, role));
    }
    f.push(...contextFeatures(cx, i));
    return f;
  });
}

/** A word's own features and their summed weights in each role, kept per model and spelling. */
interface WordScores {
  readonly own: string[];
  readonly roles: Float64Array[];
}
const wordCache = new WeakMap<TaggerModel, Map<string, WordScores>>();
const WORD_CACHE_SIZE = 50_000;

function wordScores(model: TaggerModel, t: TagToken): WordScores {
  let cache = wordCache.get(model);
  if (!cache) wordCache.set(model, (cache = new Map()));
  // A number's features are its length and what follows it: "4821" and "1730" share an entry.
  const key = /^\d+$/.test(t.up) ? `#${t.up.length}${t.raw.at(-1)}` : t.raw;
  const hit = cache.get(key);
  if (hit) return hit;
  const own = ownFeatures(t);
  const n = model.tags.length;
  const roles = ROLES.map((role) => {
    const v = new Float64Array(n);
    for (const f of roleFeatures(own, role)) addWeights(model, f, v);
    return v;
  });
  if (cache.size >= WORD_CACHE_SIZE) cache.clear();
  const entry = { own, roles };
  cache.set(key, entry);
  return entry;
}

function addWeights(model: TaggerModel, feature: string, into: Float64Array) {
  const w = model.weights.get(feature);
  if (w) for (let k = 0; k < into.length; k++) into[k]! += w[k]!;
}

/** The model's weights as (tag, weight) pairs: a feature has ~4 non-zero tags of 29. */
interface Sparse {
  readonly tag: Uint8Array;
  readonly w: Float64Array;
}
const sparseCache = new WeakMap<TaggerModel, Map<string, Sparse>>();

function sparseWeights(model: TaggerModel): Map<string, Sparse> {
  let sparse = sparseCache.get(model);
  if (!sparse) {
    sparse = new Map();
    for (const [f, v] of model.weights) {
      const tags: number[] = [];
      v.forEach((x, k) => x !== 0 && tags.push(k));
      sparse.set(f, { tag: Uint8Array.from(tags), w: Float64Array.from(tags, (k) => v[k]!) });
    }
    sparseCache.set(model, sparse);
  }
  return sparse;
}

/** Per word, the score of every tag: the same sums as over `featurize`'s features, with words' own parts cached. */
export function emissions(model: TaggerModel, toks: readonly TagToken[], dir?: UsZipDirectory, rule?: UsComponents): Float64Array[] {
  const words = toks.map((t) => wordScores(model, t));
  const cx = context(toks, dir, rule, words.map((w) => w.own));
  const sparse = sparseWeights(model);
  const n = model.tags.length;
  const out: Float64Array[] = [];
  for (let i = 0; i < toks.length; i++) {
    const s = new Float64Array(n);
    for (let r = 0; r < ROLES.length; r++) {
      const j = i + ROLES[r]!.off;
      if (j < 0 || j >= toks.length) continue;
      const v = words[j]!.roles[r]!;
      for (let k = 0; k < n; k++) s[k]! += v[k]!;
    }
    for (const f of contextFeatures(cx, i)) {
      const w = sparse.get(f);
      if (w) for (let q = 0; q < w.tag.length; q++) s[w.tag[q]!]! += w.w[q]!;
    }
    out.push(s);
  }
  return out;
}

/** The best tag sequence for the features. */
export function decode(model: TaggerModel, feats: readonly (readonly string[])[]): number[] {
  const n = model.tags.length;
  return viterbi(
    model,
    feats.map((fs) => {
      const s = new Float64Array(n);
      for (const f of fs) addWeights(model, f, s);
      return s;
    }),
  );
}

/** The best tag sequence for per-word tag scores and the model's transitions. */
export function viterbi(model: TaggerModel, emit: readonly Float64Array[]): number[] {
  const n = model.tags.length;
  const len = emit.length;
  if (len === 0) return [];
  const t = model.transitions;
  // Only each word's BEAM best-scoring tags are considered (the others lose by far more than
  // any transition makes up for), which makes decoding ~10x cheaper.
  const cand = emit.map((e) => topTags(e, BEAM));
  const score: Float64Array[] = [];
  const back: Int32Array[] = [];
  score.push(Float64Array.from(cand[0]!, (k) => emit[0]![k]! + t[n * n + k]!));
  back.push(new Int32Array(cand[0]!.length));
  for (let i = 1; i < len; i++) {
    const prev = cand[i - 1]!;
    const prevScore = score[i - 1]!;
    const cur = cand[i]!;
    const s = new Float64Array(cur.length);
    const b = new Int32Array(cur.length);
    for (let c = 0; c < cur.length; c++) {
      const k = cur[c]!;
      let best = -Infinity;
      let arg = 0;
      for (let q = 0; q < prev.length; q++) {
        const v = prevScore[q]! + t[prev[q]! * n + k]!;
        if (v > best) {
          best = v;
          arg = q;
        }
      }
      s[c] = best + emit[i]![k]!;
      b[c] = arg;
    }
    score.push(s);
    back.push(b);
  }
  const last = score[len - 1]!;
  let arg = 0;
  for (let c = 1; c < last.length; c++) if (last[c]! > last[arg]!) arg = c;
  const path = new Array<number>(len);
  for (let i = len - 1; i >= 0; i--) {
    path[i] = cand[i]![arg]!;
    arg = back[i]![arg]!;
  }
  return path;
}

const BEAM = 8;

function topTags(e: Float64Array, k: number): Int32Array {
  const top = new Int32Array(Math.min(k, e.length));
  let size = 0;
  for (let j = 0; j < e.length; j++) {
    const v = e[j]!;
    if (size === top.length && v <= e[top[size - 1]!]!) continue;
    let pos = size < top.length ? size++ : size - 1;
    while (pos > 0 && e[top[pos - 1]!]! < v) {
      top[pos] = top[pos - 1]!;
      pos--;
    }
    top[pos] = j;
  }
  return top;
}

/** Tags a free-form address: each word with its label. */
export function tagAddress(model: TaggerModel, text: string, dir?: UsZipDirectory, rule?: UsComponents): { text: string; tag: Tag }[] {
  const toks = tagTokens(text);
  const path = viterbi(model, emissions(model, toks, dir, rule));
  return toks.map((t, i) => ({ text: t.raw, tag: model.tags[path[i]!]! }));
}

/** Trains an averaged structured perceptron. Pure: same data and seed, same model. */
export function trainTagger(
  data: readonly { feats: string[][]; tags: Tag[] }[],
  opts: { epochs: number; seed: number },
): TaggerModel {
  const tags = TAGS;
  const n = tags.length;
  const index = new Map<Tag, number>(tags.map((t, i) => [t, i]));
  const w = new Map<string, Float64Array>();
  const acc = new Map<string, Float64Array>();
  const stamp = new Map<string, Float64Array>();
  const trans = new Float64Array((n + 1) * n);
  const transAcc = new Float64Array((n + 1) * n);
  const transStamp = new Float64Array((n + 1) * n);
  let step = 1;
  const get = (f: string) => {
    let v = w.get(f);
    if (!v) {
      v = new Float64Array(n);
      w.set(f, v);
      acc.set(f, new Float64Array(n));
      stamp.set(f, new Float64Array(n).fill(step));
    }
    return v;
  };
  const bump = (f: string, k: number, d: number) => {
    const v = get(f);
    const a = acc.get(f)!;
    const s = stamp.get(f)!;
    a[k]! += (step - s[k]!) * v[k]!;
    s[k] = step;
    v[k]! += d;
  };
  const bumpT = (idx: number, d: number) => {
    transAcc[idx]! += (step - transStamp[idx]!) * trans[idx]!;
    transStamp[idx] = step;
    trans[idx]! += d;
  };
  const order = data.map((_, i) => i);
  let rnd = opts.seed >>> 0 || 1;
  const random = () => ((rnd = (Math.imul(rnd, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const current: TaggerModel = { tags, weights: w as unknown as Map<string, Float32Array>, transitions: trans as unknown as Float32Array };
  for (let e = 0; e < opts.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const di of order) {
      const { feats, tags: gold } = data[di]!;
      const goldIdx = gold.map((t) => index.get(t)!);
      const guess = decode(current, feats);
      for (let i = 0; i < feats.length; i++) {
        if (guess[i] !== goldIdx[i]) {
          for (const f of feats[i]!) {
            bump(f, goldIdx[i]!, 1);
            bump(f, guess[i]!, -1);
          }
        }
        const gp = i === 0 ? n : goldIdx[i - 1]!;
        const pp = i === 0 ? n : guess[i - 1]!;
        if (gp !== pp || goldIdx[i] !== guess[i]) {
          bumpT(gp * n + goldIdx[i]!, 1);
          bumpT(pp * n + guess[i]!, -1);
        }
      }
      step++;
    }
  }
  // Averages: the weight each feature had, summed over every step, divided by the steps.
  const weights = new Map<string, Float32Array>();
  for (const [f, v] of w) {
    const a = acc.get(f)!;
    const s = stamp.get(f)!;
    const avg = new Float32Array(n);
    let any = false;
    for (let k = 0; k < n; k++) {
      avg[k] = (a[k]! + (step - s[k]!) * v[k]!) / step;
      if (Math.abs(avg[k]!) > 1e-4) any = true;
    }
    if (any) weights.set(f, avg);
  }
  const transitions = new Float32Array((n + 1) * n);
  for (let k = 0; k < transitions.length; k++) transitions[k] = (transAcc[k]! + (step - transStamp[k]!) * trans[k]!) / step;
  return { tags, weights, transitions };
}

/** The model as JSON: weights rounded to 4 decimals, sparse per feature. */
export function serializeTagger(m: TaggerModel): string {
  const weights: Record<string, [number, number][]> = {};
  for (const [f, v] of [...m.weights].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sparse: [number, number][] = [];
    v.forEach((x, k) => {
      const r = Math.round(x * 1e4) / 1e4;
      if (r !== 0) sparse.push([k, r]);
    });
    if (sparse.length) weights[f] = sparse;
  }
  return JSON.stringify({ tags: m.tags, transitions: [...m.transitions].map((x) => Math.round(x * 1e4) / 1e4), weights });
}

export function deserializeTagger(json: string): TaggerModel {
  const o = JSON.parse(json) as { tags: Tag[]; transitions: number[]; weights: Record<string, [number, number][]> };
  const n = o.tags.length;
  const weights = new Map<string, Float32Array>();
  for (const [f, sparse] of Object.entries(o.weights)) {
    const v = new Float32Array(n);
    for (const [k, x] of sparse) v[k] = x;
    weights.set(f, v);
  }
  return { tags: o.tags, weights, transitions: Float32Array.from(o.transitions) };
}
