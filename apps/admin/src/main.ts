// The HoliBot admin UI, served by the HoliBot server at /admin/ (see the README).
import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { AppComponent } from './app/app.component';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => console.error(error));
