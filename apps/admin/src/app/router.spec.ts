import { safeNext } from './app.component';
import { matchRoute, type RouteDef } from './router';

const page = async () => class {};
const routes: RouteDef[] = [
  { path: '', title: 'Dashboard', access: 'signed-in', load: page },
  { path: 'conversations', title: 'List', access: 'signed-in', load: page },
  { path: 'conversations/:id', title: 'One', access: 'signed-in', load: page },
];

describe('matchRoute', () => {
  it('matches exact paths and decodes :params', () => {
    expect(matchRoute(routes, '')?.route.title).toBe('Dashboard');
    expect(matchRoute(routes, 'conversations')?.route.title).toBe('List');
    expect(matchRoute(routes, 'conversations/a%20b')).toMatchObject({ route: { title: 'One' }, params: { id: 'a b' } });
    expect(matchRoute(routes, 'conversations/a/b')).toBeNull();
    expect(matchRoute(routes, 'conversations/%E0%A4%A')).toBeNull();
  });
});

describe('safeNext', () => {
  it('keeps paths inside the app only', () => {
    expect(safeNext('conversations/abc')).toBe('conversations/abc');
    expect(safeNext('//evil.example')).toBe('');
    expect(safeNext('https://evil.example')).toBe('');
    expect(safeNext('login')).toBe('');
    expect(safeNext(null)).toBe('');
  });
});
