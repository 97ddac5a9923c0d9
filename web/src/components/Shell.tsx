import { AppShell, Button, Group, NavLink, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useLogout, useSession, useSetLocale } from '../api/session';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

/** The frame of every signed-in page: the header (language, user, sign out) and the navigation. */
export function Shell({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession().data;
  const logout = useLogout();
  const setLocale = useSetLocale();
  const { pathname } = useLocation();
  const change = (lang: string) => {
    setLanguage(lang as Language);
    // Remembered with the account too, so the next browser starts in it.
    if (session) setLocale.mutate({ userId: session.user.id, locale: lang === 'zh' ? 'zh-CN' : 'en' });
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm' }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={1} size="h4">{t('app.name')}</Title>
          <Group gap="sm">
            {/* Two plain buttons, not a segmented control: its sliding indicator measures the page's layout on every render. */}
            <div role="group" aria-label={t('app.language')}><Button.Group>
              {LANGUAGES.map((l) => (
                <Button key={l.code} size="xs" variant={i18n.language === l.code ? 'filled' : 'default'} aria-pressed={i18n.language === l.code} onClick={() => change(l.code)}>{l.label}</Button>
              ))}
            </Button.Group></div>
            {session && <Text size="sm" c="dimmed">{session.user.email}</Text>}
            <Button size="xs" variant="default" onClick={() => logout.mutate()}>{t('app.signOut')}</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="main">
        <NavLink component={Link} to="/overview" label={t('app.nav.overview')} variant="filled" active={pathname.startsWith('/overview')} />
        <NavLink component={Link} to="/orders" label={t('app.nav.orders')} variant="filled" active={pathname.startsWith('/orders') && pathname !== '/orders/import'} />
        {session?.scopes.some((s) => s === 'admin' || s === 'orders:write') && <NavLink component={Link} to="/orders/import" label={t('app.nav.import')} variant="filled" active={pathname === '/orders/import'} />}
        <NavLink component={Link} to="/shipments" label={t('app.nav.shipments')} variant="filled" active={pathname.startsWith('/shipments')} />
        <NavLink component={Link} to="/rates" label={t('app.nav.rates')} variant="filled" active={pathname.startsWith('/rates')} />
        <NavLink component={Link} to="/carriers" label={t('app.nav.carriers')} variant="filled" active={pathname.startsWith('/carriers')} />
        <NavLink component={Link} to="/rules" label={t('app.nav.rules')} variant="filled" active={pathname.startsWith('/rules')} />
        <NavLink component={Link} to="/truck-plans" label={t('app.nav.truckPlans')} variant="filled" active={pathname.startsWith('/truck-plans')} />
        <NavLink component={Link} to="/exceptions" label={t('app.nav.exceptions')} variant="filled" active={pathname.startsWith('/exceptions')} />
        <NavLink component={Link} to="/analytics" label={t('app.nav.analytics')} variant="filled" active={pathname.startsWith('/analytics')} />
        {session?.scopes.includes('admin') && <NavLink component={Link} to="/users" label={t('app.nav.users')} variant="filled" active={pathname.startsWith('/users')} />}
        {session?.scopes.includes('admin') && <NavLink component={Link} to="/settings" label={t('app.nav.settings')} variant="filled" active={pathname.startsWith('/settings')} />}
        <NavLink component={Link} to="/account" label={t('app.nav.account')} variant="filled" active={pathname.startsWith('/account')} />
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
