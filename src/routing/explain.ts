import { minorDigits, type Money } from '../kernel/money.js';

/**
 * Why a decision is what it is, as data: a stable `code` and its `args`. The dashboard and the
 * sentences below render the same list; nothing here is free text a program would have to parse.
 */
export interface Reason {
  code: ReasonCode;
  args: Record<string, string | number | boolean | Money | null | string[]>;
}

export type ReasonCode =
  // mode
  | 'OVER_PARCEL_WEIGHT' | 'OVER_PARCEL_SIZE' | 'CUSTOMER_CHOSE_PICKUP' | 'CUSTOMER_CHOSE_TRUCK' | 'CUSTOMER_CHOSE_HOME'
  | 'PICKUP_NOT_IN_DIRECTORY' | 'PICKUP_DOES_NOT_FIT' | 'PICKUP_SIZE_UNKNOWN' | 'PICKUP_CARRIER_UNAVAILABLE'
  | 'B2B_CONSOLIDATED' | 'PICKUP_RECOMMENDED' | 'NO_PICKUP_DIRECTORY' | 'NO_PICKUP_NEARBY' | 'NO_PICKUP_FITS' | 'PICKUP_OVER_VALUE'
  | 'HOME_DELIVERY' | 'RULE_FORCES_MODE' | 'RULE_MODE_NOT_APPLIED' | 'TRUCK_ACCESSORIALS'
  // hard constraints and the choice
  | 'CONSTRAINT' | 'CHEAPEST' | 'LOWER_RISK' | 'PREFERRED_BY_RULE' | 'PILOT' | 'ONLY_OPTION' | 'ARRIVES'
  | 'SERVICE_LEVEL_UNMET' | 'SERVICE_LEVEL_EXCEPTION' | 'NO_SERVICE'
  // where the prices came from (tenants with carriers' live rates)
  | 'LIVE_PRICES' | 'CARD_PRICES_FALLBACK';

export type Lang = 'en' | 'zh';

/** A probability with a word a seller reads ("likely late"), stable for translation. */
export interface Risk {
  probability: number;
  label: string;
}

export const lateRisk = (p: number): Risk => ({ probability: p, label: p >= 0.5 ? 'likely_late' : p >= 0.2 ? 'may_be_late' : 'on_time_likely' });
export const failRisk = (p: number): Risk => ({ probability: p, label: p >= 0.15 ? 'high' : p >= 0.05 ? 'moderate' : 'low' });
export const lossRisk = (p: number): Risk => ({ probability: p, label: p >= 0.01 ? 'high' : p >= 0.003 ? 'moderate' : 'low' });

// ---- formatting (formatters built once: a batch renders thousands of sentences) -------------

const SYMBOLS: Record<string, string> = { USD: '$' };
/**
 * "$1,234.56" (or "EUR 1,234.56"), the same in both languages. Hand-formatted: a batch renders
 * two sentences per order, and Intl's formatter cost a tenth of the decision benchmark.
 */
export function formatMoney(m: Money, _lang: Lang = 'en'): string {
  const digits = minorDigits(m.currency);
  const neg = m.amount < 0;
  const abs = Math.abs(m.amount);
  const scale = 10 ** digits;
  const whole = Math.floor(abs / scale);
  const frac = digits ? `.${String(abs % scale).padStart(digits, '0')}` : '';
  const grouped = whole < 1000 ? String(whole) : String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sym = SYMBOLS[m.currency];
  return `${neg ? '-' : ''}${sym ?? `${m.currency} `}${grouped}${frac}`;
}

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
export const formatNumber = (n: number) => intFormat.format(n);

const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ZH_DAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const dates = new Map<string, string>();
/** "Tue 9 Dec" / "12月9日（周二）" from an ISO date. */
export function formatDate(iso: string, lang: Lang): string {
  const key = lang + iso;
  let out = dates.get(key);
  if (out === undefined) {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    out = lang === 'zh' ? `${m}月${d}日（${ZH_DAYS[wd]}）` : `${EN_DAYS[wd]} ${d} ${EN_MONTHS[m - 1]}`;
    if (dates.size > 10_000) dates.clear();
    dates.set(key, out);
  }
  return out;
}

const ZH_MODE: Record<string, string> = { parcel: '包裹送货上门', truck: '卡车/零担送货', pickup: '自提点' };
const EN_MODE: Record<string, string> = { parcel: 'parcel home delivery', truck: 'truck delivery', pickup: 'pickup point' };

