// The admin is bundled by Vite: these are the env values it inlines into widgets.
interface ImportMetaEnv {
  readonly VITE_BACKEND_URL?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
