// The stylesheet of <spaces-call-button> as the Lit floors use it: the text of its `css` template, read from the
// source (src/element/spaces-call-button.styles.ts). In the record page's one-file floor, the bench puts the text in
// at build time instead (test/bench/record-pages.mjs).
const response = await fetch('/src/element/spaces-call-button.styles.ts');
if (!response.ok) throw new Error(`The Lit floors' stylesheet: HTTP ${response.status}`);
const source = await response.text();

export default source.slice(source.indexOf('css`') + 4, source.lastIndexOf('`'));