const ZH_SURCHARGE: Record<string, string> = {
  residential: '住宅地址附加费', delivery_area: '偏远地区附加费', additional_handling: '额外处理费', large_package: '大件包裹附加费',
  dimension_fee: '非标准尺寸费', signature: '签收服务费', declared_value: '保价费', peak: '旺季附加费', cod: '货到付款手续费',
  liftgate: '尾板服务费', appointment: '预约送货费', inside_delivery: '室内送货费', fuel: '燃油附加费',
};
const ZH_AREA: Record<string, string> = { alaska: '阿拉斯加', hawaii: '夏威夷', extended: '扩展', das: '' };
const ZH_ACCESSORIAL: Record<string, string> = {
  liftgate: '尾板', appointment: '预约', inside_delivery: '室内送货', curbside: '路边交货', room_of_choice: '指定房间', white_glove: '白手套服务', assembly: '安装',
};
const ZH_CONSTRAINT: Record<string, string> = {
  PO_BOX: '邮政信箱地址', MILITARY: 'APO/FPO/DPO 军邮地址', BATTERY: '含锂电池', HAZMAT: '危险品', OVER_MAX_WEIGHT: '计费重量超限', OVER_MAX_SIZE: '尺寸超限',
  NOT_SERVED: '不在服务范围', RESIDENTIAL_ONLY: '仅限住宅', SERVICE_LEVEL: '时效要求', DOWN: '服务暂停', RULE: '规则限制', PICKUP_CARRIER: '自提点指定承运商', NO_PRICE: '无报价',
};
const EN_CONSTRAINT: Record<string, string> = {
  PO_BOX: 'a PO box', MILITARY: 'an APO/FPO/DPO address', BATTERY: 'lithium batteries', HAZMAT: 'dangerous goods', OVER_MAX_WEIGHT: 'its billable (actual or dimensional) weight',
  OVER_MAX_SIZE: 'its size', NOT_SERVED: 'the destination', RESIDENTIAL_ONLY: 'a business address', SERVICE_LEVEL: 'the requested service level',
  DOWN: 'services marked down', RULE: 'routing rules', PICKUP_CARRIER: "the pickup point's carrier", NO_PRICE: 'missing prices',
};

/** A surcharge's label for people, in the language: "Alaska delivery-area surcharge". */
export function surchargeLabel(code: string, label: string, lang: Lang): string {
  if (code === 'delivery_area') {
    const tier = /\(([^)]+)\)/.exec(label)?.[1] ?? '';
    if (lang === 'zh') return `${ZH_AREA[tier] ?? tier}${ZH_SURCHARGE.delivery_area}`;
    return tier && tier !== 'das' ? `${tier[0]!.toUpperCase()}${tier.slice(1)} delivery-area surcharge` : 'delivery-area surcharge';
  }
  if (lang === 'zh') return ZH_SURCHARGE[code] ?? label;
  return `${label} surcharge`;
}

