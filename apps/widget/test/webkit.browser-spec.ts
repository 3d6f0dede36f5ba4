import { describeWidgetIn } from './cross-browser.js';
import { WEBKIT_ENGINE } from './engines.js';

// The core flow in WebKit (Debian's webkit2gtk-driver: WebKitWebDriver and MiniBrowser, under
// xvfb-run), driven by webdriverio over classic WebDriver.
describeWidgetIn(WEBKIT_ENGINE);
