/**
 * The demo host page served at `/`: a short page about Calpe that embeds <holi-bot> exactly as
 * the README tells host sites to, under the strict Content-Security-Policy below, so that
 * `npm start` shows the product and the browser tests exercise a realistic host.
 */

/** No inline script, no eval; styles only from this origin or with the response's nonce. */
export function demoPageCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `widgetVersion`: the active version, shown in the footer (so a deploy or rollback shows at the next load). */
export function renderDemoPage(nonce: string, widgetVersion: string | null): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Calpe, Costa Blanca — with HoliBot</title>
<meta name="description" content="Demo host page for the HoliBot widget: ask about Calpe's places to eat, swim, walk and visit.">
<link rel="icon" href="data:,">
<style nonce="${nonce}">
  body { margin: 0; font: 17px/1.6 Georgia, 'Times New Roman', serif; color: #1f2937; background: #fffdf8; }
  header { padding: 64px 24px 48px; color: #fff; background: linear-gradient(160deg, #0c4a6e, #0e7490); }
  header h1 { margin: 0 0 8px; font-size: 2.4rem; }
  header p { margin: 0; max-width: 40rem; font-size: 1.15rem; }
  main { max-width: 44rem; margin: 0 auto; padding: 24px; }
  h2 { margin-top: 2rem; color: #0c4a6e; }
  code { font-size: .9em; background: #f1f5f9; padding: 1px 4px; border-radius: 4px; }
  footer { padding: 24px; color: #4b5563; text-align: center; font-size: .9rem; }
</style>
<script src="/widget/holi-bot.js" async></script>
</head>
<body>
<header>
  <h1>Calpe</h1>
  <p>White villages, the Peñón de Ifach rising 332 m out of the sea, salt flats with flamingos and eleven kilometres of coast on the Costa Blanca.</p>
</header>
<main>
  <h2>Plan your day</h2>
  <p>Swim at the Arenal-Bol or La Fossa beaches, climb the Peñón de Ifach nature park, walk the old town up to the Torreó de la Peça, and end the day with fresh fish and rice dishes in the harbour.</p>
  <p>Not sure where to start? Ask <strong>HoliBot</strong>, our local guide, with the chat button at the bottom right of this page. It answers in English, Spanish, German, French and Dutch, only about places it knows.</p>
  <h2>For site owners</h2>
  <p>This page embeds HoliBot with one script tag and one element, <code>&lt;holi-bot&gt;</code>, under a strict Content-Security-Policy.</p>
</main>
<footer>Demo page served by HoliBot${widgetVersion ? ` (widget ${widgetVersion})` : ''}. Places and businesses in the sample catalogue are invented.</footer>
<holi-bot nonce="${nonce}"></holi-bot>
</body>
</html>
`;
}
