import type { RouteDef } from './router';
import { S } from './strings';

/** The pages, each loaded when first opened. Deep links work: the server answers index.html for any /admin/ path. */
export const ROUTES: RouteDef[] = [
  { path: 'login', title: S.login.title, access: 'public', load: () => import('./pages/login/login.page').then((m) => m.LoginPage) },
  { path: 'setup', title: S.setup.title, access: 'public', load: () => import('./pages/setup/setup.page').then((m) => m.SetupPage) },
  { path: '', title: S.dashboard.title, access: 'signed-in', load: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage) },
  { path: 'sessions', title: S.sessions.title, access: 'signed-in', load: () => import('./pages/sessions/sessions.page').then((m) => m.SessionsPage) },
  {
    path: 'conversations',
    title: S.conversations.title,
    access: 'signed-in',
    load: () => import('./pages/conversations/conversations.page').then((m) => m.ConversationsPage),
  },
  {
    path: 'conversations/:id',
    title: S.conversations.detailTitle,
    access: 'signed-in',
    load: () => import('./pages/conversations/conversation.page').then((m) => m.ConversationPage),
  },
  { path: 'widget', title: S.widget.title, access: 'signed-in', load: () => import('./pages/widget/widget.page').then((m) => m.WidgetPage) },
  { path: 'backups', title: S.backups.title, access: 'signed-in', load: () => import('./pages/backups/backups.page').then((m) => m.BackupsPage) },
  { path: 'alerts', title: S.alerts.title, access: 'signed-in', load: () => import('./pages/alerts/alerts.page').then((m) => m.AlertsPage) },
  { path: 'usage', title: S.usage.title, access: 'signed-in', load: () => import('./pages/usage/usage.page').then((m) => m.UsagePage) },
  { path: 'feedback', title: S.feedback.title, access: 'signed-in', load: () => import('./pages/feedback/feedback.page').then((m) => m.FeedbackPage) },
  { path: 'places', title: S.places.title, access: 'signed-in', load: () => import('./pages/places/places.page').then((m) => m.PlacesPage) },
  { path: 'places/:id', title: S.places.title, access: 'signed-in', load: () => import('./pages/places/place.page').then((m) => m.PlacePage) },
  { path: 'users', title: S.users.title, access: 'admin', load: () => import('./pages/users/users.page').then((m) => m.UsersPage) },
];

/** The main navigation, in this order. */
export const NAV: Array<{ path: string; label: string }> = [
  { path: '', label: S.nav.dashboard },
  { path: 'sessions', label: S.nav.sessions },
  { path: 'conversations', label: S.nav.conversations },
  { path: 'widget', label: S.nav.widget },
  { path: 'backups', label: S.nav.backups },
  { path: 'alerts', label: S.nav.alerts },
  { path: 'usage', label: S.nav.usage },
  { path: 'feedback', label: S.nav.feedback },
  { path: 'places', label: S.nav.places },
  { path: 'users', label: S.nav.users },
];
