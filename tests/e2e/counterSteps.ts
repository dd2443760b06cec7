/** What an officer does on a tablet, as steps the browser tests share. */
import type { Page } from 'playwright-core';

/** Loads the app and waits until the service worker controls the page (the first load is not controlled). */
export async function openControlled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

export async function enroll(page: Page, code: string, name = 'Máy quầy 1'): Promise<void> {
  await page.fill('#enroll-code', code);
  await page.fill('#enroll-name', name);
  await page.click('form button[type=submit]');
  await page.waitForSelector('#signin-pin');
}

export async function signIn(page: Page, userName: string, pin: string): Promise<void> {
  await page.waitForSelector('#signin-pin');
  await page.selectOption('#signin-user', { label: userName });
  await page.fill('#signin-pin', pin);
  await page.click('form button[type=submit]');
  await page.waitForSelector('header.topbar');
}

export type IntakeInput = {
  procedure: string;
  name: string;
  idNumber?: string;
  phone?: string;
  outcome?: 'accepted' | 'incomplete' | 'refused';
  refusalReason?: string;
};

/** Fills and saves the intake form; returns the new dossier code (from the print page it lands on). */
export async function takeIn(page: Page, input: IntakeInput): Promise<string> {
  await page.click('header nav button:has-text("Tiếp nhận")');
  await page.fill('input[type=search]#intake-procedure', input.procedure);
  await page.click('.picker-list button >> nth=0');
  await page.fill('#intake-name', input.name);
  if (input.idNumber) await page.fill('#intake-id', input.idNumber);
  if (input.phone) await page.fill('#intake-phone', input.phone);
  if (input.outcome && input.outcome !== 'accepted') await page.check(`input[name=outcome][value=${input.outcome}]`);
  if (input.refusalReason) await page.fill('#intake-refusal', input.refusalReason);
  await page.click('form button[type=submit].primary');
  await page.waitForURL(/\/in\//);
  const code = decodeURIComponent(page.url().split('/').at(-1) ?? '');
  return code;
}

export async function openDossier(page: Page, code: string): Promise<void> {
  await page.click('header nav button:has-text("Hồ sơ")');
  await page.fill('#q-search', code);
  await page.click(`table.list tbody tr:has-text("${code}")`);
  await page.waitForSelector('[data-testid=dossier-code]');
}

/** Runs a lifecycle action from the dossier page's dialog. */
export async function act(page: Page, action: string, fill: Record<string, string> = {}): Promise<void> {
  // the last action's dialog may still be closing on a busy machine: its submit button must not be the one clicked below
  await page.locator('dialog[open]').waitFor({ state: 'hidden' });
  await page.click(`.card button:has-text("${action}")`);
  await page.waitForSelector('dialog[open]');
  for (const [sel, value] of Object.entries(fill)) await page.fill(sel, value);
  await page.click('dialog[open] button[type=submit]');
}

/** True when a drop-down shows its chosen option's whole label (the text fits inside the box, arrow aside). */
export async function selectLabelFits(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, (el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const probe = document.createElement('span');
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    probe.textContent = select.selectedOptions[0]?.textContent ?? '';
    document.body.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    // the drop-down arrow takes about 20 px at the right
    return text <= select.clientWidth - parseFloat(style.paddingLeft) - 20;
  });
}
