/** The bench pages' import maps name test/bench/floor-styles.js so; the record page's one-file floor is built with its text. */
declare module 'floor-styles' {
  const cssText: string;
  export default cssText;
}
