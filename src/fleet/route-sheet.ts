import type { TruckPlan } from './truck-plan.schema.js';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const time = (iso: string) => iso.slice(11, 16);

/** A printable HTML route sheet for one vehicle of a plan: the driver's list of stops. */
export function routeSheetHtml(plan: TruckPlan, vehicleId: string): string | undefined {
  const r = plan.result?.routes.find((x) => x.vehicle_id === vehicleId);
  if (!r) return undefined;
  const rows = r.stops
    .map(
      (s) => `<tr><td>${s.sequence}</td><td><b>${esc(time(s.eta))}</b></td><td>${esc(time(s.customer_window.start))}–${esc(time(s.customer_window.end))}</td>` +
        `<td>${esc(s.name)}<br><small>${esc(s.phone)}</small></td><td>${esc(s.address)}${s.location_precision === 'zip_centroid' ? '<br><small>located by ZIP only</small>' : ''}</td>` +
        `<td>${esc(s.accessorials.join(', '))}</td><td>${esc(s.weight_kg)} kg</td><td>${esc(s.service_minutes)} min</td><td>${esc(s.external_id)}</td><td class="sign"></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Route ${esc(r.vehicle_id)} ${esc(plan.date)}</title>
<style>
body{font:12px system-ui,sans-serif;margin:16px}h1{font-size:18px;margin:0 0 4px}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}th{background:#eee}.sign{width:90px}
@media print{body{margin:0}button{display:none}}
</style></head><body>
<h1>Route ${esc(r.vehicle_id)} (${esc(r.vehicle_type)}) · ${esc(plan.date)}</h1>
<p>Leave ${esc(time(r.departure))}, back ${esc(time(r.return))} · ${r.stops.length} stops · ${esc(r.distance_km)} km · ${esc(r.load.weight_kg)} kg, ${esc(r.load.volume_m3)} m³, ${esc(r.load.pallets)} pallets · plan ${esc(plan.id)}</p>
<table><thead><tr><th>#</th><th>ETA</th><th>Customer window</th><th>Customer</th><th>Address</th><th>Service</th><th>Weight</th><th>On site</th><th>Order</th><th>Signature</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<button onclick="print()">Print</button>
</body></html>
`;
}