type Arg = Reason['args'][string] | undefined;
const list = (xs: readonly string[], lang: Lang) => (lang === 'zh' ? xs.join('、') : xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const m = (v: Arg, lang: Lang) => formatMoney(v as Money, lang);
const s = (v: Arg) => String(v ?? '');

/** One reason as a clause in the language (no final full stop). */
export function renderReason(r: Reason, lang: Lang): string {
  const a = r.args;
  const zh = lang === 'zh';
  switch (r.code) {
    case 'OVER_PARCEL_WEIGHT':
      return zh ? `有一件 ${formatNumber(a.weight_lb as number)} lb 的货物超过包裹上限 ${a.limit_lb} lb，改用卡车` : `a ${formatNumber(a.weight_lb as number)} lb package is over the ${a.limit_lb} lb parcel limit, so it goes by truck`;
    case 'OVER_PARCEL_SIZE':
      return zh ? `${s(a.package)} 的货物超过包裹尺寸上限（最长 ${a.max_length_in} in，长+周长 ${a.max_length_plus_girth_in} in），改用卡车` : `the ${s(a.package)} package is over parcel size limits (${a.max_length_in} in long, ${a.max_length_plus_girth_in} in length plus girth), so it goes by truck`;
    case 'CUSTOMER_CHOSE_PICKUP':
      return zh ? `客户选择了自提点 ${s(a.point)}（${a.distance_km} km），所有包裹都能放进它的格口` : `the customer chose pickup point ${s(a.point)} (${a.distance_km} km away) and every package fits its compartments`;
    case 'CUSTOMER_CHOSE_TRUCK':
      return zh ? '客户预约了卡车送货' : 'the customer asked for a truck delivery appointment';
    case 'CUSTOMER_CHOSE_HOME':
      return zh ? `客户选择送货上门，因此不推荐附近的 ${s(a.point)}` : `the customer asked for home delivery, so ${s(a.point)} nearby is not suggested`;
    case 'PICKUP_NOT_IN_DIRECTORY':
      return zh ? `客户选择的自提点 ${s(a.pickup_point_id)} 不在自提点目录中，改为送货上门` : `pickup point ${s(a.pickup_point_id)} the customer chose is not in the directory, so it goes to the address`;
    case 'PICKUP_DOES_NOT_FIT':
      return zh
        ? `${s(a.package)} 的包裹放不进 ${s(a.point)} 的任何格口（最大格口 ${s(a.largest)}），改为${ZH_MODE[s(a.fallback)] ?? s(a.fallback)}`
        : `the ${s(a.package)} package fits none of the compartments of ${s(a.point)} (largest ${s(a.largest)}), so it goes by ${EN_MODE[s(a.fallback)] ?? s(a.fallback)}`;
    case 'PICKUP_SIZE_UNKNOWN':
      return zh ? `包裹没有尺寸，无法确认能否放进 ${s(a.point)} 的格口，改为送货上门` : `the package has no dimensions, so it cannot be checked against the compartments of ${s(a.point)}: home delivery`;
    case 'PICKUP_CARRIER_UNAVAILABLE':
      return zh ? `${s(a.point)} 只接收 ${s(a.carrier)} 的包裹，而 ${s(a.carrier)} 不能承运此订单，改为送货上门` : `${s(a.point)} takes only ${s(a.carrier)} parcels and no ${s(a.carrier)} service can take this order, so it goes to the address`;
    case 'B2B_CONSOLIDATED':
      return zh ? `企业订单 ${a.units} 件、共 ${formatNumber(a.weight_lb as number)} lb（${a.packages} 个包装），合并为一票卡车/零担货（${a.threshold_lb} lb 起）` : `a B2B order of ${a.units} units, ${formatNumber(a.weight_lb as number)} lb in ${a.packages} ${a.packages === 1 ? 'package' : 'packages'}, consolidated as one freight shipment (from ${a.threshold_lb} lb)`;
    case 'PICKUP_RECOMMENDED':
      return zh ? `城市低货值订单，${s(a.point)}（${a.distance_km} km）的格口放得下，推荐自提` : `an urban order under the pickup value limit, and ${s(a.point)} (${a.distance_km} km away) has compartments that fit`;
    case 'NO_PICKUP_DIRECTORY':
      return zh ? '没有导入自提点目录，送货上门' : 'no pickup point directory is loaded: home delivery';
    case 'NO_PICKUP_NEARBY':
      return zh ? `${a.radius_km} km 内没有自提点，送货上门` : `no pickup point within ${a.radius_km} km: home delivery`;
    case 'NO_PICKUP_FITS':
      return zh ? `附近的自提点 ${s(a.point)} 格口放不下 ${s(a.package)} 的包裹（最大 ${s(a.largest)}），送货上门` : `the nearby pickup point ${s(a.point)} has no compartment for the ${s(a.package)} package (largest ${s(a.largest)}): home delivery`;
    case 'PICKUP_OVER_VALUE':
      return zh ? `订单金额 ${m(a.value, lang)} 超过自提推荐上限 ${m(a.limit, lang)}，送货上门` : `the order value ${m(a.value, lang)} is over the ${m(a.limit, lang)} pickup limit: home delivery`;
    case 'HOME_DELIVERY':
      return zh ? `${a.region === 'rural' ? '乡村' : a.region === 'suburban' ? '郊区' : ''}${a.address_type === 'commercial' ? '商业' : '住宅'}地址，送货上门` : `${a.region === 'rural' || a.region === 'suburban' ? `${s(a.region)} ` : ''}${s(a.address_type)} address: home delivery`;
    case 'RULE_FORCES_MODE':
      return zh ? `规则 ${s(a.rule)} 指定${ZH_MODE[s(a.mode)]}` : `rule ${s(a.rule)} asks for ${EN_MODE[s(a.mode)]}`;
    case 'RULE_MODE_NOT_APPLIED':
      return zh ? `规则 ${s(a.rule)} 要求${ZH_MODE[s(a.mode)]}，但${a.because === 'customer_choice' ? '客户已明确选择' : a.because === 'oversize' ? '包裹超过包裹上限' : '没有放得下的自提点'}，未采用` : `rule ${s(a.rule)} asks for ${EN_MODE[s(a.mode)]}, not applied: ${a.because === 'customer_choice' ? 'the customer chose otherwise' : a.because === 'oversize' ? 'a package is over parcel limits' : 'no pickup point fits'}`;
    case 'TRUCK_ACCESSORIALS':
      return zh ? `卡车附加服务：${(a.accessorials as string[]).map((x) => ZH_ACCESSORIAL[x] ?? x).join('、')}${a.residential ? '（住宅地址）' : ''}` : `truck accessorials: ${list((a.accessorials as string[]).map((x) => x.replace(/_/g, ' ')), 'en')}${a.residential ? ' (a residence)' : ''}`;
    case 'CONSTRAINT': {
      const services = a.services as string[];
      const allowed = (a.allowed as string[] | undefined) ?? [];
      const c = s(a.constraint);
      if ((c === 'PO_BOX' || c === 'MILITARY') && allowed.length) {
        return zh ? `${ZH_CONSTRAINT[c]}：只有 ${list(allowed, lang)} 可以投递` : `${EN_CONSTRAINT[c]}: only ${list(allowed, lang)} ${allowed.length === 1 ? 'delivers' : 'deliver'} there`;
      }
      if (c === 'SERVICE_LEVEL') {
        return zh ? `「${ZH_LEVEL[s(a.level)] ?? s(a.level)}」时效排除了 ${services.length} 个较慢的服务` : `the ${s(a.level)} service level rules out ${services.length} slower ${services.length === 1 ? 'service' : 'services'}`;
      }
      const shown = services.length > 3 ? [...services.slice(0, 2), zh ? `另外 ${services.length - 2} 个服务` : `${services.length - 2} other services`] : services;
      return zh ? `因${ZH_CONSTRAINT[c] ?? c}排除了 ${list(shown, lang)}` : `${list(shown, lang)} ${services.length === 1 ? 'was' : 'were'} ruled out by ${EN_CONSTRAINT[c] ?? c}`;
    }
    case 'CHEAPEST': {
      const extra = a.surcharge_label ? (zh ? `，后者加收 ${m(a.surcharge, lang)} ${surchargeLabel(s(a.surcharge_code), s(a.surcharge_label), 'zh')}` : `, which adds a ${m(a.surcharge, lang)} ${surchargeLabel(s(a.surcharge_code), s(a.surcharge_label), 'en')}`) : '';
      return zh ? `比 ${s(a.runner_up)} 便宜 ${m(a.difference, lang)}${extra}` : `${m(a.difference, lang)} cheaper than ${s(a.runner_up)}${extra}`;
    }
    case 'LOWER_RISK':
      return zh ? `比 ${s(a.runner_up)} 贵 ${m(a.difference, lang)}，但${a.factor === 'late' ? '更可能准时送达' : a.factor === 'fail' ? '首次投递失败率更低' : '丢失风险更低'}（预期成本低 ${m(a.saving, lang)}）` : `${m(a.difference, lang)} more than ${s(a.runner_up)} but ${a.factor === 'late' ? 'more likely on time' : a.factor === 'fail' ? 'fewer failed first attempts' : 'less likely lost'} (expected cost ${m(a.saving, lang)} lower)`;
    case 'PREFERRED_BY_RULE':
      return zh ? `规则 ${s(a.rule)} 优先此服务（加分 ${m(a.bonus, lang)}）` : `preferred by rule ${s(a.rule)} (a ${m(a.bonus, lang)} bonus)`;
    case 'PILOT':
      return zh ? `试点 ${s(a.pilot)}：${a.share_percent}% 的可承运订单交给此服务` : `pilot ${s(a.pilot)}: ${a.share_percent} % of eligible orders go to this service`;
    case 'ONLY_OPTION':
      if (a.level) return zh ? `唯一能满足「${ZH_LEVEL[s(a.level)] ?? s(a.level)}」时效的服务` : `the only service that meets the ${s(a.level)} service level`;
      return zh ? '唯一可用的服务' : 'the only service that can take it';
    case 'ARRIVES': {
      // Only a likely miss is worth the sentence; a 30 % tail risk is in the candidate's risks.
      const late = a.late_label === 'likely_late' ? (zh ? '，很可能晚于承诺' : ', likely late') : '';
      return zh ? `预计${formatDate(s(a.expected), lang)}送达${late}（承诺${formatDate(s(a.promise_by), lang)}前）` : `arrives ${formatDate(s(a.expected), lang)}${late} (promise ${formatDate(s(a.promise_by), lang)})`;
    }
    case 'SERVICE_LEVEL_UNMET':
      return zh ? `没有服务能满足「${ZH_LEVEL[s(a.level)] ?? s(a.level)}」时效（${a.days} 个工作日内）：最快的是 ${s(a.fastest)}，预计 ${formatDate(s(a.fastest_expected), lang)}；订单等待处理` : `no service can meet the ${s(a.level)} service level (${a.days} business ${a.days === 1 ? 'day' : 'days'}): the fastest, ${s(a.fastest)}, arrives ${formatDate(s(a.fastest_expected), lang)}; the order waits`;
    case 'SERVICE_LEVEL_EXCEPTION':
      return zh ? `例外：没有服务能满足「${ZH_LEVEL[s(a.level)] ?? s(a.level)}」时效，按租户策略改发最快的服务` : `exception: no service meets the ${s(a.level)} service level, so the fastest ships (tenant policy)`;
    case 'NO_SERVICE':
      return zh ? '没有服务能承运此订单' : 'no service can take this order';
    case 'LIVE_PRICES':
      return zh ? `${list(a.carriers as string[], lang)} 的价格为承运商实时报价` : `${list(a.carriers as string[], lang)} prices are the ${(a.carriers as string[]).length === 1 ? "carrier's" : "carriers'"} own live rates`;
    case 'CARD_PRICES_FALLBACK': {
      const who = list(a.carriers as string[], lang);
      const why = s(a.why);
      if (zh) return `${who} ${why === 'timeout' ? '未及时返回报价' : why === 'refused' ? '拒绝了报价请求' : '暂时无法连接'}，按费率卡计价`;
      return `${who} ${why === 'timeout' ? 'did not answer in time' : why === 'refused' ? 'refused the rate request' : 'could not be reached'}, so ${(a.carriers as string[]).length === 1 ? 'its' : 'their'} prices come from rate cards`;
    }
  }
}

const ZH_LEVEL: Record<string, string> = { overnight: '次日达', expedited: '加急', standard: '标准', economy: '经济' };

/**
 * The one or two sentences a seller reads: the service, its price and why (against the
 * runner-up), when it arrives; then the mode and any hard constraint or exception.
 */
export function sentence(d: { chosenName: string | null; price: Money | null; reasons: readonly Reason[] }, lang: Lang): string {
  const zh = lang === 'zh';
  const choice: string[] = [];
  const arrives: string[] = [];
  const second: string[] = [];
  const waiting: string[] = [];
  for (const r of d.reasons) {
    if (CHOICE.has(r.code)) choice.push(renderReason(r, lang));
    else if (r.code === 'ARRIVES') arrives.push(renderReason(r, lang));
    else if (SECOND.has(r.code)) second.push(renderReason(r, lang));
    else if (r.code === 'SERVICE_LEVEL_UNMET' || r.code === 'NO_SERVICE') waiting.push(renderReason(r, lang));
  }
  const sep = zh ? '；' : '; ';
  const stop = zh ? '。' : '.';
  let out: string;
  if (d.chosenName && d.price) out = `${d.chosenName}${zh ? '，' : ', '}${formatMoney(d.price, lang)}${choice.length || arrives.length ? (zh ? '：' : ': ') : ''}${[...choice, ...arrives].join(sep)}${stop}`;
  else out = capital(waiting.join(sep) || renderReason({ code: 'NO_SERVICE', args: {} }, lang), zh) + stop;
  if (second.length) out += (zh ? '' : ' ') + capital(second.join(sep), zh) + stop;
  return out;
}

const CHOICE: ReadonlySet<ReasonCode> = new Set(['CHEAPEST', 'LOWER_RISK', 'PREFERRED_BY_RULE', 'PILOT', 'ONLY_OPTION']);
/** The second sentence: how it goes (mode), the hard constraints that narrowed it, exceptions. Mode reasons come first in the list. */
const SECOND: ReadonlySet<ReasonCode> = new Set([
  'OVER_PARCEL_WEIGHT', 'OVER_PARCEL_SIZE', 'CUSTOMER_CHOSE_PICKUP', 'CUSTOMER_CHOSE_TRUCK', 'CUSTOMER_CHOSE_HOME', 'PICKUP_NOT_IN_DIRECTORY', 'PICKUP_DOES_NOT_FIT',
  'PICKUP_SIZE_UNKNOWN', 'PICKUP_CARRIER_UNAVAILABLE', 'B2B_CONSOLIDATED', 'PICKUP_RECOMMENDED', 'NO_PICKUP_FITS', 'RULE_FORCES_MODE', 'RULE_MODE_NOT_APPLIED',
  'TRUCK_ACCESSORIALS', 'CONSTRAINT', 'SERVICE_LEVEL_EXCEPTION', 'LIVE_PRICES', 'CARD_PRICES_FALLBACK',
]);

function capital(x: string, zh: boolean): string {
  return zh ? x : x.charAt(0).toUpperCase() + x.slice(1);
}
