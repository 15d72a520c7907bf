import { describe, expect, it } from "vitest";
import { parseCursor, SentWindow } from "./sent-window";

const takeAll = (window: SentWindow, ids: number[]) => ids.filter((id) => window.take(id));

describe("SentWindow", () => {
  it("takes each id once, in any order, down to the start", () => {
    const window = new SentWindow(10);
    expect(takeAll(window, [12, 11, 12, 10, 9, 13, 11])).toEqual([12, 11, 13]);
    expect(window.cursor()).toBe("13");
  });

  it("names the ids below the highest it has not sent in its cursor, and resumes from it with the same window", () => {
    const window = new SentWindow(10);
    takeAll(window, [11, 14, 16]);
    expect(window.cursor()).toBe("16:12-13,15");
    const resumed = new SentWindow(parseCursor(window.cursor())!);
    expect(takeAll(resumed, [16, 14, 13, 11, 12, 13, 17])).toEqual([13, 12, 17]);
    expect(resumed.cursor()).toBe("17:15");
  });

  it("forgets gaps that fall out of its window: the lower bound moves up with the highest id", () => {
    const window = new SentWindow(0, 5);
    takeAll(window, [1, 3]);
    expect(window.waiting).toEqual([2]);
    window.take(9);
    expect(window.waiting).toEqual([5, 6, 7, 8]);
    expect(window.take(2)).toBe(false);
    expect(window.take(4)).toBe(false);
    expect(window.take(6)).toBe(true);
  });
});
