import type { OmCapture } from "../../../../lib/klarna/types"
import { earlyReadHolds } from "../early-read"

const rec = (id: string, attempts: number, klarna_capture_id: string | null = null) => ({
  id,
  attempts,
  klarna_capture_id,
})

describe("earlyReadHolds", () => {
  it("holds for the order's first capture", () => {
    expect(earlyReadHolds({ captures: [] }, "a", [rec("a", 0)])).toBe(true)
  })

  it("holds when every earlier capture sent is in the read", () => {
    const read = { captures: [{ capture_id: "k1" }, { capture_id: "k2" }] as OmCapture[] }
    expect(earlyReadHolds(read, "c", [rec("a", 1, "k1"), rec("b", 2, "k2"), rec("c", 0)])).toBe(true)
  })

  it("ignores records that never reached Klarna", () => {
    expect(earlyReadHolds({ captures: [] }, "b", [rec("a", 0), rec("b", 0)])).toBe(true)
  })

  it("fails when another record's capture is missing from the read (it landed after the read)", () => {
    expect(
      earlyReadHolds({ captures: [{ capture_id: "k1" }] as OmCapture[] }, "c", [
        rec("a", 1, "k1"),
        rec("b", 1, "k2"),
        rec("c", 0),
      ])
    ).toBe(false)
  })

  it("fails when another record was sent and its outcome is unknown", () => {
    expect(earlyReadHolds({ captures: [] }, "b", [rec("a", 1, null), rec("b", 0)])).toBe(false)
  })

  it("treats a read without captures as none", () => {
    expect(earlyReadHolds({}, "b", [rec("a", 1, "k1"), rec("b", 0)])).toBe(false)
    expect(earlyReadHolds({}, "b", [rec("b", 0)])).toBe(true)
  })

  it("does not judge the record itself (its own earlier attempts are looked up by reference)", () => {
    expect(earlyReadHolds({ captures: [] }, "a", [rec("a", 3, null)])).toBe(true)
  })
})
