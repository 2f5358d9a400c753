interface ImportMetaEnv {
  /** Tianditu (天地图) browser key; without it the Tianditu basemap is not offered. */
  readonly VITE_TIANDITU_KEY?: string;
}
