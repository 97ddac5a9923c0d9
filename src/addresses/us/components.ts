/**
 * A US address split into its Publication 28 components, each already in its standard form
 * (C1 suffix, C2 designator, one-letter directionals, two-letter state).
 */
export interface UsComponents {
  /** Words before the address proper: a person, a firm, "C/O …". */
  recipient: string | null;
  number: string | null;
  predirectional: string | null;
  street_name: string | null;
  suffix: string | null;
  postdirectional: string | null;
  unit_type: string | null;
  unit_number: string | null;
  /** Secondary designators beyond the first, such as BLDG 1 in "BLDG 1 STE 100". */
  extra_units: string[];
  /** Words that are neither street, unit nor city (a building or landmark name). */
  building: string | null;
  po_box: string | null;
  /** "RR 2", "HC 68". */
  rural_route: string | null;
  /** The box of a rural route or military address. */
  box: string | null;
  /** "PSC 1234", "CMR 450", "UNIT 2050". */
  military: string | null;
  /** GENERAL DELIVERY: held at the post office for the addressee to collect (Publication 28). */
  general_delivery: boolean;
  /** The second street of an intersection ("MAIN ST & 1ST AVE"). */
  cross_street: string | null;
  city: string | null;
  state: string | null;
  zip5: string | null;
  zip4: string | null;
}

export const emptyComponents = (): UsComponents => ({
  recipient: null,
  number: null,
  predirectional: null,
  street_name: null,
  suffix: null,
  postdirectional: null,
  unit_type: null,
  unit_number: null,
  extra_units: [],
  building: null,
  po_box: null,
  rural_route: null,
  box: null,
  military: null,
  general_delivery: false,
  cross_street: null,
  city: null,
  state: null,
  zip5: null,
  zip4: null,
});

/** Designators that hold other units (a building, a private mailbox): not the unit while a more specific one is given. */
const OUTER_UNITS = new Set(['BLDG', 'PMB']);

/**
 * Which of several units, each [designator, identifier] in the order written, is the address's
 * unit; the others go to `extra_units`. The last one, but not a building or PMB while another
 * is given, nor a designator without its number (REAR) after one with it ("2ND FLOOR REAR").
 */
export function mainUnitIndex(units: readonly (readonly (string | null | undefined)[])[]): number {
  let pick = units.length - 1;
  while (pick > 0 && OUTER_UNITS.has(units[pick]![0] ?? '')) pick--;
  if (pick > 0 && !units[pick]![1]) {
    for (let k = pick - 1; k >= 0; k--) if (units[k]![1] && !OUTER_UNITS.has(units[k]![0] ?? '')) return k;
  }
  return pick;
}

/** Words that are no part of the address (a remark, a building, a firm after the ZIP), kept on line 2. */
export function keepAside(c: UsComponents, words: string | null): void {
  if (words) c.building = c.building ? `${c.building} ${words}` : words;
}

const join = (...parts: (string | null)[]) => parts.filter((p): p is string => !!p).join(' ');

/** The delivery address line as USPS prints it ("123 N MAIN ST APT 4B", "PO BOX 12"). */
export function deliveryLine(c: UsComponents): string {
  const street = c.street_name
    ? join(c.number, c.predirectional, c.street_name, c.suffix, c.postdirectional, c.cross_street && !c.number ? `& ${c.cross_street}` : null)
    : null;
  const unit = c.unit_type ? join(c.unit_type, c.unit_number) : null;
  if (c.military) return join(c.military, c.box ? `BOX ${c.box}` : null);
  if (street) return join(street, unit);
  if (c.rural_route) return join(c.rural_route, c.box ? `BOX ${c.box}` : null, unit);
  if (c.po_box) return `PO BOX ${c.po_box}`;
  if (c.general_delivery) return 'GENERAL DELIVERY';
  return join(c.number, unit);
}

/** A second line when the first cannot hold everything (extra units; a numbered address's corner; a PO box or rural route box beside a street; a PO box's unit). */
export function secondLine(c: UsComponents): string | null {
  const parts = [...c.extra_units];
  // "1601 JUMER DR AT VETERANS PKWY": a numbered address's corner helps the driver find it.
  if (c.cross_street && c.number && c.street_name) parts.push(`AT ${c.cross_street}`);
  if (c.rural_route && c.street_name) parts.push(join(c.rural_route, c.box ? `BOX ${c.box}` : null));
  if (c.po_box && (c.street_name || c.rural_route || c.military)) parts.push(`PO BOX ${c.po_box}`);
  // "PO BOX 4869 DEPT 541", "DRAWER 368 PO BOX 11407": the box's own unit, which the line above
  // does not print, sorts the mail inside the box holder's mailroom.
  else if (c.po_box && !c.number && c.unit_type) parts.unshift(join(c.unit_type, c.unit_number));
  return parts.length ? parts.join(' ') : null;
}

/** "WASHINGTON DC 20500-0003". */
export function lastLine(c: UsComponents): string {
  return join(c.city, c.state, c.zip5 ? (c.zip4 ? `${c.zip5}-${c.zip4}` : c.zip5) : null);
}
