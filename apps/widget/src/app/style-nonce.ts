/**
 * The CSP nonce Angular puts on the <style> elements of the shadow root: from
 * `<holi-bot nonce="…">`, else from the nonce of the script tag that loaded the widget.
 * (Browsers hide nonce attributes from getAttribute once parsed; the property keeps them.)
 */
export function styleNonce(doc: Document = document): string | null {
  const host = doc.querySelector<HTMLElement>('holi-bot[nonce]');
  const script = Array.from(doc.scripts).find((s) => /\/holi-bot\.js(?:[?#]|$)/.test(s.src) && s.nonce);
  return host?.nonce || host?.getAttribute('nonce') || script?.nonce || null;
}
