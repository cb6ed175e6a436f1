import { KlarnaError } from "../errors"
import {
  httpStatusForKlarnaFailure,
  klarnaFailureDetails,
  klarnaFailureOf,
  readRecordedKlarnaFailure,
  recordedKlarnaFailure,
} from "../failure"

const refused = () =>
  new KlarnaError({
    kind: "http",
    operation: "captureOrder",
    message: "Klarna captureOrder failed: HTTP 403 CAPTURE_NOT_ALLOWED",
    status: 403,
    errorCode: "CAPTURE_NOT_ALLOWED",
    errorMessages: ["Captured amount is higher than the remaining authorized amount"],
    correlationId: "corr-403",
    retryable: false,
  })

const unreachable = () =>
  new KlarnaError({
    kind: "network",
    operation: "getOrder",
    message: "Klarna getOrder failed: network error (ECONNRESET): socket hang up",
    retryable: true,
    networkCode: "ECONNRESET",
  })

describe("klarnaFailureOf", () => {
  it("takes Klarna's refusal from a KlarnaError", () => {
    expect(klarnaFailureOf(refused())).toEqual({
      kind: "http",
      status: 403,
      error_code: "CAPTURE_NOT_ALLOWED",
      error_messages: ["Captured amount is higher than the remaining authorized amount"],
      correlation_id: "corr-403",
      message:
        "Klarna refused captureOrder HTTP 403 CAPTURE_NOT_ALLOWED: Captured amount is higher than the remaining authorized amount (correlation_id corr-403)",
    })
  })

  it("gives the same failure for the serialized form a workflow step produces", () => {
    for (const make of [refused, unreachable]) {
      const serialized = JSON.parse(JSON.stringify(make()))
      expect(serialized).not.toBeInstanceOf(KlarnaError)
      expect(klarnaFailureOf(serialized)).toEqual(klarnaFailureOf(make()))
    }
  })

  it("tolerates a serialized form without error messages", () => {
    const { errorMessages: _dropped, ...serialized } = JSON.parse(JSON.stringify(refused()))
    expect(klarnaFailureOf(serialized)).toMatchObject({
      error_messages: [],
      message: "Klarna refused captureOrder HTTP 403 CAPTURE_NOT_ALLOWED (correlation_id corr-403)",
    })
  })

  it("has no status when Klarna could not be reached", () => {
    expect(klarnaFailureOf(unreachable())).toEqual({
      kind: "network",
      status: null,
      error_code: null,
      error_messages: [],
      correlation_id: null,
      message: "Klarna could not be reached (getOrder: network ECONNRESET)",
    })
  })

  it("keeps the client's own refusal (nothing sent) as its message", () => {
    const err = new KlarnaError({
      kind: "invalid_request",
      operation: "getCapture",
      message: "Klarna client: captureId must not be a dot segment",
      retryable: false,
    })
    expect(klarnaFailureOf(err)).toMatchObject({ kind: "invalid_request", status: null, message: err.message })
  })

  it("is undefined for anything that is not a Klarna error", () => {
    for (const e of [
      new Error("boom"),
      { name: "KlarnaError", kind: "http" },
      { name: "Error", operation: "getOrder", kind: "http" },
      "KlarnaError",
      null,
      undefined,
    ]) {
      expect(klarnaFailureOf(e)).toBeUndefined()
    }
  })
})

describe("projections of a KlarnaFailure", () => {
  it("records it without its kind", () => {
    const recorded = recordedKlarnaFailure(klarnaFailureOf(refused())!)
    expect(Object.keys(recorded)).toEqual(["status", "error_code", "error_messages", "correlation_id", "message"])
  })

  it("reads a record's last_error back, with what it lacks as null", () => {
    const recorded = recordedKlarnaFailure(klarnaFailureOf(refused()))
    const stored = JSON.parse(JSON.stringify({ ...recorded, at: "2026-05-01T00:00:00.000Z" }))
    expect(readRecordedKlarnaFailure(stored)).toEqual(recorded)
    expect(readRecordedKlarnaFailure({ message: "Waiting for Klarna's fraud decision" })).toEqual({
      status: null,
      error_code: null,
      error_messages: [],
      correlation_id: null,
      message: "Waiting for Klarna's fraud decision",
    })
    expect(readRecordedKlarnaFailure(null)).toMatchObject({ status: null, error_messages: [], message: "" })
  })

  it("answers the admin API's klarna details with http_status and no message", () => {
    expect(klarnaFailureDetails(klarnaFailureOf(refused())!)).toEqual({
      http_status: 403,
      error_code: "CAPTURE_NOT_ALLOWED",
      error_messages: ["Captured amount is higher than the remaining authorized amount"],
      correlation_id: "corr-403",
    })
    expect(klarnaFailureDetails({})).toEqual({
      http_status: null,
      error_code: null,
      error_messages: [],
      correlation_id: null,
    })
  })
})

describe("httpStatusForKlarnaFailure", () => {
  it("answers 400 when the client refused to send, 502 when Klarna could not be reached", () => {
    expect(httpStatusForKlarnaFailure({ kind: "invalid_request", status: null })).toBe(400)
    expect(httpStatusForKlarnaFailure(klarnaFailureOf(unreachable()))).toBe(502)
    expect(httpStatusForKlarnaFailure(klarnaFailureOf(refused()))).toBe(422)
  })

  it("decides a record's stored failure (no kind) by Klarna's status alone", () => {
    expect(httpStatusForKlarnaFailure(recordedKlarnaFailure(klarnaFailureOf(refused())))).toBe(422)
    expect(httpStatusForKlarnaFailure({ status: 404 })).toBe(404)
    expect(httpStatusForKlarnaFailure({ status: null })).toBe(502)
  })
})
