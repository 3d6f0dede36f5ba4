import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { ConfigData } from '@holibot/contracts';
import { ScriptedFetch } from '../../../testing/scripted-fetch';
import { FETCH } from '../../api-client';
import { S } from '../../strings';
import { SettingsPage } from './settings.page';

const DATA: ConfigData = {
  areas: [
    {
      area: 'server',
      settings: [
        { name: 'PORT', value: '3002', secret: false },
        { name: 'PUBLIC_URL', value: '', secret: false },
        { name: 'REDIS_URL', value: 'redis://:***@cache:6379/0', secret: true },
      ],
    },
    {
      area: 'database',
      settings: [
        { name: 'DB_TYPE', value: 'mysql', secret: false },
        { name: 'DB_PASSWORD', value: 'set', secret: true },
      ],
    },
    { area: 'mistral', settings: [{ name: 'MISTRAL_API_KEY', value: 'not set', secret: true }] },
  ],
};

describe('SettingsPage', () => {
  let server: ScriptedFetch;
  let fixture: ComponentFixture<SettingsPage>;
  let page: HTMLElement;

  async function render(): Promise<void> {
    TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: server.fetch }] });
    fixture = TestBed.createComponent(SettingsPage);
    page = fixture.nativeElement;
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  /** The value cell of a variable's row, as text. */
  const cell = (name: string) =>
    Array.from(page.querySelectorAll('tbody tr'))
      .find((row) => row.querySelector('th')?.textContent?.trim() === name)
      ?.querySelector('td')
      ?.textContent?.replace(/\s+/g, ' ')
      .trim();

  it('reads GET config and shows each area as a headed table of variables and values', async () => {
    server = new ScriptedFetch().ok(DATA);
    await render();
    expect(server.calls.map((call) => `${call.method} ${call.url}`)).toEqual(['GET /api/v1/admin/config']);
    expect(page.querySelectorAll('h1')).toHaveLength(1);
    expect(Array.from(page.querySelectorAll('h2')).map((h2) => h2.textContent?.trim())).toEqual(['Server', 'Database', 'Mistral']);
    // Each table is named by its area's heading.
    for (const table of Array.from(page.querySelectorAll('table'))) expect(page.querySelector(`#${table.getAttribute('aria-labelledby')}`)?.tagName).toBe('H2');
    expect(cell('PORT')).toBe('3002');
    expect(cell('PUBLIC_URL')).toBe(S.none);
    expect(cell('DB_TYPE')).toBe('mysql');
  });

  it('shows secrets as set / not set, and a URL secret without its password', async () => {
    server = new ScriptedFetch().ok(DATA);
    await render();
    expect(cell('DB_PASSWORD')).toBe(S.settings.set);
    expect(cell('MISTRAL_API_KEY')).toBe(S.settings.notSet);
    expect(cell('REDIS_URL')).toBe(`${S.settings.set}redis://:***@cache:6379/0`);
    expect(page.textContent).toContain(S.settings.secretsNote);
  });

  it('says why when the settings cannot be read', async () => {
    server = new ScriptedFetch().fail(503, 'ADMIN_UNAVAILABLE', 'the admin API is not available');
    await render();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('the admin API is not available');
    expect(page.querySelector('table')).toBeNull();
  });
});
