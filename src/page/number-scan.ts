/**
 * The page scan's chunk: loaded by scan-loader.ts only on a page that opts in or calls `scanPhoneNumbers`, so that
 * no other page downloads or runs any of it. It scans each region the page marks (region-scan.ts) and follows the
 * marks as they come and go.
 */
import { RegionScan, type ScanHost } from './region-scan.js';
import { isInSkipped, isSkipped } from './scan-skip.js';

export type { ScanHost };

/** What `scanPhoneNumbers` takes. */
export interface ScanOptions {
  /** ISO 3166-1 alpha-2 country for the numbers written in national format; default: the page's. */
  defaultCountry?: string;
}

/** The meta tag that opts the whole `<body>` in. */
const META = 'meta[name="spaces-call-button:scan"][content="true" i]';
/** What opts a page in (the same as scan-loader.ts's): the meta tag, or a region. */
const OPTED_IN = `${META},[data-spaces-scan]`;

/**
 * Scans `root` with `options.defaultCountry` (else the page's) for national numbers, or without a root every region the page
 * opted in; returns the function that stops and undoes it.
 */
export function startScan(host: ScanHost, root?: Element, options?: ScanOptions): () => void {
  return root ? scanRegion(root, options?.defaultCountry, host) : scanOptedInRegions(host);
}

/** Scans `root` (nothing when it lies in what the scan leaves alone); returns the function that undoes it. */
function scanRegion(root: Element, defaultCountry: string | undefined, host: ScanHost): () => void {
  if (isSkipped(root) || isInSkipped(root)) return () => undefined;
  const scan = new RegionScan(root, defaultCountry, host);
  return () => scan.stop();
}

/**
 * Scans every `[data-spaces-scan]` region (its value, when given, is its default country) and, while the meta tag
 * says `true`, the `<body>`; a region whose mark or country changes, or that leaves the page, is stopped and undone.
 */
function scanOptedInRegions(host: ScanHost): () => void {
  const scans = new Map<Element, { country: string; stop: () => void }>();
  const update = () => {
    const wanted = new Map<Element, string>();
    if (document.body && document.querySelector(META)) wanted.set(document.body, '');
    for (const region of document.querySelectorAll('[data-spaces-scan]')) wanted.set(region, region.getAttribute('data-spaces-scan')?.trim() ?? '');
    for (const [root, scan] of scans) {
      if (wanted.get(root) === scan.country) continue;
      scan.stop();
      scans.delete(root);
    }
    for (const [root, country] of wanted) {
      if (!scans.has(root)) scans.set(root, { country, stop: scanRegion(root, country || undefined, host) });
    }
  };
  const optsIn = (node: Node) => node instanceof Element && (node.matches(OPTED_IN) || node.querySelector(OPTED_IN) !== null);
  const marks = new MutationObserver((records) => {
    if (records.some((record) => record.type === 'attributes' || [...record.addedNodes, ...record.removedNodes].some(optsIn))) update();
  });
  marks.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-spaces-scan', 'content', 'name'] });
  update();
  return () => {
    marks.disconnect();
    for (const { stop } of scans.values()) stop();
    scans.clear();
  };
}
