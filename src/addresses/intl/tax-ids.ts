/**
 * Importer identifiers that customs ask for on the label or invoice (DOMAIN.md, "Importer /
 * consignee identifiers"). Each kind checks the format and, where the scheme has one, the check
 * digits.
 */
export interface TaxIdKind {
  name: string;
  test(digitsOrText: string): boolean;
}

const digits = (s: string) => s.replace(/[\s.\-/]/g, '');

/** Brazil CPF: 11 digits, two mod-11 check digits; all-same-digit numbers are invalid. */
export function isCpf(value: string): boolean {
  const d = digits(value);
  if (!/^\d{11}$/.test(d) || /^(\d)\1{10}$/.test(d)) return false;
  const check = (len: number) => {
    let sum = 0;
    for (let i = 0; i < len; i++) sum += Number(d[i]) * (len + 1 - i);
    const r = (sum * 10) % 11;
    return r === 10 ? 0 : r;
  };
  return check(9) === Number(d[9]) && check(10) === Number(d[10]);
}

/** Brazil CNPJ: 14 digits, two weighted mod-11 check digits. */
export function isCnpj(value: string): boolean {
  const d = digits(value);
  if (!/^\d{14}$/.test(d) || /^(\d)\1{13}$/.test(d)) return false;
  const check = (len: number) => {
    const weights = len === 12 ? [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2] : [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const sum = weights.reduce((s, w, i) => s + w * Number(d[i]), 0);
    const r = sum % 11;
    return r < 2 ? 0 : 11 - r;
  };
  return check(12) === Number(d[12]) && check(13) === Number(d[13]);
}

/** Chile RUT: body digits and a mod-11 check character (0-9 or K). */
export function isRut(value: string): boolean {
  const m = /^(\d{7,8})([\dK])$/.exec(digits(value).toUpperCase());
  if (!m) return false;
  let sum = 0;
  let mul = 2;
  for (let i = m[1]!.length - 1; i >= 0; i--) {
    sum += Number(m[1]![i]) * mul;
    mul = mul === 7 ? 2 : mul + 1;
  }
  const r = 11 - (sum % 11);
  const expected = r === 11 ? '0' : r === 10 ? 'K' : String(r);
  return expected === m[2];
}

/** China resident identity card: 17 digits and an ISO 7064 MOD 11-2 check character. */
export function isChinaResidentId(value: string): boolean {
  const d = digits(value).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(d)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(d[i]), 0);
  return '10X98765432'[sum % 11] === d[17];
}

export const TAX_ID_KINDS: Record<string, TaxIdKind[]> = {
  BR: [
    { name: 'CPF', test: isCpf },
    { name: 'CNPJ', test: isCnpj },
  ],
  ID: [
    { name: 'NIK', test: (v) => /^\d{16}$/.test(digits(v)) },
    { name: 'NPWP', test: (v) => /^\d{15,16}$/.test(digits(v)) },
  ],
  // PCCC: P followed by 12 digits. DOMAIN.md marks the format as uncertain.
  KR: [{ name: 'PCCC', test: (v) => /^P\d{12}$/i.test(digits(v)) }],
  CL: [{ name: 'RUT', test: isRut }],
  CN: [{ name: 'resident ID', test: isChinaResidentId }],
};

/** The kind a valid id matches, or undefined. */
export function matchTaxId(country: string, value: string): TaxIdKind | undefined {
  return TAX_ID_KINDS[country]?.find((k) => k.test(value));
}
