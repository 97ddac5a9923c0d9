import '@mantine/charts/styles.css';
import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A chart with its title, as an image with a label for screen readers (the numbers are also in
 * a table on the page or in the label), and an empty state instead of empty axes.
 */
export function ChartCard({ title, label, empty, isEmpty, children }: { title: string; label: string; empty: string; isEmpty: boolean; children: ReactNode }) {
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">{title}</Title>
      {isEmpty ? <Text c="dimmed" size="sm">{empty}</Text> : <div role="img" aria-label={label}>{children}</div>}
    </Card>
  );
}
