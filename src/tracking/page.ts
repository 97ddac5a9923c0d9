import type { TrackingStatus } from './taxonomy.js';

export const PAGE_LANGUAGES = ['en', 'zh', 'es', 'th', 'vi'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const T: Record<PageLanguage, { title: string; expected: string; delivered: string; noEvents: string; notFound: string; notFoundHint: string; statuses: Record<TrackingStatus, string> }> = {
  en: {
    title: 'Track your parcel', expected: 'Expected delivery', delivered: 'Delivered', noEvents: 'No scans yet: the carrier has not picked up the parcel.',
    notFound: 'We could not find this tracking number', notFoundHint: 'Check the number in your shipping e-mail; a new label can take a few hours to appear.',
    statuses: { pending: 'Pending', info_received: 'Label created', in_transit: 'In transit', out_for_delivery: 'Out for delivery', attempt_failed: 'Delivery attempted', available_for_pickup: 'Ready for pickup', delivered: 'Delivered', exception: 'Delivery problem', returning: 'Returning to sender', returned: 'Returned to sender', expired: 'No longer tracked' },
  },
  zh: {
    title: '追踪您的包裹', expected: '预计送达', delivered: '已送达', noEvents: '暂无扫描记录：承运商尚未揽收包裹。',
    notFound: '未找到该运单号', notFoundHint: '请核对发货邮件中的运单号；新运单可能需要几个小时才能查询到。',
    statuses: { pending: '待处理', info_received: '已创建运单', in_transit: '运输中', out_for_delivery: '派送中', attempt_failed: '派送未成功', available_for_pickup: '待取件', delivered: '已送达', exception: '配送异常', returning: '正在退回发件人', returned: '已退回发件人', expired: '已停止追踪' },
  },
  es: {
    title: 'Sigue tu paquete', expected: 'Entrega prevista', delivered: 'Entregado', noEvents: 'Aún no hay escaneos: el transportista no ha recogido el paquete.',
    notFound: 'No encontramos este número de seguimiento', notFoundHint: 'Revisa el número en el correo de envío; una etiqueta nueva puede tardar unas horas en aparecer.',
    statuses: { pending: 'Pendiente', info_received: 'Etiqueta creada', in_transit: 'En tránsito', out_for_delivery: 'En reparto', attempt_failed: 'Intento de entrega', available_for_pickup: 'Listo para recoger', delivered: 'Entregado', exception: 'Incidencia en la entrega', returning: 'Volviendo al remitente', returned: 'Devuelto al remitente', expired: 'Seguimiento finalizado' },
  },
  th: {
    title: 'ติดตามพัสดุของคุณ', expected: 'กำหนดส่ง', delivered: 'จัดส่งแล้ว', noEvents: 'ยังไม่มีการสแกน: ผู้ขนส่งยังไม่ได้รับพัสดุ',
    notFound: 'ไม่พบหมายเลขติดตามพัสดุนี้', notFoundHint: 'โปรดตรวจสอบหมายเลขในอีเมลแจ้งการจัดส่ง ใบนำส่งใหม่อาจใช้เวลาสองสามชั่วโมงจึงจะแสดง',
    statuses: { pending: 'รอดำเนินการ', info_received: 'สร้างใบนำส่งแล้ว', in_transit: 'อยู่ระหว่างขนส่ง', out_for_delivery: 'กำลังนำจ่าย', attempt_failed: 'นำจ่ายไม่สำเร็จ', available_for_pickup: 'พร้อมให้รับ', delivered: 'จัดส่งแล้ว', exception: 'มีปัญหาในการจัดส่ง', returning: 'กำลังตีกลับผู้ส่ง', returned: 'ตีกลับผู้ส่งแล้ว', expired: 'สิ้นสุดการติดตาม' },
  },
  vi: {
    title: 'Theo dõi bưu kiện', expected: 'Dự kiến giao', delivered: 'Đã giao', noEvents: 'Chưa có lần quét nào: hãng vận chuyển chưa nhận bưu kiện.',
    notFound: 'Không tìm thấy mã vận đơn này', notFoundHint: 'Hãy kiểm tra mã trong email giao hàng; vận đơn mới có thể mất vài giờ mới hiển thị.',
    statuses: { pending: 'Đang chờ', info_received: 'Đã tạo vận đơn', in_transit: 'Đang vận chuyển', out_for_delivery: 'Đang giao hàng', attempt_failed: 'Giao không thành công', available_for_pickup: 'Sẵn sàng để nhận', delivered: 'Đã giao', exception: 'Sự cố giao hàng', returning: 'Đang hoàn về người gửi', returned: 'Đã hoàn về người gửi', expired: 'Ngừng theo dõi' },
  },
};

/** `?lang=`, else the first Accept-Language we speak, else English. */
export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined): PageLanguage {
  const wanted = [query, ...(acceptLanguage ?? '').split(',').map((p) => p.split(';')[0]!.trim())].filter(Boolean) as string[];
  for (const w of wanted) {
    const base = w.toLowerCase().split('-')[0] as PageLanguage;
    if ((PAGE_LANGUAGES as readonly string[]).includes(base)) return base;
  }
  return 'en';
}

