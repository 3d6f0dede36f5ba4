import { describeWidgetIn } from './cross-browser.js';
import { FIREFOX_ENGINE } from './engines.js';

// The core flow in Debian's firefox-esr, driven by puppeteer-core over WebDriver BiDi.
describeWidgetIn(FIREFOX_ENGINE);
