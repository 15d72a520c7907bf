import { test, expect, signInAs, seriousA11yViolations } from "./fixtures";

test.describe("saved views", () => {
  test("save the current view, find it in the navigation, open it with its filters, rename and delete it", async ({ page }) => {
    const name = `Newest reviewed ${Date.now().toString(36)}`;
    await signInAs(page, "editor");
    await page.goto("/queue?state=reviewed&sort=newest&cursor=");
    await page.getByLabel("Name of the view").fill(name);
    await page.getByRole("button", { name: "Save view" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Saved "${name}"` })).toBeVisible();

    // Elsewhere, the navigation's Views lists it and opens the queue with its filters.
    await page.goto("/queue");
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByText("Views", { exact: true }).click();
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(/\/queue\?state=reviewed&sort=newest$/);
    await expect(page.getByRole("navigation", { name: "Claim states" }).getByRole("link", { name: /^Reviewed/ })).toHaveAttribute("aria-current", "page");
    await expect(page.getByLabel("Order")).toHaveValue("newest");

    // The views page: share address, rename, delete.
    await nav.getByText("Views", { exact: true }).click();
    await nav.getByRole("link", { name: "Manage views" }).click();
    await expect(page.getByRole("heading", { name: "Saved views" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Address to share" }).first()).toHaveValue(/\/queue\?/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    const renamed = `${name} (renamed)`;
    await page.getByLabel(`New name for ${name}`).fill(renamed);
    await page.getByRole("button", { name: `Rename ${name}` }).click();
    await expect(page.getByRole("link", { name: renamed, exact: true }).first()).toBeVisible();

    await page.getByRole("button", { name: `Delete ${renamed}` }).click();
    await expect(page.getByRole("button", { name: `Delete ${renamed}` })).toHaveCount(0);
    await nav.getByText("Views", { exact: true }).click();
    await expect(nav.getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
  });
});