export function statusLabel(lang: PageLanguage, s: TrackingStatus): string {
  return T[lang].statuses[s];
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface PageData {
  tracking_number: string;
  carrier: string;
  brand: string;
  status: TrackingStatus;
  expected: string | null;
  /** The last day of the promise when it is a range (no carrier estimate yet). */
  expected_latest: string | null;
  delivered_at: string | null;
  /** `time_zone`: where the parcel goes (IANA); times on the page are shown there, else in UTC. */
  destination: { city: string | null; country: string; time_zone?: string | null };
  events: { occurred_at: string; status: TrackingStatus | null; description: string; location: string | null }[];
}

const STYLE = `body{font-family:system-ui,"Noto Sans","Noto Sans Thai","Noto Sans CJK SC",sans-serif;margin:0;background:#f6f7f9;color:#111}
main{max-width:640px;margin:0 auto;padding:20px}.muted{color:#555}`;

/** The page for a number nobody shipped (or not yet): 404, in the customer's language, no other data. */
export function trackingNotFoundHtml(trackingNumber: string, lang: PageLanguage): string {
  const t = T[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(t.title)}</title><style>${STYLE}h1{font-size:22px}</style></head>
<body><main><p class="muted">${esc(t.title)}</p><h1>${esc(t.notFound)}</h1><p><code>${esc(trackingNumber.slice(0, 64))}</code></p><p class="muted">${esc(t.notFoundHint)}</p></main></body></html>`;
}

/** The public tracking page: the brand, the status, the expected date and the scans (in the destination's time zone). */
export function trackingPageHtml(d: PageData, lang: PageLanguage, brand: { name?: string | undefined; color?: string | undefined } = {}): string {
  const t = T[lang];
  const color = brand.color && /^#[0-9a-fA-F]{6}$/.test(brand.color) ? brand.color : '#1f4fd1';
  const fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : lang, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: d.destination.time_zone ?? 'UTC', timeZoneName: 'short' });
  const when = (iso: string) => fmt.format(new Date(iso));
  const rows = d.events
    .map((e) => `<li><time datetime="${esc(e.occurred_at)}">${esc(when(e.occurred_at))}</time><strong>${esc(e.status ? statusLabel(lang, e.status) : e.description)}</strong><span>${esc(e.description)}${e.location ? ` · ${esc(e.location)}` : ''}</span></li>`)
    .join('');
  const date = d.delivered_at ? `${t.delivered}: ${esc(when(d.delivered_at))}` : d.expected ? `${t.expected}: ${esc(d.expected)}${d.expected_latest && d.expected_latest !== d.expected ? ` – ${esc(d.expected_latest)}` : ''}` : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(brand.name ?? d.brand)} · ${esc(t.title)}</title>
<style>body{font-family:system-ui,"Noto Sans","Noto Sans Thai","Noto Sans CJK SC",sans-serif;margin:0;background:#f6f7f9;color:#111}
header{background:${color};color:#fff;padding:16px 20px;font-size:18px;font-weight:600}main{max-width:640px;margin:0 auto;padding:20px}
.status{font-size:26px;font-weight:700;margin:8px 0}.muted{color:#555}ol{list-style:none;padding:0}li{background:#fff;border-radius:8px;padding:10px 14px;margin:8px 0;display:grid;gap:2px}
time{color:#555;font-size:13px}</style></head>
<body><header>${esc(brand.name ?? d.brand)}</header><main>
<p class="muted">${esc(t.title)} · ${esc(d.carrier.toUpperCase())} ${esc(d.tracking_number)}</p>
<p class="status" data-status="${d.status}">${esc(statusLabel(lang, d.status))}</p>
<p>${date}</p>
${d.events.length ? `<ol>${rows}</ol>` : `<p class="muted">${esc(t.noEvents)}</p>`}
</main></body></html>`;
}
