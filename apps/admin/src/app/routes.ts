import type { Routes } from '@angular/router';
import { adminRole, signedIn, signedOut } from './guards';
import { ForbiddenPage } from './pages/errors/forbidden.page';
import { NotFoundPage } from './pages/errors/not-found.page';
import { S } from './strings';

/**
 * The pages, each loaded when first opened. Deep links work: the server answers index.html for any
 * /admin/ path. Route params (:id) and query params (?next=) reach the pages as inputs.
 */
export const ROUTES: Routes = [
  { path: 'login', title: S.login.title, canActivate: [signedOut], loadComponent: () => import('./pages/login/login.page').then((m) => m.LoginPage) },
  { path: 'setup', title: S.setup.title, loadComponent: () => import('./pages/setup/setup.page').then((m) => m.SetupPage) },
  {
    // Every other page needs a session; an unknown path falls through to "not found" below.
    path: '',
    canActivateChild: [signedIn],
    children: [
      { path: '', pathMatch: 'full', title: S.dashboard.title, loadComponent: () => import('./pages/dashboard/dashboard.page').then((m) => m.DashboardPage) },
      { path: 'sessions', title: S.sessions.title, loadComponent: () => import('./pages/sessions/sessions.page').then((m) => m.SessionsPage) },
      {
        path: 'conversations',
        title: S.conversations.title,
        loadComponent: () => import('./pages/conversations/conversations.page').then((m) => m.ConversationsPage),
      },
      {
        path: 'conversations/:id',
        title: S.conversations.detailTitle,
        loadComponent: () => import('./pages/conversations/conversation.page').then((m) => m.ConversationPage),
      },
      { path: 'widget', title: S.widget.title, loadComponent: () => import('./pages/widget/widget.page').then((m) => m.WidgetPage) },
      { path: 'backups', title: S.backups.title, loadComponent: () => import('./pages/backups/backups.page').then((m) => m.BackupsPage) },
      { path: 'alerts', title: S.alerts.title, loadComponent: () => import('./pages/alerts/alerts.page').then((m) => m.AlertsPage) },
      { path: 'usage', title: S.usage.title, loadComponent: () => import('./pages/usage/usage.page').then((m) => m.UsagePage) },
      { path: 'feedback', title: S.feedback.title, loadComponent: () => import('./pages/feedback/feedback.page').then((m) => m.FeedbackPage) },
      { path: 'places', title: S.places.title, loadComponent: () => import('./pages/places/places.page').then((m) => m.PlacesPage) },
      { path: 'places/:id', title: S.places.title, loadComponent: () => import('./pages/places/place.page').then((m) => m.PlacePage) },
      { path: 'settings', title: S.settings.title, loadComponent: () => import('./pages/settings/settings.page').then((m) => m.SettingsPage) },
      // Admins get the page; anyone else the next route with the same path, at the same URL.
      { path: 'users', title: S.users.title, canMatch: [adminRole], loadComponent: () => import('./pages/users/users.page').then((m) => m.UsersPage) },
      { path: 'users', title: S.errors.forbiddenTitle, component: ForbiddenPage },
    ],
  },
  { path: '**', title: S.errors.notFoundTitle, component: NotFoundPage },
];

/** The main navigation, in this order. */
export const NAV: Array<{ link: string; label: string }> = [
  { link: '/', label: S.nav.dashboard },
  { link: '/sessions', label: S.nav.sessions },
  { link: '/conversations', label: S.nav.conversations },
  { link: '/widget', label: S.nav.widget },
  { link: '/backups', label: S.nav.backups },
  { link: '/alerts', label: S.nav.alerts },
  { link: '/usage', label: S.nav.usage },
  { link: '/feedback', label: S.nav.feedback },
  { link: '/places', label: S.nav.places },
  { link: '/users', label: S.nav.users },
  { link: '/settings', label: S.nav.settings },
];
