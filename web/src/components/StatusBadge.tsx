import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  new: 'gray', address_review: 'orange', ready: 'blue', decided: 'indigo', fulfilling: 'violet', shipped: 'teal', delivered: 'green', cancelled: 'gray', exception: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge color={COLORS[status] ?? "gray"} variant="light" c="dark.9">{t(`orders.statuses.${status}`, status)}</Badge>;
}
