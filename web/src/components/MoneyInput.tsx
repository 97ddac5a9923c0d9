import { NumberInput } from '@mantine/core';
import { useSession } from '../api/session';
import { currencyDigits, toMajor, toMinor } from '../format';

type Money = { amount: number; currency: string };

/**
 * Money typed in major units ("0.85") and kept as integer minor units with its currency: the
 * value's own, else `currency`, else the tenant's. The label says the currency. An emptied field
 * is null. (A bare number, the form old rule sets were saved in, is read as USD minor units.)
 */
export function MoneyInput({ label, value, onChange, currency, w = 140, size }: {
  label: string; value: Money | number | null | undefined; onChange: (m: Money | null) => void; currency?: string | undefined; w?: number; size?: 'xs' | 'sm';
}) {
  const tenant = useSession().data?.tenant.currency ?? 'USD';
  const m = typeof value === 'number' ? { amount: value, currency: 'USD' } : value ?? null;
  const cur = m?.currency ?? currency ?? tenant;
  return (
    <NumberInput label={`${label} (${cur})`} w={w} size={size ?? "sm"} min={0} decimalScale={currencyDigits(cur)} hideControls value={m ? toMajor(m) : ''}
      onChange={(v) => onChange(v === '' || v === undefined ? null : { amount: toMinor(Number(v), cur), currency: cur })} />
  );
}
