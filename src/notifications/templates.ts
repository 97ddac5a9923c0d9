import type { PageLanguage } from '../tracking/page.js';

export const NOTIFICATION_KINDS = ['shipped', 'out_for_delivery', 'delivered', 'problem'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface TemplateVars {
  brand: string;
  tracking_number: string;
  carrier: string;
  url: string;
  expected: string | null;
}

type Template = { subject: string; body: string; expected: string };

/** The four customer messages in each language; `{name}` placeholders, `{expected_line}` only when a date is known. */
const TEMPLATES: Record<PageLanguage, Record<NotificationKind, Template>> = {
  en: {
    shipped: { subject: '{brand}: your order is on its way', body: 'Your parcel {tracking_number} has left with {carrier}.{expected_line}\nTrack it: {url}', expected: ' Expected delivery: {expected}.' },
    out_for_delivery: { subject: '{brand}: arriving today', body: 'Your parcel {tracking_number} is out for delivery today.\nTrack it: {url}', expected: '' },
    delivered: { subject: '{brand}: delivered', body: 'Your parcel {tracking_number} has been delivered.\nDetails: {url}', expected: '' },
    problem: { subject: '{brand}: a problem with your delivery', body: 'There is a problem delivering your parcel {tracking_number}. We are on it and will keep you posted.\nTrack it: {url}', expected: '' },
  },
  zh: {
    shipped: { subject: '{brand}：您的订单已发货', body: '您的包裹 {tracking_number} 已由 {carrier} 揽收。{expected_line}\n查看物流：{url}', expected: '预计送达：{expected}。' },
    out_for_delivery: { subject: '{brand}：包裹今日派送', body: '您的包裹 {tracking_number} 今天正在派送中。\n查看物流：{url}', expected: '' },
    delivered: { subject: '{brand}：包裹已送达', body: '您的包裹 {tracking_number} 已送达。\n详情：{url}', expected: '' },
    problem: { subject: '{brand}：您的包裹配送遇到问题', body: '您的包裹 {tracking_number} 配送遇到问题，我们正在处理，会及时通知您。\n查看物流：{url}', expected: '' },
  },
  es: {
    shipped: { subject: '{brand}: tu pedido está en camino', body: 'Tu paquete {tracking_number} ya salió con {carrier}.{expected_line}\nSíguelo: {url}', expected: ' Entrega prevista: {expected}.' },
    out_for_delivery: { subject: '{brand}: llega hoy', body: 'Tu paquete {tracking_number} está en reparto hoy.\nSíguelo: {url}', expected: '' },
    delivered: { subject: '{brand}: entregado', body: 'Tu paquete {tracking_number} ha sido entregado.\nDetalles: {url}', expected: '' },
    problem: { subject: '{brand}: un problema con tu entrega', body: 'Hay un problema con la entrega de tu paquete {tracking_number}. Lo estamos resolviendo y te mantendremos informado.\nSíguelo: {url}', expected: '' },
  },
  th: {
    shipped: { subject: '{brand}: คำสั่งซื้อของคุณจัดส่งแล้ว', body: 'พัสดุ {tracking_number} ของคุณส่งออกกับ {carrier} แล้ว{expected_line}\nติดตามพัสดุ: {url}', expected: ' กำหนดส่ง: {expected}' },
    out_for_delivery: { subject: '{brand}: พัสดุจะถึงวันนี้', body: 'พัสดุ {tracking_number} ของคุณกำลังนำจ่ายวันนี้\nติดตามพัสดุ: {url}', expected: '' },
    delivered: { subject: '{brand}: จัดส่งสำเร็จ', body: 'พัสดุ {tracking_number} ของคุณจัดส่งเรียบร้อยแล้ว\nรายละเอียด: {url}', expected: '' },
    problem: { subject: '{brand}: มีปัญหาในการจัดส่ง', body: 'การจัดส่งพัสดุ {tracking_number} ของคุณมีปัญหา เรากำลังดำเนินการและจะแจ้งให้ทราบ\nติดตามพัสดุ: {url}', expected: '' },
  },
  vi: {
    shipped: { subject: '{brand}: đơn hàng của bạn đang trên đường giao', body: 'Bưu kiện {tracking_number} của bạn đã được giao cho {carrier}.{expected_line}\nTheo dõi: {url}', expected: ' Dự kiến giao: {expected}.' },
    out_for_delivery: { subject: '{brand}: giao hàng hôm nay', body: 'Bưu kiện {tracking_number} của bạn đang được giao hôm nay.\nTheo dõi: {url}', expected: '' },
    delivered: { subject: '{brand}: đã giao hàng', body: 'Bưu kiện {tracking_number} của bạn đã được giao.\nChi tiết: {url}', expected: '' },
    problem: { subject: '{brand}: sự cố khi giao hàng', body: 'Có sự cố khi giao bưu kiện {tracking_number} của bạn. Chúng tôi đang xử lý và sẽ thông báo cho bạn.\nTheo dõi: {url}', expected: '' },
  },
};

const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '');

export function renderNotification(kind: NotificationKind, lang: PageLanguage, v: TemplateVars): { subject: string; body: string } {
  const t = TEMPLATES[lang][kind];
  const vars = { brand: v.brand, tracking_number: v.tracking_number, carrier: v.carrier.toUpperCase(), url: v.url, expected: v.expected ?? '' };
  const expectedLine = v.expected ? fill(t.expected, vars) : '';
  return { subject: fill(t.subject, vars), body: fill(t.body, { ...vars, expected_line: expectedLine }) };
}

/** The customer's language from the destination country (tenants can force one). */
export function languageForCountry(country: string): PageLanguage {
  if (['CN', 'TW', 'HK', 'MO'].includes(country)) return 'zh';
  if (['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY', 'PR'].includes(country)) return 'es';
  if (country === 'TH') return 'th';
  if (country === 'VN') return 'vi';
  return 'en';
}
