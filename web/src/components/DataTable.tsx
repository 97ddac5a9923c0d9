import { Button, Checkbox, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Mantine's own class names for table rows and cells (what Table.Tr and Table.Td put on them). */
const TABLE = Table.Td.classes as Record<'tr' | 'td', string>;

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * The one table of the app: server-side pages by cursor (the API's next_cursor), an empty state,
 * and a caption for screen readers. Filters live in the page and go into the query.
 */
export function DataTable<T extends { id: string }>(p: {
  caption: string; rows: readonly T[]; columns: Column<T>[]; empty: string; nextCursor: string | null; onNext: () => void; onFirst?: (() => void) | undefined; loading?: boolean;
  /** Row selection for batch actions: the selected ids and a setter (none: no checkboxes). */
  selection?: { selected: ReadonlySet<string>; set: (next: Set<string>) => void; label: (row: T) => string } | undefined;
}) {
  const { t } = useTranslation();
  const sel = p.selection;
  const allOnPage = p.rows.length > 0 && p.rows.every((r) => sel?.selected.has(r.id));
  return (
    <>
      <Table striped highlightOnHover verticalSpacing="xs" aria-busy={p.loading ?? false}>
        <caption style={{ position: 'absolute', left: -10000 }}>{p.caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {sel && (
              <Table.Th scope="col" w={40}>
                <Checkbox aria-label={t('batch.selectAll')} checked={allOnPage} indeterminate={!allOnPage && p.rows.some((r) => sel.selected.has(r.id))}
                  onChange={() => { const n = new Set(sel.selected); for (const r of p.rows) if (allOnPage) n.delete(r.id); else n.add(r.id); sel.set(n); }} />
              </Table.Th>
            )}
            {p.columns.map((c) => <Table.Th key={c.key} scope="col">{c.header}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {/* Rows as plain elements with the table's classes, and a native checkbox: 50 rows of
              component cells made the orders page's first render the longest task of its start. */}
          {p.rows.map((r) => (
            <tr key={r.id} className={TABLE.tr} data-with-row-border data-striped="odd" data-hover>
              {sel && (
                <td className={TABLE.td}>
                  <input type="checkbox" className="lm-row-check" aria-label={t('batch.selectRow', { id: sel.label(r) })} checked={sel.selected.has(r.id)}
                    onChange={() => { const n = new Set(sel.selected); if (n.has(r.id)) n.delete(r.id); else n.add(r.id); sel.set(n); }} />
                </td>
              )}
              {p.columns.map((c) => <td key={c.key} className={TABLE.td}>{c.cell(r)}</td>)}
            </tr>
          ))}
        </Table.Tbody>
      </Table>
      {p.rows.length === 0 && !p.loading && <Text c="dimmed" py="md">{p.empty}</Text>}
      <Group justify="flex-end" mt="sm">
        {p.onFirst && <Button variant="default" size="xs" onClick={p.onFirst}>{t('orders.first')}</Button>}
        <Button variant="default" size="xs" disabled={!p.nextCursor} onClick={p.onNext}>{t('orders.next')}</Button>
      </Group>
    </>
  );
}
