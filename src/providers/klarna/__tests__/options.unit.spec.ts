import { parseKlarnaOptions } from "../options"

describe("parseKlarnaOptions", () => {
  const creds = { username: "PK_1", password: "s3cret-value" }

  it("applies defaults", () => {
    const o = parseKlarnaOptions(creds, {})
    expect(o).toMatchObject({ region: "eu", environment: "playground", capture_on: "shipment" })
    expect(o.base_url).toBeUndefined()
  })

  it("falls back to KLARNA_* env vars, config wins", () => {
    const o = parseKlarnaOptions(
      { region: "oc" },
      {
        KLARNA_USERNAME: "env-user",
        KLARNA_PASSWORD: "env-pass",
        KLARNA_REGION: "na",
        KLARNA_CAPTURE_ON: "fulfillment",
        KLARNA_BASE_URL: "http://127.0.0.1:4010",
      }
    )
    expect(o).toMatchObject({
      username: "env-user",
      region: "oc",
      capture_on: "fulfillment",
      base_url: "http://127.0.0.1:4010",
    })
  })

  it.each([
    [{ ...creds, region: "us" }, /option "region"/],
    [{ ...creds, environment: "live" }, /option "environment"/],
    [{ ...creds, capture_on: "delivery" }, /option "capture_on"/],
    [{ username: "u" }, /option "password" is required/],
    [{ password: "p" }, /option "username" is required/],
    [{ ...creds, colour: "red" }, /unknown option\(s\) colour/],
    [{ ...creds, base_url: "not a url" }, /option "base_url"/],
  ])("rejects %j naming the option", (input, message) => {
    expect(() => parseKlarnaOptions(input as Record<string, unknown>, {})).toThrow(message)
  })

  it("never echoes the password in its error", () => {
    let error: unknown
    try {
      parseKlarnaOptions({ ...creds, region: "mars" }, {})
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/option "region"/)
    expect((error as Error).message).not.toContain("s3cret-value")
  })

  describe("mcp", () => {
    it("is enabled and read-write by default", () => {
      expect(parseKlarnaOptions(creds, {}).mcp).toEqual({ enabled: true, read_only: false })
    })

    it("takes the config, else KLARNA_MCP_ENABLED / KLARNA_MCP_READ_ONLY; config wins per field", () => {
      expect(parseKlarnaOptions({ ...creds, mcp: { read_only: true } }, {}).mcp).toEqual({
        enabled: true,
        read_only: true,
      })
      expect(parseKlarnaOptions(creds, { KLARNA_MCP_ENABLED: "false" }).mcp).toEqual({
        enabled: false,
        read_only: false,
      })
      expect(parseKlarnaOptions(creds, { KLARNA_MCP_READ_ONLY: "true" }).mcp).toEqual({
        enabled: true,
        read_only: true,
      })
      expect(
        parseKlarnaOptions(
          { ...creds, mcp: { read_only: false } },
          { KLARNA_MCP_READ_ONLY: "true", KLARNA_MCP_ENABLED: "false" }
        ).mcp
      ).toEqual({ enabled: false, read_only: false })
    })

    it.each([
      [{ ...creds, mcp: { enabled: "yes" } }, {}, /option "mcp.enabled"/],
      [{ ...creds, mcp: { readonly: true } }, {}, /unknown option\(s\) readonly/],
      [{ ...creds, mcp: true }, {}, /option "mcp"/],
      [creds, { KLARNA_MCP_READ_ONLY: "1" }, /option "mcp.read_only"/],
    ])("rejects %j (env %j) naming the option", (input, env, message) => {
      expect(() => parseKlarnaOptions(input as Record<string, unknown>, env as Record<string, string>)).toThrow(message)
    })
  })
})

describe("max_requests_per_second", () => {
  const base = { username: "u", password: "p" }
  it("defaults under Klarna's documented limit of the environment", () => {
    expect(parseKlarnaOptions(base, {}).max_requests_per_second).toBe(40)
    expect(parseKlarnaOptions({ ...base, environment: "production" }, {}).max_requests_per_second).toBe(160)
  })
  it("takes the option, else KLARNA_MAX_REQUESTS_PER_SECOND, and refuses what is not a positive number", () => {
    expect(parseKlarnaOptions({ ...base, max_requests_per_second: 5 }, {}).max_requests_per_second).toBe(5)
    expect(parseKlarnaOptions(base, { KLARNA_MAX_REQUESTS_PER_SECOND: "120" }).max_requests_per_second).toBe(120)
    expect(() => parseKlarnaOptions({ ...base, max_requests_per_second: 0 }, {})).toThrow(
      /option "max_requests_per_second"/
    )
  })
})
