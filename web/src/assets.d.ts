/** Files vite emits as assets and imports as their URL. */
declare module '*?url' {
  const url: string;
  export default url;
}
