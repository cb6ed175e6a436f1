import fs from "fs"
import path from "path"
import ts from "typescript"
import * as source from "../../../src/storefront"

const { buildStorefrontPackage, PACKAGE_DIR } = require("../build")
const manifest = require("../package.json")

const ROOT = path.join(PACKAGE_DIR, "../..")
const NAME = "medusa-plugin-klarna-storefront"

/** The module specifiers a built file imports or requires. */
const importsOf = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\()\s*["']([^"']+)["']/g)].map((m) => m[1]).sort()

/** The names an esbuild ES module exports (`export { a, b as c };`). */
const esmExportsOf = (code: string) =>
  [...code.matchAll(/export\s*\{([^}]*)\}/g)]
    .flatMap((m) => m[1].split(","))
    .map((s) =>
      s
        .trim()
        .split(/\s+as\s+/)
        .pop()!
    )
    .filter(Boolean)
    .sort()

const firstStatement = (code: string) => code.trimStart().split(/;|\n/)[0]

describe("medusa-plugin-klarna-storefront", () => {
  // built the way `npm pack` builds it (prepack), into a package folder under the repo so that
  // the type checks below find react's types in the repo's node_modules
  const scratch = path.join(ROOT, ".tmp")
  let installed: string
  let dist: string
  beforeAll(async () => {
    fs.mkdirSync(scratch, { recursive: true })
    const consumer = fs.mkdtempSync(path.join(scratch, "storefront-package-"))
    installed = path.join(consumer, "node_modules", NAME)
    fs.mkdirSync(installed, { recursive: true })
    fs.copyFileSync(path.join(PACKAGE_DIR, "package.json"), path.join(installed, "package.json"))
    dist = await buildStorefrontPackage({ outDir: path.join(installed, "dist") })
  }, 120_000)
  afterAll(() => fs.rmSync(path.dirname(path.dirname(installed)), { recursive: true, force: true }))

  const read = (file: string) => fs.readFileSync(path.join(dist, file), "utf8")

  it("exports exactly the plugin's storefront helpers, in both module formats", () => {
    const runtime = Object.keys(source).sort()
    expect(runtime).toEqual(expect.arrayContaining(["findKlarnaSession", "submitAuthorization", "KLARNA_SDK_URL"]))
    expect(Object.keys(require(path.join(dist, "cjs/index.js"))).sort()).toEqual(runtime)
    expect(esmExportsOf(read("esm/index.js"))).toEqual(runtime)
  })

  it("the built helpers work like the source (CommonJS build)", () => {
    const built = require(path.join(dist, "cjs/index.js"))
    const session = { id: "payses_1", provider_id: "pp_klarna_klarna", data: { client_token: "ct" } }
    expect(built.klarnaSessionInfo(session)).toEqual(source.klarnaSessionInfo(session))
    expect(built.klarnaOutcome({ approved: false, show_form: false })).toEqual({ kind: "declined" })
    expect(() => built.klarnaSessionInfo({ ...session, provider_id: "pp_stripe_stripe" })).toThrow(/not a Klarna/)
  })

  it("the helpers import nothing; the React entry is a client component that imports only react and ./index.js", () => {
    for (const format of ["esm", "cjs"]) {
      expect(importsOf(read(`${format}/index.js`))).toEqual([])
      const react = read(`${format}/react.js`)
      expect(firstStatement(react)).toBe('"use client"')
      expect(importsOf(react)).toEqual(["./index.js", "react", "react/jsx-runtime"])
      // the helpers are not bundled a second time into the React entry
      expect(react).not.toMatch(/function klarnaSessionInfo|function loadKlarnaSdk/)
    }
    expect(Object.keys(require(path.join(dist, "cjs/react.js")))).toEqual(["KlarnaPayment"])
  })

  it("depends on nothing of Medusa's server: react is its only (optional) peer", () => {
    expect(manifest.name).toBe(NAME)
    expect(manifest.dependencies).toBeUndefined()
    expect(manifest.peerDependencies).toEqual({ react: ">=18" })
    expect(manifest.peerDependenciesMeta.react.optional).toBe(true)
    expect(manifest.files).toEqual(["dist"])
  })

  it("every file its exports map, main, module, types and typesVersions name is built", () => {
    const targets: string[] = []
    const walk = (v: unknown) =>
      typeof v === "string" ? targets.push(v) : v && typeof v === "object" && Object.values(v).forEach(walk)
    walk(manifest.exports)
    walk([manifest.main, manifest.module, manifest.types, manifest.typesVersions])
    const inDist = targets.filter((t) => t.startsWith("./dist/"))
    expect(inDist.length).toBeGreaterThanOrEqual(12)
    for (const target of inDist) expect(fs.existsSync(path.join(installed, target))).toBe(true)
  })

  // what storefronts compile with: Next.js's default (bundler), Medusa's DTC starter (node, i.e. node10),
  // and Node's own resolution from an ES module and from a CommonJS one
  const consumer = `
import { findKlarnaSession, klarnaSessionInfo, type KlarnaOutcome } from "${NAME}"
import { KlarnaPayment, type KlarnaPaymentProps } from "${NAME}/react"
const session = findKlarnaSession([{ id: "payses_1", provider_id: "pp_klarna_klarna", data: { client_token: "ct" } }])
export const info: string = klarnaSessionInfo(session!).client_token
export const outcome: KlarnaOutcome = { kind: "declined" }
export const props: Pick<KlarnaPaymentProps, "backendUrl"> = { backendUrl: "http://localhost:9000" }
export const component: (p: KlarnaPaymentProps) => unknown = KlarnaPayment
// the DTC starter's placeOrder resolves with a cart (or redirects): any callback will do
export const onAuthorized: KlarnaPaymentProps["onAuthorized"] = async () => ({ id: "cart_1" })
// @ts-expect-error the types are real: a session id is a string
export const wrong: number = klarnaSessionInfo(session!).payment_session_id
`
  it.each([
    ["bundler", "consumer.ts", { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
    [
      "node (DTC starter)",
      "consumer.ts",
      { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10 },
    ],
    [
      "node16, ES module",
      "consumer.mts",
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
    ],
    [
      "node16, CommonJS",
      "consumer.cts",
      { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16 },
    ],
  ])(
    "a TypeScript storefront finds its types (moduleResolution %s)",
    (_name, file, options) => {
      const dir = path.dirname(path.dirname(installed))
      const entry = path.join(dir, file)
      fs.writeFileSync(entry, consumer)
      const program = ts.createProgram([entry], {
        ...options,
        target: ts.ScriptTarget.ES2020,
        lib: ["lib.es2020.d.ts", "lib.dom.d.ts"],
        jsx: ts.JsxEmit.ReactJSX,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      })
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
      expect(errors).toEqual([])
      const resolved = program.getSourceFiles().map((f) => path.relative(installed, f.fileName))
      expect(resolved).toEqual(expect.arrayContaining([expect.stringMatching(/^dist\/(esm|cjs)\/react\.d\.ts$/)]))
    },
    60_000
  )
})
