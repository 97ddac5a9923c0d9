import { addressLines, bannerText, NO_POSTAGE_BANNER, needsPostageNotice, SAMPLE_BANNER, trackingBarcode, twoDPayload, weightText, type LabelData } from './label-data.js';

/** 4 x 6 inch at 203 dpi. */
const W = 812;
const H = 1218;

/**
 * ZPL field data: `^FH_` lets us write the characters ZPL reserves (`^`, `~`, `_`) as hex.
 * Text is UTF-8 (`^CI28`); names outside Latin need a Unicode font on the printer (docs/shipments.md).
 */
function fd(s: string): string {
  return `^FH_^FD${s.replace(/[_^~]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/[\r\n]+/g, ' ')}^FS`;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One label as ZPL II; several labels are simply concatenated. */
export function renderLabelZpl(l: LabelData): string {
  const z: string[] = ['^XA', '^CI28', `^PW${W}`, `^LL${H}`, '^LH0,0', '^FO10,10^GB792,1198,4^FS'];
  z.push(`^FO28,24^A0N,20,20${fd('FROM')}`);
  let y = 48;
  for (const line of addressLines(l.from).slice(0, 5)) {
    z.push(`^FO28,${y}^A0N,22,22${fd(clip(line, 40))}`);
    y += 25;
  }
  z.push(`^FO520,24^FB264,1,0,R^A0N,22,22${fd(l.shipDate)}`);
  z.push(`^FO520,52^FB264,1,0,R^A0N,30,30${fd(weightText(l.weight))}`);
  z.push(`^FO520,88^FB264,1,0,R^A0N,22,22${fd(`PKG ${l.packageIndex} OF ${l.packageCount}`)}`);
  // Service banner, white on black.
  z.push('^FO10,175^GB792,85,85^FS');
  z.push(`^FO10,198^FB792,1,0,C^A0N,46,46^FR${fd(clip(bannerText(l), 30))}`);
  z.push(`^FO28,280^A0N,22,22${fd('SHIP TO')}`);
  y = 312;
  for (const line of addressLines(l.to).slice(0, 6)) {
    z.push(`^FO50,${y}^A0N,36,36${fd(clip(line, 38))}`);
    y += 40;
  }
  // Data Matrix (module 6 dots) and reference.
  z.push(`^FO34,600^BXN,6,200${fd(twoDPayload(l))}`);
  z.push(`^FO260,610^A0N,22,22${fd('REF')}`);
  z.push(`^FO260,640^A0N,32,32${fd(clip(l.reference, 28))}`);
  if (l.sample || needsPostageNotice(l)) {
    z.push('^FO250,690^GB530,80,4^FS');
    z.push(`^FO250,714^FB530,1,0,C^A0N,${l.sample ? 34 : 24},${l.sample ? 34 : 24}${fd(l.sample ? SAMPLE_BANNER : NO_POSTAGE_BANNER)}`);
  }
  // Tracking barcode: Code 128 with automatic subsets (mode A), or the IMpb as GS1-128 (mode D:
  // the bracketed application identifiers are read, not printed); human-readable line below.
  const bc = trackingBarcode(l);
  z.push('^FO10,830^GB792,3,3^FS');
  z.push(`^FO28,845^A0N,22,22${fd(l.carrier === 'usps' ? 'USPS TRACKING #' : 'TRACKING #')}`);
  z.push(bc.kind === 'gs1-128' ? `^FO40,885^BY2,3,220^BCN,220,N,N,N,D${fd(bc.text)}` : `^FO60,885^BY3,3,220^BCN,220,N,N,N,A${fd(bc.text)}`);
  z.push(`^FO10,1125^FB792,1,0,C^A0N,40,40${fd(l.trackingNumber.replace(/(.{4})(?=.)/g, '$1 '))}`);
  z.push('^PQ1', '^XZ');
  return z.join('\n');
}

export function renderLabelsZpl(labels: readonly LabelData[]): string {
  return labels.map(renderLabelZpl).join('\n');
}
