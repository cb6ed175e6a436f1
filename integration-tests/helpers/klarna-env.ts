import { startKlarnaEmulator } from "../../emulator"
import { freePort } from "../../scripts/lib/database"

export const KLARNA_TEST_USERNAME = "PK_test_merchant"
export const KLARNA_TEST_PASSWORD = "test-password-never-logged-42"

export interface KlarnaTestEnv {
  emulatorUrl: string
  medusaUrl: string
}

/**
 * Call at the top level of a spec, before medusaIntegrationTestRunner: starts the Klarna emulator
 * and points the dev store's provider at it (env is read when Medusa boots in the runner's hooks).
 */
export function useKlarnaTestEnv(extraEnv: Record<string, string> = {}): KlarnaTestEnv {
  const env = {} as KlarnaTestEnv
  let close: (() => Promise<void>) | undefined
  beforeAll(async () => {
    const emulator = await startKlarnaEmulator({
      port: 0,
      username: KLARNA_TEST_USERNAME,
      password: KLARNA_TEST_PASSWORD,
    })
    close = emulator.close
    const port = await freePort()
    env.emulatorUrl = emulator.url
    env.medusaUrl = `http://127.0.0.1:${port}`
    Object.assign(process.env, {
      PORT: String(port),
      KLARNA_USERNAME: KLARNA_TEST_USERNAME,
      KLARNA_PASSWORD: KLARNA_TEST_PASSWORD,
      KLARNA_BASE_URL: emulator.url,
      KLARNA_CALLBACK_BASE_URL: env.medusaUrl,
      ...extraEnv,
    })
  })
  afterAll(async () => {
    await close?.()
  })
  return env
}
