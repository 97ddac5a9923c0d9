import { Card, Table, Text, Title, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A settings-style section: a card with its heading, a line saying what it is for, and its content. */
export function Section({ title, hint, children, extra }: { title: string; hint?: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">{title}</Title>
      {extra}
      {hint && <Text size="sm" c="dimmed" mb="sm">{hint}</Text>}
      {children}
    </Card>
  );
}

/** A short list as a table (no paging: see DataTable): its caption for screen readers, column headers, the rows given. */
export function ListTable({ caption, headers, children, testId, ...rest }: { caption: string; headers: string[]; children: ReactNode; testId?: string } & Omit<TableProps, 'children'>) {
  return (
    <Table verticalSpacing="xs" data-testid={testId} {...rest}>
      <caption style={{ position: 'absolute', left: -10000 }}>{caption}</caption>
      <Table.Thead><Table.Tr>{headers.map((h) => <Table.Th scope="col" key={h}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}
