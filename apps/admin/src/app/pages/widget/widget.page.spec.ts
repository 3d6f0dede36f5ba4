import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { AdminMe, WidgetFileInfo, WidgetVersionInfo, WidgetVersionsData } from '@holibot/contracts';
import { ScriptedFetch } from '../../../testing/scripted-fetch';
import { AdminApi, FETCH } from '../../api-client';
import { Session } from '../../session';
import { WidgetPage } from './widget.page';

function files(version: string): WidgetFileInfo[] {
  return [
    { name: 'holi-bot.js', sha256: 'a'.repeat(64), integrity: `sha384-loader-${version}`, size: 3000, gzipSize: 1500, brotliSize: 1200 },
    { name: 'holi-bot-element.js', sha256: 'b'.repeat(64), integrity: `sha384-element-${version}`, size: 150_000, gzipSize: 50_000, brotliSize: 44_000 },
  ];
}

function version(v: string, state: WidgetVersionInfo['state'], sizeBrotli: number): WidgetVersionInfo {
  return {
    version: v,
    state,
    active: state === 'active',
    files: files(v),
    sizeRaw: 153_000,
    sizeGzip: 51_500,
    sizeBrotli,
    notes: null,
    uploadedBy: 'ops@calpe.example',
    createdAt: '2026-03-01T10:00:00Z',
    deployedAt: null,
  };
}

const DATA: WidgetVersionsData = {
  active: { version: '1.1.0', previousVersion: '1.0.0', deployedAt: '2026-03-02T10:00:00Z', deployedBy: 'ops@calpe.example' },
  versions: [version('1.2.0', 'available', 46_000), version('1.1.0', 'active', 40_000), version('1.0.0', 'previous', 40_000)],
};

/** The Session as the shell leaves it after GET auth/me. */
class SignedIn {
  constructor(private readonly who: AdminMe) {}
  me = () => this.who;
  isAdmin = () => this.who.role === 'admin';
}

describe('WidgetPage', () => {
  let server: ScriptedFetch;
  let fixture: ComponentFixture<WidgetPage>;
  let page: HTMLElement;

  async function render(role: AdminMe['role']): Promise<void> {
    server = new ScriptedFetch().ok(DATA);
    TestBed.configureTestingModule({
      providers: [
        { provide: FETCH, useValue: server.fetch },
        { provide: Session, useValue: new SignedIn({ email: 'ops@calpe.example', role, csrfToken: 'csrf-1' }) },
      ],
    });
    TestBed.inject(AdminApi).setCsrfToken('csrf-1');
    fixture = TestBed.createComponent(WidgetPage);
    page = fixture.nativeElement;
    await settle();
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const buttons = (text: string) => Array.from(page.querySelectorAll('button')).filter((button) => button.textContent?.trim().startsWith(text));
  const row = (v: string) => Array.from(page.querySelectorAll('tbody tr')).find((tr) => tr.querySelector('th')?.textContent?.trim() === v)!;

  it('lists the versions with the brotli difference against the live one', async () => {
    await render('admin');
    expect(server.calls[0]!.url).toBe('/api/v1/admin/widget/versions');
    expect(row('1.2.0').textContent).toContain('+6,000 B (+15.0 %)');
    expect(row('1.1.0').textContent).toContain('Live');
  });

  it('hides deploy, rollback and upload from viewers and says why', async () => {
    await render('viewer');
    expect(buttons('Deploy')).toHaveLength(0);
    expect(buttons('Roll back')).toHaveLength(0);
    expect(page.querySelector('#widget-files')).toBeNull();
    expect(page.textContent).toContain('changes need the admin role');
  });

  it('lets admins deploy any version but the live one, after confirming', async () => {
    await render('admin');
    expect(buttons('Deploy')).toHaveLength(2);
    expect(row('1.1.0').querySelector('admin-confirm')).toBeNull();
    expect(buttons('Roll back to 1.0.0')).toHaveLength(1);

    row('1.2.0').querySelector<HTMLButtonElement>('admin-confirm button')!.click();
    await fixture.whenStable();
    expect(server.calls).toHaveLength(1);
    server.ok({ version: '1.2.0', previousVersion: '1.1.0', changed: true }).ok(DATA);
    buttons('Yes, deploy')[0]!.click();
    await settle();
    expect(server.calls[1]).toMatchObject({ method: 'POST', url: '/api/v1/admin/widget/versions/1.2.0/deploy' });
    expect(server.calls[1]!.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(page.querySelector('.message.success')?.textContent).toContain('Version 1.2.0 is live (it replaced 1.1.0).');
  });

  it('shows the files and the pinned embed code of a version', async () => {
    await render('viewer');
    buttons('Files')[0]!.click();
    await fixture.whenStable();
    const code = page.querySelector('pre code')?.textContent;
    expect(code).toBe(
      `<script src="${location.origin}/widget/v/1.2.0/holi-bot.js" integrity="sha384-loader-1.2.0" crossorigin="anonymous" async></script>\n<holi-bot></holi-bot>`,
    );
    expect(page.textContent).toContain('a'.repeat(64));
  });
});
