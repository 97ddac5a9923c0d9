import './styles';
import { Alert, Center, createTheme, Loader, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { orderQueryFromUrl, ordersQuery } from './api/orders';
import { sessionQuery, useSession } from './api/session';
import { Shell } from './components/Shell';
import { setDisplayTimeZone } from './format';
import { setLanguage } from './i18n';
import { AccountPage } from './routes/account/AccountPage';
import { ExceptionsPage } from './routes/exceptions/ExceptionsPage';
import { ImportPage } from './routes/import/ImportPage';
import { RulesPage } from './routes/rules/RulesPage';
import { LoginPage } from './routes/login/LoginPage';
import { TokenPage } from './routes/login/TokenPage';
import { UsersPage } from './routes/users/UsersPage';
import { OrderDetailPage } from './routes/orders/OrderDetailPage';
import { OrderListPage } from './routes/orders/OrderListPage';

// Pages with heavy parts (maps, charts) load when first opened, out of the initial JavaScript.
const TruckPlansPage = lazy(() => import('./routes/truck-plans/TruckPlansPage').then((m) => ({ default: m.TruckPlansPage })));
const RateCalculatorPage = lazy(() => import('./routes/rates/RateCalculatorPage').then((m) => ({ default: m.RateCalculatorPage })));
const OverviewPage = lazy(() => import('./routes/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const AnalyticsPage = lazy(() => import('./routes/analytics/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));
const ShipmentsPage = lazy(() => import('./routes/shipments/ShipmentsPage').then((m) => ({ default: m.ShipmentsPage })));
const SettingsPage = lazy(() => import('./routes/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const CarriersPage = lazy(() => import('./routes/carriers/CarriersPage').then((m) => ({ default: m.CarriersPage })));
const TruckPlanPage = lazy(() => import('./routes/truck-plans/TruckPlanPage').then((m) => ({ default: m.TruckPlanPage })));

// Contrast (WCAG AA, checked by axe-core in the browser test): the darker blue for white text on
// buttons, and a darker grey for secondary text than Mantine's default.
const theme = createTheme({
  primaryShade: { light: 8, dark: 8 },
  // Alert titles in the alert's colour on its light background fall short of 4.5:1: plain text colour.
  components: { Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }) },
});
const cssVariables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });
// The session and the orders page's orders are asked for at once, before the first render, not
// after it (a signed-out browser gets a 401 here and the sign-in page; the page asks again once
// signed in).
void queryClient.prefetchQuery(sessionQuery);
if (location.pathname === '/orders') void queryClient.prefetchQuery({ ...ordersQuery(orderQueryFromUrl(new URLSearchParams(location.search))), retry: false });

/** Signed out: the sign-in page; signed in: the app. */
function App() {
  const session = useSession();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // Links from e-mails work signed out (and replace a session that was there).
  if (pathname === '/accept-invite') return <TokenPage kind="invite" />;
  if (pathname === '/reset-password') return <TokenPage kind="reset" />;
  if (session.isLoading) return <Center mih="100vh"><Loader aria-label={t('app.loading')} /></Center>;
  if (!session.data) return <LoginPage />;
  const admin = session.data.scopes.includes('admin');
  // A browser that never chose a language starts in the one the account keeps.
  if (!localStorage.getItem('lastmile.lang')) setLanguage(session.data.user.locale === 'zh-CN' ? 'zh' : 'en');
  // Dates and times in the tenant's zone when it chose one.
  setDisplayTimeZone(session.data.tenant.time_zone);
  return (
    <Shell>
      <Suspense fallback={<Loader aria-label={t('app.loading')} />}>
      <Routes>
        <Route path="/orders" element={<OrderListPage />} />
        <Route path="/orders/import" element={<ImportPage />} />
        <Route path="/orders/:id" element={<OrderDetailPage />} />
        <Route path="/exceptions" element={<ExceptionsPage />} />
        <Route path="/rules" element={<RulesPage />} />
        <Route path="/overview" element={<OverviewPage />} />
        <Route path="/analytics" element={<AnalyticsPage />} />
        <Route path="/rates" element={<RateCalculatorPage />} />
        <Route path="/carriers" element={<CarriersPage />} />
        <Route path="/shipments" element={<ShipmentsPage />} />
        <Route path="/truck-plans" element={<TruckPlansPage />} />
        <Route path="/truck-plans/:id" element={<TruckPlanPage />} />
        <Route path="/account" element={<AccountPage />} />
        {admin && <Route path="/users" element={<UsersPage />} />}
        {admin && <Route path="/settings" element={<SettingsPage />} />}
        <Route path="*" element={<Navigate to="/orders" replace />} />
      </Routes>
      </Suspense>
    </Shell>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
