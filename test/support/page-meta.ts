/** Page defaults from HTML, as a CRM template writes them: one `<meta name="spaces-call-button:…">` in the head. */
export function addPageMeta(name: string, content: string): HTMLMetaElement {
  const meta = document.createElement('meta');
  meta.name = `spaces-call-button:${name}`;
  meta.content = content;
  document.head.append(meta);
  return meta;
}
