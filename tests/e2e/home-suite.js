// The home page, the workshop plan and the tools every page shares (copy link, presenter view, workshop
// bar): the analyses in teaching order, a start-here path whose links keep workshop mode on, every page
// axe-clean and without sideways scrolling at 390 px, and the presenter view stepping by keyboard.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { axeViolations, launchBrowser, narrowLayout, offOriginRequests, openPage } from './support.js';

const ORDER = ['abtest.html', 'uplift.html', 'segment.html', 'budget.html', 'mmm.html', 'dcm.html', 'shapley.html'];
const TIMEOUT = 60_000;

/** @param {{label: string, startServer: () => Promise<{origin, close}>}} mode */
export function homeSuite({ label, startServer }) {
  describe(`Home, workshop and page tools, ${label}`, () => {
    let server;
    let browser;
    before(async () => {
      server = await startServer();
      browser = await launchBrowser();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('lists the analyses in teaching order with a start-here path; home and workshop pages pass axe and fit 390 px', async () => {
      const { context, page, requests, errors } = await openPage(browser);
      await page.goto(`${server.origin}/index.html`);
      const cards = await page.locator('.path-cards a.card').evaluateAll((as) => as.map((a) => a.getAttribute('href').replace('./', '')));
      assert.deepEqual(cards, ORDER);
      assert.deepEqual(await axeViolations(page), []);
      await page.click('#start-here');
      await page.waitForURL(/workshop\.html/);
      const stops = await page.locator('#path > li').evaluateAll((lis) => lis.map((li) => li.dataset.page));
      assert.deepEqual(stops, ORDER);
      const links = await page.locator('#path a, .exercise-link').evaluateAll((as) => as.map((a) => a.href));
      assert.ok(links.length >= ORDER.length + 3);
      for (const href of links) assert.equal(new URL(href).searchParams.get('workshop'), '1', `${href} keeps workshop mode`);
      assert.deepEqual(await axeViolations(page), []);
      for (const file of ['index.html', 'workshop.html']) {
        const layout = await narrowLayout(browser, `${server.origin}/${file}`, 'h1');
        assert.ok(layout.overflow <= 0, `${file} scrolls sideways by ${layout.overflow} px at 390 px`);
      }
      assert.deepEqual(offOriginRequests(requests, server.origin), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    it('walks the workshop path with its bar, and the presenter view shows one step per screen by keyboard', async () => {
      const { context, page, errors } = await openPage(browser);
      await page.goto(`${server.origin}/abtest.html?workshop=1`);
      await page.waitForSelector('.workshop-bar a[rel="next"]');
      assert.match(await page.locator('.workshop-bar .where').textContent(), /step 1 of 7/);
      await page.click('.workshop-bar a[rel="next"]');
      await page.waitForURL(/uplift\.html\?workshop=1/);
      await page.waitForSelector('#answer .value', { timeout: TIMEOUT });

      // Presenter view: the story first, then each step; Esc leaves.
      const visible = () => page.locator('main .story, main .steps > .step').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height > 0).map((e) => e.id || e.className));
      const slides = await page.locator('main .story, main .steps > .step').count();
      assert.ok(slides >= 4, `story and at least 3 steps (got ${slides})`);
      await page.click('#present');
      assert.deepEqual(await visible(), ['story']);
      await page.keyboard.press('ArrowRight');
      const second = await visible();
      assert.equal(second.length, 1);
      assert.notDeepEqual(second, ['story']);
      assert.match(await page.locator('#presenter-counter').textContent(), new RegExp(`^2 / ${slides}$`));
      await page.keyboard.press('ArrowLeft');
      assert.deepEqual(await visible(), ['story']);
      await page.keyboard.press('Escape');
      assert.ok((await visible()).length >= 4, 'Esc shows the whole page again');

      // Copy link: the URL of this view (the page's choices are in it).
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
      await page.click('#copy-link');
      assert.equal(await page.locator('#copy-link').getAttribute('data-copied'), page.url());
      assert.deepEqual(errors, []);
      await context.close();
    });
  });
}
