// The Remix options live here, in one place; vite.config.ts passes them to the Remix Vite plugin
// (the plugin itself never reads this file).
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: 'app',
  buildDirectory: 'build',
  ignoredRouteFiles: ['**/*.test.*', '**/*.css'],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: every route is known from the first page (decision 038). With lazy discovery, the first submission to a
    // page asked the server which routes exist first, and offline that request failed before the page's own
    // clientAction could keep the text being typed.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
