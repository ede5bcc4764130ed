/** Vite's `?raw` imports: a file's text (tests read the service workers in renderer/public this way). */
declare module '*?raw' {
  const text: string;
  export default text;
}
