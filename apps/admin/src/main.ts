// The HoliBot admin UI, served by the HoliBot server at /admin/ (see the README).
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { ROUTES } from './app/routes';
import { ROUTE_TABLE } from './app/router';

bootstrapApplication(AppComponent, {
  providers: [provideZonelessChangeDetection(), { provide: ROUTE_TABLE, useValue: ROUTES }],
}).catch((error: unknown) => console.error(error));
