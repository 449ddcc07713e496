import { expect, test } from './fixtures/extension.fixture.ts';
import { OptionsPage } from './pages/options.page.ts';

test('the extension loads with its pinned id and its options page shows the running background', async ({
  extension,
}) => {
  // The manifest key pins the id, and with it the OAuth redirect URL registered with X.
  expect(extension.extensionId).toBe('jcbiihdldjopkchahekpmoepchfohbgm');

  const options = await OptionsPage.open(extension.context, extension.extensionId);
  await expect(options.heading()).toHaveText('StatusNet–X Bridge');
  await expect(options.healthStatus()).toContainText('Background running since');
  await expect(options.activityLog()).toContainText('The bridge was installed.');
});

test('the background records each start in IndexedDB across a browser restart', async ({
  extension,
}) => {
  const first = await OptionsPage.open(extension.context, extension.extensionId);
  await expect(first.healthStatus()).toContainText('first start');

  await extension.restart();

  const second = await OptionsPage.open(extension.context, extension.extensionId);
  await expect(second.healthStatus()).toContainText('2 starts');
});
